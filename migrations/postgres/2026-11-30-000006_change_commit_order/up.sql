-- tcmatch schema, version 6: each change names the transaction that wrote it, so an instance can
-- follow changes in commit order. A sequence number is taken at insert, not at commit: a long
-- transaction may commit a low number after shorter ones committed higher ones. Every
-- transaction older than a snapshot's xmin has ended, so its changes are all visible.
ALTER TABLE changes ADD COLUMN tx BIGINT NOT NULL DEFAULT 0;
ALTER TABLE changes ALTER COLUMN tx SET DEFAULT (pg_current_xact_id()::text::bigint);
CREATE INDEX changes_tx ON changes (tx, seq);
