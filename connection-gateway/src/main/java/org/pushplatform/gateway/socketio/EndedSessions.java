package org.pushplatform.gateway.socketio;

import java.util.Collections;
import java.util.Set;
import java.util.WeakHashMap;

import com.corundumstudio.socketio.SocketIOClient;
import com.corundumstudio.socketio.handler.ClientHead;
import com.corundumstudio.socketio.namespace.Namespace;
import com.corundumstudio.socketio.transport.NamespaceClient;

/**
 * The Engine.IO sessions whose Socket.IO connection has disconnected. netty-socketio connects the namespace again for
 * a poll of such a session (the client's last GET racing its disconnect packet, which ends the session in the
 * library's registry): nothing would ever disconnect that connection, so it would stay counted here and present in
 * routing. A connect of an ended session is recognised here and ended at once. Weak keys: gone with the session.
 */
final class EndedSessions {

    private final Set<ClientHead> ended = Collections.newSetFromMap(Collections.synchronizedMap(new WeakHashMap<>()));

    /** Marks the session ended; a connect of it that slipped in before this disconnect was told is ended too. */
    void ended(SocketIOClient client) {
        if (!(client instanceof NamespaceClient namespaceClient)) {
            return;
        }
        ClientHead session = namespaceClient.getBaseClient();
        ended.add(session);
        for (Namespace namespace : session.getNamespaces()) {
            NamespaceClient late = session.getChildClient(namespace);
            if (late != null && late != namespaceClient) {
                late.onDisconnect();
            }
        }
    }

    /** Whether this connect belongs to a session that ended already; if so it is disconnected in the library too. */
    boolean endedAlready(SocketIOClient client) {
        if (client instanceof NamespaceClient namespaceClient && ended.contains(namespaceClient.getBaseClient())) {
            namespaceClient.onDisconnect();
            return true;
        }
        return false;
    }
}
