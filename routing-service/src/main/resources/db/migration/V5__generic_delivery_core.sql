-- The delivery core's generic tables. Every pubsub row is carried over: a pubsub session becomes an identity of
-- kind 'session' (its id the customid, its ref the session id clients already know), a stored pubsub message a
-- stored delivery of the event 'message' with the arguments the client sees.

-- Anyone of any API a delivery can be addressed to: (app, kind, id), reached also by its alias.
ALTER TABLE pubsub_session RENAME TO identity;
ALTER TABLE identity RENAME COLUMN session_id TO ref;
ALTER TABLE identity RENAME COLUMN appkey TO app;
ALTER TABLE identity RENAME COLUMN customid TO id;
ALTER TABLE identity ADD COLUMN kind VARCHAR(32) NOT NULL DEFAULT 'session';
ALTER TABLE identity ALTER COLUMN kind DROP DEFAULT;
ALTER TABLE identity DROP CONSTRAINT pubsub_session_appkey_customid_key;
ALTER TABLE identity ADD CONSTRAINT identity_once UNIQUE (app, kind, id);
ALTER INDEX pubsub_session_by_alias RENAME TO identity_by_alias;

-- Durable topic subscriptions of identities.
ALTER TABLE subscription RENAME TO topic_subscription;
ALTER TABLE topic_subscription RENAME COLUMN appkey TO app;
ALTER TABLE topic_subscription RENAME COLUMN session_id TO identity_ref;
ALTER INDEX subscription_by_session RENAME TO topic_subscription_by_identity;

-- A delivery kept until its receivers have it: (api, event, args) as the client sees it, so that it comes back in
-- its own API's shape; with the address, acknowledgement and requester its outcomes need.
ALTER TABLE message RENAME TO stored_delivery;
ALTER TABLE stored_delivery RENAME COLUMN appkey TO app;
ALTER TABLE stored_delivery RENAME COLUMN publisher_session TO publisher_ref;
ALTER TABLE stored_delivery ADD COLUMN api VARCHAR(16);
ALTER TABLE stored_delivery ADD COLUMN event VARCHAR(128);
ALTER TABLE stored_delivery ADD COLUMN args TEXT;
ALTER TABLE stored_delivery ADD COLUMN address TEXT;
ALTER TABLE stored_delivery ADD COLUMN ack_mode VARCHAR(16) NOT NULL DEFAULT 'RECEIPT';
ALTER TABLE stored_delivery ADD COLUMN requester VARCHAR(200);
UPDATE stored_delivery SET api = 'pubsub', event = 'message',
    args = json_build_array(json_build_object('topic', event_topic, 'msg', msg::json))::text;
ALTER TABLE stored_delivery ALTER COLUMN api SET NOT NULL;
ALTER TABLE stored_delivery ALTER COLUMN event SET NOT NULL;
ALTER TABLE stored_delivery ALTER COLUMN args SET NOT NULL;
ALTER TABLE stored_delivery DROP COLUMN event_topic;
ALTER TABLE stored_delivery DROP COLUMN msg;
ALTER INDEX message_qos2_once RENAME TO stored_delivery_qos2_once;
ALTER INDEX message_by_expiry RENAME TO stored_delivery_by_expiry;

ALTER TABLE pending_delivery RENAME COLUMN session_id TO identity_ref;

-- A live connection is bound to an identity and speaks one API: deliveries of other APIs never reach it.
ALTER TABLE live_connection RENAME COLUMN appkey TO app;
ALTER TABLE live_connection RENAME COLUMN session_id TO identity_ref;
ALTER TABLE live_connection RENAME COLUMN session_partition TO identity_partition;
ALTER TABLE live_connection ADD COLUMN api VARCHAR(16) NOT NULL DEFAULT 'pubsub';
ALTER TABLE live_connection ALTER COLUMN api DROP DEFAULT;
ALTER INDEX live_connection_by_session RENAME TO live_connection_by_identity;
