package org.pushplatform.routing.mqtt;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.pushplatform.contract.Envelope;
import org.pushplatform.contract.EnvelopeCodec;
import org.pushplatform.contract.EnvelopeTypes;
import org.pushplatform.contract.GatewayControl;
import org.pushplatform.contract.MqttApi;
import org.pushplatform.contract.delivery.Address;
import org.pushplatform.contract.delivery.IdentityKinds;
import org.pushplatform.routing.app.App;
import org.pushplatform.routing.app.AppService;
import org.pushplatform.routing.app.ConnectSignature;
import org.pushplatform.routing.delivery.Bindings;
import org.pushplatform.routing.delivery.ConnectionDelivery;
import org.pushplatform.routing.messaging.GatewayPublisher;
import org.pushplatform.routing.presence.ConnectionRegistry;

/**
 * MQTT's CONNECT, on the owner of the client's session: the session is the core's identity of kind
 * {@value IdentityKinds#MQTT_CLIENT} with the client id as its id, so it outlives any gateway node. A connection of
 * the same client id elsewhere is taken over (closed with {@value MqttApi#TAKEN_OVER}); a clean start drops the
 * session's subscriptions and what was kept for it; then CONNACK, then what the session missed.
 */
@ApplicationScoped
public class MqttSessions {

    private static final Logger LOG = Logger.getLogger(MqttSessions.class);
    /** Longest client id taken (MQTT asks brokers to take at least 23 characters). */
    static final int MAX_CLIENT_ID_LENGTH = 128;
    /** A password of this form is a signature the app's backend made: {@code sign:<expires>:<hex HMAC>}. */
    static final String SIGNED_PREFIX = "sign:";

    private final AppService apps;
    private final Bindings bindings;
    private final ConnectionRegistry connections;
    private final ConnectionDelivery delivery;
    private final MqttSubscriptions subscriptions;
    private final MqttWills wills;
    private final MqttSessionEnds sessionEnds;
    private final GatewayPublisher gateways;
    private final Pool db;
    private final MeterRegistry metrics;

    public MqttSessions(AppService apps, Bindings bindings, ConnectionRegistry connections, ConnectionDelivery delivery,
                        MqttSubscriptions subscriptions, MqttWills wills, MqttSessionEnds sessionEnds, GatewayPublisher gateways, Pool db,
                        MeterRegistry metrics) {
        this.wills = wills;
        this.sessionEnds = sessionEnds;
        this.apps = apps;
        this.bindings = bindings;
        this.connections = connections;
        this.delivery = delivery;
        this.subscriptions = subscriptions;
        this.gateways = gateways;
        this.db = db;
        this.metrics = metrics;
    }

    public Uni<Void> connect(Envelope frame) {
        MqttApi.Connect connect = EnvelopeCodec.payload(frame, MqttApi.Connect.class);
        if (connect.clientId() == null || connect.clientId().isEmpty() || connect.clientId().length() > MAX_CLIENT_ID_LENGTH) {
            return refuse(frame, MqttApi.ConnectResult.CLIENT_ID_REJECTED, "a client id of 1 to " + MAX_CLIENT_ID_LENGTH + " characters");
        }
        if (connect.username() == null || connect.username().isEmpty()) {
            return refuse(frame, MqttApi.ConnectResult.BAD_CREDENTIALS, "no username: the app key");
        }
        return apps.findByAppkey(connect.username()).flatMap(app -> {
            MqttApi.ConnectResult refused = credentialProblem(app, connect);
            if (refused != null) {
                return refuse(frame, refused, app == null ? "unknown app key" : "wrong password");
            }
            return sessionOf(app.appkey, connect.clientId()).flatMap(existing -> {
                if (existing.isEmpty()) {
                    return bind(frame, app, connect, false, null);
                }
                boolean takenOver = takeOver(existing.get().ref(), frame.connectionId());
                if (connect.cleanStart()) {
                    return drop(existing.get().ref()).flatMap(dropped -> bind(frame, app, connect, false, null));
                }
                // what was stored before its last connection ended (or before now, when one is still there) may have
                // reached that connection: it goes again marked DUP
                Instant maybeSentBefore = takenOver || existing.get().lastSeenAt() == null ? Instant.now() : existing.get().lastSeenAt();
                return bind(frame, app, connect, true, maybeSentBefore);
            });
        });
    }

    private Uni<Void> bind(Envelope frame, App app, MqttApi.Connect connect, boolean sessionPresent, Instant maybeSentBefore) {
        Duration expiry = connect.sessionExpirySeconds() == null ? null : Duration.ofSeconds(connect.sessionExpirySeconds());
        return bindings.bindSession(new Address.Connection(app.appkey, frame.nodeId(), frame.connectionId()),
                new Address.Identity(app.appkey, IdentityKinds.MQTT_CLIENT, connect.clientId()), MqttApi.API, expiry)
            .flatMap(bound -> {
                if (bound.refusal() != null) {
                    return refuse(frame, MqttApi.ConnectResult.QUOTA_EXCEEDED, bound.refusal());
                }
                String ref = bound.connection().identityRef();
                Uni<List<MqttApi.Subscription>> held = sessionPresent ? subscriptions.of(ref) : Uni.createFrom().item(List.of());
                return wills.connected(ref, app.appkey, frame.connectionId(), connect.will(), connect.willDelaySeconds())
                    .replaceWith(held).flatMap(filters -> {
                    reply(frame, new MqttApi.Connack(MqttApi.ConnectResult.ACCEPTED, sessionPresent, null, filters));
                    metrics.counter("push_mqtt_connects_total", "result", "accepted").increment();
                    // a second CONNECT on one connection is a protocol error the gateway closes it for
                    return bound.repeated() ? Uni.createFrom().item(0) : delivery.redeliver(bound.connection(), maybeSentBefore)
                        .call(() -> sessionEnds.connected(app.appkey, frame.nodeId(), frame.connectionId(), connect.clientId()));
                });
            }).replaceWithVoid();
    }

    /** Null when the password is the app's secret (unless the app requires signatures) or a valid signature. */
    private static MqttApi.ConnectResult credentialProblem(App app, MqttApi.Connect connect) {
        if (app == null || connect.password() == null) {
            return MqttApi.ConnectResult.BAD_CREDENTIALS;
        }
        String password = connect.password();
        if (password.startsWith(SIGNED_PREFIX)) {
            String[] parts = password.substring(SIGNED_PREFIX.length()).split(":", 2);
            Long expires = parts.length == 2 && parts[0].matches("\\d{1,12}") ? Long.valueOf(parts[0]) : null;
            String problem = ConnectSignature.problemOf(app, connect.clientId(), expires, parts.length == 2 ? parts[1] : null,
                System.currentTimeMillis() / 1000);
            return problem == null ? null : problem.equals("signature expired") ? MqttApi.ConnectResult.NOT_AUTHORIZED
                : MqttApi.ConnectResult.BAD_CREDENTIALS;
        }
        if (app.signedConnect) {
            return MqttApi.ConnectResult.NOT_AUTHORIZED;
        }
        // constant-time: the secret must not leak through timing
        return MessageDigest.isEqual(app.secret.getBytes(StandardCharsets.UTF_8), password.getBytes(StandardCharsets.UTF_8)) ? null
            : MqttApi.ConnectResult.BAD_CREDENTIALS;
    }

    /** A client's session: its identity's ref, and when it was last seen (its last connection's end, or its connect). */
    private record Session(String ref, Instant lastSeenAt) {
    }

    private Uni<java.util.Optional<Session>> sessionOf(String app, String clientId) {
        return db.preparedQuery("SELECT ref, last_seen_at FROM routing.identity WHERE app = $1 AND kind = $2 AND id = $3")
            .execute(Tuple.of(app, IdentityKinds.MQTT_CLIENT, clientId))
            .map(rows -> rows.size() == 0 ? java.util.Optional.empty() : java.util.Optional.of(rows.iterator().next()).map(row ->
                new Session(row.getString(0), row.getOffsetDateTime(1) == null ? null : row.getOffsetDateTime(1).toInstant())));
    }

    /** Its other connections are closed: one client id, one connection. @return whether it had one */
    private boolean takeOver(String ref, String newConnectionId) {
        var others = connections.connectionsOf(ref).stream().filter(c -> !c.connectionId().equals(newConnectionId)).toList();
        others.forEach(c -> {
            metrics.counter("push_mqtt_takeovers_total").increment();
            gateways.control(c.nodeId(), EnvelopeTypes.DISCONNECT, new GatewayControl(c.connectionId(), c.app(), null, null,
                MqttApi.TAKEN_OVER));
        });
        return !others.isEmpty();
    }

    /** A clean start: the session goes, with its filters and what was kept for it. */
    private Uni<Void> drop(String ref) {
        return db.preparedQuery("DELETE FROM routing.identity WHERE ref = $1").execute(Tuple.of(ref)).replaceWithVoid();
    }

    private Uni<Void> refuse(Envelope frame, MqttApi.ConnectResult result, String reason) {
        LOG.infof("[%s] MQTT connect refused: %s", frame.connectionId(), reason);
        metrics.counter("push_mqtt_connects_total", "result", result.name().toLowerCase().replace('_', '-')).increment();
        reply(frame, new MqttApi.Connack(result, false, reason, null));
        return Uni.createFrom().voidItem();
    }

    private void reply(Envelope frame, Object payload) {
        gateways.emit(frame.nodeId(), List.of(frame.connectionId()), MqttApi.CONNACK, List.of(EnvelopeCodec.toJson(payload)));
    }
}
