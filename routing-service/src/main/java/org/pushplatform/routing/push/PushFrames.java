package org.pushplatform.routing.push;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.pushplatform.contract.Envelope;
import org.pushplatform.contract.EnvelopeTypes;
import org.pushplatform.contract.PushServerFrames;
import org.pushplatform.contract.delivery.Address;
import org.pushplatform.contract.delivery.IdentityKinds;
import org.pushplatform.routing.app.PushToken;
import org.pushplatform.routing.app.PushTokens;
import org.pushplatform.routing.config.RoutingConfig;
import org.pushplatform.routing.delivery.Bindings;
import org.pushplatform.routing.delivery.ConnectionDelivery;
import org.pushplatform.routing.delivery.DeliveryStore;
import org.pushplatform.routing.identity.IdentityRepository;
import org.pushplatform.routing.identity.TopicSubscriptionRepository;
import org.pushplatform.routing.messaging.GatewayPublisher;
import org.pushplatform.routing.presence.ClientConnection;
import org.pushplatform.routing.presence.LiveConnectionStore;
import org.pushplatform.routing.presence.OwnedConnections;

/**
 * The push-server API's client frames, whichever transport brought them (TCP lines, Socket.IO events), each answered
 * with {@code <event>_c} carrying the seed's reply (the TCP gateway writes just the reply). The app is the one the
 * connection's listener serves, stamped on the frame by the gateway.
 */
@ApplicationScoped
public class PushFrames {

    private final Bindings bindings;
    private final IdentityRepository identities;
    private final TopicSubscriptionRepository subscriptions;
    private final ConnectionDelivery delivery;
    private final DeliveryStore store;
    private final OwnedConnections connections;
    private final PushPublishing publishing;
    private final GatewayPublisher gateways;
    private final PushQueries queries;
    private final PushTokens tokens;
    private final PushServers servers;
    private final PushIntercom intercom;
    private final LiveConnectionStore liveConnections;
    private final RoutingConfig config;
    private final MeterRegistry metrics;

    public PushFrames(Bindings bindings, IdentityRepository identities, TopicSubscriptionRepository subscriptions,
                      ConnectionDelivery delivery, DeliveryStore store, OwnedConnections connections, PushPublishing publishing,
                      GatewayPublisher gateways, PushQueries queries, PushTokens tokens, PushServers servers, PushIntercom intercom,
                      LiveConnectionStore liveConnections, RoutingConfig config, MeterRegistry metrics) {
        this.intercom = intercom;
        this.servers = servers;
        this.bindings = bindings;
        this.identities = identities;
        this.subscriptions = subscriptions;
        this.delivery = delivery;
        this.store = store;
        this.connections = connections;
        this.publishing = publishing;
        this.gateways = gateways;
        this.queries = queries;
        this.tokens = tokens;
        this.liveConnections = liveConnections;
        this.config = config;
        this.metrics = metrics;
    }

    /** A client frame of the push-server API: {@code event} is its Socket.IO event name (TCP: of its type). */
    public Uni<Void> handleFrame(String event, Envelope frame) {
        JsonNode num = frame.payload() == null ? null : frame.payload().get("num");
        return Uni.createFrom().deferred(() -> route(event, frame))
            .onFailure(PushFrameException.class).recoverWithItem(invalid -> {
                metrics.counter("push_frames_rejected_total", "event", event, "reason", "invalid").increment();
                // connect_alias is connect under another name: answered connect_c, failures too
                reply(frame, "connect_alias".equals(event) ? "connect" : event, PushServerFrames.error(invalid.getMessage(), num));
                return null;
            });
    }

    private Uni<Void> route(String event, Envelope frame) {
        if (frame.app() == null || frame.payload() == null) {
            throw new PushFrameException("this connection serves no app");
        }
        JsonNode payload = frame.payload();
        return switch (event) {
            // connect_alias: the same, for socket.io-client, which reserves the name connect
            case "connect", "connect_alias" -> checkToken(frame).flatMap(ok -> connect(frame, PushNames.name(payload.get("alias"), "alias")));
            case "info_status" -> checkToken(frame).flatMap(ok -> infoStatus(frame, PushNames.name(payload.get("alias"), "alias")));
            case "intercom_join" -> checkToken(frame).flatMap(ok -> intercom.join(frame));
            case "intercom_relay" -> checkToken(frame).flatMap(ok -> intercom.relay(frame));
            case "open_door", "phone", "door" -> checkToken(frame).flatMap(ok -> intercom.command(frame, event));
            case "info" -> {
                reply(frame, event, servers.totals());
                yield Uni.createFrom().voidItem();
            }
            case "heartbeat" -> checkToken(frame).flatMap(ok -> heartbeat(frame));
            default -> connections.find(frame.connectionId()).flatMap(found -> connected(event, frame, found.orElseThrow(
                () -> new PushFrameException("not connected: send connect {alias} (t:14) first"))));
        };
    }

    private Uni<Void> connected(String event, Envelope frame, ClientConnection client) {
        JsonNode payload = frame.payload();
        JsonNode num = payload.get("num");
        return switch (event) {
            case "register" -> register(frame, client, payload.get("topic"), num);
            case "get_topic" -> Panache.withSession(() -> subscriptions.topicsOf(List.of(client.identityRef())))
                .invoke(topics -> reply(frame, event, PushReplies.topics(num, topics))).replaceWithVoid();
            case "pull" -> store.pendingFor(client.identityRef(), PushPublishing.API, null)
                .invoke(pending -> reply(frame, event, PushReplies.pulled(num, pending.stream().map(p -> p.args().get(0)).toList())))
                .replaceWithVoid();
            case "push_c" -> store.receivedByMessageId(client.identityRef(), client.app(), PushPublishing.API,
                payload.path("mid").asText("")).invoke(found -> {
                    if (!found) {
                        reply(frame, event, PushServerFrames.error("no message " + payload.path("mid") + " waits for an ack", num));
                    }
                }).replaceWithVoid();
            case "do_push" -> publishAll(List.of(frame));
            default -> throw new PushFrameException(event + " is not served yet");
        };
    }

    /** True for the envelope of a do_push frame: those of a round are published together. */
    public static boolean isPublish(Envelope envelope) {
        return (EnvelopeTypes.PUSH_FRAME_PREFIX + "do_push").equals(envelope.type());
    }

    /** do_push frames of one round, published together in their order, each answered in that order too. */
    public Uni<Void> publishAll(List<Envelope> frames) {
        List<Uni<PushPublishing.Prepared>> prepared = new ArrayList<>(frames.size());
        for (Envelope frame : frames) {
            prepared.add(connections.find(frame.connectionId()).map(client -> client.isEmpty() || frame.payload() == null
                ? new PushPublishing.Prepared(List.of(), "not connected: send connect {alias} (t:14) first")
                : PushPublishing.prepare(client.get().app(), frame.payload(), frame.messageId()).withTrace(frame.trace())));
        }
        return Uni.join().all(prepared).andFailFast().flatMap(all -> publishing.publishAll(all).invoke(refusals -> {
            for (int i = 0; i < frames.size(); i++) {
                JsonNode num = frames.get(i).payload() == null ? null : frames.get(i).payload().get("num");
                String problem = all.get(i).invalid() != null ? all.get(i).invalid() : refusals.get(i);
                if (problem != null) {
                    metrics.counter("push_frames_rejected_total", "event", "do_push", "reason", "invalid").increment();
                }
                reply(frames.get(i), "do_push", problem == null ? PushReplies.ok(6, num) : PushServerFrames.error(problem, num));
            }
        })).replaceWithVoid();
    }

    /**
     * The frames that act before a connection is bound carry what the gateway knows of it in {@code gateway}: the token
     * the client gave (in the Socket.IO query or the TCP first line), which must be genuine and of the frame's app.
     */
    private Uni<Void> checkToken(Envelope frame) {
        JsonNode token = frame.payload().path(PushServerFrames.GATEWAY_FIELD).get("token");
        if (token == null || token.isNull()) {
            return Uni.createFrom().voidItem();
        }
        return tokens.verify(token.asText()).map(app -> {
            if (!app.appkey.equals(frame.app())) {
                throw PushToken.InvalidTokenException.forged();
            }
            return app;
        }).onFailure(PushToken.InvalidTokenException.class).transform(invalid -> new PushFrameException(invalid.getMessage()))
            .replaceWithVoid();
    }

    private Uni<Void> infoStatus(Envelope frame, String alias) {
        return queries.status(frame.app(), alias).invoke(status -> reply(frame, "info_status", status)).replaceWithVoid();
    }

    /** Binds the connection to the alias's push-server identity, answers {@code t:-14}, then sends what it missed. */
    private Uni<Void> connect(Envelope frame, String alias) {
        boolean firstConnect = frame.payload().path(PushServerFrames.GATEWAY_FIELD).path("firstConnect").asBoolean(false);
        return identify(frame, alias)
            .invoke(bound -> reply(frame, "connect", PushReplies.withAlias(14, alias)))
            .flatMap(bound -> bound.repeated() && !firstConnect ? Uni.createFrom().item(0) : delivery.redeliver(bound.connection()))
            .replaceWithVoid();
    }

    /**
     * {@code {t:1, alias}}: the seed's clients send it before anything else, so an alias on a connection not bound yet
     * binds it as connect does, but sends nothing it missed (that is connect's); answered {@code t:-1} either way.
     */
    private Uni<Void> heartbeat(Envelope frame) {
        JsonNode alias = frame.payload().path("alias");
        if (alias.asText("").isEmpty()) {
            reply(frame, "heartbeat", PushReplies.withAlias(1, ""));
            return Uni.createFrom().voidItem();
        }
        String name = PushNames.name(alias, "alias");
        return connections.find(frame.connectionId()).flatMap(found -> found.isPresent() ? Uni.createFrom().voidItem()
                : identify(frame, name).replaceWithVoid())
            .invoke(() -> reply(frame, "heartbeat", PushReplies.withAlias(1, name)));
    }

    /** Binds the connection to the alias's push-server identity, the alias being its name in the app's alias space. */
    private Uni<Bindings.Bound> identify(Envelope frame, String alias) {
        String app = frame.app();
        return bindings.bind(new Address.Connection(app, frame.nodeId(), frame.connectionId()),
                new Address.Identity(app, IdentityKinds.PUSH_CLIENT, alias), PushPublishing.API, null)
            .flatMap(bound -> {
                if (bound.refusal() != null) {
                    throw new PushFrameException(bound.refusal());
                }
                // the alias space is the app's, shared with pubsub: its alias is its name
                return Panache.withTransaction(() -> identities.findById(bound.connection().identityRef())
                    .invoke(identity -> identity.alias = alias)).replaceWith(bound);
            })
            .call(bound -> {
                String transport = transportOf(frame);
                return transport == null ? Uni.createFrom().voidItem() : liveConnections.setTransport(bound.connection().connectionId(), transport);
            });
    }

    private static String transportOf(Envelope frame) {
        JsonNode transport = frame.payload().path(PushServerFrames.GATEWAY_FIELD).get("transport");
        return transport == null || !transport.isTextual() ? null : transport.asText();
    }

    private Uni<Void> register(Envelope frame, ClientConnection client, JsonNode topics, JsonNode num) {
        if (topics == null || !topics.isArray() || topics.isEmpty()) {
            throw new PushFrameException("topic must be a list of channel names");
        }
        List<String> names = new java.util.ArrayList<>();
        topics.forEach(topic -> names.add(PushNames.name(topic, "topic")));
        int most = config.maxSubscriptionsPerSession();
        // one transaction, the channels in order; the first that would pass the limit stops the rest
        Uni<Boolean> all = Panache.withTransaction(() -> {
            Uni<Boolean> chain = Uni.createFrom().item(true);
            for (String topic : names) {
                chain = chain.flatMap(ok -> !ok ? Uni.createFrom().item(false)
                    : subscriptions.subscribe(client.app(), topic, client.identityRef(), most)
                        .map(added -> added != TopicSubscriptionRepository.Subscribed.FULL));
            }
            return chain;
        });
        return all.invoke(ok -> reply(frame, "register", ok ? PushReplies.ok(2, num)
            : PushServerFrames.error("too many channels: at most " + most + " per client", num))).replaceWithVoid();
    }

    private void reply(Envelope frame, String event, JsonNode reply) {
        gateways.emit(frame.nodeId(), List.of(frame.connectionId()), event + "_c", List.of(reply));
    }
}
