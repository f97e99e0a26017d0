-- Tenants: every pubsub client names its app by appkey; REST callers prove it with the secret.
CREATE TABLE app (
    id         BIGSERIAL PRIMARY KEY,
    appkey     VARCHAR(64)  NOT NULL UNIQUE,
    secret     VARCHAR(64)  NOT NULL,
    name       VARCHAR(200) NOT NULL,
    created_at TIMESTAMPTZ  NOT NULL DEFAULT now()
);

-- A pubsub session is appkey + customid; the same pair always gets the same session id.
CREATE TABLE pubsub_session (
    session_id VARCHAR(120) PRIMARY KEY,
    appkey     VARCHAR(64)  NOT NULL REFERENCES app (appkey),
    customid   VARCHAR(200) NOT NULL,
    alias      VARCHAR(200),
    created_at TIMESTAMPTZ  NOT NULL DEFAULT now(),
    UNIQUE (appkey, customid)
);

CREATE TABLE subscription (
    appkey     VARCHAR(64)  NOT NULL,
    topic      VARCHAR(256) NOT NULL,
    session_id VARCHAR(120) NOT NULL REFERENCES pubsub_session (session_id) ON DELETE CASCADE,
    created_at TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (appkey, topic, session_id)
);
CREATE INDEX subscription_by_session ON subscription (session_id);
