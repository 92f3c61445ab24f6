-- The authority role: outgoing messages (transactional outbox), notifications received from peers,
-- additional-information conversations, and the local mirror of the unified database.

-- Every message this node must deliver, written in the same transaction as the intent that causes it and
-- delivered by a worker with the retries of its transaction (pmm03-process.json). Nothing acknowledged is lost:
-- a row leaves PENDING only when the respondent answered (or, for one-way TRN.007, accepted the message).
CREATE TABLE outbox_message (
    id                  BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    transaction_code    VARCHAR(20)   NOT NULL,
    message_code        VARCHAR(20)   NOT NULL,
    edoc_id             VARCHAR(36)   NOT NULL,
    edoc_ref_id         VARCHAR(36)   NULL,
    target              VARCHAR(64)   NOT NULL,
    url                 VARCHAR(500)  NOT NULL,
    document            LONGTEXT      NOT NULL,
    conversation_id     VARCHAR(36)   NOT NULL,
    procedure_id        VARCHAR(400)  NOT NULL,
    status              VARCHAR(16)   NOT NULL,
    attempts            INT           NOT NULL DEFAULT 0,
    next_attempt_at     DATETIME(6)   NOT NULL,
    created_at          DATETIME(6)   NOT NULL,
    last_attempt_at     DATETIME(6)   NULL,
    last_error          TEXT          NULL,
    answer_message_code VARCHAR(20)   NULL,
    answer_result_code  VARCHAR(20)   NULL,
    answer_text         TEXT          NULL,
    answer_xml          MEDIUMTEXT    NULL,
    answered_at         DATETIME(6)   NULL,
    CONSTRAINT uq_outbox_target UNIQUE (edoc_id, target)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE INDEX ix_outbox_due ON outbox_message (status, next_attempt_at);

-- MSG.013 notifications of inclusions received from other authorities (TRN.007).
CREATE TABLE inclusion_notice (
    edoc_id         VARCHAR(36)   NOT NULL PRIMARY KEY,
    sender          VARCHAR(64)   NOT NULL,
    country         VARCHAR(2)    NOT NULL,
    trade_name      VARCHAR(300)  NULL,
    document        MEDIUMTEXT    NOT NULL,
    received_at     DATETIME(6)   NOT NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Additional information (PRC.008/009): one conversation per MSG.014, seen from either side.
CREATE TABLE conversation (
    id              VARCHAR(36)   NOT NULL PRIMARY KEY,
    side            VARCHAR(10)   NOT NULL,
    peer            VARCHAR(64)   NOT NULL,
    state           VARCHAR(16)   NOT NULL,
    doc_id          VARCHAR(50)   NULL,
    request_xml     MEDIUMTEXT    NOT NULL,
    answer_edoc_id  VARCHAR(36)   NULL,
    answer_xml      LONGTEXT      NULL,
    created_at      DATETIME(6)   NOT NULL,
    updated_at      DATETIME(6)   NOT NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- The authority's mirror of the unified database, filled by MSG.010/011 "since the last applied point".
CREATE TABLE mirror_version (
    id               BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    record_key_hash  VARCHAR(64)   NOT NULL,
    country          VARCHAR(2)    NOT NULL,
    status_code      VARCHAR(2)    NOT NULL,
    trade_name       VARCHAR(300)  NULL,
    start_date_time  DATETIME(6)   NOT NULL,
    end_date_time    DATETIME(6)   NULL,
    update_date_time DATETIME(6)   NOT NULL,
    item_xml         MEDIUMTEXT    NOT NULL,
    CONSTRAINT uq_mirror_version UNIQUE (record_key_hash, start_date_time)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE INDEX ix_mirror_valid ON mirror_version (country, start_date_time, end_date_time);

CREATE TABLE mirror_state (
    id              TINYINT       NOT NULL PRIMARY KEY,
    applied_until   DATETIME(6)   NULL,
    last_sync_at    DATETIME(6)   NULL,
    last_result     VARCHAR(400)  NULL
) ENGINE = InnoDB;
INSERT INTO mirror_state (id) VALUES (1);
