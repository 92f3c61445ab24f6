package eaeu.pmm03.server.registry;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * DATETIME(6) columns hold UTC. JDBC code converts through LocalDateTime in UTC so that the JVM's default time
 * zone never shifts a value (Hibernate does the same with hibernate.jdbc.time_zone=UTC).
 */
public final class Utc {

    private Utc() {}

    public static LocalDateTime db(Instant i) {
        return i == null ? null : LocalDateTime.ofInstant(i, ZoneOffset.UTC);
    }

    public static Instant instant(LocalDateTime t) {
        return t == null ? null : t.toInstant(ZoneOffset.UTC);
    }
}
