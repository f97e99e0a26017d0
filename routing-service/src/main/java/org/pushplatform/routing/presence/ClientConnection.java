package org.pushplatform.routing.presence;

/**
 * One client connection on one gateway node, bound to an identity.
 *
 * @param identityRef the identity's ref (pubsub's session id)
 * @param partition   the partition that owns the identity
 * @param api         the wire API the client speaks: deliveries of other APIs never reach it
 */
public record ClientConnection(String connectionId, String nodeId, String app, String identityRef, int partition, String api) {
}
