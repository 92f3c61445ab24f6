package eaeu.pmm03.server.portal;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * D-171: MariaDB Galera replicates rows by primary key, so every table of the schema (Flyway's history included)
 * has one once all migrations ran. Runs in the portal tests' node (same Spring context, no extra database).
 */
class GaleraSchemaTest extends PortalTestBase {

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void everyTableHasAPrimaryKey() {
        var withoutKey = jdbc.queryForList("SELECT t.table_name FROM information_schema.tables t"
                + " WHERE t.table_schema = DATABASE() AND t.table_type = 'BASE TABLE' AND NOT EXISTS (SELECT 1 FROM"
                + " information_schema.table_constraints c WHERE c.table_schema = t.table_schema"
                + " AND c.table_name = t.table_name AND c.constraint_type = 'PRIMARY KEY')", String.class);
        assertThat(withoutKey).isEmpty();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE()"
                + " AND table_name = 'flyway_schema_history'", Integer.class)).isEqualTo(1);
    }

    @Test
    void noMigrationLocksTables() throws Exception {
        try (var files = java.nio.file.Files.list(java.nio.file.Path.of("src/main/resources/db/migration"))) {
            for (var f : files.toList()) {
                assertThat(java.nio.file.Files.readString(f).toUpperCase()).as(f.toString()).doesNotContain("LOCK TABLES");
            }
        }
    }
}
