package org.pushplatform.routing.presence;

/**
 * One client connection on one gateway node.
 *
 * @param appkey    null until the client has connected to an app
 * @param sessionId null until the client has connected to an app
 */
public record ClientConnection(String connectionId, String nodeId, String appkey, String sessionId) {

    public boolean isBound() {
        return sessionId != null;
    }

    public ClientConnection boundTo(String appkey, String sessionId) {
        return new ClientConnection(connectionId, nodeId, appkey, sessionId);
    }
}
