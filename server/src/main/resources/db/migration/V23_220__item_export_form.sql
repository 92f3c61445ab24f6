-- Issue #16 item 3 (decision D-220): each version keeps its item in the form MSG.008/MSG.011 answers write it
-- (without its ResourceItemStatusDetails, which comes from the row), made and checked once when the version is
-- stored and copied into the answers without a parse. NULL for versions stored before (and items that cannot be
-- put in that form): those are exported from item_xml as before. Added last, nullable: an instant ALTER in MariaDB.
ALTER TABLE record_version ADD COLUMN item_out MEDIUMTEXT NULL;
