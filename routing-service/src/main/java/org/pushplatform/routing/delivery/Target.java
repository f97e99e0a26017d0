package org.pushplatform.routing.delivery;

/** A session a message is for, and the partition that owns it. */
public record Target(String sessionId, int partition) {
}
