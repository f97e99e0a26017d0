package org.pushplatform.chat.messaging;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.pushplatform.chat.accounts.ConnectionStore;
import org.pushplatform.contract.Envelope;
import org.pushplatform.contract.EnvelopeCodec;
import org.pushplatform.service.KafkaSends;

/**
 * Tells the owner of an account that a conversation of it has news: a {@value #NEWS} record on {@code push.in.chat},
 * keyed by the account like its connections' frames. Only the owner sends an account's devices their messages, so
 * what a device catches up on when it connects and what arrives live meanwhile go out in one order, once.
 */
@ApplicationScoped
public class ChatNudges {

    public static final String NEWS = "chat.news";
    private static final String CONVERSATION = "conversation";

    /** A conversation of an account with messages its connected devices may not have yet. */
    public record News(String app, String accountId, String conversationId) {

        public static News of(Envelope envelope) {
            String conversation = envelope.payload() == null ? null : envelope.payload().path(CONVERSATION).asText(null);
            return envelope.app() == null || envelope.identity() == null || conversation == null ? null
                : new News(envelope.app(), envelope.identity(), conversation);
        }
    }

    private final Emitter<String> emitter;
    private final ConnectionStore connections;

    public ChatNudges(@Channel("chat-nudges") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 65536) Emitter<String> emitter,
                      ConnectionStore connections) {
        this.emitter = emitter;
        this.connections = connections;
    }

    /**
     * News of messages stored (committed) before this call, to the accounts with a connection open: one with none has
     * nothing to be sent. No message is missed by one connecting meanwhile: a connection recorded after the lookup
     * catches up after it was recorded, so after the message was stored, and finds the message then.
     */
    public Uni<Void> sendToConnected(List<News> news) {
        if (news.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Set<ConnectionStore.AccountRef> accounts = new HashSet<>();
        news.forEach(n -> accounts.add(new ConnectionStore.AccountRef(n.app(), n.accountId())));
        return connections.connected(accounts).flatMap(connected -> send(news.stream()
            .filter(n -> connected.contains(new ConnectionStore.AccountRef(n.app(), n.accountId()))).toList()));
    }

    /** Completes when Kafka has one record for each distinct piece of news. */
    public Uni<Void> send(List<News> news) {
        if (news.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Uni<Void>> sent = new LinkedHashSet<>(news).stream().map(this::send).toList();
        return Uni.join().all(sent).andFailFast().replaceWithVoid();
    }

    private Uni<Void> send(News news) {
        Envelope envelope = new Envelope(Envelope.VERSION, NEWS, news.app(), null, null, news.accountId(), UUID.randomUUID().toString(),
            System.currentTimeMillis(), JsonNodeFactory.instance.objectNode().put(CONVERSATION, news.conversationId()));
        return KafkaSends.send(emitter, ChatReplies.account(news.app(), news.accountId()).key(), EnvelopeCodec.encode(envelope));
    }
}
