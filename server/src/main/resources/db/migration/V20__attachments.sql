-- Binary attachments (the PDFs of MSG.016) are files named by their SHA-256 under pmm03.attachments.dir; the
-- documents refer to them by xop:Include href="cid:<sha256>@pmm03". A row here says the file was completely
-- written and forced to disk before any document that refers to it was committed.
CREATE TABLE attachment (
    sha256      CHAR(64)     NOT NULL PRIMARY KEY,
    size_bytes  BIGINT       NOT NULL,
    stored_at   DATETIME(6)  NOT NULL
) ENGINE = InnoDB;
