-- Per-app quotas; null means the platform's default (push.app-quota-defaults.*).
ALTER TABLE app ADD COLUMN max_connections INTEGER;
ALTER TABLE app ADD COLUMN max_stored_messages BIGINT;
ALTER TABLE app ADD COLUMN max_stored_bytes BIGINT;
