-- D-230: the lease of an outbox row carries a token. A claim writes a fresh one; an attempt's outcome (answered,
-- failed, sent) is recorded only if the row still holds the token of that claim. An attempt that outlived its lease
-- (a stalled node) and finds the row claimed again by another node records nothing: one outcome per row, its
-- follow-ups (MSG.013 after an inclusion) enqueued once.
ALTER TABLE outbox_message ADD COLUMN lease_token CHAR(36) NULL;
