package eaeu.pmm03.tests;

import eaeu.pmm03.client.Documents;
import eaeu.pmm03.contract.drugmonitoring.DrugMonitoringDetails;
import eaeu.pmm03.contract.samples.Samples;
import eaeu.pmm03.contract.xml.ContractJaxb;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The operator's command-line tool against a running node: every Commission transaction, errors, exit codes. */
class CliTest extends NodeTestBase {

    @TempDir
    Path tmp;

    private Cli kz(String... command) {
        return Cli.as(commissionUrl(), "http://unused", "kz", command);
    }

    /** The include sample for KZ with a unique trade name and the given period, as a file. */
    private Path file(String name, String trade, OffsetDateTime start, OffsetDateTime end) throws Exception {
        DrugMonitoringDetails d = Documents.read(Samples.byFile("dmd-msg001-include.xml").bytes(), DrugMonitoringDetails.class);
        var item = d.getDrugMonitoringItemDetails().get(0);
        item.getUnifiedCountryCode().setValue("KZ");
        item.getDrugMonitoringDetails().get(0).setDrugTradeName(trade);
        item.getResourceItemStatusDetails().getValidityPeriodDetails().setStartDateTime(eaeu.pmm03.client.Dates.xml(start));
        item.getResourceItemStatusDetails().getValidityPeriodDetails().setEndDateTime(eaeu.pmm03.client.Dates.xml(end));
        Path f = tmp.resolve(name);
        Files.writeString(f, ContractJaxb.toXml(d, true));
        return f;
    }

    @Test
    void includeChangeExcludeAndQueries() throws Exception {
        String trade = "CLI-" + UUID.randomUUID().toString().substring(0, 8);
        OffsetDateTime t0 = OffsetDateTime.now(ZoneOffset.UTC).minusDays(2).truncatedTo(ChronoUnit.SECONDS);
        OffsetDateTime t1 = t0.plusDays(1);
        OffsetDateTime before = OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(1);

        Cli inc = kz("include", file("inc.xml", trade, t0, null).toString());
        assertThat(inc.exit()).as(inc.toString()).isZero();
        assertThat(inc.out()).startsWith("MSG.004 INCLUDED — the record was included in the unified database");

        Cli again = kz("include", file("inc2.xml", trade, t0, null).toString());
        assertThat(again.exit()).as(again.toString()).isEqualTo(3);
        assertThat(again.out()).contains("ERR_RULE").containsPattern("rule: +table 12, rule 4")
                .containsPattern("field: +/DrugMonitoringDetails/DrugMonitoringItemDetails\\[1]\n");

        Cli ru = Cli.as(commissionUrl(), "http://unused", "kz", "--lang", "ru", "include",
                file("inc3.xml", trade, t0, null).toString());
        assertThat(ru.out()).contains("нарушено требование к заполнению реквизитов").contains("требование:");

        Cli ch = kz("change", file("ch.xml", trade, t1, null).toString());
        assertThat(ch.exit()).as(ch.toString()).isZero();
        assertThat(ch.out()).startsWith("MSG.004 CHANGED");

        Cli records = kz("records", "--country", "KZ");
        assertThat(records.exit()).isZero();
        assertThat(records.out()).startsWith("MSG.008: ").contains(trade);

        Cli old = kz("records", "--as-of", "1990-01-01", "--country", "KZ");
        assertThat(old.exit()).isZero();
        assertThat(old.out()).startsWith("MSG.009 NO_DATA");

        Cli xml = kz("records", "--country", "KZ", "--xml");
        assertThat(xml.out()).contains("<csdo:InfEnvelopeCode>P.MM.03.MSG.008</csdo:InfEnvelopeCode>".replace("csdo:", ""))
                .contains(trade);

        Cli changes = kz("changes", "--since", before.toString(), "-c", "KZ");
        assertThat(changes.exit()).isZero();
        assertThat(changes.out()).startsWith("MSG.011: ").contains(trade);

        Cli ut = kz("update-time", "-c", "KZ");
        assertThat(ut.exit()).isZero();
        assertThat(ut.out()).startsWith("last update: 20");

        Cli ex = kz("exclude", file("ex.xml", trade, t1, t1.plusHours(1)).toString());
        assertThat(ex.exit()).as(ex.toString()).isZero();
        assertThat(ex.out()).startsWith("MSG.004 EXCLUDED");
        assertThat(kz("records", "--country", "KZ").out()).doesNotContain(trade);
    }

    @Test
    void syncWritesVersionsAndThenIsUpToDate() throws Exception {
        String trade = "Sync-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(kz("include", file("s.xml", trade, OffsetDateTime.now(ZoneOffset.UTC).minusDays(1), null).toString())
                .exit()).isZero();
        Path mirror = tmp.resolve("mirror");
        Cli first = kz("sync", "--dir", mirror.toString(), "--progress", "-c", "KZ");
        assertThat(first.exit()).as(first.toString()).isZero();
        assertThat(first.out()).containsPattern("MSG\\.011 since 1970-01-01T00:00Z: \\d+ versions written");
        assertThat(first.err()).contains("sync [").contains("##############################]");
        try (Stream<Path> s = Files.walk(mirror)) {
            assertThat(s.filter(p -> p.toString().endsWith(".xml"))
                    .anyMatch(p -> read(p).contains(trade))).isTrue();
        }
        assertThat(Files.readString(mirror.resolve("sync-state.properties"))).contains("since.KZ=");

        Cli second = kz("sync", "--dir", mirror.toString(), "-c", "KZ");
        assertThat(second.out()).contains("up to date since");
        assertThat(second.err()).doesNotContain("sync [");

        String trade2 = "Sync-" + UUID.randomUUID().toString().substring(0, 8);
        kz("include", file("s2.xml", trade2, OffsetDateTime.now(ZoneOffset.UTC).minusDays(1), null).toString());
        Cli third = kz("sync", "--dir", mirror.toString(), "-c", "KZ");
        assertThat(third.out()).containsPattern("MSG\\.011 since 20\\S+: [1-9]\\d* versions written");
        try (Stream<Path> s = Files.walk(mirror)) {
            assertThat(s.filter(p -> p.toString().endsWith(".xml")).anyMatch(p -> read(p).contains(trade2))).isTrue();
        }
    }

    @Test
    void recordsExportWritesOneFilePerRecordWithAProgressBar() throws Exception {
        String trade = "Export-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(kz("include", file("e.xml", trade, OffsetDateTime.now(ZoneOffset.UTC).minusDays(1), null).toString())
                .exit()).isZero();
        Path out = tmp.resolve("export");
        Cli c = kz("records", "--out", out.toString(), "--progress");
        assertThat(c.exit()).as(c.toString()).isZero();
        assertThat(c.err()).contains("writing records [");
        assertThat(c.out()).containsPattern("\\d+ records written to ");
        try (Stream<Path> s = Files.walk(out.resolve("KZ"))) {
            assertThat(s.filter(p -> p.toString().endsWith(".xml")).anyMatch(p -> read(p).contains(trade))).isTrue();
        }
    }

    @Test
    void exitCodesNameWhatWentWrong() throws Exception {
        Cli bad = Cli.run("--endpoint", commissionUrl(), "--user", "kz", "--password", "wrong", "update-time");
        assertThat(bad.exit()).as(bad.toString()).isEqualTo(5);
        assertThat(bad.err()).contains("credentials were not accepted");

        Cli down = Cli.run("--endpoint", "http://localhost:" + TestEndpoints.freePort() + "/ws/commission",
                "--user", "kz", "--password", "x", "update-time");
        assertThat(down.exit()).as(down.toString()).isEqualTo(4);
        // one line, no stack trace (issue #15.6)
        assertThat(down.err().strip()).matches("cannot reach http://localhost:\\d+/ws/commission: connection refused");

        Cli missing = kz("include", tmp.resolve("nope.xml").toString());
        assertThat(missing.exit()).isEqualTo(6);
        assertThat(missing.err()).contains("no such file");

        Path wrongDoc = tmp.resolve("cdr.xml");
        Files.write(wrongDoc, Samples.byFile("cdr-msg014-request.xml").bytes());
        Cli wrong = kz("include", wrongDoc.toString());
        assertThat(wrong.exit()).isEqualTo(6);
        assertThat(wrong.err()).contains("CounterfeitDrugCorrespondenceDetails, expected DrugMonitoringDetails");

        assertThat(Cli.run("frobnicate").exit()).isEqualTo(2);
        assertThat(Cli.run("changes", "--user", "kz", "--password", "x").exit()).isEqualTo(2); // --since missing

        // the Commission itself may not query: a fault naming the result code
        Cli eec = Cli.as(commissionUrl(), "http://unused", "eec", "records");
        assertThat(eec.exit()).as(eec.toString()).isEqualTo(3);
        assertThat(eec.err()).startsWith("refused: ERR_NOT_AUTHORIZED");
    }

    @Test
    void excludeEndsARecordNowWhenTheFileHasNoEndDateTime() throws Exception {
        String trade = "CLI-EX-" + UUID.randomUUID().toString().substring(0, 8);
        OffsetDateTime t0 = OffsetDateTime.now(ZoneOffset.UTC).minusDays(2).truncatedTo(ChronoUnit.SECONDS);
        Path f = file("inc.xml", trade, t0, null);
        assertThat(kz("include", f.toString()).exit()).isZero();

        Cli ex = kz("exclude", f.toString());   // the same file: no EndDateTime in it
        assertThat(ex.exit()).as(ex.toString()).isZero();
        assertThat(ex.out()).startsWith("MSG.004 EXCLUDED");
        assertThat(kz("records", "--country", "KZ").out()).doesNotContain(trade);
    }

    @Test
    void badDatesAreCommandLineErrorsNamingTheFormat() {
        for (String[] args : new String[][]{{"records", "--as-of", "20.11.2026"}, {"changes", "--since", "yesterday"},
                {"exclude", "--end", "2026-13-01", "x.xml"}}) {
            Cli c = Cli.run(args);
            assertThat(c.exit()).as(c.toString()).isEqualTo(2);
            assertThat(c.err()).contains("is not a date-time; expected 2026-11-20T10:00:00+03:00, 2026-11-20T07:00:00Z or 2026-11-20")
                    .doesNotContain("Exception");
        }
    }

    @Test
    void helpWorksOnEverySubcommandWithoutItsRequiredParameters() {
        for (String command : new String[]{"include", "change", "exclude", "update-time", "records", "changes", "notify",
                "request-info", "answer-info", "sync", "conformance"}) {
            Cli c = Cli.run(command, "--help");
            assertThat(c.exit()).as(command + ": " + c).isZero();
            assertThat(c.out()).as(command).contains("Usage: pmm03 " + command);
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
