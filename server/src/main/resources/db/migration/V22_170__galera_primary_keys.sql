-- MariaDB Galera replicates row events by primary key: a table without one is replicated badly (full scans on every
-- node, DELETEs may diverge) and is refused by wsrep_mode=REQUIRED_PRIMARY_KEY. record_number was the only table
-- without a primary key (decision D-171, docs/cluster.md).
ALTER TABLE record_number ADD COLUMN id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY FIRST;
