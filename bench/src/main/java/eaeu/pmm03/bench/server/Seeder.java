package eaeu.pmm03.bench.server;

import eaeu.pmm03.contract.samples.Samples;
import eaeu.pmm03.server.commission.RecordMapper;
import eaeu.pmm03.server.portal.DemoData;
import eaeu.pmm03.server.registry.RecordData;
import eaeu.pmm03.server.rules.RecordKey;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Bulk seeding of the unified database for the benchmark, straight into the table the node uses
 * (record_version), in multi-row INSERTs of {@value #BATCH} rows: far faster than MSG.001 one by one,
 * and timed separately. Every row is what the node itself would have stored for that item: the item XML of a sample
 * with a distinct trade name, its record key (computed by the node's own RecordKey) and hash, the searchable
 * fields; "active" rows hold the active key hash (unique), "history" rows are closed (excluded) versions.
 * The portal's search rows are not filled (the SOAP scenarios do not read them; the portal benchmark has its own).
 * All seeded changes are older than one day, except the "recent" rows (the last hour), so that MSG.010 "since one
 * hour ago" finds exactly the recent rows whatever the size of the history.
 */
@Component
@org.springframework.context.annotation.Lazy // needs the Commission role (DemoData); unused on an authority bench server
public class Seeder {

    static final int BATCH = 500;
    private static final String COLUMNS = "record_id, version_no, record_key, record_key_hash, country, status_code,"
            + " trade_name, drug_names, start_date_time, end_date_time, created_at, closed_at, closed_reason, item_xml,"
            + " item_out, created_by, created_by_edoc_id, created_by_message, closed_by, closed_by_edoc_id, closed_by_message,"
            + " signed, active_key_hash, last_change_at";
    private static final String[] COUNTRIES = {"AM", "BY", "KZ", "KG", "RU"};

    private final JdbcTemplate jdbc;
    private final Template full;
    private final Template minimal;

    /** An item, its stored data (with its export form, D-220), and the text of its trade name to be replaced. */
    record Template(String itemXml, RecordData data, String tradeName) {

        /** The item's XML or export form with the trade name and country of one seeded row. */
        String fill(String text, String trade, String country) {
            return text.replace(">" + tradeName + "<", ">" + trade + "<").replace(">" + data.country()
                    + "</csdo:UnifiedCountryCode>", ">" + country + "</csdo:UnifiedCountryCode>");
        }
    }

    public Seeder(JdbcTemplate jdbc, DemoData demo) {
        this.jdbc = jdbc;
        this.full = template(demo, "dmd-msg001-include.xml");
        this.minimal = template(demo, "dmd-minimal.xml");
    }

    private static Template template(DemoData demo, String sample) {
        String item = demo.items(Samples.byFile(sample).text()).get(0);
        RecordData d = RecordMapper.data(DemoData.jaxb(item), item);
        return new Template(item, d, d.tradeName());
    }

    /** The trade name of the seeded record number i of a tag (the JAXB baseline rebuilds the same items). */
    public static String tradeName(String tag, int i) {
        return "Бенч " + tag + " " + i;
    }

    public int seed(String kind, int n, String tag) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Instant oldBase = now.minus(3 * 365, ChronoUnit.DAYS);
        String row = "(" + "?,".repeat(23) + "?)";
        List<Object[]> batch = new ArrayList<>(BATCH);
        for (int i = 0; i < n; i++) {
            Template t = kind.equals("history") ? minimal : full;
            String trade = tradeName(tag, i);
            String country = COUNTRIES[i % COUNTRIES.length];
            RecordKey k = t.data().key();
            RecordKey key = new RecordKey(country, k.status(), trade, k.drugNames(), k.docId(), k.docDate(),
                    k.authority());
            String xml = t.fill(t.itemXml(), trade, country);
            // what ExportForm.of(xml) gives, without reading each row's XML again (the same replacement)
            String form = t.data().exportForm() == null ? null : t.fill(t.data().exportForm(), trade, country);
            Instant created;
            Instant closed = null;
            switch (kind) {
                case "active" -> created = oldBase.plusSeconds(i);
                case "history" -> {
                    created = oldBase.minus(400, ChronoUnit.DAYS).plusSeconds(i);
                    closed = created.plusSeconds(30);
                }
                case "recent" -> created = now.minus(50, ChronoUnit.MINUTES).plusMillis(i * 10L);
                default -> throw new IllegalArgumentException("kind: active, history or recent");
            }
            Instant start = t.data().startDateTime() != null && t.data().startDateTime().isBefore(created)
                    ? t.data().startDateTime() : created;
            String hash = key.hash();
            batch.add(new Object[] {UUID.randomUUID().toString(), 1, key.canonical(), hash, country,
                    t.data().statusCode(), trade, t.data().drugNames(), db(start), db(closed), db(created), db(closed),
                    closed == null ? null : "EXCLUDED", xml, form, "bench", UUID.randomUUID().toString(), "P.MM.03.MSG.001",
                    closed == null ? null : "bench", closed == null ? null : UUID.randomUUID().toString(),
                    closed == null ? null : "P.MM.03.MSG.003", false, closed == null ? hash : null,
                    db(closed == null ? created : closed)});
            if (batch.size() == BATCH) {
                insert(row, batch);
            }
        }
        if (!batch.isEmpty()) {
            insert(row, batch);
        }
        jdbc.execute("ANALYZE TABLE record_version");
        return n;
    }

    /** One multi-row INSERT of the batch (much faster than one statement per row), then the batch is emptied. */
    private void insert(String row, List<Object[]> batch) {
        String sql = "INSERT INTO record_version (" + COLUMNS + ") VALUES " + String.join(",",
                java.util.Collections.nCopies(batch.size(), row));
        jdbc.update(sql, batch.stream().flatMap(java.util.Arrays::stream).toArray());
        batch.clear();
    }

    /**
     * The portal's rows for every version without them, made by the database from record_version (INSERT … SELECT:
     * seconds for 1M rows, where the node's SearchIndex would read every item): a search row (the trade name as the
     * text) and one batch number per version, {@code BENCH-<id>} (norm {@code BENCH<id>}), so that each active
     * record has a batch of its own for the pack check to find. Returns the counts and a random sample of batches
     * of active records.
     */
    public Map<String, Object> packs(int sample) {
        // no subquery on the table being filled (MariaDB would copy the whole SELECT into a temporary table first),
        // and 100,000 versions per statement (1M in one transaction would be one huge undo log)
        Long done = jdbc.queryForObject("SELECT COALESCE(MAX(version_id), 0) FROM record_number WHERE kind = 'B'"
                + " AND number LIKE 'BENCH-%'", Long.class);
        Long last = jdbc.queryForObject("SELECT COALESCE(MAX(id), 0) FROM record_version", Long.class);
        int search = 0;
        int numbers = 0;
        for (long from = 0; from < last; from += 100_000) {
            search += jdbc.update("INSERT IGNORE INTO record_search (version_id, country, status_code, trade_name,"
                    + " start_date_time, created_at, closed_at, trade_names, batches, all_text)"
                    + " SELECT v.id, v.country, v.status_code, LEFT(v.trade_name, 100), v.start_date_time,"
                    + " v.created_at, v.closed_at, v.trade_name, CONCAT('BENCH-', v.id), COALESCE(v.trade_name, '')"
                    + " FROM record_version v WHERE v.id > ? AND v.id <= ?", from, from + 100_000);
            numbers += jdbc.update("INSERT INTO record_number (version_id, kind, number, norm)"
                    + " SELECT v.id, 'B', CONCAT('BENCH-', v.id), CONCAT('BENCH', v.id) FROM record_version v"
                    + " WHERE v.id > ? AND v.id <= ?", Math.max(from, done), from + 100_000);
        }
        jdbc.execute("ANALYZE TABLE record_search, record_number");
        List<String> batches = jdbc.queryForList("SELECT n.number FROM record_number n JOIN record_version v"
                + " ON v.id = n.version_id WHERE v.closed_at IS NULL AND n.number LIKE 'BENCH-%' ORDER BY RAND()"
                + " LIMIT ?", String.class, sample);
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("rows", search);
        m.put("numbers", numbers);
        m.put("versions", versions());
        m.put("activeBatches", batches);
        return m;
    }

    public long versions() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM record_version", Long.class);
    }

    public long active() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM record_version WHERE active_key_hash IS NOT NULL", Long.class);
    }

    private static LocalDateTime db(Instant i) {
        return i == null ? null : LocalDateTime.ofInstant(i, ZoneOffset.UTC);
    }
}
