package org.pushplatform.routing.mqtt;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.pushplatform.contract.EnvelopeCodec;
import org.pushplatform.contract.MqttApi;
import org.pushplatform.routing.presence.ClientConnection;
import org.pushplatform.routing.presence.PresenceListener;

/**
 * MQTT wills, kept in PostgreSQL with the session so that a gateway node's death does not lose them: a connection's
 * will is published when it ends without a DISCONNECT (or with MQTT 5's 0x04), after its will delay; a new connection
 * of the session replaces it first, so reconnecting within the delay cancels it. Any routing instance publishes the
 * wills that are due, each once.
 */
@ApplicationScoped
public class MqttWills implements PresenceListener {

    private static final Logger LOG = Logger.getLogger(MqttWills.class);

    private final Pool db;
    private final MqttPublishing publishing;
    private final MeterRegistry metrics;

    public MqttWills(Pool db, MqttPublishing publishing, MeterRegistry metrics) {
        this.db = db;
        this.publishing = publishing;
        this.metrics = metrics;
    }

    /** A connection of the session was accepted: its will (or none) replaces what the session had. */
    public Uni<Void> connected(String identityRef, String app, String connectionId, MqttApi.Message will, Long delaySeconds) {
        if (will == null) {
            return db.preparedQuery("DELETE FROM routing.mqtt_will WHERE identity_ref = $1").execute(Tuple.of(identityRef)).replaceWithVoid();
        }
        return db.preparedQuery("INSERT INTO routing.mqtt_will (identity_ref, app, connection_id, message, delay_seconds) VALUES ($1, $2, $3, $4, $5)"
                + " ON CONFLICT (identity_ref) DO UPDATE SET app = EXCLUDED.app, connection_id = EXCLUDED.connection_id,"
                + " message = EXCLUDED.message, delay_seconds = EXCLUDED.delay_seconds, due_at = NULL")
            .execute(Tuple.of(identityRef, app, connectionId, EnvelopeCodec.toJson(will).toString(), delaySeconds == null ? 0L : delaySeconds))
            .replaceWithVoid();
    }

    /** The client's DISCONNECT: its will goes only when it asks (MQTT 5's 0x04). */
    public Uni<Void> disconnected(ClientConnection client, int reasonCode) {
        if (reasonCode == MqttApi.DISCONNECT_WITH_WILL) {
            return Uni.createFrom().voidItem();
        }
        return db.preparedQuery("DELETE FROM routing.mqtt_will WHERE identity_ref = $1 AND connection_id = $2")
            .execute(Tuple.of(client.identityRef(), client.connectionId())).replaceWithVoid();
    }

    @Override
    public void online(ClientConnection connection, boolean identityCameOnline) {
        // the CONNECT set the will
    }

    /** The connection ended (closed, or its node died): its will, if it still has one, is due after its delay. */
    @Override
    public void offline(ClientConnection connection, boolean identityWentOffline) {
        if (!MqttApi.API.equals(connection.api())) {
            return;
        }
        db.preparedQuery("UPDATE routing.mqtt_will SET due_at = now() + make_interval(secs => delay_seconds)"
                + " WHERE identity_ref = $1 AND connection_id = $2 AND due_at IS NULL")
            .execute(Tuple.of(connection.identityRef(), connection.connectionId()))
            .subscribe().with(rows -> { }, failure -> LOG.warnf("[%s] will not scheduled: %s", connection.connectionId(), failure.toString()));
    }

    /** Publishes the wills that are due, each taken by one instance. */
    @Scheduled(every = "${push.mqtt.will-check:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> publishDue() {
        return db.query("DELETE FROM routing.mqtt_will WHERE identity_ref IN (SELECT identity_ref FROM routing.mqtt_will"
                + " WHERE due_at <= now() ORDER BY due_at LIMIT 500 FOR UPDATE SKIP LOCKED) RETURNING app, message, identity_ref")
            .execute().onItem().transformToMulti(rows -> Multi.createFrom().iterable(rows))
            .onItem().transformToUniAndConcatenate(this::publish).collect().last().replaceWithVoid()
            .onFailure().invoke(failure -> LOG.warnf("[routing] wills not published this time: %s", failure.toString()))
            .onFailure().recoverWithNull().replaceWithVoid();
    }

    private Uni<Void> publish(Row row) {
        try {
            MqttApi.Message will = EnvelopeCodec.mapper().readValue(row.getString(1), MqttApi.Message.class);
            metrics.counter("push_mqtt_wills_published_total").increment();
            return publishing.publish(row.getString(0), will, "will:" + row.getString(2) + ":" + System.nanoTime()).replaceWithVoid();
        } catch (JsonProcessingException e) {
            return Uni.createFrom().voidItem();
        }
    }
}
