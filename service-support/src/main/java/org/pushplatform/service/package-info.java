/**
 * What every service beside the gateway does alike: Kafka topics made at start, records sent with Kafka's
 * acknowledgement, and telling a passing PostgreSQL failure from a lasting one. Plain classes; each service brings
 * the extensions they build on.
 */
package org.pushplatform.service;
