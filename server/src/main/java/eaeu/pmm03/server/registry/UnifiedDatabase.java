package eaeu.pmm03.server.registry;

import eaeu.pmm03.server.rules.RecordKey;
import eaeu.pmm03.server.rules.RuleCatalog;
import eaeu.pmm03.server.rules.RuleId;
import eaeu.pmm03.server.rules.Violation;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The unified database of P.MM.03 (P.MM.03.BEN.001): include, change, exclude with full history, and the
 * as-of / since / update-time queries. Writes must run inside the caller's transaction (which also journals the
 * document and records its answer), so a message's effects commit together or not at all.
 */
@Service
public class UnifiedDatabase {

    /**
     * Thrown when the operation's precondition on the active record does not hold: the rule (a fill rule of the
     * catalog or a decision), the path of the offending element and the reason in both languages.
     */
    public static class ConflictException extends RuntimeException {
        private final String rule;
        private final String path;
        private final String textRu;
        private final String textEn;

        public ConflictException(String rule, String path, String textRu, String textEn) {
            super(rule + ": " + textEn);
            this.rule = rule;
            this.path = path;
            this.textRu = textRu;
            this.textEn = textEn;
        }

        /** A fill rule on existing records (12.4, 13.4, 14.2) in the words of the rule catalog. */
        static ConflictException of(int table, int number, RecordKey key) {
            Violation v = RuleCatalog.defaults().violation(RuleId.of(table, number), ITEM, key.canonical());
            return new ConflictException(v.rule().toString(), v.path(), v.messageRu(), v.messageEn());
        }

        public String rule() { return rule; }
        public String path() { return path; }
        public String textRu() { return textRu; }
        public String textEn() { return textEn; }
    }

    /**
     * D-157: a test participant changes or excludes only test records, and nobody else changes them — the test
     * sandbox and the unified database proper never touch each other.
     */
    public static class SandboxException extends RuntimeException {
        public SandboxException(String message) {
            super(message);
        }
    }

    private static void sameSandbox(RecordVersion current, Provenance by) {
        if ((current.audience() == Audience.TEST) != (by.audience() == Audience.TEST)) {
            throw new SandboxException(by.audience() == Audience.TEST
                    ? "a test participant may change or exclude only test records"
                    : "a test record may be changed or excluded only by a test participant");
        }
    }

    private static final String ITEM = "/DrugMonitoringDetails/DrugMonitoringItemDetails";
    private static final String PERIOD = ITEM + "/ResourceItemStatusDetails/ValidityPeriodDetails";

    public static final String CLOSED_BY_CHANGE = "CHANGED";
    public static final String CLOSED_BY_EXCLUSION = "EXCLUDED";

    private final RecordVersionRepository versions;
    private final UpdateClock clock;
    private final JdbcTemplate jdbc;
    /**
     * For the streamed queries (MSG.008/011): with a fetch size MariaDB Connector/J reads rows as they are consumed;
     * without one it reads the whole result set into memory before the first row is returned.
     */
    private final JdbcTemplate streaming;

    public UnifiedDatabase(RecordVersionRepository versions, UpdateClock clock, JdbcTemplate jdbc) {
        this.versions = versions;
        this.clock = clock;
        this.jdbc = jdbc;
        this.streaming = new JdbcTemplate(jdbc.getDataSource());
        this.streaming.setFetchSize(200);
    }

    // ---- portal (issue #7): listeners told of every new version, inside the writing transaction ----------------
    private List<VersionListener> listeners = List.of();

    @org.springframework.beans.factory.annotation.Autowired(required = false)
    void setListeners(List<VersionListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    private RecordVersion stored(RecordVersion v) {
        listeners.forEach(l -> l.stored(v));
        return v;
    }

    private RecordVersion closed(RecordVersion v) {
        listeners.forEach(l -> l.closed(v));
        return v;
    }
    // ---------------------------------------------------------------------------------------------------------

    @Transactional(readOnly = true)
    public Optional<RecordVersion> active(RecordKey key) {
        return versions.findActive(key.hash());
    }

    /**
     * A new version, by one plain JDBC INSERT (decision D-236): it is made while the update clock's row lock is held
     * (every writer waits for it), where Hibernate's persist and flush of the entity cost CPU each writer waited
     * for. The version is not in Hibernate's persistence context; it is never changed in the transaction that adds
     * it (a later close loads it again).
     */
    private RecordVersion insert(RecordVersion v) {
        org.springframework.jdbc.support.GeneratedKeyHolder key = new org.springframework.jdbc.support.GeneratedKeyHolder();
        Object[] values = v.insertValues();
        jdbc.update(con -> {
            java.sql.PreparedStatement ps = con.prepareStatement(RecordVersion.INSERT, java.sql.Statement.RETURN_GENERATED_KEYS);
            for (int i = 0; i < values.length; i++) {
                ps.setObject(i + 1, values[i]);
            }
            return ps;
        }, key);
        v.inserted(key.getKey().longValue());
        return v;
    }

    /**
     * Whether a record with the key is active (what the rules on existing records ask: 12.4, 13.4, 14.2). One
     * indexed lookup by plain JDBC in the caller's transaction, if any (decision D-235): every write flushes at
     * once, so there is no pending change it could miss.
     */
    public boolean hasActive(RecordKey key) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM record_version WHERE active_key_hash = ?)", Boolean.class, key.hash()));
    }

    /** MSG.001: no active record with the key may exist (table 12 rule 4). */
    @Transactional(propagation = Propagation.MANDATORY)
    public RecordVersion include(RecordData data, Provenance by) {
        if (hasActive(data.key())) {
            throw ConflictException.of(12, 4, data.key());
        }
        Instant at = clock.next();
        return stored(insert(new RecordVersion(UUID.randomUUID().toString(), 1, data, at, by)));
    }

    /**
     * MSG.002: the active record gets EndDateTime = the new version's StartDateTime; the new version is active.
     * The new start may equal the active version's start (the closed version then ends where it starts, which
     * table 14 rule 4 allows: End ≥ Start), but not precede it (D-50).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public RecordVersion change(RecordData data, Provenance by) {
        RecordVersion current = versions.findActive(data.key().hash())
                .orElseThrow(() -> ConflictException.of(13, 4, data.key()));
        sameSandbox(current, by);
        if (data.startDateTime().isBefore(current.startDateTime())) {
            throw new ConflictException("decision D-50", PERIOD + "/StartDateTime",
                    "новая начальная дата " + data.startDateTime() + " раньше начальной даты действующей версии "
                            + current.startDateTime() + ": действующая версия закончилась бы раньше, чем началась",
                    "the new StartDateTime " + data.startDateTime() + " is earlier than the StartDateTime "
                            + current.startDateTime() + " of the active version, which would end before it started");
        }
        Instant at = clock.next();
        current.close(data.startDateTime(), at, CLOSED_BY_CHANGE, by);
        closed(versions.saveAndFlush(current));
        RecordVersion next = new RecordVersion(current.recordId(), current.versionNo() + 1, data, at, by);
        next.inheritAudience(current);
        return stored(insert(next));
    }

    /**
     * MSG.003: the active record is closed with exactly the message's EndDateTime (OPR.010, ru 10178). An
     * EndDateTime before the active version's start is refused (D-134), never stored as another value.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public RecordVersion exclude(RecordKey key, Instant endDateTime, Provenance by) {
        RecordVersion current = versions.findActive(key.hash())
                .orElseThrow(() -> ConflictException.of(14, 2, key));
        sameSandbox(current, by);
        if (endDateTime.isBefore(current.startDateTime())) {
            throw new ConflictException("decision D-134", PERIOD + "/EndDateTime",
                    "конечная дата " + endDateTime + " раньше начальной даты " + current.startDateTime()
                            + " действующей версии записи: запись не может быть исключена раньше, чем начала действовать",
                    "EndDateTime " + endDateTime + " is earlier than the StartDateTime " + current.startDateTime()
                            + " of the record's active version: a record cannot be excluded before it took effect");
        }
        Instant at = clock.next();
        current.close(endDateTime, at, CLOSED_BY_EXCLUSION, by);
        return closed(versions.saveAndFlush(current));
    }

    @Transactional(readOnly = true)
    public List<RecordVersion> history(String recordId) {
        return versions.history(recordId);
    }

    /** MSG.005 → MSG.006: the last update time, overall or of the given countries; empty if never updated. */
    public Optional<Instant> updateTime(Collection<String> countries) {
        java.time.LocalDateTime t = jdbc.queryForObject(updateTimeSql(countries.size()), java.time.LocalDateTime.class,
                countries.toArray());
        return Optional.ofNullable(Utc.instant(t));
    }

    /**
     * D-248: the statement of {@link #updateTime} for that many countries (0: all). Each country's maximum is its own
     * MIN/MAX lookup on ix_record_version_country_change (the last entry of the country's range: "Select tables
     * optimized away"), the overall one on ix_record_version_change; {@code country IN (…)} instead read every version
     * of the countries. One statement: the database is asked once, and the answer is one consistent read.
     */
    public static String updateTimeSql(int countries) {
        if (countries == 0) {
            return "SELECT MAX(last_change_at) FROM record_version";
        }
        return "SELECT MAX(t) FROM (" + java.util.stream.IntStream.range(0, countries)
                .mapToObj(i -> "SELECT MAX(last_change_at) t FROM record_version WHERE country = ?")
                .collect(Collectors.joining(" UNION ALL ")) + ") c";
    }

    /**
     * MSG.007 → MSG.008: the versions valid at the instant (StartDateTime < at < EndDateTime, or no end, ru 10698; D-53), of
     * all countries or the given ones. Streamed from the database: the caller must close the stream.
     */
    public Stream<StoredVersion> asOf(Instant at, Collection<String> countries) {
        Object[] args = Stream.concat(Stream.<Object>of(Utc.db(at), Utc.db(at)), countries.stream()).toArray();
        return streaming.queryForStream(asOfSql(countries), StoredVersion.MAPPER, args);
    }

    /** The statement of {@link #asOf}: the instant twice, then the countries (for the plan's test, D-245). */
    public static String asOfSql(Collection<String> countries) {
        return "SELECT " + StoredVersion.COLUMNS + StoredVersion.FROM + " WHERE v.start_date_time < ?"
                + " AND (v.end_date_time IS NULL OR v.end_date_time > ?)"
                + (countries.isEmpty() ? "" : " AND v.country IN (" + placeholders(countries) + ")")
                + " ORDER BY v.id";
    }

    /**
     * MSG.010 → MSG.011: every version created or closed at or after the instant ("начиная с", ru 10868, 10931;
     * D-135; all of them when null), in the order
     * of their last change, closed ones with their EndDateTime so that a mirror can apply exclusions. Streamed.
     */
    public Stream<StoredVersion> since(Instant after, Collection<String> countries) {
        StringBuilder sql = new StringBuilder("SELECT ").append(StoredVersion.COLUMNS).append(StoredVersion.FROM);
        List<Object> args = new java.util.ArrayList<>();
        String glue = " WHERE ";
        if (after != null) {
            sql.append(glue).append("v.last_change_at >= ?");
            args.add(Utc.db(after));
            glue = " AND ";
        }
        if (!countries.isEmpty()) {
            sql.append(glue).append("v.country IN (").append(placeholders(countries)).append(")");
            args.addAll(countries);
        }
        sql.append(" ORDER BY v.last_change_at, v.id");
        return streaming.queryForStream(sql.toString(), StoredVersion.MAPPER, args.toArray());
    }

    private static String placeholders(Collection<?> c) {
        return c.stream().map(x -> "?").collect(Collectors.joining(","));
    }
}
