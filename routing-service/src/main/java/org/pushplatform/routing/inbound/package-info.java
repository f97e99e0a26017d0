/** Kafka into the routing service: client frames and receipts from gateways, delivery commands, heartbeats. */
package org.pushplatform.routing.inbound;
