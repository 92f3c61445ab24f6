package eaeu.pmm03.server.mirror;

import eaeu.pmm03.contract.commission.CommissionPortType;
import eaeu.pmm03.contract.commission.GetChanges;
import eaeu.pmm03.contract.commission.GetChangesResponse;
import eaeu.pmm03.contract.commission.GetUpdateTime;
import eaeu.pmm03.contract.drugmonitoring.DrugMonitoringDetails;
import eaeu.pmm03.contract.hccdo.DrugMonitoringItemDetailsType;
import eaeu.pmm03.contract.resourcestatus.ResourceStatusDetails;
import eaeu.pmm03.contract.xml.ContractJaxb;
import eaeu.pmm03.server.commission.Documents;
import eaeu.pmm03.server.commission.RecordMapper;
import eaeu.pmm03.server.commission.Times;
import eaeu.pmm03.server.registry.Utc;
import eaeu.pmm03.server.rules.RecordKey;
import jakarta.xml.bind.JAXBElement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.support.TransactionTemplate;

import javax.xml.namespace.QName;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;

/**
 * The authority's mirror of the unified database. A synchronisation asks the Commission for the update time
 * (MSG.005 → MSG.006); if it is later than the last applied point it asks for the changes since that point
 * (MSG.010 → MSG.011/012; the first time without a date: the full volume) and applies them in one transaction
 * together with the new point, so a crash part-way leaves the previous point and the next run resumes without
 * gaps or duplicates (a version is identified by its record key and StartDateTime).
 */
public class MirrorSync {

    private static final Logger log = LoggerFactory.getLogger(MirrorSync.class);
    private static final QName ITEM = new QName("urn:EEC:M:HC:ComplexDataObjects:v1.0.17", "DrugMonitoringItemDetails");

    /** The outcome of one synchronisation. */
    public record Result(Instant commissionUpdateTime, Instant appliedUntil, int versionsApplied, String note) {}

    /** A version in the mirror. */
    public record MirrorVersion(String country, String statusCode, String tradeName, Instant start, Instant end,
                                Instant updated, String itemXml) {}

    /**
     * How the mirror asks the Commission: over the synchronous port ({@link #sync}), or in the asynchronous mode
     * through the outbox and the reply port (eec.EecQueries) — the mirror's logic is the same for both.
     */
    public interface Queries {
        /** MSG.005 → MSG.006. */
        ResourceStatusDetails updateTime(ResourceStatusDetails request);

        /** MSG.010 → MSG.011 (the document) or MSG.012 (null). */
        DrugMonitoringDetails changes(ResourceStatusDetails request);

        static Queries sync(CommissionPortType c) {
            return new Queries() {
                @Override
                public ResourceStatusDetails updateTime(ResourceStatusDetails request) {
                    GetUpdateTime ut = new GetUpdateTime();
                    ut.setResourceStatusDetails(request);
                    return c.getUpdateTime(ut).getResourceStatusDetails();
                }

                @Override
                public DrugMonitoringDetails changes(ResourceStatusDetails request) {
                    GetChanges gc = new GetChanges();
                    gc.setResourceStatusDetails(request);
                    GetChangesResponse r = c.getChanges(gc);
                    return r.getDrugMonitoringDetails();
                }
            };
        }
    }

    private final Supplier<Queries> commission;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;

    public MirrorSync(Supplier<Queries> commission, JdbcTemplate jdbc, TransactionTemplate tx) {
        this.commission = commission;
        this.jdbc = jdbc;
        this.tx = tx;
    }

    @Scheduled(fixedDelayString = "${pmm03.authority.mirror.interval:PT5M}",
            initialDelayString = "${pmm03.authority.mirror.initial-delay:PT10S}")
    public void scheduled() {
        try {
            sync();
        } catch (RuntimeException e) {
            log.warn("mirror synchronisation failed, will retry: {}", e.toString());
            record(null, "failed: " + e.getMessage());
        }
    }

    public synchronized Result sync() {
        Instant applied = appliedUntil();
        Queries c = commission.get();
        ResourceStatusDetails status = c.updateTime(query("P.MM.03.MSG.005", null));
        Instant remote = Times.instant(status.getUpdateDateTime());
        if (remote == null || (applied != null && !remote.isAfter(applied))) {
            record(applied, "up to date");
            return new Result(remote, applied, 0, "up to date");
        }
        DrugMonitoringDetails d = c.changes(query("P.MM.03.MSG.010", applied));
        if (d == null) {
            record(applied, "no changes (MSG.012)");
            return new Result(remote, applied, 0, "no changes");
        }
        List<DrugMonitoringItemDetailsType> items = d.getDrugMonitoringItemDetails();
        Instant until = tx.execute(s -> {
            Instant max = applied;
            for (DrugMonitoringItemDetailsType item : items) {
                Instant upd = Times.instant(item.getResourceItemStatusDetails().getUpdateDateTime());
                upsert(item, upd);
                if (max == null || upd.isAfter(max)) {
                    max = upd;
                }
            }
            jdbc.update("UPDATE mirror_state SET applied_until = ?, last_sync_at = ?, last_result = ? WHERE id = 1",
                    Utc.db(max), Utc.db(Instant.now()), "applied " + items.size() + " versions");
            return max;
        });
        log.info("mirror: applied {} versions, now at {}", items.size(), until);
        return new Result(remote, until, items.size(), "applied");
    }

    private void upsert(DrugMonitoringItemDetailsType item, Instant updated) {
        RecordKey key = RecordMapper.key(item);
        var data = RecordMapper.data(item, "");
        String xml = ContractJaxb.toXml(new JAXBElement<>(ITEM, DrugMonitoringItemDetailsType.class, item), false);
        jdbc.update("INSERT INTO mirror_version (record_key_hash, country, status_code, trade_name, start_date_time,"
                        + " end_date_time, update_date_time, item_xml) VALUES (?,?,?,?,?,?,?,?)"
                        + " ON DUPLICATE KEY UPDATE end_date_time = VALUES(end_date_time),"
                        + " update_date_time = VALUES(update_date_time), item_xml = VALUES(item_xml),"
                        + " status_code = VALUES(status_code), trade_name = VALUES(trade_name)",
                key.hash(), data.country(), data.statusCode(), data.tradeName(), Utc.db(data.startDateTime()),
                Utc.db(data.endDateTime()), Utc.db(updated), xml);
    }

    private void record(Instant applied, String result) {
        jdbc.update("UPDATE mirror_state SET last_sync_at = ?, last_result = ? WHERE id = 1", Utc.db(Instant.now()), result);
    }

    public Instant appliedUntil() {
        return Utc.instant(jdbc.queryForObject("SELECT applied_until FROM mirror_state WHERE id = 1", LocalDateTime.class));
    }

    /** Local query: the versions valid at the instant (StartDateTime < t < EndDateTime, D-53; now when null), of the given countries or all. */
    public List<MirrorVersion> asOf(Instant at, Collection<String> countries) {
        Instant t = at == null ? Instant.now() : at;
        List<Object> args = new ArrayList<>(List.of(Utc.db(t), Utc.db(t)));
        String where = "";
        if (!countries.isEmpty()) {
            where = " AND country IN (" + String.join(",", countries.stream().map(x -> "?").toList()) + ")";
            args.addAll(countries);
        }
        return jdbc.query("SELECT country, status_code, trade_name, start_date_time, end_date_time, update_date_time,"
                        + " item_xml FROM mirror_version WHERE start_date_time < ? AND (end_date_time IS NULL OR"
                        + " end_date_time > ?)" + where + " ORDER BY id",
                (rs, n) -> new MirrorVersion(rs.getString(1), rs.getString(2), rs.getString(3),
                        Utc.instant(rs.getObject(4, LocalDateTime.class)), Utc.instant(rs.getObject(5, LocalDateTime.class)),
                        Utc.instant(rs.getObject(6, LocalDateTime.class)), rs.getString(7)), args.toArray());
    }

    public long size() {
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM mirror_version", Long.class);
        return n == null ? 0 : n;
    }

    private static ResourceStatusDetails query(String msg, Instant since) {
        ResourceStatusDetails r = new ResourceStatusDetails();
        r.setEDocHeader(Documents.header(msg, null));
        r.setUpdateDateTime(Times.xml(since));
        return r;
    }
}
