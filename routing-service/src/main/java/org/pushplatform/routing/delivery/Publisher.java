package org.pushplatform.routing.delivery;

/**
 * The session that published a message, to be told by {@code recvack} who received it first. Messages from the
 * REST API or Kafka have none.
 */
public record Publisher(String sessionId, int partition) {
}
