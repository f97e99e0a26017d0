-- QoS 1 and 2 messages, kept until every target session has received them or time_to_live ends.
CREATE TABLE message (
    id                BIGSERIAL PRIMARY KEY,
    appkey            VARCHAR(64)  NOT NULL,
    message_id        VARCHAR(128) NOT NULL,
    -- the id of the frame or command that asked for it: a redelivered frame finds its message here
    source_id         VARCHAR(200) UNIQUE,
    event_topic       VARCHAR(256) NOT NULL,
    msg               TEXT         NOT NULL,
    qos               SMALLINT     NOT NULL,
    publisher_session VARCHAR(120),
    publisher_partition INT,
    created_at        TIMESTAMPTZ  NOT NULL DEFAULT now(),
    expires_at        TIMESTAMPTZ  NOT NULL,
    -- the first receiver other than the publisher, for recvack
    received_at       TIMESTAMPTZ
);
-- QoS 2 is exactly once per message id within an app
CREATE UNIQUE INDEX message_qos2_once ON message (appkey, message_id) WHERE qos = 2;
CREATE INDEX message_by_expiry ON message (expires_at);

-- Which target sessions have not yet received a stored message.
CREATE TABLE pending_delivery (
    session_id  VARCHAR(120) NOT NULL REFERENCES pubsub_session (session_id) ON DELETE CASCADE,
    message_ref BIGINT       NOT NULL REFERENCES message (id) ON DELETE CASCADE,
    PRIMARY KEY (session_id, message_ref)
);
CREATE INDEX pending_delivery_by_message ON pending_delivery (message_ref);

-- Who is connected where. Each routing instance keeps the rows of its partitions in memory; this copy lets the
-- instance that takes a partition over (or a restarted one) know them too, and lets any instance answer get_state.
CREATE TABLE live_connection (
    connection_id     VARCHAR(64)  PRIMARY KEY,
    node_id           VARCHAR(128) NOT NULL,
    appkey            VARCHAR(64)  NOT NULL,
    session_id        VARCHAR(120) NOT NULL,
    session_partition INT          NOT NULL,
    connected_at      TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX live_connection_by_partition ON live_connection (session_partition);
CREATE INDEX live_connection_by_session ON live_connection (session_id);
CREATE INDEX live_connection_by_node ON live_connection (node_id);
