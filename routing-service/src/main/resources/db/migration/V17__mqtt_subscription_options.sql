-- MQTT 5's subscription options that act on delivery: not the subscriber's own messages (no local), retain flag as
-- published. The gateway applies them; routing keeps them with the session for its next connection.
ALTER TABLE topic_filter ADD COLUMN no_local BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE topic_filter ADD COLUMN retain_as_published BOOLEAN NOT NULL DEFAULT false;
