package org.pushplatform.routing.pubsub;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.pushplatform.contract.Envelope;
import org.pushplatform.routing.app.AppService;
import org.pushplatform.routing.delivery.Target;
import org.pushplatform.routing.delivery.SessionDelivery;
import org.pushplatform.routing.ownership.SessionPartitions;
import org.pushplatform.routing.presence.ClientConnection;
import org.pushplatform.routing.presence.ConnectionRegistry;
import org.pushplatform.routing.presence.GatewayLiveness;
import org.pushplatform.routing.presence.LiveConnectionStore;

/** The pubsub events: connect_v2, subscribe, unsubscribe, publish and publish2. Runs on the session's owner. */
@ApplicationScoped
public class PubsubService {

    private static final Logger LOG = Logger.getLogger(PubsubService.class);

    private final AppService apps;
    private final SessionRepository sessions;
    private final SubscriptionRepository subscriptions;
    private final ConnectionRegistry connections;
    private final LiveConnectionStore liveConnections;
    private final SessionPartitions partitions;
    private final SessionDelivery delivery;
    private final Deliveries deliveries;
    private final PublishService publishing;
    private final TopicPresence presence;
    private final GatewayLiveness liveness;

    public PubsubService(AppService apps, SessionRepository sessions, SubscriptionRepository subscriptions,
                         ConnectionRegistry connections, LiveConnectionStore liveConnections, SessionPartitions partitions,
                         SessionDelivery delivery, Deliveries deliveries, PublishService publishing, TopicPresence presence,
                         GatewayLiveness liveness) {
        this.liveness = liveness;
        this.apps = apps;
        this.sessions = sessions;
        this.subscriptions = subscriptions;
        this.connections = connections;
        this.liveConnections = liveConnections;
        this.partitions = partitions;
        this.delivery = delivery;
        this.deliveries = deliveries;
        this.publishing = publishing;
        this.presence = presence;
    }

    /**
     * Binds the connection to the session appkey + customid (the gateway adds a customid when the client gave
     * none), answers connack, then sends what the session missed.
     */
    public Uni<Void> connect(Envelope frame) {
        FrameFields fields = FrameFields.of(frame.payload(), false);
        String appkey = fields.requiredText("appkey", 64);
        String customid = fields.optionalText("customid", FrameFields.MAX_ID_LENGTH).orElseGet(() -> UUID.randomUUID().toString());
        return apps.findByAppkey(appkey).flatMap(app -> {
            if (app == null) {
                LOG.infof("[%s] connect_v2 refused: unknown appkey", frame.connectionId());
                reply(frame, "connack", PubsubReplies.failure("unknown appkey", null));
                return Uni.createFrom().voidItem();
            }
            return Panache.withTransaction(() -> findOrCreateSession(appkey, customid))
                .flatMap(session -> bind(frame, new ClientConnection(frame.connectionId(), frame.nodeId(), appkey,
                    session.sessionId, partitions.partitionOf(appkey, customid))));
        });
    }

    /** Records the connection, answers connack, then sends what the session missed. */
    private Uni<Void> bind(Envelope frame, ClientConnection connection) {
        return liveConnections.save(connection, liveness.bootIdOf(frame.nodeId())).invoke(() -> {
            // a partition taken away meanwhile: its new owner finds the connection in PostgreSQL
            if (partitions.owns(connection.partition())) {
                connections.bind(connection);
            }
            LOG.debugf("[%s] connected to app %s as session %s", frame.connectionId(), connection.appkey(), connection.sessionId());
            reply(frame, "connack", PubsubReplies.connack(connection.sessionId()));
        }).flatMap(saved -> delivery.redeliver(connection)).invoke(missed -> {
            if (missed > 0) {
                LOG.debugf("[%s] %d stored messages sent again", frame.connectionId(), missed);
            }
        }).replaceWithVoid();
    }

    public Uni<Void> subscribe(Envelope frame, ClientConnection client) {
        FrameFields fields = FrameFields.of(frame.payload(), false);
        String messageId = fields.messageId().orElseGet(MessageIds::next);
        String topic = fields.topic();
        var key = new Subscription.Key(client.appkey(), topic, client.sessionId());
        return Panache.withTransaction(() -> subscriptions.findById(key).flatMap(existing -> {
            if (existing != null) {
                return Uni.createFrom().item(false);
            }
            Subscription subscription = new Subscription();
            subscription.appkey = key.appkey();
            subscription.topic = key.topic();
            subscription.sessionId = key.sessionId();
            subscription.createdAt = OffsetDateTime.now();
            return subscriptions.persist(subscription).replaceWith(true);
        })).call(added -> {
            reply(frame, "suback", PubsubReplies.subscriptionAck(true, null, topic, messageId));
            return added ? presence.subscriptionChanged(client, topic, "join") : Uni.createFrom().voidItem();
        }).replaceWithVoid();
    }

    public Uni<Void> unsubscribe(Envelope frame, ClientConnection client) {
        FrameFields fields = FrameFields.of(frame.payload(), false);
        String messageId = fields.messageId().orElseGet(MessageIds::next);
        String topic = fields.topic();
        var key = new Subscription.Key(client.appkey(), topic, client.sessionId());
        return Panache.withTransaction(() -> subscriptions.deleteById(key)).call(removed -> {
            reply(frame, "unsuback", PubsubReplies.subscriptionAck(true, null, topic, messageId));
            return removed ? presence.subscriptionChanged(client, topic, "leave") : Uni.createFrom().voidItem();
        }).replaceWithVoid();
    }

    /** Every subscriber of the topic in the app, on any node, gets {@code message {topic, msg}}. */
    public Uni<Void> publish(Envelope frame, ClientConnection client, boolean optionsInOpts) {
        PublishRequest request = PublishRequest.toTopic(frame.payload(), optionsInOpts);
        return publishing.toTopic(client.appkey(), request, frame.messageId(), publisherOf(client))
            .invoke(() -> reply(frame, "puback", PubsubReplies.puback(request.messageId())))
            .replaceWithVoid();
    }

    /** The publishing session, to be told by recvack who received first. */
    static Target publisherOf(ClientConnection client) {
        return new Target(client.sessionId(), client.partition());
    }

    private Uni<PubsubSession> findOrCreateSession(String appkey, String customid) {
        return sessions.findByCustomid(appkey, customid).onItem().ifNull().switchTo(() -> {
            PubsubSession session = new PubsubSession();
            session.sessionId = appkey + "-" + UUID.randomUUID();
            session.appkey = appkey;
            session.customid = customid;
            session.createdAt = OffsetDateTime.now();
            return sessions.persist(session);
        });
    }

    private void reply(Envelope frame, String event, List<JsonNode> args) {
        deliveries.reply(frame, event, args);
    }
}
