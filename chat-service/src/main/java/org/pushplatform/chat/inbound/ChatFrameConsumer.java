package org.pushplatform.chat.inbound;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

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
import org.pushplatform.chat.metrics.StepTimers;
import org.pushplatform.chat.messaging.CoreCommands;
import org.pushplatform.chat.sync.DeviceSync;
import org.pushplatform.contract.ChatApi;
import org.pushplatform.contract.Envelope;
import org.pushplatform.contract.EnvelopeCodec;
import org.pushplatform.contract.EnvelopeTypes;
import org.pushplatform.contract.delivery.DeliveryRecord;
import org.pushplatform.service.Retries;

/**
 * Reads {@code push.in.chat} a poll at a time, keyed by account: first the accounts' connections are sent what the
 * poll's news says they lack, then new connections are checked together (one statement) and sent what their devices
 * missed, closed ones forgotten together, then the frames, each account's in the order it sent them, under the
 * connection's authenticated account (a frame of a connection that did not authenticate is refused). Several
 * consumers per instance ({@code PUSH_CHAT_CONSUMERS}) each take their own partitions.
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
    private final StepTimers timers;

    public ChatFrameConsumer(Handshakes handshakes, ConnectionStore connections, DirectMessages direct, GroupMessages groups,
                             ReadPositions reads, SessionEvents sessions, InboxEvents inbox, CoreCommands core, DeviceSync sync,
                             MeterRegistry metrics, StepTimers timers) {
        this.timers = timers;
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
        metrics.summary("push_chat_poll_records").record(records.count());
        for (ConsumerRecord<String, String> record : records) {
            try {
                sort(poll, new ChatFrame(EnvelopeCodec.decode(record.value())));
                age(record);
            } catch (EnvelopeCodec.MalformedEnvelopeException e) {
                metrics.counter("push_records_rejected_total", "topic", record.topic()).increment();
                LOG.warnf("[chat] dropped a record of %s that is not an envelope: %s", record.topic(), e.getMessage());
            }
        }
        return timers.timed("poll", () -> handle(poll));
    }

    /**
     * News first: a message its device sent counts as that device's before one of its connections that opened after
     * it catches up (an account's news precedes the opening in its partition); then the openings, so that the frames
     * after them are of known connections.
     */
    private Uni<Void> handle(Poll poll) {
        return timers.timed("news", () -> Retries.whileTransient(() -> sync.news(poll.news), "chat news"))
            .call(() -> timers.timed("handshakes", () -> Retries.whileTransient(() -> handshakes.check(poll.opened), "chat handshakes")))
            .call(() -> timers.timed("closed", () -> Retries.whileTransient(() -> connections.closed(poll.closed), "closed chat connections")))
            .call(() -> timers.timed("frames", () -> frames(poll.frames)));
    }

    /** How long a record waited in Kafka before its poll: chat's lag, in time. */
    private void age(ConsumerRecord<String, String> record) {
        long age = System.currentTimeMillis() - record.timestamp();
        if (age >= 0) {
            metrics.timer("push_chat_record_age_seconds").record(age, TimeUnit.MILLISECONDS);
        }
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

    /**
     * The poll's frames, each account's in the order it sent them, different accounts' side by side, in rounds: first
     * every account's leading messages (1:1 and group) together, checked in few statements and stored in one
     * transaction each, then every account's next other frame; again until none is left. What they answer and send is
     * written to Kafka as it comes (one producer keeps each address's records in order); the poll completes when Kafka
     * has all of it.
     */
    private Uni<Void> frames(List<ChatFrame> frames) {
        if (frames.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<String> ids = frames.stream().map(ChatFrame::connectionId).distinct().toList();
        return Retries.whileTransient(() -> connections.find(ids), "chat connections").flatMap(authenticated -> {
            Map<String, Deque<ChatFrame>> byAccount = new LinkedHashMap<>();
            for (ChatFrame frame : frames) {
                ConnectionStore.Authenticated by = authenticated.get(frame.connectionId());
                String key = by == null ? "connection/" + frame.connectionId() : by.app() + '/' + by.accountId();
                byAccount.computeIfAbsent(key, k -> new ArrayDeque<>()).add(frame);
            }
            // added to as records are made, by callbacks that need not run on one thread
            List<CompletableFuture<Void>> written = Collections.synchronizedList(new ArrayList<>());
            return rounds(byAccount, authenticated, written)
                .flatMap(done -> Uni.createFrom().completionStage(CompletableFuture.allOf(written.toArray(CompletableFuture[]::new))))
                .replaceWithVoid();
        });
    }

    private Uni<Void> rounds(Map<String, Deque<ChatFrame>> byAccount, Map<String, ConnectionStore.Authenticated> authenticated,
                             List<CompletableFuture<Void>> written) {
        byAccount.values().removeIf(Deque::isEmpty);
        if (byAccount.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<AuthenticatedFrame> direct = new ArrayList<>();
        List<AuthenticatedFrame> group = new ArrayList<>();
        List<ChatFrame> others = new ArrayList<>();
        for (Deque<ChatFrame> frames : byAccount.values()) {
            while (!frames.isEmpty() && isMessage(frames.peek(), authenticated)) {
                ChatFrame frame = frames.poll();
                var sent = new AuthenticatedFrame(frame, authenticated.get(frame.connectionId()));
                (frame.envelope().type().equals(FRAME_PREFIX + ChatApi.SEND_MESSAGE) ? direct : group).add(sent);
                metrics.counter("push_chat_frames_total", "event", event(frame)).increment();
            }
            if (!frames.isEmpty()) {
                others.add(frames.poll()); // after this round's messages, as the account sent it
            }
        }
        Uni<Object> messages = timers.timed("messages", () -> Uni.combine().all()
            .unis(batch(direct, this.direct::sendAll, DirectMessages.DATABASE_ERROR), batch(group, groups::sendAll, GroupMessages.DATABASE_ERR))
            .with((d, g) -> {
                written.add(write(d));
                written.add(write(g));
                return null;
            }));
        return messages.flatMap(done -> Multi.createFrom().iterable(others)
                .onItem().transformToUni(frame -> timers.timed("handle", () -> handle(frame, authenticated))
                    .onFailure().recoverWithItem(failure -> failed(frame, failure))
                    .invoke(records -> written.add(write(records))))
                .merge(ACCOUNTS_AT_ONCE)
                .collect().asList())
            .flatMap(done -> rounds(byAccount, authenticated, written));
    }

    /** A 1:1 or group message of an authenticated connection: these are handled a round's worth at a time. */
    private static boolean isMessage(ChatFrame frame, Map<String, ConnectionStore.Authenticated> authenticated) {
        String type = frame.envelope().type();
        ConnectionStore.Authenticated by = authenticated.get(frame.connectionId());
        return by != null && by.app().equals(frame.app())
            && (type.equals(FRAME_PREFIX + ChatApi.SEND_MESSAGE) || type.equals(FRAME_PREFIX + ChatApi.SEND_GROUP_MESSAGE));
    }

    /** A round's messages of one kind; should the batch fail as a whole, each is answered with the seed's error. */
    private Uni<List<DeliveryRecord>> batch(List<AuthenticatedFrame> frames, Function<List<AuthenticatedFrame>, Uni<List<DeliveryRecord>>> send,
                                            String error) {
        if (frames.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return send.apply(frames).onFailure().recoverWithItem(failure -> {
            metrics.counter("push_chat_frames_failed_total").increment(frames.size());
            LOG.warnf("%d messages failed: %s", frames.size(), failure.toString());
            return frames.stream().map(f -> (DeliveryRecord) ChatReplies.error(f.frame(), error)).toList();
        });
    }

    private CompletableFuture<Void> write(List<DeliveryRecord> records) {
        return core.send(records).subscribeAsCompletionStage();
    }

    private static String event(ChatFrame frame) {
        return frame.envelope().type().substring(FRAME_PREFIX.length());
    }

    /** One frame that could not be handled is answered so, and counted; the frames after it go on. */
    private List<DeliveryRecord> failed(ChatFrame frame, Throwable failure) {
        metrics.counter("push_chat_frames_failed_total").increment();
        LOG.warnf("[%s] %s failed: %s", frame.connectionId(), frame.envelope().type(), failure.toString());
        // messages fail in their batch (batch()); what reaches here is any other frame
        return List.of(ChatReplies.error(frame, DirectMessages.DATABASE_ERROR));
    }

    private Uni<List<DeliveryRecord>> handle(ChatFrame frame, Map<String, ConnectionStore.Authenticated> authenticated) {
        String event = event(frame);
        ConnectionStore.Authenticated by = authenticated.get(frame.connectionId());
        if (by == null || !by.app().equals(frame.app())) {
            metrics.counter("push_chat_frames_refused_total", "reason", "not-authenticated").increment();
            return Uni.createFrom().item(List.of(ChatReplies.error(frame, NOT_AUTHENTICATED)));
        }
        metrics.counter("push_chat_frames_total", "event", event).increment();
        return switch (event) {
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
