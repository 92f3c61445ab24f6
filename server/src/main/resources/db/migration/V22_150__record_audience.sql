-- Issue #14 / D-156: test and demonstration records are marked, so that the public portal never shows test data.
-- PUBLIC = the unified database proper, DEMO = demonstration records of a development node (created_by 'demo'),
-- TEST = records written by test participants (pmm03.portal.test-participants). Versions inherit it from the record.
ALTER TABLE record_version ADD COLUMN audience VARCHAR(8) NOT NULL DEFAULT 'PUBLIC';
UPDATE record_version SET audience = 'DEMO' WHERE created_by = 'demo';
