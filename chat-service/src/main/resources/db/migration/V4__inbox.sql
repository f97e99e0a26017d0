-- Inbox notifications other teams feed (REST or push.in.chat-notifications), each once per id: a feed replayed with
-- duplicates counts each once.
CREATE TABLE inbox_notification (
    app        VARCHAR(64)   NOT NULL,
    account_id VARCHAR(64)   NOT NULL,
    id         VARCHAR(128)  NOT NULL,
    category   VARCHAR(16)   NOT NULL,
    type       VARCHAR(32)   NOT NULL,
    text       VARCHAR(2000) NOT NULL DEFAULT '',
    created_at TIMESTAMPTZ   NOT NULL DEFAULT now(),
    PRIMARY KEY (app, account_id, id)
);

-- Per account and category: how many came, how many were read (unread = total - read), and the newest one's text.
CREATE TABLE inbox_counter (
    app        VARCHAR(64)   NOT NULL,
    account_id VARCHAR(64)   NOT NULL,
    category   VARCHAR(16)   NOT NULL,
    total      BIGINT        NOT NULL DEFAULT 0,
    read       BIGINT        NOT NULL DEFAULT 0,
    last_text  VARCHAR(2000) NOT NULL DEFAULT '',
    last_at    TIMESTAMPTZ   NOT NULL DEFAULT now(),
    PRIMARY KEY (app, account_id, category)
);
