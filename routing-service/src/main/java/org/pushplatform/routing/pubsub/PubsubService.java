package org.pushplatform.routing.pubsub;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.pushplatform.contract.Envelope;
import org.pushplatform.contract.SessionKeys;
import org.pushplatform.contract.delivery.Address;
import org.pushplatform.contract.delivery.IdentityKinds;
import org.pushplatform.routing.app.App;
import org.pushplatform.routing.app.AppService;
import org.pushplatform.routing.app.ConnectSignature;
import org.pushplatform.routing.config.RoutingConfig;
import org.pushplatform.routing.delivery.Bindings;
import org.pushplatform.routing.delivery.ConnectionDelivery;
import org.pushplatform.routing.delivery.Target;
import org.pushplatform.routing.identity.TopicSubscriptionRepository;
import org.pushplatform.routing.messaging.MessageIds;
import org.pushplatform.routing.presence.ClientConnection;

/**
 * The pubsub events connect_v2, subscribe and unsubscribe (publishing is {@link PublishFrames}). A session is the core's identity of
 * kind {@code session} with the customid as its id. Runs on the session's owner.
 */
@ApplicationScoped
public class PubsubService {

    private static final Logger LOG = Logger.getLogger(PubsubService.class);

    private final AppService apps;
    private final Bindings bindings;
    private final TopicSubscriptionRepository subscriptions;
    private final ConnectionDelivery delivery;
    private final Deliveries deliveries;
    private final TopicPresence presence;
    private final RoutingConfig config;
    private final MeterRegistry metrics;

    public PubsubService(AppService apps, Bindings bindings, TopicSubscriptionRepository subscriptions, ConnectionDelivery delivery,
                         Deliveries deliveries, TopicPresence presence, RoutingConfig config, MeterRegistry metrics) {
        this.metrics = metrics;
        this.config = config;
        this.apps = apps;
        this.bindings = bindings;
        this.subscriptions = subscriptions;
        this.delivery = delivery;
        this.deliveries = deliveries;
        this.presence = presence;
    }

    private static String signatureProblem(App app, Envelope frame, String customid) {
        JsonNode expires = frame.payload().path("expires");
        JsonNode sign = frame.payload().path("sign");
        return ConnectSignature.problemOf(app, customid, expires.canConvertToLong() ? expires.asLong() : null,
            sign.isTextual() ? sign.asText() : null, System.currentTimeMillis() / 1000);
    }

    /**
     * Binds the connection to the session appkey + customid (the gateway adds a customid when the client gave
     * none, and such a session expires soon after it closes), answers connack, then sends what the session missed.
     */
    public Uni<Void> connect(Envelope frame) {
        FrameFields fields = FrameFields.of(frame.payload(), false);
        String appkey = fields.requiredText("appkey", 64);
        Optional<String> named = fields.optionalText("customid", FrameFields.MAX_ID_LENGTH);
        boolean anonymous = named.isEmpty() || frame.payload().path(SessionKeys.GENERATED_CUSTOMID).asBoolean(false);
        String customid = named.orElseGet(() -> UUID.randomUUID().toString());
        return apps.findByAppkey(appkey).flatMap(app -> {
            if (app == null) {
                LOG.infof("[%s] connect_v2 refused: unknown appkey", frame.connectionId());
                reply(frame, "connack", PubsubReplies.failure("unknown appkey", null));
                return Uni.createFrom().voidItem();
            }
            String unsigned = app.signedConnect ? signatureProblem(app, frame, anonymous ? null : customid) : null;
            if (unsigned != null) {
                LOG.infof("[%s] connect_v2 refused: %s", frame.connectionId(), unsigned);
                metrics.counter("push_connects_refused_total", "reason", unsigned.equals(ConnectSignature.REQUIRED) ? "unsigned"
                    : unsigned.replace(' ', '-')).increment();
                reply(frame, "connack", PubsubReplies.failure(unsigned, null));
                return Uni.createFrom().voidItem();
            }
            return bindings.bind(new Address.Connection(appkey, frame.nodeId(), frame.connectionId()),
                    new Address.Identity(appkey, IdentityKinds.SESSION, customid), PublishService.API,
                    anonymous ? config.anonymousSessionExpiry() : config.sessionExpiry().orElse(null))
                .flatMap(bound -> {
                    if (bound.refusal() != null) {
                        LOG.infof("[%s] connect_v2 refused: %s", frame.connectionId(), bound.refusal());
                        reply(frame, "connack", PubsubReplies.failure(bound.refusal(), null));
                        return Uni.createFrom().item(0);
                    }
                    reply(frame, "connack", PubsubReplies.connack(bound.connection().identityRef()));
                    // a second connect_v2 of the same connection: what it missed was sent on the first
                    return bound.repeated() ? Uni.createFrom().item(0) : delivery.redeliver(bound.connection());
                }).invoke(missed -> {
                    if (missed > 0) {
                        LOG.debugf("[%s] %d stored messages sent again", frame.connectionId(), missed);
                    }
                }).replaceWithVoid();
        });
    }

    public Uni<Void> subscribe(Envelope frame, ClientConnection client) {
        FrameFields fields = FrameFields.of(frame.payload(), false);
        String messageId = fields.messageId().orElseGet(MessageIds::next);
        String topic = fields.topic();
        int most = config.maxSubscriptionsPerSession();
        return Panache.withTransaction(() -> subscriptions.subscribe(client.app(), topic, client.identityRef(), most)).call(result -> {
            if (result == TopicSubscriptionRepository.Subscribed.FULL) {
                throw new InvalidFrameException("too many subscriptions: at most " + most + " per session");
            }
            reply(frame, "suback", PubsubReplies.subscriptionAck(true, null, topic, messageId));
            return result == TopicSubscriptionRepository.Subscribed.ADDED ? presence.subscriptionChanged(client, topic, "join")
                : Uni.createFrom().voidItem();
        }).replaceWithVoid();
    }

    public Uni<Void> unsubscribe(Envelope frame, ClientConnection client) {
        FrameFields fields = FrameFields.of(frame.payload(), false);
        String messageId = fields.messageId().orElseGet(MessageIds::next);
        String topic = fields.topic();
        return Panache.withTransaction(() -> subscriptions.unsubscribe(client.app(), topic, client.identityRef())).call(removed -> {
            reply(frame, "unsuback", PubsubReplies.subscriptionAck(true, null, topic, messageId));
            return removed ? presence.subscriptionChanged(client, topic, "leave") : Uni.createFrom().voidItem();
        }).replaceWithVoid();
    }

    /** The publishing session, to be told by recvack who received first. */
    static Target publisherOf(ClientConnection client) {
        return new Target(client.identityRef(), client.partition());
    }

    private void reply(Envelope frame, String event, List<JsonNode> args) {
        deliveries.reply(frame, event, args);
    }
}
