package org.pushplatform.routing.mqtt;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * QoS 2 messages of MQTT sessions between PUBLISH and PUBREL: a packet id stands for one message, stored under one
 * source id (the core stores a source id once), so a PUBLISH sent again under that id before PUBREL, on any gateway
 * node, is the same message. PUBREL frees the id for the session's next message.
 */
@ApplicationScoped
public class MqttQos2Received {

    private final Pool db;

    public MqttQos2Received(Pool db) {
        this.db = db;
    }

    /** The source id the message of this packet id is stored under: this record's id the first time, the same after. */
    public Uni<String> sourceOf(String identityRef, int packetId, String recordId) {
        return db.preparedQuery("INSERT INTO routing.mqtt_qos2_received (identity_ref, packet_id, source_id) VALUES ($1, $2, $3)"
                + " ON CONFLICT (identity_ref, packet_id) DO UPDATE SET packet_id = EXCLUDED.packet_id RETURNING source_id")
            .execute(Tuple.of(identityRef, packetId, "mqtt2:" + recordId)).map(rows -> rows.iterator().next().getString(0));
    }

    /** @return whether a message had the packet id */
    public Uni<Boolean> release(String identityRef, int packetId) {
        return db.preparedQuery("DELETE FROM routing.mqtt_qos2_received WHERE identity_ref = $1 AND packet_id = $2")
            .execute(Tuple.of(identityRef, packetId)).map(rows -> rows.rowCount() > 0);
    }
}
