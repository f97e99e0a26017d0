/** Identities of every API and their durable topic subscriptions, in PostgreSQL. */
package org.pushplatform.routing.identity;
