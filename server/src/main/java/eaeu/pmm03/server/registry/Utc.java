package eaeu.pmm03.server.registry;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * DATETIME(6) columns hold UTC. JDBC code converts through LocalDateTime in UTC so that the JVM's default time
 * zone never shifts a value (Hibernate does the same with hibernate.jdbc.time_zone=UTC).
 *
 * <p>The one place of the date-times the node stores (decision D-101): the proleptic Gregorian calendar (java.time,
 * never java.sql.Timestamp/Date and their Julian dates before 1582), UTC, microseconds, years 1000 to 9999 — the
 * range of MariaDB's DATETIME. Query dates outside it are answered, not refused (D-102).
 */
public final class Utc {

    /** The earliest stored instant: 1000-01-01T00:00:00Z. */
    public static final Instant MIN = Instant.parse("1000-01-01T00:00:00Z");
    /** The latest stored instant: 9999-12-31T23:59:59.999999Z. */
    public static final Instant MAX = Instant.parse("9999-12-31T23:59:59.999999Z");
    /** The range as it is named in refusals. */
    public static final String RANGE = "1000-01-01T00:00:00Z .. 9999-12-31T23:59:59.999999Z";

    private Utc() {}

    public static LocalDateTime db(Instant i) {
        return i == null ? null : LocalDateTime.ofInstant(i, ZoneOffset.UTC);
    }

    public static Instant instant(LocalDateTime t) {
        return t == null ? null : t.toInstant(ZoneOffset.UTC);
    }

    /** Whether the instant lies in the stored range (years 1000..9999 UTC). */
    public static boolean inRange(Instant i) {
        return !i.isBefore(MIN) && !i.isAfter(MAX);
    }

    /** Whether the instant has nothing below the microsecond (the precision of DATETIME(6)). */
    public static boolean microseconds(Instant i) {
        return i.truncatedTo(ChronoUnit.MICROS).equals(i);
    }
}
