-- Publication portal (issue #7): what the portal searches, derived from each version's item_xml when the version is
-- stored (eaeu.pmm03.server.portal.SearchIndex; rows missing after an upgrade are filled at startup). A version's
-- item never changes, so these rows are written once; whether a version is active comes from record_version.

-- FULLTEXT without the built-in English stopword list ("a", "in", "for" would otherwise be unsearchable);
-- the setting applies to the indexes created by this session.
SET SESSION innodb_ft_enable_stopword = OFF;

-- The columns the portal filters and sorts on are repeated here (country ... closed_at), so that a search reads
-- this narrow table and its indexes only and touches record_version (whose rows carry the whole item XML) just for
-- the rows of the page shown. closed_at follows record_version.closed_at (SearchIndex.closed, reconciled at startup).
CREATE TABLE record_search (
    version_id    BIGINT         NOT NULL PRIMARY KEY,
    country       VARCHAR(2)     NOT NULL,
    status_code   VARCHAR(2)     NOT NULL,
    trade_name    VARCHAR(100)   NULL,
    start_date_time DATETIME(6)  NOT NULL,
    created_at    DATETIME(6)    NOT NULL,
    closed_at     DATETIME(6)    NULL,
    trade_names   VARCHAR(1000)  NULL,
    inn           VARCHAR(2000)  NULL,
    manufacturer  VARCHAR(2000)  NULL,
    holder        VARCHAR(2000)  NULL,
    batches       VARCHAR(2000)  NULL,
    consignments  VARCHAR(2000)  NULL,
    doc_ids       VARCHAR(1000)  NULL,
    all_text      TEXT           NOT NULL,
    CONSTRAINT fk_record_search_version FOREIGN KEY (version_id) REFERENCES record_version (id),
    FULLTEXT INDEX ft_search_all (all_text),
    FULLTEXT INDEX ft_search_trade (trade_names),
    FULLTEXT INDEX ft_search_inn (inn),
    FULLTEXT INDEX ft_search_manufacturer (manufacturer),
    FULLTEXT INDEX ft_search_holder (holder)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

-- Batch (series) and consignment numbers, one row each; norm = upper case letters and digits only, so that
-- "IB40-1125", "ib40 1125" and the (10) field of a pack's Data Matrix meet.
CREATE TABLE record_number (
    version_id  BIGINT        NOT NULL,
    kind        CHAR(1)       NOT NULL,
    number      VARCHAR(200)  NOT NULL,
    norm        VARCHAR(200)  NOT NULL,
    CONSTRAINT fk_record_number_version FOREIGN KEY (version_id) REFERENCES record_version (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;

CREATE INDEX ix_record_number_norm ON record_number (norm, kind);
CREATE INDEX ix_record_number_version ON record_number (version_id);

-- records in force in date or name order, by country and subsection; the database as of a date
CREATE INDEX ix_search_active_start ON record_search (closed_at, start_date_time);
CREATE INDEX ix_search_active_country ON record_search (closed_at, country, status_code, start_date_time);
CREATE INDEX ix_search_active_status ON record_search (closed_at, status_code, start_date_time);
CREATE INDEX ix_search_active_trade ON record_search (closed_at, trade_name);
CREATE INDEX ix_search_created ON record_search (created_at, closed_at);
