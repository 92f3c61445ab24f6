-- The unified database of P.MM.03 (P.MM.03.BEN.001): every version of every record, never deleted.
-- A record is one hccdo:DrugMonitoringItemDetails of an authority; a change closes the active version and adds a
-- new one; an exclusion closes the active version. "Closed" = EndDateTime set (table 12 rule 4).

CREATE TABLE update_clock (
    id         TINYINT      NOT NULL PRIMARY KEY,
    last_at    DATETIME(6)  NOT NULL
) ENGINE = InnoDB;
INSERT INTO update_clock (id, last_at) VALUES (1, '2000-01-01 00:00:00.000000');

CREATE TABLE record_version (
    id                    BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    record_id             VARCHAR(36)      NOT NULL,
    version_no            INT           NOT NULL,
    record_key            TEXT          NOT NULL,
    record_key_hash       VARCHAR(64)      NOT NULL,
    country               VARCHAR(2)       NOT NULL,
    status_code           VARCHAR(2)       NOT NULL,
    trade_name            VARCHAR(300)  NULL,
    drug_names            VARCHAR(1000) NULL,
    start_date_time       DATETIME(6)   NOT NULL,
    end_date_time         DATETIME(6)   NULL,
    created_at            DATETIME(6)   NOT NULL,
    closed_at             DATETIME(6)   NULL,
    closed_reason         VARCHAR(16)   NULL,
    item_xml              MEDIUMTEXT    NOT NULL,
    created_by            VARCHAR(64)   NOT NULL,
    created_by_edoc_id    VARCHAR(36)      NOT NULL,
    created_by_message    VARCHAR(20)   NOT NULL,
    closed_by             VARCHAR(64)   NULL,
    closed_by_edoc_id     VARCHAR(36)      NULL,
    closed_by_message     VARCHAR(20)   NULL,
    signed                BOOLEAN       NOT NULL DEFAULT FALSE,
    -- the key hash while the version is active, NULL once closed: at most one active version per record key,
    -- enforced by the database itself through the unique index below
    active_key_hash       VARCHAR(64)      NULL,
    -- created_at, then closed_at once closed: the order of "changes since" (MSG.010)
    last_change_at        DATETIME(6)   NOT NULL,
    CONSTRAINT uq_record_version UNIQUE (record_id, version_no),
    CONSTRAINT uq_active_key UNIQUE (active_key_hash)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE INDEX ix_record_version_valid ON record_version (country, start_date_time, end_date_time);
CREATE INDEX ix_record_version_change ON record_version (last_change_at, id);
CREATE INDEX ix_record_version_created ON record_version (created_at);
CREATE INDEX ix_record_version_closed ON record_version (closed_at);

-- Documents whose processing changed the database, by EDocId: a retry with the same EDocId and the same
-- content gets the original answer again; the same EDocId with other content is refused (idempotency).
CREATE TABLE processed_document (
    edoc_id               CHAR(36)      NOT NULL PRIMARY KEY,
    message_code          VARCHAR(20)   NOT NULL,
    participant           VARCHAR(64)   NOT NULL,
    content_sha256        CHAR(64)      NOT NULL,
    response_message_code VARCHAR(20)   NOT NULL,
    response_xml          MEDIUMTEXT    NOT NULL,
    processed_at          DATETIME(6)   NOT NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Every message in and out: the audit trail and the source of provenance.
CREATE TABLE message_journal (
    id                BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    direction         VARCHAR(3)    NOT NULL,
    message_code      VARCHAR(20)   NULL,
    edoc_id           VARCHAR(64)   NULL,
    edoc_ref_id       VARCHAR(64)   NULL,
    participant       VARCHAR(64)   NULL,
    peer              VARCHAR(64)   NULL,
    action            VARCHAR(200)  NULL,
    message_id        VARCHAR(200)  NULL,
    relates_to        VARCHAR(200)  NULL,
    conversation_id   VARCHAR(64)   NULL,
    procedure_id      VARCHAR(400)  NULL,
    at                DATETIME(6)   NOT NULL,
    result_code       VARCHAR(20)   NULL,
    result_text       TEXT          NULL,
    signed            BOOLEAN       NOT NULL DEFAULT FALSE,
    content_sha256    CHAR(64)      NULL,
    document          LONGTEXT      NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE INDEX ix_journal_edoc ON message_journal (edoc_id);
CREATE INDEX ix_journal_ref ON message_journal (edoc_ref_id);
CREATE INDEX ix_journal_at ON message_journal (at);
