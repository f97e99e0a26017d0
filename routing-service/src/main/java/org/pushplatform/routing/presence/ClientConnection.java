package org.pushplatform.routing.presence;

/**
 * One client connection on one gateway node, bound to a session.
 *
 * @param partition the partition that owns the session
 */
public record ClientConnection(String connectionId, String nodeId, String appkey, String sessionId, int partition) {
}
