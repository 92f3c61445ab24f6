package eaeu.pmm03.server.portal;

import eaeu.pmm03.security.xml.HardenedXml;
import eaeu.pmm03.server.registry.RecordVersion;
import eaeu.pmm03.server.registry.VersionListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.ArrayList;
import java.util.List;
import java.time.Instant;
import java.time.LocalDateTime;
import eaeu.pmm03.server.registry.Utc;

/**
 * The portal's search rows (tables record_search and record_number, V2 migration), written for each new version in
 * the transaction that stores it, and filled at startup for versions stored before the portal existed.
 */
@Component
public class SearchIndex implements VersionListener {

    private static final Logger log = LoggerFactory.getLogger(SearchIndex.class);
    private final JdbcTemplate jdbc;
    private final HardenedXml xml;
    private final TransactionTemplate tx;

    public SearchIndex(JdbcTemplate jdbc, HardenedXml xml, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.xml = xml;
        this.tx = tx;
    }

    @Override
    public void stored(RecordVersion v) {
        if (!v.audience().published()) {
            return; // D-156: test records get no search row, so no portal view, feed or export can reach them
        }
        List<Object[]> search = new ArrayList<>();
        List<Object[]> numbers = new ArrayList<>();
        // D-234: the facts from the request's DOM when the version was made from one, not from its text parsed again
        rows(v.id(), v.itemElement(), v.itemXml(), v.country(), v.statusCode(), v.tradeName(), v.startDateTime(),
                v.createdAt(), v.closedAt(), search, numbers);
        write(search, numbers);
    }

    @Override
    public void closed(RecordVersion v) {
        jdbc.update("UPDATE record_search SET closed_at = ? WHERE version_id = ?", Utc.db(v.closedAt()), v.id());
    }

    private static final String INSERT_SEARCH = "INSERT INTO record_search (version_id, country, status_code, trade_name,"
            + " start_date_time, created_at, closed_at, trade_names, inn, manufacturer, holder, batches, consignments,"
            + " doc_ids, all_text) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";

    private void write(List<Object[]> search, List<Object[]> numbers) {
        if (!search.isEmpty()) {
            jdbc.batchUpdate(INSERT_SEARCH, search);
        }
        if (!numbers.isEmpty()) {
            jdbc.batchUpdate("INSERT INTO record_number (version_id, kind, number, norm) VALUES (?,?,?,?)", numbers);
        }
    }

    private void rows(long versionId, org.w3c.dom.Element item, String itemXml, String country, String status,
                      String tradeName, Instant start, Instant createdAt, Instant closedAt, List<Object[]> search,
                      List<Object[]> numbers) {
        ItemFacts f;
        try {
            f = item != null ? ItemFacts.of(item) : ItemFacts.of(itemXml, xml);
        } catch (RuntimeException e) {
            log.warn("version {}: item not indexed for search: {}", versionId, e.getMessage());
            f = new ItemFacts(List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
        }
        search.add(new Object[] {versionId, country, status,
                tradeName == null ? null : tradeName.length() <= 100 ? tradeName : tradeName.substring(0, 100),
                Utc.db(start), Utc.db(createdAt), Utc.db(closedAt), ItemFacts.join(f.tradeNames(), 1000),
                ItemFacts.join(f.inn(), 2000), ItemFacts.join(f.manufacturers(), 2000), ItemFacts.join(f.holders(), 2000),
                ItemFacts.join(f.batches(), 2000), ItemFacts.join(f.consignments(), 2000), ItemFacts.join(f.docIds(), 1000),
                f.allText()});
        f.batches().forEach(b -> numbers.add(new Object[] {versionId, "B", cut(b), cut(ItemFacts.norm(b))}));
        f.consignments().forEach(b -> numbers.add(new Object[] {versionId, "C", cut(b), cut(ItemFacts.norm(b))}));
    }

    private static Instant t(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
        return Utc.instant(rs.getObject(i, LocalDateTime.class));
    }

    private static String cut(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200);
    }

    /** Indexes every version that has no search row yet (after an upgrade, or rows loaded by other means). */
    public int backfill() {
        int total = 0;
        while (true) {
            List<Object[]> rows = jdbc.query("SELECT v.id, v.item_xml, v.country, v.status_code, v.trade_name,"
                    + " v.start_date_time, v.created_at, v.closed_at FROM record_version v LEFT JOIN record_search s"
                    + " ON s.version_id = v.id WHERE s.version_id IS NULL AND v.audience <> 'TEST' ORDER BY v.id LIMIT 500", (rs, n) -> new Object[] {
                    rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), t(rs, 6), t(rs, 7),
                    t(rs, 8)});
            if (rows.isEmpty()) {
                break;
            }
            List<Object[]> search = new ArrayList<>();
            List<Object[]> numbers = new ArrayList<>();
            rows.forEach(r -> rows((Long) r[0], null, (String) r[1], (String) r[2], (String) r[3], (String) r[4], (Instant) r[5],
                    (Instant) r[6], (Instant) r[7], search, numbers));
            tx.executeWithoutResult(st -> write(search, numbers));
            total += rows.size();
        }
        // versions closed by a writer that did not go through UnifiedDatabase (or before the portal existed)
        int fixed = jdbc.update("UPDATE record_search s JOIN record_version v ON v.id = s.version_id"
                + " SET s.closed_at = v.closed_at WHERE NOT (s.closed_at <=> v.closed_at)");
        if (fixed > 0) {
            log.info("portal search index: closing time of {} versions brought up to date", fixed);
        }
        if (total > 0) {
            log.info("portal search index: {} stored versions indexed", total);
        }
        return total;
    }
}
