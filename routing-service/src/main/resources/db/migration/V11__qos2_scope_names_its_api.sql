-- A message reaches each API's clients by a delivery of its own, each once on its own: the QoS 2 scope names the
-- delivery's API (rows stored before, all pubsub's, get theirs so that a repeat is still recognised).
UPDATE stored_delivery SET once_scope = once_scope || ' @' || api WHERE qos = 2 AND once_scope IS NOT NULL;
