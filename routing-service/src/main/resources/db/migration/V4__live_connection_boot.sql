-- The boot id of the gateway run that holds the connection, as routing had heard it when binding: when the node
-- is heard with another boot id, its connections from the earlier run are gone, whoever owns their sessions.
ALTER TABLE live_connection ADD COLUMN node_boot_id VARCHAR(64);
