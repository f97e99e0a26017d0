package org.pushplatform.routing.mqtt;

import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.pushplatform.contract.EmitToConnections;
import org.pushplatform.contract.Envelope;
import org.pushplatform.contract.EnvelopeCodec;
import org.pushplatform.contract.EnvelopeTypes;
import org.pushplatform.contract.IotApi;
import org.pushplatform.contract.MqttApi;
import org.pushplatform.contract.TopicFilters;
import org.pushplatform.contract.delivery.Ack;
import org.pushplatform.routing.config.RoutingConfig;
import org.pushplatform.routing.messaging.GatewayPublisher;
import org.pushplatform.routing.presence.ClientConnection;
import org.pushplatform.routing.presence.OwnedConnections;

/**
 * The frames of MQTT clients, on their session's owner: CONNECT ({@link MqttSessions}), SUBSCRIBE and UNSUBSCRIBE
 * (the session's topic filters), PUBLISH into the app's one topic space, which every API's subscribers share: each
 * gets the message in its own API's shape. A QoS 1 PUBLISH is answered PUBACK once it is stored, a QoS 2 one PUBREC
 * (stored once under its packet id until PUBREL, whatever the client sends again meanwhile), PUBREL PUBCOMP. A PUBLISH
 * to a {@code /sys/} topic goes to iot-service instead ({@link IotForwarder}).
 */
@ApplicationScoped
public class MqttFrames {

    public static final String FRAME_PREFIX = MqttApi.API + '.';

    private final MqttSessions sessions;
    private final MqttSubscriptions subscriptions;
    private final MqttQos2Received qos2;
    private final MqttRetained retained;
    private final MqttPublishing publishing;
    private final MqttWills wills;
    private final IotForwarder iot;
    private final OwnedConnections owned;
    private final GatewayPublisher gateways;
    private final RoutingConfig config;
    private final MeterRegistry metrics;

    public MqttFrames(MqttSessions sessions, MqttSubscriptions subscriptions, MqttQos2Received qos2, MqttRetained retained,
                      MqttPublishing publishing, MqttWills wills, IotForwarder iot, OwnedConnections owned, GatewayPublisher gateways,
                      RoutingConfig config, MeterRegistry metrics) {
        this.retained = retained;
        this.publishing = publishing;
        this.wills = wills;
        this.iot = iot;
        this.qos2 = qos2;
        this.sessions = sessions;
        this.subscriptions = subscriptions;
        this.owned = owned;
        this.gateways = gateways;
        this.config = config;
        this.metrics = metrics;
    }

    public static boolean isFrame(String type) {
        return type.startsWith(FRAME_PREFIX);
    }

    public Uni<Void> handleFrame(Envelope frame) {
        String event = frame.type().substring(FRAME_PREFIX.length());
        if (event.equals(MqttApi.CONNECT)) {
            return sessions.connect(frame);
        }
        if (event.equals(MqttApi.PUBLISH)) {
            return publishAll(List.of(frame));
        }
        return connectedClient(frame, event).flatMap(found -> {
            if (found.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            ClientConnection client = found.get();
            return switch (event) {
                case MqttApi.SUBSCRIBE -> subscribe(frame, client);
                case MqttApi.UNSUBSCRIBE -> unsubscribe(frame, client);
                case MqttApi.PUBREL -> release(frame, client);
                case MqttApi.DISCONNECT -> wills.disconnected(client, EnvelopeCodec.payload(frame, MqttApi.Disconnect.class).reasonCode());
                default -> {
                    rejected(event, "unknown-event");
                    yield Uni.createFrom().voidItem();
                }
            };
        });
    }

    private Uni<Void> subscribe(Envelope frame, ClientConnection client) {
        MqttApi.Subscribe subscribe = EnvelopeCodec.payload(frame, MqttApi.Subscribe.class);
        List<MqttApi.Subscription> asked = subscribe.subscriptions() == null ? List.of() : subscribe.subscriptions();
        return subscriptions.subscribe(client.app(), client.identityRef(), asked, config.maxSubscriptionsPerSession())
            .invoke(granted -> reply(frame, MqttApi.SUBACK, new MqttApi.Suback(subscribe.packetId(),
                granted.stream().map(MqttSubscriptions.Granted::qos).toList())))
            .flatMap(granted -> {
                Uni<Void> sent = Uni.createFrom().voidItem();
                for (int i = 0; i < granted.size(); i++) {
                    MqttApi.Subscription subscription = asked.get(i);
                    // retain handling: 0 at every subscribe, 1 only for a new subscription, 2 never
                    // (and never to a shared subscription, as MQTT 5 has it)
                    boolean sendRetained = TopicFilters.shareGroupOf(subscription.filter()) == null
                        && (subscription.retainHandling() == 0 || (subscription.retainHandling() == 1 && !granted.get(i).existed()));
                    if (granted.get(i).qos() >= 0 && sendRetained) {
                        int qos = granted.get(i).qos();
                        String filter = subscription.filter();
                        sent = sent.call(() -> retained.matching(client.app(), filter).invoke(found -> found.forEach(m -> sendRetained(client, m, qos))));
                    }
                }
                return sent;
            });
    }

    /** A retained message to the connection that just subscribed, with retain set, at most at the QoS granted. */
    private void sendRetained(ClientConnection client, MqttApi.Message message, int granted) {
        int qos = Math.min(message.qos(), granted);
        gateways.emit(client.nodeId(), new EmitToConnections(List.of(client.connectionId()), MqttApi.RETAINED,
            List.of(EnvelopeCodec.toJson(message.withDelivery(message.topic(), qos, true))), null, null, client.app(), MqttApi.API,
            qos == 0 ? Ack.Mode.NONE.name() : Ack.Mode.CLIENT.name(), null, null, null, null));
    }

    private Uni<Void> unsubscribe(Envelope frame, ClientConnection client) {
        MqttApi.Unsubscribe unsubscribe = EnvelopeCodec.payload(frame, MqttApi.Unsubscribe.class);
        List<String> filters = unsubscribe.filters() == null ? List.of() : unsubscribe.filters();
        return subscriptions.unsubscribe(client.identityRef(), filters)
            .invoke(found -> reply(frame, MqttApi.UNSUBACK, new MqttApi.Unsuback(unsubscribe.packetId(), found))).replaceWithVoid();
    }

    public static boolean isPublish(Envelope envelope) {
        return (FRAME_PREFIX + MqttApi.PUBLISH).equals(envelope.type());
    }

    /**
     * A round's PUBLISH frames together (one round of the core for all): each checked against its connection, QoS 2
     * ones under their packet id's source id, each answered PUBACK or PUBREC.
     */
    public Uni<Void> publishAll(List<Envelope> frames) {
        return Multi.createFrom().iterable(frames).onItem().transformToUniAndConcatenate(this::prepare).collect().asList()
            .flatMap(prepared -> {
                List<Prepared> valid = prepared.stream().filter(p -> p.publish() != null).toList();
                return publishing.publishAll(valid.stream().map(Prepared::publish).toList()).invoke(results -> {
                    for (int i = 0; i < valid.size(); i++) {
                        answer(valid.get(i).frame(), valid.get(i).publish().message(), results.get(i));
                    }
                });
            }).replaceWithVoid();
    }

    /** A PUBLISH frame and what it publishes, or null when it is refused (answered already). */
    private record Prepared(Envelope frame, MqttPublishing.Publish publish) {
    }

    /**
     * The frame's MQTT connection of the frame's app, bound by its CONNECT; empty (counted) when it is not connected
     * (refused, or closed meanwhile: the gateway closes such a connection itself).
     */
    private Uni<java.util.Optional<ClientConnection>> connectedClient(Envelope frame, String event) {
        return owned.find(frame.connectionId()).map(found -> {
            if (found.isEmpty() || !MqttApi.API.equals(found.get().api()) || !found.get().app().equals(frame.app())) {
                rejected(event, "not-connected");
                return java.util.Optional.empty();
            }
            return found;
        });
    }

    private Uni<Prepared> prepare(Envelope frame) {
        return connectedClient(frame, MqttApi.PUBLISH).flatMap(found -> {
            if (found.isEmpty()) {
                return Uni.createFrom().item(new Prepared(frame, null));
            }
            ClientConnection client = found.get();
            MqttApi.Message published = EnvelopeCodec.payload(frame, MqttApi.Message.class);
            if (TopicFilters.topicProblem(published.topic()) != null || published.qos() < 0 || published.qos() > MqttApi.MAX_QOS) {
                rejected(MqttApi.PUBLISH, "invalid-topic");
                answer(frame, published, MqttApi.PublishResult.TOPIC_INVALID);
                return Uni.createFrom().item(new Prepared(frame, null));
            }
            Uni<String> sourceId = published.qos() == 2 && published.packetId() != null
                ? qos2.sourceOf(client.identityRef(), published.packetId(), frame.messageId()) : Uni.createFrom().item(frame.messageId());
            if (IotApi.isSysTopic(published.topic())) {
                return sourceId.call(source -> iot.uplink(frame, client.app(), published, source))
                    .invoke(() -> answer(frame, published, MqttApi.PublishResult.ACCEPTED)).replaceWith(new Prepared(frame, null));
            }
            return sourceId.map(source -> new Prepared(frame, new MqttPublishing.Publish(client.app(), published, source, frame.trace())));
        });
    }

    /** PUBREL: the QoS 2 message of that packet id is done with; PUBCOMP. */
    private Uni<Void> release(Envelope frame, ClientConnection client) {
        MqttApi.Release release = EnvelopeCodec.payload(frame, MqttApi.Release.class);
        return qos2.release(client.identityRef(), release.packetId())
            .invoke(known -> reply(frame, MqttApi.PUBCOMP, new MqttApi.Release(release.packetId(), known))).replaceWithVoid();
    }

    /** PUBACK for QoS 1, PUBREC for QoS 2; QoS 0 has no answer. */
    private void answer(Envelope frame, MqttApi.Message published, MqttApi.PublishResult result) {
        if (published.qos() > 0 && published.packetId() != null) {
            reply(frame, published.qos() == 2 ? MqttApi.PUBREC : MqttApi.PUBACK, new MqttApi.Puback(published.packetId(), result));
        }
    }

    private void reply(Envelope frame, String event, Object payload) {
        gateways.emit(frame.nodeId(), List.of(frame.connectionId()), event, List.of(EnvelopeCodec.toJson(payload)));
    }

    private void rejected(String event, String reason) {
        metrics.counter("push_frames_rejected_total", "event", EnvelopeTypes.frame(MqttApi.API, event), "reason", reason).increment();
    }
}
