-- Per app: the key its backend signs client tokens with (shown once, when made), and whether only signed tokens
-- are taken (minted ones then refused).
CREATE TABLE chat_app (
    app         VARCHAR(64) PRIMARY KEY,
    signing_key VARCHAR(64) NOT NULL,
    signed_only BOOLEAN     NOT NULL DEFAULT false
);
