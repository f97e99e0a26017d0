package org.pushplatform.gateway.chat;

import java.util.List;
import java.util.Map;
import java.util.Set;

import com.corundumstudio.socketio.SocketIOClient;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import jakarta.enterprise.context.ApplicationScoped;
import org.pushplatform.contract.ChatApi;
import org.pushplatform.contract.delivery.Address;
import org.pushplatform.contract.delivery.IdentityKinds;
import org.pushplatform.gateway.session.LocalConnection;
import org.pushplatform.gateway.socketio.SocketIoApiAdapter;

/**
 * The chat API on Socket.IO (port 3002). The handshake's query names the app ({@code app}) and the account's client
 * token ({@code token}, {@code <accountId>.<secret>}): the connection is the app's, and its frames go to chat-service
 * keyed by the account, which checks the secret. A handshake without the pair is told why ({@code error {error}}) and
 * closed here.
 */
@ApplicationScoped
public class ChatSocketIoAdapter implements SocketIoApiAdapter {

    static final String NEEDS_TOKEN_AND_APP = "token and app are required in the query string: ?token=<token>&app=<appKey>";
    private static final int MAX_APP = 64;

    @Override
    public String api() {
        return ChatApi.API;
    }

    @Override
    public Set<String> clientEvents() {
        return ChatApi.CLIENT_EVENTS;
    }

    /** Every event answers its ack callback with the seed's result convention, from chat-service. */
    @Override
    public boolean answersAcks() {
        return true;
    }

    @Override
    public void fromHandshake(LocalConnection connection, Map<String, List<String>> query) {
        if (connection.hasSession()) {
            // keyed already: the listener asks again for each frame of a connection without a push-server token
            return;
        }
        String app = first(query, "app");
        String account = ChatApi.accountOfToken(first(query, "token"));
        if (app != null && app.length() <= MAX_APP && account != null) {
            connection.claimApp(app);
            connection.switchIdentityKey(new Address.Identity(app, IdentityKinds.CHAT_ACCOUNT, account).key());
        }
    }

    @Override
    public void connected(SocketIOClient client) {
        Map<String, List<String>> query = client.getHandshakeData().getUrlParams();
        String app = first(query, "app");
        if (app == null || app.length() > MAX_APP || ChatApi.accountOfToken(first(query, "token")) == null) {
            client.sendEvent("error", JsonNodeFactory.instance.objectNode().put("error", NEEDS_TOKEN_AND_APP));
            client.disconnect();
        }
    }

    private static String first(Map<String, List<String>> query, String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() || values.get(0).isEmpty() ? null : values.get(0);
    }
}
