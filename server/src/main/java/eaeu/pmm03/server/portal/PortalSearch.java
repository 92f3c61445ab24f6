package eaeu.pmm03.server.portal;

import eaeu.pmm03.server.registry.Utc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Service;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Search over the unified database for the portal and its API: MariaDB FULLTEXT (boolean mode, prefix terms) on the
 * derived search rows, batch numbers by normalized prefix, everything else on indexed columns of record_version.
 */
@Service
public class PortalSearch {

    /** Totals are counted up to this bound ("more than 10 000"), so a broad query stays fast. */
    public static final int COUNT_CAP = 10_000;
    /** The pack check lists at most this many records of a batch. */
    static final int BATCH_HITS = 100;
    private static final Set<String> STATUSES = SearchQuery.STATUSES;
    /** InnoDB's default innodb_ft_min_token_size: shorter words are not in the FULLTEXT index. */
    private static final int MIN_TOKEN = 3;

    public record Hit(long versionId, String recordId, int versionNo, String country, String status, String tradeName,
                      String tradeNames, String inn, String manufacturer, String holder, String batches,
                      String consignments, String docIds, Instant startDateTime, Instant endDateTime,
                      Instant storedAt, Instant closedAt) {}

    public record Page(List<Hit> items, int page, int size, long total, boolean totalCapped, Instant asOf) {}

    static final String COLUMNS = "v.id, v.record_id, v.version_no, v.country, v.status_code, v.trade_name,"
            + " s.trade_names, s.inn, s.manufacturer, s.holder, s.batches, s.consignments, s.doc_ids,"
            + " v.start_date_time, v.end_date_time, v.created_at, v.closed_at";

    static final RowMapper<Hit> HIT = (rs, n) -> new Hit(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getString(4),
            rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10),
            rs.getString(11), rs.getString(12), rs.getString(13), t(rs, 14), t(rs, 15), t(rs, 16), t(rs, 17));

    private static Instant t(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
        return Utc.instant(rs.getObject(i, LocalDateTime.class));
    }

    private final JdbcTemplate jdbc;

    public PortalSearch(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Page search(SearchQuery q) {
        Where w = where(q);
        if (w.text()) {
            return textSearch(q, w);
        }
        List<Object> args = new ArrayList<>(w.args);
        args.add(q.size());
        args.add((long) (q.page() - 1) * q.size());
        // the page is chosen on the narrow search rows alone; record_version is read for those rows only
        List<Hit> items = jdbc.query("SELECT " + COLUMNS + " FROM (SELECT s.version_id FROM record_search s" + w.sql
                + order(q) + " LIMIT ? OFFSET ?) p JOIN record_search s ON s.version_id = p.version_id"
                + " JOIN record_version v ON v.id = p.version_id" + order(q), HIT, args.toArray());
        List<Object> countArgs = new ArrayList<>(w.args);
        countArgs.add(COUNT_CAP + 1);
        Long total = jdbc.queryForObject("SELECT COUNT(*) FROM (SELECT 1 FROM record_search s" + w.sql + " LIMIT ?) t",
                Long.class, countArgs.toArray());
        long n = total == null ? 0 : total;
        return new Page(items, q.page(), q.size(), Math.min(n, COUNT_CAP), n > COUNT_CAP, q.asOf());
    }

    /**
     * With a text condition the FULLTEXT lookup is the expensive part: it is done once, the ordered ids (up to the
     * count cap) give both the total and the page.
     */
    private Page textSearch(SearchQuery q, Where w) {
        List<Object> args = new ArrayList<>(w.args);
        args.add(COUNT_CAP + 1);
        List<Long> ids = jdbc.queryForList("SELECT s.version_id FROM record_search s" + w.sql + order(q) + " LIMIT ?",
                Long.class, args.toArray());
        int from = Math.min(ids.size(), (q.page() - 1) * q.size());
        List<Long> page = ids.subList(from, Math.min(ids.size(), from + q.size()));
        List<Hit> items = page.isEmpty() ? List.of() : jdbc.query("SELECT " + COLUMNS + " FROM record_search s"
                + " JOIN record_version v ON v.id = s.version_id WHERE s.version_id IN (" + marks(page.size()) + ")"
                + order(q), HIT, page.toArray());
        return new Page(items, q.page(), q.size(), Math.min(ids.size(), COUNT_CAP), ids.size() > COUNT_CAP, q.asOf());
    }

    /** Every match, without paging, streamed from a database cursor (for the exports). */
    public void stream(SearchQuery q, Consumer<Hit> each) {
        Where w = where(q);
        JdbcTemplate streaming = new JdbcTemplate(jdbc.getDataSource());
        streaming.setFetchSize(500);
        try (Stream<Hit> s = streaming.queryForStream("SELECT " + COLUMNS + " FROM record_version v JOIN record_search s"
                + " ON s.version_id = v.id" + w.sql + " ORDER BY v.id", HIT, w.args.toArray())) {
            s.forEach(each);
        }
    }

    /**
     * Active records (now) whose batch number equals the normalized number, newest first, at most 100 (D-241). The
     * semi-join of record_number with the versions costs the database several times a lookup (a temporary table and
     * a filesort, found or not), so it is the last resort: first the versions that carry the number (one index
     * lookup; none — most of what the public asks — is the answer); then those versions by primary key. If every one
     * of them is active, that is exactly the full query's answer at the moment of the first statement (a version,
     * once closed, stays closed; a version added since is one the first statement could not see); if any is closed
     * (history, or a change or exclusion since) or the number has more than 100 rows, the full query decides.
     */
    public List<Hit> byBatch(String batch) {
        String norm = ItemFacts.norm(batch);
        if (norm.isEmpty()) {
            return List.of();
        }
        String key = cut(norm);
        List<Long> ids = jdbc.queryForList("SELECT version_id FROM record_number WHERE norm = ? AND kind = 'B' LIMIT "
                + (BATCH_HITS + 1), Long.class, key);
        if (ids.isEmpty()) {
            return List.of();
        }
        if (ids.size() <= BATCH_HITS) {
            Object[] distinct = new java.util.LinkedHashSet<>(ids).toArray();
            List<Hit> hits = jdbc.query("SELECT " + COLUMNS + " FROM record_version v JOIN record_search s"
                    + " ON s.version_id = v.id WHERE v.id IN (" + marks(distinct.length) + ")"
                    + " ORDER BY v.start_date_time DESC", HIT, distinct);
            if (hits.stream().allMatch(h -> h.closedAt() == null)) {
                return hits;
            }
        }
        return jdbc.query("SELECT " + COLUMNS + " FROM record_version v JOIN record_search s ON s.version_id = v.id"
                + " WHERE v.closed_at IS NULL AND v.id IN (SELECT n.version_id FROM record_number n WHERE n.kind = 'B'"
                + " AND n.norm = ?) ORDER BY v.start_date_time DESC LIMIT " + BATCH_HITS, HIT, key);
    }

    record Where(String sql, List<Object> args, boolean text) {}

    Where where(SearchQuery q) {
        List<String> c = new ArrayList<>();
        List<Object> a = new ArrayList<>();
        if (q.asOf() == null) {
            c.add("s.closed_at IS NULL");
        } else {
            c.add("s.created_at <= ? AND (s.closed_at IS NULL OR s.closed_at > ?)");
            a.add(Utc.db(q.asOf()));
            a.add(Utc.db(q.asOf()));
        }
        text(c, a, "s.all_text", q.q());
        text(c, a, "s.trade_names", q.tradeName());
        text(c, a, "s.inn", q.inn());
        text(c, a, "s.manufacturer", q.manufacturer());
        text(c, a, "s.holder", q.holder());
        if (q.batch() != null && !ItemFacts.norm(q.batch()).isEmpty()) {
            c.add("s.version_id IN (SELECT n.version_id FROM record_number n WHERE n.kind = 'B' AND n.norm LIKE ?)");
            a.add(like(cut(ItemFacts.norm(q.batch()))) + "%");
        }
        if (!q.country().isEmpty()) {
            c.add("s.country IN (" + marks(q.country().size()) + ")");
            a.addAll(q.country());
        }
        List<String> st = q.status().stream().filter(STATUSES::contains).toList();
        if (!q.status().isEmpty()) {
            if (st.isEmpty()) {
                c.add("1 = 0");
            } else {
                c.add("s.status_code IN (" + marks(st.size()) + ")");
                a.addAll(st);
            }
        }
        if (q.from() != null) {
            c.add("s.start_date_time >= ?");
            a.add(q.from().atStartOfDay());
        }
        if (q.to() != null) {
            c.add("s.start_date_time < ?");
            a.add(q.to().plusDays(1).atStartOfDay());
        }
        boolean text = Stream.of(q.q(), q.tradeName(), q.inn(), q.manufacturer(), q.holder())
                .anyMatch(x -> x != null && !x.isBlank());
        return new Where(" WHERE " + String.join(" AND ", c), a, text);
    }

    private static String order(SearchQuery q) {
        return switch (q.sort()) {
            case "start_asc" -> " ORDER BY s.start_date_time, s.version_id";
            case "name" -> " ORDER BY s.trade_name, s.version_id";
            case "country" -> " ORDER BY s.country, s.start_date_time DESC, s.version_id DESC";
            default -> " ORDER BY s.start_date_time DESC, s.version_id DESC";
        };
    }

    /**
     * Words of 3+ letters as required FULLTEXT prefix terms, each also in the other alphabet (Translit, D-190); a text
     * of only short words falls back to LIKE.
     */
    private static void text(List<String> c, List<Object> a, String column, String text) {
        if (text == null || text.isBlank()) {
            return;
        }
        List<String> words = Arrays.stream(text.split("[^\\p{L}\\p{N}]+")).filter(w -> !w.isEmpty()).toList();
        List<String> longWords = words.stream().filter(w -> w.length() >= MIN_TOKEN).limit(10).toList();
        if (!longWords.isEmpty()) {
            c.add("MATCH(" + column + ") AGAINST (? IN BOOLEAN MODE)");
            a.add(longWords.stream().map(Translit::term).collect(Collectors.joining(" ")));
        } else {
            c.add(column + " LIKE ?");
            a.add("%" + like(text.strip()) + "%");
        }
    }

    private static String like(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static String cut(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200);
    }

    private static String marks(int n) {
        return String.join(",", java.util.Collections.nCopies(n, "?"));
    }

    static LocalDateTime utc(Instant i) {
        return LocalDateTime.ofInstant(i, ZoneOffset.UTC);
    }
}
