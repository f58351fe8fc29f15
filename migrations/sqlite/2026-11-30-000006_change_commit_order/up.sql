-- tcmatch schema, version 6: each change names the transaction that wrote it (on PostgreSQL).
-- SQLite writers take turns, so sequence numbers commit in order and `tx` stays 0.
ALTER TABLE changes ADD COLUMN tx BIGINT NOT NULL DEFAULT 0;
