-- QoS 2 means once per message id from one publisher to one address, not once per message id in the whole app:
-- one REST publish to two aliases shares its message id, and two clients may number their messages alike.
ALTER TABLE stored_delivery ADD COLUMN once_scope TEXT;
-- rows stored before keep their app-wide meaning
UPDATE stored_delivery SET once_scope = '' WHERE qos = 2;
DROP INDEX stored_delivery_qos2_once;
CREATE UNIQUE INDEX stored_delivery_qos2_once ON stored_delivery (app, once_scope, message_id) WHERE qos = 2;
