-- An app may require connect_v2 to carry a signature made with its secret (off by default: the seed's clients).
ALTER TABLE app ADD COLUMN signed_connect BOOLEAN NOT NULL DEFAULT false;
