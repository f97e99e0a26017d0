/** Kafka in and out of a gateway node: frames to the services, deliveries from routing. */
package org.pushplatform.gateway.messaging;
