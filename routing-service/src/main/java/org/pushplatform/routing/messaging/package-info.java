/** Kafka out of the routing service: deliveries to gateway nodes, the repartition step, commands, outcomes and integration events. */
package org.pushplatform.routing.messaging;
