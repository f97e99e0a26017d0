-- Accounts of each app, minted over the admin API; every other row names its app first: nothing crosses apps.
CREATE TABLE account (
    app        VARCHAR(64)  NOT NULL,
    id         VARCHAR(64)  NOT NULL,
    name       VARCHAR(200) NOT NULL DEFAULT '',
    avatar     VARCHAR(1000) NOT NULL DEFAULT '',
    created_at TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (app, id)
);

-- Client tokens: <accountId>.<secret>; only the secret's SHA-256 is kept.
CREATE TABLE client_token (
    app         VARCHAR(64) NOT NULL,
    account_id  VARCHAR(64) NOT NULL,
    secret_hash VARCHAR(64) NOT NULL,
    expires_at  TIMESTAMPTZ NOT NULL,
    revoked_at  TIMESTAMPTZ,
    PRIMARY KEY (app, account_id, secret_hash),
    FOREIGN KEY (app, account_id) REFERENCES account (app, id) ON DELETE CASCADE
);

-- Contacts go both ways: one row per direction.
CREATE TABLE contact (
    app        VARCHAR(64) NOT NULL,
    account_id VARCHAR(64) NOT NULL,
    contact_id VARCHAR(64) NOT NULL,
    PRIMARY KEY (app, account_id, contact_id),
    FOREIGN KEY (app, account_id) REFERENCES account (app, id) ON DELETE CASCADE,
    FOREIGN KEY (app, contact_id) REFERENCES account (app, id) ON DELETE CASCADE
);

-- A conversation (1:1 for now: 'u:<a>:<b>', a < b) and the sequence of its last message: seqs have no gaps.
CREATE TABLE conversation (
    app      VARCHAR(64)  NOT NULL,
    id       VARCHAR(140) NOT NULL,
    kind     SMALLINT     NOT NULL,
    last_seq BIGINT       NOT NULL DEFAULT 0,
    PRIMARY KEY (app, id)
);

-- Each member's read position (moves forward only) and, for a 1:1 conversation, the other account.
CREATE TABLE conversation_member (
    app             VARCHAR(64)  NOT NULL,
    conversation_id VARCHAR(140) NOT NULL,
    account_id      VARCHAR(64)  NOT NULL,
    peer            VARCHAR(64)  NOT NULL,
    read_seq        BIGINT       NOT NULL DEFAULT 0,
    PRIMARY KEY (app, account_id, conversation_id),
    FOREIGN KEY (app, conversation_id) REFERENCES conversation (app, id) ON DELETE CASCADE
);

-- Every message once. A message resent with the same client message id is the same message.
CREATE TABLE message (
    app             VARCHAR(64)  NOT NULL,
    conversation_id VARCHAR(140) NOT NULL,
    seq             BIGINT       NOT NULL,
    id              VARCHAR(40)  NOT NULL,
    sender          VARCHAR(64)  NOT NULL,
    client_msg_id   VARCHAR(64),
    type            SMALLINT     NOT NULL,
    body            JSONB        NOT NULL,
    created_at      TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (app, conversation_id, seq),
    UNIQUE (app, id)
);
CREATE UNIQUE INDEX message_once_per_client_id ON message (app, sender, client_msg_id) WHERE client_msg_id IS NOT NULL;

-- The connections an account has authenticated, and the conversation each has open ('current chat').
CREATE TABLE connection (
    connection_id VARCHAR(64)  PRIMARY KEY,
    app           VARCHAR(64)  NOT NULL,
    account_id    VARCHAR(64)  NOT NULL,
    node_id       VARCHAR(128) NOT NULL,
    current_chat  VARCHAR(140),
    connected_at  TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX connection_by_account ON connection (app, account_id);
