package org.pushplatform.routing.delivery;

/** A session a message is for (or the session that published it), and the partition that owns it. */
public record Target(String sessionId, int partition) {
}
