package eaeu.pmm03.server.commission;

import eaeu.pmm03.contract.commission.ChangeRecord;
import eaeu.pmm03.contract.commission.CommissionPortType;
import eaeu.pmm03.contract.commission.ExcludeRecord;
import eaeu.pmm03.contract.commission.GetChanges;
import eaeu.pmm03.contract.commission.GetChangesResponse;
import eaeu.pmm03.contract.commission.GetRecords;
import eaeu.pmm03.contract.commission.GetRecordsResponse;
import eaeu.pmm03.contract.commission.GetUpdateTime;
import eaeu.pmm03.contract.commission.IncludeRecord;
import eaeu.pmm03.contract.drugmonitoring.DrugMonitoringDetails;
import eaeu.pmm03.contract.hccdo.DrugMonitoringItemDetailsType;
import eaeu.pmm03.contract.processingresult.ProcessingResultDetails;
import eaeu.pmm03.contract.resourcestatus.ResourceStatusDetails;
import eaeu.pmm03.server.NodeTestBase;
import eaeu.pmm03.server.TestDocuments;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** TRN.001–006 end to end through SOAP against the embedded MariaDB. */
class CommissionTransactionsTest extends NodeTestBase {

    private static String unique() {
        return "Фальсификат-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private ProcessingResultDetails include(CommissionPortType c, DrugMonitoringDetails d) {
        IncludeRecord r = new IncludeRecord();
        r.setDrugMonitoringDetails(d);
        return c.includeRecord(r).getProcessingResultDetails();
    }

    @Test
    void includeChangeExcludeKeepsHistoryAndAnswersQueries() {
        CommissionPortType kz = commission("kz");
        String name = unique();
        Instant t0 = Instant.now().minus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        DrugMonitoringDetails inc = TestDocuments.record("MSG.001", "KZ", name, "Приказ-1", t0, null);
        ProcessingResultDetails r1 = include(kz, inc);
        assertThat(r1.getProcessingResultV2Code()).as(r1.getDescriptionText()).isEqualTo("INCLUDED");
        assertThat(r1.getEDocHeader().getInfEnvelopeCode()).isEqualTo("P.MM.03.MSG.004");
        assertThat(r1.getEDocHeader().getEDocRefId()).isEqualTo(inc.getEDocHeader().getEDocId());

        Instant afterInclude = Times.instant(r1.getEventDateTime());

        // the same key again is refused by table 12 rule 4 and changes nothing
        ProcessingResultDetails dup = include(kz, TestDocuments.record("MSG.001", "KZ", name, "Приказ-1", t0, null));
        assertThat(dup.getProcessingResultV2Code()).isEqualTo("ERR_RULE");
        assertThat(dup.getDescriptionText()).containsIgnoringCase("table 12, rule 4");

        Instant t1 = t0.plus(1, ChronoUnit.DAYS);
        ChangeRecord ch = new ChangeRecord();
        ch.setDrugMonitoringDetails(TestDocuments.record("MSG.002", "KZ", name, "Приказ-1", t1, null));
        ProcessingResultDetails r2 = kz.changeRecord(ch).getProcessingResultDetails();
        assertThat(r2.getProcessingResultV2Code()).as(r2.getDescriptionText()).isEqualTo("CHANGED");

        // as of a moment between t0 and t1 the first version is valid; now the second one is
        assertThat(versionsAsOf(kz, t0.plus(1, ChronoUnit.HOURS), name)).containsExactly(Times.xml(t0).toXMLFormat());
        assertThat(versionsAsOf(kz, null, name)).containsExactly(Times.xml(t1).toXMLFormat());

        Instant t2 = t1.plus(1, ChronoUnit.HOURS);
        ExcludeRecord ex = new ExcludeRecord();
        ex.setDrugMonitoringDetails(TestDocuments.record("MSG.003", "KZ", name, "Приказ-1", t1, t2));
        ProcessingResultDetails r3 = kz.excludeRecord(ex).getProcessingResultDetails();
        assertThat(r3.getProcessingResultV2Code()).as(r3.getDescriptionText()).isEqualTo("EXCLUDED");
        assertThat(versionsAsOf(kz, null, name)).isEmpty();

        // changes since the include: the closed first version, the closed second version, in order
        GetChanges gc = new GetChanges();
        gc.setResourceStatusDetails(TestDocuments.query("MSG.010", afterInclude.minusNanos(1000), "KZ"));
        GetChangesResponse changes = kz.getChanges(gc);
        assertThat(changes.getDrugMonitoringDetails()).isNotNull();
        var mine = changes.getDrugMonitoringDetails().getDrugMonitoringItemDetails().stream()
                .filter(i -> name.equals(i.getDrugMonitoringDetails().get(0).getDrugTradeName())).toList();
        assertThat(mine).hasSize(2);
        assertThat(mine).allSatisfy(i -> assertThat(i.getResourceItemStatusDetails().getValidityPeriodDetails()
                .getEndDateTime()).isNotNull());

        // update time of KZ is the exclusion's
        GetUpdateTime ut = new GetUpdateTime();
        ut.setResourceStatusDetails(TestDocuments.query("MSG.005", null, "KZ"));
        ResourceStatusDetails time = kz.getUpdateTime(ut).getResourceStatusDetails();
        assertThat(time.getEDocHeader().getInfEnvelopeCode()).isEqualTo("P.MM.03.MSG.006");
        assertThat(Times.instant(time.getUpdateDateTime())).isEqualTo(Times.instant(r3.getEventDateTime()));
    }

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;

    /**
     * D-248: MSG.006 answers the last change of the countries asked for (of all without one), and the statement reads
     * one index entry per country: every SELECT of its plan is "Select tables optimized away", none scans versions.
     */
    @Test
    void theUpdateTimeOfCountriesIsTheirLastChangeFoundInTheIndex() {
        Instant t0 = Instant.now().minus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        ProcessingResultDetails kg = include(commission("kg"), TestDocuments.record("MSG.001", "KG", unique(), "Приказ-7", t0, null));
        ProcessingResultDetails by = include(commission("by"), TestDocuments.record("MSG.001", "BY", unique(), "Приказ-7", t0, null));
        assertThat(kg.getProcessingResultV2Code()).as(kg.getDescriptionText()).isEqualTo("INCLUDED");
        assertThat(by.getProcessingResultV2Code()).as(by.getDescriptionText()).isEqualTo("INCLUDED");
        CommissionPortType am = commission("am");
        assertThat(updateTime(am, "KG")).isEqualTo(Times.instant(kg.getEventDateTime()));
        assertThat(updateTime(am, "BY")).isEqualTo(Times.instant(by.getEventDateTime()));
        assertThat(updateTime(am, "KG", "BY")).isEqualTo(Times.instant(by.getEventDateTime()));
        assertThat(updateTime(am, "BY", "KG", "BY")).isEqualTo(Times.instant(by.getEventDateTime()));
        assertThat(updateTime(am)).isAfterOrEqualTo(Times.instant(by.getEventDateTime()));
        for (int n = 0; n <= 3; n++) {
            Object[] args = java.util.stream.Stream.of("KG", "BY", "AM").limit(n).toArray();
            var plan = jdbc.queryForList("EXPLAIN " + eaeu.pmm03.server.registry.UnifiedDatabase.updateTimeSql(n), args);
            assertThat(plan).as("plan for %d countries: %s", n, plan)
                    .noneMatch(row -> "record_version".equals(row.get("table")))
                    .anyMatch(row -> "Select tables optimized away".equals(row.get("Extra")));
        }
    }

    @org.springframework.beans.factory.annotation.Autowired
    eaeu.pmm03.server.journal.MessageJournal journal;

    /**
     * D-249: a query's journal lines keep no copy of its answer. MSG.011: the query's line, then the answer's with the
     * number of versions written, their ids and the SHA-256 of the ids; MSG.006 and MSG.012: what the answer said.
     */
    @Test
    void aQueryIsJournaledWithWhatItsAnswerHeldNotACopyOfIt() {
        CommissionPortType kz = commission("kz");
        Instant t0 = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        ProcessingResultDetails r1 = include(kz, TestDocuments.record("MSG.001", "KZ", unique(), "Приказ-9", t0, null));
        include(kz, TestDocuments.record("MSG.001", "KZ", unique(), "Приказ-9", t0, null));
        GetChanges gc = new GetChanges();
        gc.setResourceStatusDetails(TestDocuments.query("MSG.010", Times.instant(r1.getEventDateTime()), "KZ"));
        GetChangesResponse changes = kz.getChanges(gc);
        int items = changes.getDrugMonitoringDetails().getDrugMonitoringItemDetails().size();
        assertThat(items).isGreaterThanOrEqualTo(2);
        var lines = journal.about(gc.getResourceStatusDetails().getEDocHeader().getEDocId());
        assertThat(lines).extracting(l -> l.direction() + " " + l.messageCode() + " " + l.resultCode())
                .containsExactly("IN P.MM.03.MSG.010 OK", "OUT P.MM.03.MSG.011 OK");
        assertThat(lines.get(0).document()).contains("ResourceStatusDetails"); // the query as received
        var out = lines.get(1);
        assertThat(out.edocId()).isEqualTo(changes.getDrugMonitoringDetails().getEDocHeader().getEDocId());
        assertThat(out.document()).isNull();
        assertThat(out.contentSha256()).isNull();
        var m = java.util.regex.Pattern.compile("(\\d+) version\\(s\\) written: ids ([0-9,-]+); SHA-256 of the ids ([0-9a-f]{64})")
                .matcher(out.resultText());
        assertThat(m.matches()).as(out.resultText()).isTrue();
        assertThat(Integer.parseInt(m.group(1))).isEqualTo(items);
        StringBuilder ids = new StringBuilder();
        java.util.List<Long> written = new java.util.ArrayList<>();
        for (String run : m.group(2).split(",")) {
            String[] ends = run.split("-");
            for (long id = Long.parseLong(ends[0]); id <= Long.parseLong(ends[ends.length - 1]); id++) {
                written.add(id);
                ids.append(id).append('\n');
            }
        }
        assertThat(written).hasSize(items);
        assertThat(m.group(3)).isEqualTo(sha256(ids.toString()));
        // the ids are those of the versions answered, in the answer's order
        assertThat(written).containsExactlyElementsOf(jdbc.queryForList("SELECT id FROM record_version"
                + " WHERE last_change_at >= ? AND country = 'KZ' ORDER BY last_change_at, id", Long.class,
                eaeu.pmm03.server.registry.Utc.db(Times.instant(r1.getEventDateTime()))));

        GetUpdateTime ut = new GetUpdateTime();
        ut.setResourceStatusDetails(TestDocuments.query("MSG.005", null, "KZ"));
        ResourceStatusDetails time = kz.getUpdateTime(ut).getResourceStatusDetails();
        var timeLines = journal.about(ut.getResourceStatusDetails().getEDocHeader().getEDocId());
        assertThat(timeLines).extracting(l -> l.direction() + " " + l.messageCode() + " " + l.resultCode())
                .containsExactly("IN P.MM.03.MSG.005 OK", "OUT P.MM.03.MSG.006 OK");
        assertThat(timeLines.get(1).document()).isNull();
        assertThat(timeLines.get(1).edocId()).isEqualTo(time.getEDocHeader().getEDocId());
        assertThat(timeLines.get(1).resultText())
                .isEqualTo("UpdateDateTime " + Times.instant(time.getUpdateDateTime()) + "; countries KZ");

        GetChanges none = new GetChanges();
        none.setResourceStatusDetails(TestDocuments.query("MSG.010", Instant.now().plus(1, ChronoUnit.DAYS)));
        GetChangesResponse c = kz.getChanges(none);
        var noneLines = journal.about(none.getResourceStatusDetails().getEDocHeader().getEDocId());
        assertThat(noneLines).extracting(l -> l.direction() + " " + l.messageCode() + " " + l.resultCode())
                .containsExactly("IN P.MM.03.MSG.010 OK", "OUT P.MM.03.MSG.012 NO_DATA");
        assertThat(noneLines.get(1).document()).isNull();
        assertThat(noneLines.get(1).edocId()).isEqualTo(c.getProcessingResultDetails().getEDocHeader().getEDocId());
    }

    /** D-249 raced: concurrent MSG.010 from several clients each get their own two lines, with their own count. */
    @Test
    void concurrentQueriesEachJournalTheirOwnAnswer() throws Exception {
        CommissionPortType kz = commission("kz");
        Instant t0 = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        ProcessingResultDetails r1 = include(kz, TestDocuments.record("MSG.001", "KZ", unique(), "Приказ-10", t0, null));
        Instant since = Times.instant(r1.getEventDateTime());
        int clients = 6;
        int each = 5;
        var pool = java.util.concurrent.Executors.newFixedThreadPool(clients);
        try {
            var start = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<List<String[]>>> futures = new java.util.ArrayList<>();
            for (int c = 0; c < clients; c++) {
                CommissionPortType client = commission(c % 2 == 0 ? "kz" : "ru");
                futures.add(pool.submit(() -> {
                    start.await();
                    List<String[]> asked = new java.util.ArrayList<>();
                    for (int i = 0; i < each; i++) {
                        GetChanges gc = new GetChanges();
                        gc.setResourceStatusDetails(TestDocuments.query("MSG.010", since, "KZ"));
                        GetChangesResponse r = client.getChanges(gc);
                        asked.add(new String[] {gc.getResourceStatusDetails().getEDocHeader().getEDocId(),
                                r.getDrugMonitoringDetails().getEDocHeader().getEDocId(),
                                Integer.toString(r.getDrugMonitoringDetails().getDrugMonitoringItemDetails().size())});
                    }
                    return asked;
                }));
            }
            start.countDown();
            int answered = 0;
            for (var f : futures) {
                for (String[] q : f.get(120, java.util.concurrent.TimeUnit.SECONDS)) {
                    var lines = journal.about(q[0]);
                    assertThat(lines).extracting(l -> l.direction() + " " + l.resultCode()).containsExactly("IN OK", "OUT OK");
                    assertThat(lines.get(1).edocId()).isEqualTo(q[1]);
                    assertThat(lines.get(1).resultText()).startsWith(q[2] + " version(s) written: ids ");
                    answered++;
                }
            }
            assertThat(answered).isEqualTo(clients * each);
        } finally {
            pool.shutdownNow();
        }
    }

    static String sha256(String s) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(s.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Instant updateTime(CommissionPortType c, String... countries) {
        GetUpdateTime ut = new GetUpdateTime();
        ut.setResourceStatusDetails(TestDocuments.query("MSG.005", null, countries));
        ResourceStatusDetails r = c.getUpdateTime(ut).getResourceStatusDetails();
        assertThat(r.getEDocHeader().getInfEnvelopeCode()).isEqualTo("P.MM.03.MSG.006");
        assertThat(r.getUnifiedCountryCode()).extracting(u -> u.getValue())
                .containsExactlyElementsOf(new java.util.LinkedHashSet<>(java.util.List.of(countries)));
        return r.getUpdateDateTime() == null ? null : Times.instant(r.getUpdateDateTime());
    }

    @Test
    void noDataAnswersAreMsg009AndMsg012() {
        CommissionPortType am = commission("am");
        GetRecords gr = new GetRecords();
        gr.setResourceStatusDetails(TestDocuments.query("MSG.007", Instant.parse("1990-01-01T00:00:00Z")));
        GetRecordsResponse r = am.getRecords(gr);
        assertThat(r.getDrugMonitoringDetails()).isNull();
        assertThat(r.getProcessingResultDetails().getEDocHeader().getInfEnvelopeCode()).isEqualTo("P.MM.03.MSG.009");
        assertThat(r.getProcessingResultDetails().getProcessingResultV2Code()).isEqualTo("NO_DATA");

        GetChanges gc = new GetChanges();
        gc.setResourceStatusDetails(TestDocuments.query("MSG.010", Instant.now().plus(1, ChronoUnit.DAYS)));
        GetChangesResponse c = am.getChanges(gc);
        assertThat(c.getProcessingResultDetails().getEDocHeader().getInfEnvelopeCode()).isEqualTo("P.MM.03.MSG.012");
    }

    @Test
    void anAuthorityCannotWriteAnotherCountry() {
        ProcessingResultDetails r = include(commission("by"),
                TestDocuments.record("MSG.001", "KZ", unique(), "Приказ-2", Instant.now().minusSeconds(60), null));
        assertThat(r.getProcessingResultV2Code()).isEqualTo("ERR_NOT_AUTHORIZED");
        assertThat(r.getDescriptionText()).contains("UnifiedCountryCode");
    }

    @Test
    void theSameEdocIdIsIdempotentAndDifferentContentIsRefused() {
        CommissionPortType ru = commission("ru", "ru-dev-password", "/commission12");
        DrugMonitoringDetails d = TestDocuments.record("MSG.001", "RU", unique(), "Приказ-3",
                Instant.now().minusSeconds(3600).truncatedTo(ChronoUnit.SECONDS), null);
        ProcessingResultDetails first = include(ru, d);
        assertThat(first.getProcessingResultV2Code()).isEqualTo("INCLUDED");
        ProcessingResultDetails again = include(ru, d);
        assertThat(again.getProcessingResultV2Code()).isEqualTo("INCLUDED");
        assertThat(again.getEDocHeader().getEDocId()).isEqualTo(first.getEDocHeader().getEDocId());

        d.getDrugMonitoringItemDetails().get(0).getDrugMonitoringDetails().get(0).setDrugTradeName(unique());
        ProcessingResultDetails other = include(ru, d);
        assertThat(other.getProcessingResultV2Code()).isEqualTo("ERR_DUPLICATE_ID");
    }

    private java.util.List<String> versionsAsOf(CommissionPortType c, Instant at, String name) {
        GetRecords gr = new GetRecords();
        gr.setResourceStatusDetails(TestDocuments.query("MSG.007", at, "KZ"));
        GetRecordsResponse r = c.getRecords(gr);
        if (r.getDrugMonitoringDetails() == null) {
            return java.util.List.of();
        }
        return r.getDrugMonitoringDetails().getDrugMonitoringItemDetails().stream()
                .filter(i -> name.equals(i.getDrugMonitoringDetails().get(0).getDrugTradeName()))
                .map(DrugMonitoringItemDetailsType::getResourceItemStatusDetails)
                .map(s -> Times.xml(Times.instant(s.getValidityPeriodDetails().getStartDateTime())).toXMLFormat())
                .toList();
    }
}
