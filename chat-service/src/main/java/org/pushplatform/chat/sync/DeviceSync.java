package org.pushplatform.chat.sync;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.pushplatform.chat.accounts.AccountStore;
import org.pushplatform.chat.accounts.ConnectionStore;
import org.pushplatform.chat.config.ChatConfig;
import org.pushplatform.chat.conversations.MessagePayloads;
import org.pushplatform.chat.conversations.MessageStore;
import org.pushplatform.chat.groups.GroupEvents;
import org.pushplatform.chat.messaging.ChatNudges;
import org.pushplatform.chat.messaging.CoreCommands;
import org.pushplatform.contract.ChatApi;
import org.pushplatform.contract.delivery.Ack;
import org.pushplatform.contract.delivery.Deliver;
import org.pushplatform.contract.delivery.DeliveryRecord;

/**
 * Sends each connection of an account the messages pending for it, in each conversation's order: everything its
 * device missed when it connects, then what arrives while it is connected. Each goes to the connection itself, written
 * at most once there, with a write receipt asked for; the receipt moves the device's delivered position
 * ({@link OutcomeConsumer}). What was sent is recorded after it is sent: a crash in between sends it again, which the
 * gateway writes no second time. A message is not sent to the connection, or the named device, that sent it. A message is
 * not sent back to the connection it came from, and counts as delivered to that device. At most a batch per
 * conversation is sent at a time; the rest follows on news this sends itself.
 */
@ApplicationScoped
public class DeviceSync {

    /** The requester of chat's deliveries: {@code chat:<account>/<device>}, so that an outcome names the device. */
    static final String REQUESTER_PREFIX = "chat:";
    static final String NEW_MESSAGE = "new message";

    private final DevicePositions positions;
    private final CoreCommands core;
    private final ChatNudges nudges;
    private final MeterRegistry metrics;
    private final int batch;

    public DeviceSync(DevicePositions positions, CoreCommands core, ChatNudges nudges, MeterRegistry metrics, ChatConfig config) {
        this.positions = positions;
        this.core = core;
        this.nudges = nudges;
        this.metrics = metrics;
        this.batch = config.chat().syncBatch();
    }

    /** Connections that just authenticated: their devices recorded, then what each missed sent to it. */
    public Uni<Void> connected(List<ConnectionStore.Authenticated> connections) {
        if (connections.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<String> ids = connections.stream().map(ConnectionStore.Authenticated::connectionId).toList();
        return positions.register(connections).flatMap(registered -> positions.pendingForConnections(ids, batch)).flatMap(this::send);
    }

    /** Conversations with news for accounts: what their connections do not have yet, sent to them. */
    public Uni<Void> news(List<ChatNudges.News> news) {
        if (news.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return positions.pendingForNews(news, batch).flatMap(this::send);
    }

    private Uni<Void> send(List<DevicePositions.Pending> pending) {
        if (pending.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<DeliveryRecord> deliveries = new ArrayList<>(pending.size());
        List<DevicePositions.Has> own = new ArrayList<>();
        Map<String, DevicePositions.Sent> sent = new LinkedHashMap<>();
        Map<String, Integer> perConversation = new LinkedHashMap<>();
        List<ChatNudges.News> more = new ArrayList<>();
        for (DevicePositions.Pending p : pending) {
            ConnectionStore.Authenticated to = p.to();
            String pair = to.connectionId() + ' ' + p.conversationId();
            sent.put(pair, new DevicePositions.Sent(to.connectionId(), p.conversationId(), p.seq()));
            if (perConversation.merge(pair, 1, Integer::sum) == batch) {
                more.add(new ChatNudges.News(to.app(), to.accountId(), p.conversationId()));
            }
            if (p.sentByIt()) {
                own.add(new DevicePositions.Has(to.app(), to.accountId(), to.device(), p.conversationId(), p.seq()));
            } else {
                deliveries.add(deliveryOf(p));
            }
        }
        metrics.counter("push_chat_messages_synced_total").increment(deliveries.size());
        return core.send(deliveries)
            .call(() -> positions.sent(List.copyOf(sent.values())))
            .call(() -> positions.has(own))
            .call(() -> nudges.send(more));
    }

    /** The seed's {@code new message} or {@code new group message}, to the connection, with a write receipt asked for. */
    static Deliver deliveryOf(DevicePositions.Pending p) {
        ConnectionStore.Authenticated to = p.to();
        var stored = new MessageStore.Stored(p.messageId(), p.seq(), p.time(), false);
        var sender = new AccountStore.Account(to.app(), p.sender(), p.senderName(), p.senderAvatar());
        ObjectNode body = (ObjectNode) p.body();
        ObjectNode event;
        String name;
        if (p.direct()) {
            // to the receiver, or to the sender's other devices: "to" is the receiver either way
            event = MessagePayloads.delivered(stored, sender, p.sender().equals(to.accountId()) ? p.peer() : to.accountId(), p.type(), body);
            name = NEW_MESSAGE;
        } else {
            var group = new MessagePayloads.GroupInfo(p.peer(), p.groupName() == null ? "" : p.groupName(),
                p.groupAvatar() == null ? "" : p.groupAvatar());
            event = MessagePayloads.groupDelivered(stored, sender, group, p.type(), body, p.push());
            name = GroupEvents.NEW_GROUP_MESSAGE;
        }
        // QoS 2 to a connection: written to it at most once, should an instance that took the account over send it again
        return new Deliver(to.address(), ChatApi.API, name, List.of(event), 2, null, Ack.RECEIPT, p.messageId(),
            REQUESTER_PREFIX + to.accountId() + '/' + to.device());
    }
}
