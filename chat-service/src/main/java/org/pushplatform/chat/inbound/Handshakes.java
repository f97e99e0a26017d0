package org.pushplatform.chat.inbound;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.pushplatform.chat.accounts.AccountStore;
import org.pushplatform.chat.accounts.ConnectionStore;
import org.pushplatform.chat.messaging.ChatFrame;
import org.pushplatform.chat.messaging.ChatReplies;
import org.pushplatform.chat.messaging.CoreCommands;
import org.pushplatform.chat.sync.DeviceSync;
import org.pushplatform.contract.ChatApi;
import org.pushplatform.contract.delivery.ControlCommands;
import org.pushplatform.contract.delivery.DeliveryRecord;

/**
 * Checks the {@code token} and {@code app} of a poll's new connections together (one statement): a connection whose
 * token is valid for that app is recorded with the device it names ({@code device}, optional), bound to its account
 * in the core (so that the account's events reach it) and sent what its device missed; any other is told
 * {@code error {error}} and disconnected.
 */
@ApplicationScoped
public class Handshakes {

    private static final Logger LOG = Logger.getLogger(Handshakes.class);
    static final String REFUSED = "token not valid for this app: ask your app's backend for a new one";
    static final String BAD_DEVICE = "device must be 1 to 32 letters, digits, '.', '_' or '-'";
    private static final java.util.regex.Pattern DEVICE = java.util.regex.Pattern.compile("[A-Za-z0-9._-]{1,32}");
    /** The device of the connections that name none: they share one delivered position. */
    static final String UNNAMED_DEVICE = "";

    private final AccountStore accounts;
    private final ConnectionStore connections;
    private final CoreCommands core;
    private final DeviceSync sync;
    private final MeterRegistry metrics;

    public Handshakes(AccountStore accounts, ConnectionStore connections, CoreCommands core, DeviceSync sync, MeterRegistry metrics) {
        this.sync = sync;
        this.accounts = accounts;
        this.connections = connections;
        this.core = core;
        this.metrics = metrics;
    }

    public Uni<Void> check(List<ChatFrame> opened) {
        List<AccountStore.Presented> presented = new ArrayList<>();
        for (ChatFrame frame : opened) {
            presented.add(presentedBy(frame));
        }
        return accounts.valid(presented.stream().filter(p -> p != null).toList()).flatMap(valid -> {
            List<ConnectionStore.Authenticated> authenticated = new ArrayList<>();
            List<DeliveryRecord> commands = new ArrayList<>();
            for (int i = 0; i < opened.size(); i++) {
                ChatFrame frame = opened.get(i);
                AccountStore.Presented token = presented.get(i);
                String device = deviceOf(frame);
                String refusal = token == null || !valid.contains(token) ? REFUSED : device == null ? BAD_DEVICE : null;
                metrics.counter("push_chat_handshakes_total", "outcome", refusal == null ? "ok" : "refused").increment();
                if (refusal == null) {
                    authenticated.add(new ConnectionStore.Authenticated(frame.connectionId(), token.app(), token.accountId(),
                        frame.envelope().nodeId(), device));
                    commands.add(new ControlCommands.BindIdentity(frame.connection(), ChatReplies.account(token.app(), token.accountId()),
                        ChatApi.API));
                } else {
                    LOG.infof("[%s] chat handshake refused: %s", frame.connectionId(), refusal);
                    commands.add(ChatReplies.toConnection(frame.connection(), "error", ChatReplies.errorOf(refusal)));
                    commands.add(new ControlCommands.Disconnect(frame.connection(), refusal == REFUSED ? "token not valid" : "device not valid"));
                }
            }
            return connections.opened(authenticated).call(() -> core.send(commands)).call(() -> sync.connected(authenticated));
        });
    }

    /** The token the handshake's query string carries, with the app it names; null when either is missing. */
    private static AccountStore.Presented presentedBy(ChatFrame frame) {
        JsonNode query = frame.payload() == null ? null : frame.payload().path("query");
        if (query == null || frame.app() == null) {
            return null;
        }
        String app = first(query, "app");
        return app == null || !app.equals(frame.app()) ? null : AccountStore.Presented.of(app, first(query, "token"));
    }

    /** The device the handshake names, {@value #UNNAMED_DEVICE} for none; null when what it names cannot be one. */
    private static String deviceOf(ChatFrame frame) {
        JsonNode query = frame.payload() == null ? null : frame.payload().path("query");
        String device = query == null ? null : first(query, "device");
        if (device == null || device.isEmpty()) {
            return UNNAMED_DEVICE;
        }
        return DEVICE.matcher(device).matches() ? device : null;
    }

    private static String first(JsonNode query, String name) {
        JsonNode values = query.path(name);
        return values.isArray() && !values.isEmpty() ? values.get(0).asText(null) : null;
    }
}
