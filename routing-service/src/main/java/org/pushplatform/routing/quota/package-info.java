/**
 * Per-app quotas for every API: live connections, stored messages and their bytes, checked against usage counted
 * in PostgreSQL every few seconds plus what this instance added since.
 */
package org.pushplatform.routing.quota;
