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
import java.util.Map;

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
        index(v.id(), v.itemXml());
    }

    public void index(long versionId, String itemXml) {
        ItemFacts f;
        try {
            f = ItemFacts.of(itemXml, xml);
        } catch (RuntimeException e) {
            log.warn("version {}: item not indexed for search: {}", versionId, e.getMessage());
            f = new ItemFacts(List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
        }
        jdbc.update("INSERT INTO record_search (version_id, trade_names, inn, manufacturer, holder, batches, consignments,"
                        + " doc_ids, all_text) VALUES (?,?,?,?,?,?,?,?,?)", versionId, ItemFacts.join(f.tradeNames(), 1000),
                ItemFacts.join(f.inn(), 2000), ItemFacts.join(f.manufacturers(), 2000), ItemFacts.join(f.holders(), 2000),
                ItemFacts.join(f.batches(), 2000), ItemFacts.join(f.consignments(), 2000), ItemFacts.join(f.docIds(), 1000),
                f.allText());
        List<Object[]> numbers = new ArrayList<>();
        f.batches().forEach(b -> numbers.add(new Object[] {versionId, "B", cut(b), cut(ItemFacts.norm(b))}));
        f.consignments().forEach(b -> numbers.add(new Object[] {versionId, "C", cut(b), cut(ItemFacts.norm(b))}));
        if (!numbers.isEmpty()) {
            jdbc.batchUpdate("INSERT INTO record_number (version_id, kind, number, norm) VALUES (?,?,?,?)", numbers);
        }
    }

    private static String cut(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200);
    }

    /** Indexes every version that has no search row yet (after an upgrade, or rows loaded by other means). */
    public int backfill() {
        int total = 0;
        while (true) {
            List<Map<String, Object>> rows = jdbc.queryForList("SELECT v.id, v.item_xml FROM record_version v"
                    + " LEFT JOIN record_search s ON s.version_id = v.id WHERE s.version_id IS NULL ORDER BY v.id LIMIT 500");
            if (rows.isEmpty()) {
                break;
            }
            tx.executeWithoutResult(st -> rows.forEach(r -> index(((Number) r.get("id")).longValue(), (String) r.get("item_xml"))));
            total += rows.size();
        }
        if (total > 0) {
            log.info("portal search index: {} stored versions indexed", total);
        }
        return total;
    }
}
