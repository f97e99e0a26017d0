/** Kafka in and out of the routing service: client frames from gateways, deliveries to gateway nodes. */
package org.pushplatform.routing.messaging;
