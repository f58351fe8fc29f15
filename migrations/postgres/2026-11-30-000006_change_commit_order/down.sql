DROP INDEX changes_tx;
ALTER TABLE changes DROP COLUMN tx;
