-- Each device of an account has a delivered position per conversation: what it reconnects to is what lies past it.
-- A connection names its device in the handshake (?device=); those that name none share the device ''.
ALTER TABLE connection ADD COLUMN device VARCHAR(32) NOT NULL DEFAULT '';

-- The connection and device a message came from: it is not sent back there (to a named device not on any of its
-- connections), and counts as delivered to that device.
ALTER TABLE message ADD COLUMN origin_connection VARCHAR(64), ADD COLUMN origin_device VARCHAR(32);

-- The devices an account has connected with; a device seen for the first time starts at the account's read positions.
CREATE TABLE device (
    app        VARCHAR(64) NOT NULL,
    account_id VARCHAR(64) NOT NULL,
    device     VARCHAR(32) NOT NULL,
    first_seen TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (app, account_id, device)
);

-- Moved by the gateway's write receipts (the core's outcomes), forward only. A conversation a known device has no
-- row for is one it has not been sent anything of: it starts where the account joined it.
CREATE TABLE device_position (
    app             VARCHAR(64)  NOT NULL,
    account_id      VARCHAR(64)  NOT NULL,
    device          VARCHAR(32)  NOT NULL,
    conversation_id VARCHAR(140) NOT NULL,
    delivered_seq   BIGINT       NOT NULL,
    PRIMARY KEY (app, account_id, device, conversation_id)
);

-- What was sent to each open connection, so that a message is sent to it once, whatever order the news of it came in.
CREATE TABLE connection_position (
    connection_id   VARCHAR(64)  NOT NULL,
    conversation_id VARCHAR(140) NOT NULL,
    sent_seq        BIGINT       NOT NULL,
    PRIMARY KEY (connection_id, conversation_id)
);
