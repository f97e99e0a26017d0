-- MQTT shared subscriptions ($share/<group>/<filter>): the filter row keeps its whole text; the group says that each
-- message matching goes to one of the group's sessions (one connected, when there is one), not to all.
ALTER TABLE topic_filter ADD COLUMN share_group VARCHAR(128);
