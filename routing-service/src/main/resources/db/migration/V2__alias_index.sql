-- publish_to_alias and get_state look sessions up by alias within an app.
CREATE INDEX pubsub_session_by_alias ON pubsub_session (appkey, alias) WHERE alias IS NOT NULL;
