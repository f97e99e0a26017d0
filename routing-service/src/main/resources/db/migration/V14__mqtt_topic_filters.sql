-- MQTT subscriptions: a topic filter (a topic, or one with + and #) of an identity and the QoS granted. A publish
-- finds the filters that may match its topic by their literal prefix (the levels before the first wildcard): it reads
-- the filters whose prefix is one of the topic's own prefixes, never every subscription of the app.
CREATE TABLE topic_filter (
    app          VARCHAR(64)  NOT NULL,
    filter       VARCHAR(256) NOT NULL,
    prefix       VARCHAR(256) NOT NULL,
    identity_ref VARCHAR(120) NOT NULL REFERENCES identity (ref) ON DELETE CASCADE,
    qos          SMALLINT     NOT NULL,
    created_at   TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (identity_ref, filter)
);
CREATE INDEX topic_filter_by_prefix ON topic_filter (app, prefix);
