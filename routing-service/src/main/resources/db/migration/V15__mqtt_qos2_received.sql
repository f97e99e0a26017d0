-- QoS 2 from an MQTT client, between its PUBLISH and its PUBREL: the packet id names one message, stored under
-- source_id once however often the client sends it again (after a gateway died, say); PUBREL frees the packet id.
CREATE TABLE mqtt_qos2_received (
    identity_ref VARCHAR(120) NOT NULL REFERENCES identity (ref) ON DELETE CASCADE,
    packet_id    INTEGER      NOT NULL,
    source_id    VARCHAR(200) NOT NULL,
    created_at   TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (identity_ref, packet_id)
);
