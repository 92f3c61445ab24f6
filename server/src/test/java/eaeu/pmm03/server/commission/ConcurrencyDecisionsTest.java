package eaeu.pmm03.server.commission;

import eaeu.pmm03.contract.commission.CommissionPortType;
import eaeu.pmm03.contract.commission.GetChanges;
import eaeu.pmm03.contract.commission.GetRecords;
import eaeu.pmm03.contract.drugmonitoring.DrugMonitoringDetails;
import eaeu.pmm03.contract.hccdo.DrugMonitoringItemDetailsType;
import eaeu.pmm03.contract.processingresult.ProcessingResultDetails;
import eaeu.pmm03.server.NodeTestBase;
import eaeu.pmm03.server.TestDocuments;
import eaeu.pmm03.server.db.TransientRetry;
import eaeu.pmm03.server.registry.RecordKeyLocks;
import eaeu.pmm03.server.registry.Utc;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static eaeu.pmm03.server.commission.RaceTest.change;
import static eaeu.pmm03.server.commission.RaceTest.exclude;
import static eaeu.pmm03.server.commission.RaceTest.include;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue #13 items 3, 5d, 5e, 5f and the failure paths of items 1 and 2, over SOAP: authorization before the stored
 * answer (D-51), a change with an equal start (D-50), "as of" and "since" as the seed words them (D-53, D-135), an
 * exclusion ending before the record started (D-134), a stale claim taken over (D-130), contention given up as a
 * retryable fault (D-131).
 */
class ConcurrencyDecisionsTest extends NodeTestBase {

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    RecordKeyLocks locks;

    private static String unique() {
        return "Решение-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static Instant t0() {
        return Instant.now().minus(10, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
    }

    @Test
    void anotherParticipantResendingADocumentIsRefusedNotToldTheStoredAnswer() {
        DrugMonitoringDetails d = TestDocuments.record("MSG.001", "KG", unique(), "Р-1", t0(), null);
        assertThat(include(commission("kg"), d).getProcessingResultV2Code()).isEqualTo("INCLUDED");
        ProcessingResultDetails by = include(commission("by"), d);
        assertThat(by.getProcessingResultV2Code()).isEqualTo("ERR_NOT_AUTHORIZED");
        assertThat(by.getDescriptionText()).doesNotContain("INCLUDED");
        // the original sender still gets its stored answer
        assertThat(include(commission("kg"), d).getProcessingResultV2Code()).isEqualTo("INCLUDED");
    }

    @Test
    void aChangeMayStartWhereTheActiveVersionStartsButNotEarlier() {
        CommissionPortType kz = commission("kz");
        String name = unique();
        Instant t0 = t0();
        assertThat(include(kz, TestDocuments.record("MSG.001", "KZ", name, "Р-2", t0, null)).getProcessingResultV2Code())
                .isEqualTo("INCLUDED");
        ProcessingResultDetails same = change(kz, TestDocuments.record("MSG.002", "KZ", name, "Р-2", t0, null));
        assertThat(same.getProcessingResultV2Code()).as(same.getDescriptionText()).isEqualTo("CHANGED");
        ProcessingResultDetails earlier = change(kz, TestDocuments.record("MSG.002", "KZ", name, "Р-2",
                t0.minus(1, ChronoUnit.HOURS), null));
        assertThat(earlier.getProcessingResultV2Code()).isEqualTo("ERR_RULE");
        assertThat(earlier.getDescriptionText()).startsWith("decision D-50").contains("StartDateTime")
                .contains("раньше начальной даты");
    }

    @Test
    void asOfExactlyTheStartTheRecordIsNotYetValidAndSinceIncludesItsInstant() {
        CommissionPortType ru = commission("ru");
        String name = unique();
        Instant t0 = t0();
        ProcessingResultDetails inc = include(ru, TestDocuments.record("MSG.001", "RU", name, "Р-3", t0, null));
        assertThat(inc.getProcessingResultV2Code()).isEqualTo("INCLUDED");
        // ru 10698: "начальная дата меньше указанной в запросе"
        assertThat(namesAsOf(ru, t0)).doesNotContain(name);
        assertThat(namesAsOf(ru, t0.plusSeconds(1))).contains(name);
        // ru 10868, 10931: "начиная с даты и времени" - the change made at exactly that instant is included
        Instant updated = Times.instant(inc.getEventDateTime());
        assertThat(namesSince(ru, updated)).contains(name);
        assertThat(namesSince(ru, updated.plus(1, ChronoUnit.MICROS))).doesNotContain(name);
    }

    @Test
    void anExclusionEndingBeforeTheRecordStartedIsRefusedAndChangesNothing() {
        CommissionPortType am = commission("am");
        String name = unique();
        Instant t0 = t0();
        assertThat(include(am, TestDocuments.record("MSG.001", "AM", name, "Р-4", t0, null)).getProcessingResultV2Code())
                .isEqualTo("INCLUDED");
        Instant t1 = t0.plus(2, ChronoUnit.DAYS);
        assertThat(change(am, TestDocuments.record("MSG.002", "AM", name, "Р-4", t1, null)).getProcessingResultV2Code())
                .isEqualTo("CHANGED");
        // the document itself is consistent (table 14 rule 4 holds: End >= Start), but the active version starts at t1
        ProcessingResultDetails r = exclude(am, TestDocuments.record("MSG.003", "AM", name, "Р-4", t0,
                t0.plus(1, ChronoUnit.DAYS)));
        assertThat(r.getProcessingResultV2Code()).isEqualTo("ERR_RULE");
        assertThat(r.getDescriptionText()).startsWith("decision D-134").contains("EndDateTime")
                .contains("cannot be excluded before it took effect");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM record_version WHERE trade_name = ? AND end_date_time IS NULL",
                Integer.class, name)).isEqualTo(1);
        Instant end = t1.plus(1, ChronoUnit.HOURS);
        assertThat(exclude(am, TestDocuments.record("MSG.003", "AM", name, "Р-4", t1, end)).getProcessingResultV2Code())
                .isEqualTo("EXCLUDED");
        // stored exactly as sent (OPR.010, ru 10178)
        assertThat(Utc.instant(jdbc.queryForObject("SELECT end_date_time FROM record_version WHERE trade_name = ?"
                + " AND version_no = 2", java.time.LocalDateTime.class, name))).isEqualTo(end);
    }

    @Test
    void aStaleClaimLeftByACrashIsTakenOverAndAFreshRefusalReleasesTheClaim() {
        CommissionPortType kz = commission("kz");
        DrugMonitoringDetails d = TestDocuments.record("MSG.001", "KZ", unique(), "Р-5", t0(), null);
        String edocId = d.getEDocHeader().getEDocId();
        // a node died between claim and completion an hour ago
        jdbc.update("INSERT INTO processed_document (edoc_id, message_code, participant, content_sha256,"
                        + " response_message_code, response_xml, processed_at, state, claim_token)"
                        + " VALUES (?, 'P.MM.03.MSG.001', 'KZ-MOH', ?, '', '', ?, 'CLAIMED', ?)",
                edocId, "0".repeat(64), Utc.db(Instant.now().minus(1, ChronoUnit.HOURS)), UUID.randomUUID().toString());
        assertThat(include(kz, d).getProcessingResultV2Code()).isEqualTo("INCLUDED");
        assertThat(jdbc.queryForObject("SELECT state FROM processed_document WHERE edoc_id = ?", String.class, edocId))
                .isEqualTo("DONE");

        // a refused document leaves no claim behind: corrected under the same EDocId it is processed
        DrugMonitoringDetails bad = TestDocuments.record("MSG.002", "KZ", unique(), "Р-5", t0(), null);
        assertThat(RaceTest.change(kz, bad).getProcessingResultV2Code()).isEqualTo("ERR_RULE");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM processed_document WHERE edoc_id = ?", Integer.class,
                bad.getEDocHeader().getEDocId())).isZero();
    }

    @Test
    void aWriteThatKeepsLosingOnLocksEndsAsARetryableFaultNotAResultCode() {
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> locks.write(List.of("test-" + UUID.randomUUID()), () -> {
            attempts.incrementAndGet();
            throw new CannotAcquireLockException("Deadlock found when trying to get lock (test)");
        })).isInstanceOf(RecordKeyLocks.Contended.class).hasMessageContaining("retry later");
        assertThat(attempts.get()).isEqualTo(TransientRetry.Bound.RECORD_KEY_WRITE.attempts());
    }

    @Test
    void theDocumentsRetryDoesNotStartAGivenUpLockedWriteAgain() {
        // D-232: InboundProvider's retry of the whole document around RecordKeyLocks' own: 8 tries, not 3 × 8
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> TransientRetry.run(TransientRetry.Bound.DOCUMENT, "test",
                () -> locks.write(List.of("test-" + UUID.randomUUID()), () -> {
                    attempts.incrementAndGet();
                    throw new CannotAcquireLockException("Deadlock found when trying to get lock (test)");
                }))).isInstanceOf(RecordKeyLocks.Contended.class).hasMessageContaining("повторите позднее");
        assertThat(attempts.get()).isEqualTo(TransientRetry.Bound.RECORD_KEY_WRITE.attempts());
    }

    private List<String> namesAsOf(CommissionPortType c, Instant at) {
        GetRecords gr = new GetRecords();
        gr.setResourceStatusDetails(TestDocuments.query("MSG.007", at));
        DrugMonitoringDetails d = c.getRecords(gr).getDrugMonitoringDetails();
        return names(d);
    }

    private List<String> namesSince(CommissionPortType c, Instant since) {
        GetChanges gc = new GetChanges();
        gc.setResourceStatusDetails(TestDocuments.query("MSG.010", since));
        return names(c.getChanges(gc).getDrugMonitoringDetails());
    }

    private static List<String> names(DrugMonitoringDetails d) {
        return d == null ? List.of() : d.getDrugMonitoringItemDetails().stream()
                .map(DrugMonitoringItemDetailsType::getDrugMonitoringDetails)
                .map(l -> l.get(0).getDrugTradeName()).toList();
    }
}
