-- The integrated-system (Eec) exchange, decisions D-65..D-71 of docs/spec-decisions.md.
-- A row with relates_to is a signal or an answer this node sends, as respondent, to the initiator's reply port
-- (wsa:RelatesTo = relates_to, wsa:Action = action); rows without it are requests this node initiates.
-- Request rows in the asynchronous mode move PENDING -> SENT -> RECEIVED -> ACCEPTED -> ANSWERED.
ALTER TABLE outbox_message
    ADD COLUMN relates_to VARCHAR(200) NULL,
    ADD COLUMN action     VARCHAR(300) NULL;

CREATE INDEX ix_outbox_relates_to ON outbox_message (relates_to, target);
