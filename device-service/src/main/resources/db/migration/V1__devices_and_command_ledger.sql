-- device-service's own schema: devices of each app, their settings, and the command ledger.

CREATE TABLE device.app_settings (
    app          VARCHAR(128) PRIMARY KEY,
    -- devices of this app must sign with HMAC (serial:timestamp:nonce); the seed's base64(serial:key) is refused
    require_hmac BOOLEAN NOT NULL DEFAULT FALSE
);

CREATE TABLE device.device (
    app            VARCHAR(128) NOT NULL,
    serial         VARCHAR(128) NOT NULL,
    device_key     VARCHAR(128) NOT NULL,
    name           VARCHAR(256),
    school_id      BIGINT,
    school_name    VARCHAR(256),
    class_id       BIGINT,
    class_name     VARCHAR(256),
    power_schedule JSONB,
    remote_debug   BOOLEAN      NOT NULL DEFAULT FALSE,
    -- where it is connected now (set when it authenticates, cleared when that connection closes)
    node_id        VARCHAR(128),
    connection_id  VARCHAR(128),
    online_at      TIMESTAMPTZ,
    offline_at     TIMESTAMPTZ,
    -- what its acks said last
    last_ack_at    TIMESTAMPTZ,
    last_status    VARCHAR(64),
    face_count     INTEGER,
    created_at     TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (app, serial)
);
CREATE INDEX device_by_school ON device.device (app, school_id);
CREATE INDEX device_by_class ON device.device (app, class_id);

-- One row per command to one device: QUEUED -> SENT -> DELIVERED | SUCCESSFUL | TIMEOUT | EXPIRED | FAILED.
CREATE TABLE device.command (
    id             BIGSERIAL PRIMARY KEY,
    app            VARCHAR(128) NOT NULL,
    serial         VARCHAR(128) NOT NULL,
    event          VARCHAR(64)  NOT NULL,
    payload        JSONB,
    state          VARCHAR(16)  NOT NULL,
    -- state-like commands (bindings, schedules, notifications): a newer one replaces a queued one of the same key
    replace_key    VARCHAR(32),
    attempts       INTEGER      NOT NULL DEFAULT 0,
    max_attempts   INTEGER      NOT NULL,
    ack_timeout_ms INTEGER      NOT NULL,
    expires_at     TIMESTAMPTZ  NOT NULL,
    created_at     TIMESTAMPTZ  NOT NULL DEFAULT now(),
    sent_at        TIMESTAMPTZ,
    settled_at     TIMESTAMPTZ,
    -- the connection its last attempt went to
    connection_id  VARCHAR(128),
    result         JSONB,
    error          VARCHAR(512),
    FOREIGN KEY (app, serial) REFERENCES device.device (app, serial) ON DELETE CASCADE
);
CREATE INDEX command_open ON device.command (app, serial, id) WHERE state IN ('QUEUED', 'SENT');
CREATE INDEX command_history ON device.command (app, serial, id DESC);
-- a device's unanswered commands, counted for its window on every send
CREATE INDEX command_sent_by_device ON device.command (app, serial) WHERE state = 'SENT';
-- sent commands by age, for the sweep of lost outcomes
CREATE INDEX command_sent ON device.command (sent_at) WHERE state = 'SENT';
CREATE INDEX command_expiry ON device.command (expires_at) WHERE state IN ('QUEUED', 'SENT');
