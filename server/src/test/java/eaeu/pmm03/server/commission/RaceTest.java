package eaeu.pmm03.server.commission;

import eaeu.pmm03.contract.commission.ChangeRecord;
import eaeu.pmm03.contract.commission.CommissionPortType;
import eaeu.pmm03.contract.commission.ExcludeRecord;
import eaeu.pmm03.contract.commission.IncludeRecord;
import eaeu.pmm03.contract.drugmonitoring.DrugMonitoringDetails;
import eaeu.pmm03.contract.processingresult.ProcessingResultDetails;
import eaeu.pmm03.server.NodeTestBase;
import eaeu.pmm03.server.TestDocuments;
import eaeu.pmm03.server.registry.Utc;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue #13 items 1 and 2 (D-130, D-131): real concurrent SOAP clients (one CXF client per thread, released
 * together by a latch) against a node on MariaDB, several rounds each. Concurrent copies of one document get the
 * first copy's answer; concurrent writes to one record behave as if serialized, and the history has no gap and
 * no overlap. The outcome counts per scenario are printed (for the closing note of the issue).
 */
class RaceTest extends NodeTestBase {

    static final int THREADS = 12;
    static final int ROUNDS = 3;
    private static final Map<String, Map<String, Integer>> OUTCOMES = new TreeMap<>();

    @Autowired
    JdbcTemplate jdbc;

    @AfterAll
    static void printOutcomes() {
        System.out.println("RaceTest outcomes (" + THREADS + " threads x " + ROUNDS + " rounds):");
        OUTCOMES.forEach((scenario, counts) -> System.out.println("  " + scenario + ": " + counts));
    }

    private static synchronized void count(String scenario, String outcome) {
        OUTCOMES.computeIfAbsent(scenario, k -> new TreeMap<>()).merge(outcome, 1, Integer::sum);
    }

    private static String unique() {
        return "Гонка-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static Instant t0() {
        return Instant.now().minus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
    }

    /** One client per thread; all threads start their call at the same moment. */
    private <T> List<T> race(List<CommissionPortType> clients, List<java.util.function.Function<CommissionPortType, T>> calls)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        try {
            CountDownLatch ready = new CountDownLatch(calls.size());
            CountDownLatch go = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < calls.size(); i++) {
                CommissionPortType c = clients.get(i % clients.size());
                java.util.function.Function<CommissionPortType, T> call = calls.get(i);
                futures.add(pool.submit((Callable<T>) () -> {
                    ready.countDown();
                    go.await();
                    return call.apply(c);
                }));
            }
            ready.await();
            go.countDown();
            List<T> out = new ArrayList<>();
            for (Future<T> f : futures) {
                out.add(f.get(120, TimeUnit.SECONDS));
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    private List<CommissionPortType> clients(String user) {
        List<CommissionPortType> l = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            l.add(i % 2 == 0 ? commission(user) : commission(user, user + "-dev-password", "/commission12"));
        }
        return l;
    }

    static ProcessingResultDetails include(CommissionPortType c, DrugMonitoringDetails d) {
        IncludeRecord r = new IncludeRecord();
        r.setDrugMonitoringDetails(d);
        return c.includeRecord(r).getProcessingResultDetails();
    }

    static ProcessingResultDetails change(CommissionPortType c, DrugMonitoringDetails d) {
        ChangeRecord r = new ChangeRecord();
        r.setDrugMonitoringDetails(d);
        return c.changeRecord(r).getProcessingResultDetails();
    }

    static ProcessingResultDetails exclude(CommissionPortType c, DrugMonitoringDetails d) {
        ExcludeRecord r = new ExcludeRecord();
        r.setDrugMonitoringDetails(d);
        return c.excludeRecord(r).getProcessingResultDetails();
    }

    private static String outcome(ProcessingResultDetails r) {
        String code = r.getProcessingResultV2Code();
        if (!"ERR_RULE".equals(code)) {
            return code;
        }
        String d = r.getDescriptionText();
        int colon = d.indexOf(':');
        return code + " " + (colon > 0 ? d.substring(0, colon) : d).replace("Table ", "table ");
    }

    @Test
    void copiesOfOneDocumentInFlightAllGetTheFirstCopysAnswer() throws Exception {
        List<CommissionPortType> kz = clients("kz");
        for (int round = 0; round < ROUNDS; round++) {
            String name = unique();
            Instant t0 = t0();
            DrugMonitoringDetails inc = TestDocuments.record("MSG.001", "KZ", name, "Гонка-1", t0, null);
            DrugMonitoringDetails chg = TestDocuments.record("MSG.002", "KZ", name, "Гонка-1", t0.plus(1, ChronoUnit.DAYS), null);
            DrugMonitoringDetails exc = TestDocuments.record("MSG.003", "KZ", name, "Гонка-1",
                    t0.plus(1, ChronoUnit.DAYS), t0.plus(2, ChronoUnit.DAYS));
            for (var step : List.of(Map.entry("MSG.001", inc), Map.entry("MSG.002", chg), Map.entry("MSG.003", exc))) {
                List<java.util.function.Function<CommissionPortType, ProcessingResultDetails>> calls = new ArrayList<>();
                for (int i = 0; i < THREADS; i++) {
                    calls.add(c -> switch (step.getKey()) {
                        case "MSG.001" -> include(c, step.getValue());
                        case "MSG.002" -> change(c, step.getValue());
                        default -> exclude(c, step.getValue());
                    });
                }
                List<ProcessingResultDetails> answers = race(kz, calls);
                answers.forEach(a -> count("same " + step.getKey() + " in flight", outcome(a)));
                String expected = switch (step.getKey()) {
                    case "MSG.001" -> "INCLUDED";
                    case "MSG.002" -> "CHANGED";
                    default -> "EXCLUDED";
                };
                assertThat(answers).allSatisfy(a -> assertThat(a.getProcessingResultV2Code())
                        .as(a.getDescriptionText()).isEqualTo(expected));
                // every copy got the one stored answer of the first (same answer EDocId)
                assertThat(answers.stream().map(a -> a.getEDocHeader().getEDocId()).distinct()).hasSize(1);
            }
            assertThat(versions(name)).hasSize(2);
        }
    }

    /** D-220: each concurrent ingest stores the export form of its own item, and the export answers from it. */
    @Test
    void concurrentIngestsStoreEachItemsOwnExportForm() throws Exception {
        List<CommissionPortType> am = clients("am");
        for (int round = 0; round < ROUNDS; round++) {
            List<String> names = new ArrayList<>();
            List<java.util.function.Function<CommissionPortType, ProcessingResultDetails>> calls = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                String name = unique();
                names.add(name);
                DrugMonitoringDetails d = TestDocuments.record("MSG.001", "AM", name, "Гонка-5", t0(), null);
                calls.add(c -> include(c, d));
            }
            List<ProcessingResultDetails> answers = race(am, calls);
            answers.forEach(a -> count("export forms of " + THREADS + " concurrent inclusions", outcome(a)));
            assertThat(answers).allSatisfy(a -> assertThat(a.getProcessingResultV2Code()).isEqualTo("INCLUDED"));
            for (String name : names) {
                Map<String, Object> row = jdbc.queryForMap("SELECT item_xml, item_out FROM record_version"
                        + " WHERE trade_name = ?", name);
                String form = (String) row.get("item_out");
                assertThat(form).isEqualTo(eaeu.pmm03.server.transport.ExportForm.of((String) row.get("item_xml")))
                        .contains(">" + name + "<");
            }
            eaeu.pmm03.contract.commission.GetRecords g = new eaeu.pmm03.contract.commission.GetRecords();
            g.setResourceStatusDetails(TestDocuments.query("MSG.007", Instant.now(), "AM"));
            DrugMonitoringDetails all = am.get(0).getRecords(g).getDrugMonitoringDetails();
            List<String> exported = all.getDrugMonitoringItemDetails().stream()
                    .map(i -> i.getDrugMonitoringDetails().get(0).getDrugTradeName()).filter(names::contains).toList();
            assertThat(exported).containsExactlyInAnyOrderElementsOf(names);
        }
    }

    @Test
    void oneEdocIdWithDifferentContentsIsIncludedOnceAndRefusedForTheRest() throws Exception {
        List<CommissionPortType> by = clients("by");
        for (int round = 0; round < ROUNDS; round++) {
            String edocId = UUID.randomUUID().toString();
            List<String> names = new ArrayList<>();
            List<java.util.function.Function<CommissionPortType, ProcessingResultDetails>> calls = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                String name = unique();
                names.add(name);
                DrugMonitoringDetails d = TestDocuments.record("MSG.001", "BY", name, "Гонка-2", t0(), null);
                d.getEDocHeader().setEDocId(edocId);
                calls.add(c -> include(c, d));
            }
            List<ProcessingResultDetails> answers = race(by, calls);
            answers.forEach(a -> count("one EDocId, " + THREADS + " contents", outcome(a)));
            assertThat(answers.stream().filter(a -> "INCLUDED".equals(a.getProcessingResultV2Code()))).hasSize(1);
            assertThat(answers.stream().filter(a -> "ERR_DUPLICATE_ID".equals(a.getProcessingResultV2Code())))
                    .hasSize(THREADS - 1);
            assertThat(names.stream().mapToInt(n -> versions(n).size()).sum()).isEqualTo(1);
        }
    }

    @Test
    void concurrentChangesOfOneRecordAreJudgedOneAfterTheOther() throws Exception {
        List<CommissionPortType> kg = clients("kg");
        for (int round = 0; round < ROUNDS; round++) {
            String name = unique();
            Instant t0 = t0();
            assertThat(include(kg.get(0), TestDocuments.record("MSG.001", "KG", name, "Гонка-3", t0, null))
                    .getProcessingResultV2Code()).isEqualTo("INCLUDED");
            List<java.util.function.Function<CommissionPortType, ProcessingResultDetails>> calls = new ArrayList<>();
            for (int i = 1; i <= THREADS; i++) {
                DrugMonitoringDetails d = TestDocuments.record("MSG.002", "KG", name, "Гонка-3", t0.plus(i, ChronoUnit.HOURS), null);
                calls.add(c -> change(c, d));
            }
            List<ProcessingResultDetails> answers = race(kg, calls);
            answers.forEach(a -> count(THREADS + " MSG.002 of one record, increasing starts", outcome(a)));
            // a valid change is never refused because of timing: CHANGED, or - when a later start was applied
            // first - the refusal of an earlier start (D-50), which is what a serial order gives too
            assertThat(answers).allSatisfy(a -> assertThat(outcome(a)).as(a.getDescriptionText())
                    .isIn("CHANGED", "ERR_RULE decision D-50"));
            long changed = answers.stream().filter(a -> "CHANGED".equals(a.getProcessingResultV2Code())).count();
            assertThat(changed).isPositive();
            List<Version> h = versions(name);
            assertThat(h).hasSize((int) changed + 1);
            assertNoGapNoOverlap(h);
            assertThat(h.get(h.size() - 1).end()).isNull();
        }
    }

    @Test
    void anInclusionRacingAnExclusionIsSerialized() throws Exception {
        List<CommissionPortType> am = clients("am");
        for (int round = 0; round < ROUNDS; round++) {
            String name = unique();
            Instant t0 = t0();
            assertThat(include(am.get(0), TestDocuments.record("MSG.001", "AM", name, "Гонка-4", t0, null))
                    .getProcessingResultV2Code()).isEqualTo("INCLUDED");
            List<java.util.function.Function<CommissionPortType, ProcessingResultDetails>> calls = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                if (i % 2 == 0) {
                    DrugMonitoringDetails d = TestDocuments.record("MSG.003", "AM", name, "Гонка-4", t0,
                            t0.plus(1, ChronoUnit.DAYS));
                    calls.add(c -> exclude(c, d));
                } else {
                    DrugMonitoringDetails d = TestDocuments.record("MSG.001", "AM", name, "Гонка-4",
                            t0.plus(2, ChronoUnit.DAYS), null);
                    calls.add(c -> include(c, d));
                }
            }
            List<ProcessingResultDetails> answers = race(am, calls);
            answers.forEach(a -> count("include racing exclude", outcome(a)));
            assertThat(answers).allSatisfy(a -> assertThat(outcome(a)).as(a.getDescriptionText())
                    .isIn("INCLUDED", "EXCLUDED", "ERR_RULE table 12, rule 4", "ERR_RULE table 14, rule 2",
                            "ERR_RULE decision D-134"));
            long included = answers.stream().filter(a -> "INCLUDED".equals(a.getProcessingResultV2Code())).count();
            long excluded = answers.stream().filter(a -> "EXCLUDED".equals(a.getProcessingResultV2Code())).count();
            assertThat(excluded).isPositive();
            List<Version> h = versions(name);
            // one version per successful inclusion (plus the first), one closed per successful exclusion
            assertThat(h).hasSize((int) included + 1);
            assertThat(h.stream().filter(v -> v.closedAt() != null)).hasSize((int) excluded);
            assertThat(h.stream().filter(v -> v.closedAt() == null).count()).isLessThanOrEqualTo(1);
            assertThat(1 + included - excluded).isIn(0L, 1L);
        }
    }

    /** Each version ends where the next one starts (change), versions are ordered, none ends before it starts. */
    static void assertNoGapNoOverlap(List<Version> h) {
        for (int i = 0; i < h.size(); i++) {
            Version v = h.get(i);
            assertThat(v.versionNo()).isEqualTo(i + 1);
            if (v.end() != null) {
                assertThat(v.end()).isAfterOrEqualTo(v.start());
            }
            if (i + 1 < h.size()) {
                assertThat(v.end()).as("version %d ends where version %d starts", i + 1, i + 2)
                        .isEqualTo(h.get(i + 1).start());
            }
        }
    }

    record Version(String recordId, int versionNo, Instant start, Instant end, Instant closedAt) {}

    /** All versions of all records with this trade name, in the order of their creation. */
    List<Version> versions(String tradeName) {
        return jdbc.query("SELECT record_id, version_no, start_date_time, end_date_time, closed_at FROM record_version"
                        + " WHERE trade_name = ? ORDER BY id",
                (rs, n) -> new Version(rs.getString(1), rs.getInt(2), Utc.instant(rs.getObject(3, LocalDateTime.class)),
                        Utc.instant(rs.getObject(4, LocalDateTime.class)), Utc.instant(rs.getObject(5, LocalDateTime.class))),
                tradeName);
    }
}
