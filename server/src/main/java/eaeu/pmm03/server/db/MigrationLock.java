package eaeu.pmm03.server.db;

import org.springframework.boot.autoconfigure.flyway.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Flyway migrations run once when several nodes start together (decision D-176). Flyway serialises concurrent
 * migrations with MariaDB's named lock, but not on a Galera node (wsrep_on): there it falls back to locking rows of
 * its history table, which locks nothing while that table is still empty — two nodes starting on a fresh cluster
 * both ran V1 and one failed ("Table 'update_clock' already exists"), leaving a failed migration. So every node
 * takes the named lock itself, on a connection of its own, around the whole migration. A named lock is local to the
 * database server it is taken on: it serialises the nodes because they all reach the database through the one
 * writer entry (HAProxy's single-writer backend, D-170).
 */
@Configuration
public class MigrationLock {

    static final String LOCK = "pmm03.flyway.migrate";
    static final int WAIT_SECONDS = 600;

    @Bean
    public FlywayMigrationStrategy migrateUnderNamedLock(DataSource dataSource) {
        return flyway -> {
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                try (ResultSet rs = s.executeQuery("SELECT GET_LOCK('" + LOCK + "', " + WAIT_SECONDS + ")")) {
                    if (!rs.next() || rs.getInt(1) != 1) {
                        throw new IllegalStateException("another node held the migration lock " + LOCK + " for more than "
                                + WAIT_SECONDS + " s");
                    }
                }
                try {
                    flyway.migrate();
                } finally {
                    s.execute("DO RELEASE_LOCK('" + LOCK + "')");
                }
            } catch (SQLException e) {
                throw new IllegalStateException("could not take the migration lock " + LOCK + ": " + e.getMessage(), e);
            }
        };
    }
}
