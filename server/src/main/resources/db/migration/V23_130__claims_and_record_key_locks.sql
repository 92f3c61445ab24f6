-- Issue #13 items 1 and 2 (decisions D-130, D-131).
--
-- D-130: a document's EDocId is claimed FIRST, in its own short transaction, before the document is processed:
-- a row in state CLAIMED, turned into DONE (with the answer) by the transaction that applies the document, or
-- deleted when the document is refused. A concurrent copy of the same document waits for the claim to end and
-- gets the first copy's answer. A claim older than pmm03.idempotency.claim-timeout (the node died between claim
-- and completion) is taken over. EDocIds are remembered per sender: the stored answer goes only to the
-- participant that sent the original (D-51).
ALTER TABLE processed_document
    ADD COLUMN state       VARCHAR(8)  NOT NULL DEFAULT 'DONE',
    ADD COLUMN claim_token CHAR(36)    NULL,
    DROP PRIMARY KEY,
    ADD PRIMARY KEY (edoc_id, participant);

-- D-131: writes to one record key are serialized. The writing transaction locks the key's row here
-- (SELECT ... FOR UPDATE, the row inserted first if missing) before it reads the record's state, so a change, an
-- exclusion and an inclusion of the same key are judged one after the other against what the previous one left.
CREATE TABLE record_key_lock (
    record_key_hash VARCHAR(64) NOT NULL PRIMARY KEY
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
