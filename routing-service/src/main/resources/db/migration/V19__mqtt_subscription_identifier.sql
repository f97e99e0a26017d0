-- MQTT 5's subscription identifier, which the messages a filter matches carry to the client.
ALTER TABLE topic_filter ADD COLUMN subscription_id INTEGER;
