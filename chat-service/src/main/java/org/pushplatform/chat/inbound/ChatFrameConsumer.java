package org.pushplatform.chat.inbound;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.pushplatform.chat.accounts.ConnectionStore;
import org.pushplatform.chat.messaging.ChatFrame;
import org.pushplatform.chat.messaging.ChatNudges;
import org.pushplatform.chat.messaging.ChatReplies;
import org.pushplatform.chat.messaging.CoreCommands;
import org.pushplatform.chat.sync.DeviceSync;
import org.pushplatform.contract.ChatApi;
import org.pushplatform.contract.Envelope;
import org.pushplatform.contract.EnvelopeCodec;
import org.pushplatform.contract.EnvelopeTypes;
import org.pushplatform.contract.delivery.DeliveryRecord;
import org.pushplatform.service.Retries;

/**
 * Reads {@code push.in.chat} a poll at a time, keyed by account: new connections are checked together (one
 * statement) and sent what their devices missed, closed ones forgotten together, then each frame is handled in the
 * order its account sent it, under the connection's authenticated account (a frame of a connection that did not
 * authenticate is refused), and last the accounts' connections are sent what the poll's news says they lack.
 */
@ApplicationScoped
public class ChatFrameConsumer {

    private static final Logger LOG = Logger.getLogger(ChatFrameConsumer.class);
    private static final String FRAME_PREFIX = ChatApi.API + ".";
    /** How many accounts' frames of one poll are handled side by side (PostgreSQL's pool bounds it too). */
    private static final int ACCOUNTS_AT_ONCE = 32;
    static final String NOT_AUTHENTICATED = "not authenticated: connect with token and app in the query string";

    private final Handshakes handshakes;
    private final ConnectionStore connections;
    private final DirectMessages direct;
    private final GroupMessages groups;
    private final ReadPositions reads;
    private final SessionEvents sessions;
    private final InboxEvents inbox;
    private final CoreCommands core;
    private final DeviceSync sync;
    private final MeterRegistry metrics;

    public ChatFrameConsumer(Handshakes handshakes, ConnectionStore connections, DirectMessages direct, GroupMessages groups,
                             ReadPositions reads, SessionEvents sessions, InboxEvents inbox, CoreCommands core, DeviceSync sync,
                             MeterRegistry metrics) {
        this.inbox = inbox;
        this.sync = sync;
        this.groups = groups;
        this.sessions = sessions;
        this.handshakes = handshakes;
        this.connections = connections;
        this.direct = direct;
        this.reads = reads;
        this.core = core;
        this.metrics = metrics;
    }

    /** A poll's records, sorted into the steps they take. */
    private static final class Poll {
        final List<ChatFrame> opened = new ArrayList<>();
        final List<String> closed = new ArrayList<>();
        final List<ChatFrame> frames = new ArrayList<>();
        final List<ChatNudges.News> news = new ArrayList<>();
    }

    @Incoming("chat-in")
    public Uni<Void> consume(ConsumerRecords<String, String> records) {
        Poll poll = new Poll();
        for (ConsumerRecord<String, String> record : records) {
            try {
                sort(poll, new ChatFrame(EnvelopeCodec.decode(record.value())));
            } catch (EnvelopeCodec.MalformedEnvelopeException e) {
                metrics.counter("push_records_rejected_total", "topic", record.topic()).increment();
                LOG.warnf("[chat] dropped a record of %s that is not an envelope: %s", record.topic(), e.getMessage());
            }
        }
        return Retries.whileTransient(() -> handshakes.check(poll.opened), "chat handshakes")
            .call(() -> Retries.whileTransient(() -> connections.closed(poll.closed), "closed chat connections"))
            .call(() -> frames(poll.frames))
            .call(() -> Retries.whileTransient(() -> sync.news(poll.news), "chat news"));
    }

    private void sort(Poll poll, ChatFrame frame) {
        Envelope envelope = frame.envelope();
        String type = envelope.type();
        if (EnvelopeTypes.CONNECTION_OPENED.equals(type)) {
            poll.opened.add(frame);
        } else if (ChatNudges.NEWS.equals(type)) {
            ChatNudges.News news = ChatNudges.News.of(envelope);
            if (news != null) {
                poll.news.add(news);
            }
        } else if (EnvelopeTypes.CONNECTION_CLOSED.equals(type)) {
            poll.closed.add(envelope.connectionId());
        } else if (type.startsWith(FRAME_PREFIX) && ChatApi.CLIENT_EVENTS.contains(type.substring(FRAME_PREFIX.length()))) {
            poll.frames.add(frame);
        } else {
            metrics.counter("push_chat_records_ignored_total", "type", type).increment();
        }
    }

    /** Each frame in turn (an account's frames act in the order it sent them), its answers and events sent before the next. */
    private Uni<Void> frames(List<ChatFrame> frames) {
        if (frames.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<String> ids = frames.stream().map(ChatFrame::connectionId).distinct().toList();
        return Retries.whileTransient(() -> connections.find(ids), "chat connections").flatMap(authenticated -> {
            // one account's frames one after another, in the order it sent them; different accounts' side by side
            Map<String, List<ChatFrame>> byAccount = new LinkedHashMap<>();
            for (ChatFrame frame : frames) {
                ConnectionStore.Authenticated by = authenticated.get(frame.connectionId());
                String key = by == null ? "connection/" + frame.connectionId() : by.app() + '/' + by.accountId();
                byAccount.computeIfAbsent(key, k -> new ArrayList<>()).add(frame);
            }
            return Multi.createFrom().iterable(byAccount.values())
                .onItem().transformToUni(inOrder -> inOrder(inOrder, authenticated)).merge(ACCOUNTS_AT_ONCE)
                .collect().asList().replaceWithVoid();
        });
    }

    private Uni<Void> inOrder(List<ChatFrame> frames, Map<String, ConnectionStore.Authenticated> authenticated) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (ChatFrame frame : frames) {
            chain = chain.call(() -> handle(frame, authenticated).onFailure().recoverWithItem(failure -> failed(frame, failure))
                .flatMap(core::send));
        }
        return chain;
    }

    /** One frame that could not be handled is answered so, and counted; the frames after it go on. */
    private List<DeliveryRecord> failed(ChatFrame frame, Throwable failure) {
        metrics.counter("push_chat_frames_failed_total").increment();
        LOG.warnf("[%s] %s failed: %s", frame.connectionId(), frame.envelope().type(), failure.toString());
        boolean group = frame.envelope().type().equals(FRAME_PREFIX + ChatApi.SEND_GROUP_MESSAGE);
        return List.of(ChatReplies.error(frame, group ? GroupMessages.DATABASE_ERR : DirectMessages.DATABASE_ERROR));
    }

    private Uni<List<DeliveryRecord>> handle(ChatFrame frame, Map<String, ConnectionStore.Authenticated> authenticated) {
        String event = frame.envelope().type().substring(FRAME_PREFIX.length());
        ConnectionStore.Authenticated by = authenticated.get(frame.connectionId());
        if (by == null || !by.app().equals(frame.app())) {
            metrics.counter("push_chat_frames_refused_total", "reason", "not-authenticated").increment();
            return Uni.createFrom().item(List.of(ChatReplies.error(frame, NOT_AUTHENTICATED)));
        }
        metrics.counter("push_chat_frames_total", "event", event).increment();
        return switch (event) {
            case ChatApi.SEND_MESSAGE -> direct.send(frame, by);
            case ChatApi.SEND_GROUP_MESSAGE -> groups.send(frame, by);
            case ChatApi.GROUP_SHAKE -> groups.shake(frame, by);
            case ChatApi.UNREAD_COUNT -> reads.unreadCount(frame, by);
            case ChatApi.CLEAR_UNREAD -> reads.clearUnread(frame, by);
            case ChatApi.CLEAR_ALL_UNREAD -> reads.clearAllUnread(frame, by);
            case ChatApi.CURRENT_CHAT -> reads.currentChat(frame, by);
            case ChatApi.UPLOAD_TOKEN -> sessions.uploadToken(frame, by);
            case ChatApi.SHAKE -> sessions.shake(frame, by);
            case ChatApi.REMOVE_SESSION -> sessions.removeSession(frame, by);
            case ChatApi.VOICE_AS_READ -> sessions.voiceAsRead(frame, by);
            case ChatApi.OPERATE -> sessions.operate(frame, by);
            case ChatApi.INBOX_UNREAD -> inbox.inboxUnread(frame, by);
            case ChatApi.ALL_UNREAD -> inbox.allUnread(frame, by);
            case ChatApi.CLEAR_NOTIFICATION -> inbox.clearNotification(frame, by);
            default -> Uni.createFrom().item(List.of(ChatReplies.error(frame, "\"" + event + "\" is not available yet on this server")));
        };
    }
}
