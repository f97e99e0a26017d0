-- An identity nobody can come back as (a pubsub session opened without a customid), or one that stays away too
-- long, expires idle_expiry_seconds after its last connection closed, with its subscriptions and pending rows
-- (null: never). Existing identities never expire, as before.
ALTER TABLE identity ADD COLUMN idle_expiry_seconds INTEGER;
ALTER TABLE identity ADD COLUMN last_seen_at TIMESTAMPTZ NOT NULL DEFAULT now();
CREATE INDEX identity_expiring ON identity (last_seen_at) WHERE idle_expiry_seconds IS NOT NULL;
