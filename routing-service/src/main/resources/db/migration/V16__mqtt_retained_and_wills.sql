-- MQTT's retained messages: the last message published with retain on each topic of an app (an empty one removes
-- it), sent to every new subscription its topic matches. Found for a filter by its literal prefix.
CREATE TABLE mqtt_retained (
    app        VARCHAR(64)  NOT NULL,
    topic      VARCHAR(256) NOT NULL,
    message    TEXT         NOT NULL,
    expires_at TIMESTAMPTZ,
    updated_at TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (app, topic)
);
CREATE INDEX mqtt_retained_by_prefix ON mqtt_retained (app, topic text_pattern_ops);

-- The will of an MQTT session's connection: published when that connection ends without a DISCONNECT (due_at set
-- then, after the will delay); a new connection of the session replaces or removes it, so a reconnect within the
-- delay cancels it. Any routing instance publishes the wills that are due.
CREATE TABLE mqtt_will (
    identity_ref  VARCHAR(120) PRIMARY KEY REFERENCES identity (ref) ON DELETE CASCADE,
    app           VARCHAR(64)  NOT NULL,
    connection_id VARCHAR(64)  NOT NULL,
    message       TEXT         NOT NULL,
    delay_seconds BIGINT       NOT NULL DEFAULT 0,
    due_at        TIMESTAMPTZ
);
CREATE INDEX mqtt_will_due ON mqtt_will (due_at) WHERE due_at IS NOT NULL;
