package eaeu.pmm03.tests;

import eaeu.pmm03.client.conformance.ConformanceRunner;
import eaeu.pmm03.client.conformance.ConformanceRunner.Report;
import eaeu.pmm03.client.conformance.ConformanceRunner.Result;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The conformance runner passes against our nodes and fails loudly against broken endpoints. */
class ConformanceTest extends NodeTestBase {

    @Test
    void commissionRolePassesAgainstOurNodeOverSoap11AndSoap12() {
        Report r11 = new ConformanceRunner(commissionUrl(), "kz", "kz-dev-password", "KZ", false, Duration.ofSeconds(60))
                .otherParticipant("by", "by-dev-password").run(ConformanceRunner.Role.COMMISSION);
        assertThat(r11.passed()).as(r11.table()).isTrue();
        assertThat(r11.results()).hasSize(27);
        // issue #13: the concurrency cases and authorization before the stored answer (D-51, D-130, D-131)
        assertThat(r11.table()).containsPattern("MSG\\.001 +8 copies of one document at once: one answer .* PASS")
                .containsPattern("MSG\\.001 +one EDocId, 8 contents at once .* PASS")
                .containsPattern("MSG\\.002 +8 changes of one record at once .* PASS")
                .containsPattern("MSG\\.001 +the same document re-sent by by .* MSG\\.004 ERR_NOT_AUTHORIZ.* PASS");
        assertThat(r11.results()).extracting(Result::message).contains("MSG.001", "MSG.002", "MSG.003", "MSG.005",
                "MSG.007", "MSG.010");
        assertThat(r11.results()).extracting(x -> x.expected().rule()).contains("table 12, rule 4",
                "table 13, rule 4", "table 14, rule 3");

        Report r12 = new ConformanceRunner(commissionUrl() + "12", "am", "am-dev-password", "AM", true,
                Duration.ofSeconds(60)).run(ConformanceRunner.Role.COMMISSION);
        assertThat(r12.passed()).as(r12.table()).isTrue();
        assertThat(r12.results()).hasSize(26);
        assertThat(r12.table()).contains("note: authorization before the stored answer not checked");
    }

    @Test
    void theCliPrintsTheTableAndExitsZero() {
        Cli c = Cli.as(commissionUrl(), "http://unused", "by", "conformance", "--role", "commission");
        assertThat(c.exit()).as(c.toString()).isZero();
        assertThat(c.out()).contains("role Commission, as by").contains("26 cases: 26 PASS, 0 FAIL")
                .containsPattern("MSG\\.001 +the same record again with a new EDocId +table 12, rule 4 .* PASS");
        assertThat(c.out()).doesNotContainPattern("(?m)^\\d+ +MSG.* FAIL$");
    }

    @Test
    void aBrokenCommissionEndpointFailsLoudly() {
        try (TestEndpoints.Published broken = TestEndpoints.brokenCommission()) {
            Report r = new ConformanceRunner(broken.url(), "kz", "kz-dev-password", "KZ", false, Duration.ofSeconds(30))
                    .run(ConformanceRunner.Role.COMMISSION);
            assertThat(r.passed()).isFalse();
            // it says "done" to every violation: each rule case fails, named by its rule
            assertThat(r.results()).filteredOn(x -> x.expected().rule() != null)
                    .isNotEmpty().allSatisfy(x -> assertThat(x.pass()).as(x.title()).isFalse());
            assertThat(r.results()).filteredOn(x -> x.title().startsWith("include a new record"))
                    .allSatisfy(x -> assertThat(x.pass()).isTrue());
            assertThat(r.table()).containsPattern("table 12, rule 3 +MSG\\.004 ERR_RULE +MSG\\.004 INCLUDED +FAIL")
                    .containsPattern("MSG\\.007 +records now, of the country .* FAIL").contains(" FAIL\n");

            Cli c = Cli.as(broken.url(), "http://unused", "kz", "conformance", "--role", "commission");
            assertThat(c.exit()).as(c.toString()).isEqualTo(1);
            assertThat(c.out()).containsPattern("26 cases: \\d+ PASS, \\d+ FAIL");
        }
    }

    @Test
    void anUnreachableEndpointFailsEveryCase() {
        String url = "http://localhost:" + TestEndpoints.freePort() + "/ws/commission";
        Report r = new ConformanceRunner(url, "kz", "kz-dev-password", "KZ", false, Duration.ofSeconds(5))
                .run(ConformanceRunner.Role.COMMISSION);
        assertThat(r.results()).isNotEmpty().noneMatch(Result::pass);
    }

    @Test
    void authorityRolePassesAgainstOurAuthorityNodeOverSoap11AndSoap12() {
        AuthorityNodes kz = AuthorityNodes.get();
        // the KZ node's operator asks RU for additional information; the conformance run (as ru) answers it
        Report r11 = new ConformanceRunner(kz.authorityUrl(), "ru", "ru-dev-password", "RU", false, Duration.ofSeconds(60))
                .answering(kz.requestFromCaller()).run(ConformanceRunner.Role.AUTHORITY);
        System.out.println(r11.table());
        assertThat(r11.passed()).as(r11.table()).isTrue();
        assertThat(r11.results()).hasSize(15);
        assertThat(r11.results()).extracting(Result::message).contains("MSG.013", "MSG.014", "MSG.016");
        assertThat(r11.table()).containsPattern("MSG\\.013 +a record of another country \\(AM\\) +- +fault ERR_NOT_AUTHORIZED +fault ERR_NOT_AUTHORIZED +PASS")
                .containsPattern("MSG\\.016 +answers a MSG\\.014 the endpoint did not send +- +MSG\\.015 ERR_HEADER +MSG\\.015 ERR_HEADER +PASS")
                .containsPattern("table 8, rule 1 +MSG\\.015 ERR_RULE +MSG\\.015 ERR_RULE +PASS")
                .containsPattern("(?m)^\\d+ +MSG\\.016 +answer .*: pdf +- +MSG\\.015 RECEIVED +MSG\\.015 RECEIVED +PASS$");

        // SOAP 1.2, without a request to answer: the RECEIVED cases of MSG.016 are left out and the table says so
        Report r12 = new ConformanceRunner(kz.authorityUrl() + "12", "ru", "ru-dev-password", "RU", true,
                Duration.ofSeconds(60)).run(ConformanceRunner.Role.AUTHORITY);
        assertThat(r12.passed()).as(r12.table()).isTrue();
        assertThat(r12.results()).hasSize(12);
        assertThat(r12.table()).contains("note: MSG.016 RECEIVED not checked");
    }

    @Test
    void theCliRunsTheAuthorityRoleAgainstOurNode() {
        AuthorityNodes kz = AuthorityNodes.get();
        Cli c = Cli.as(commissionUrl(), kz.authorityUrl(), "ru", "conformance", "--role", "authority",
                "--answer-to", kz.requestFromCaller());
        assertThat(c.exit()).as(c.toString()).isZero();
        assertThat(c.out()).contains("role Authority, as ru").contains("15 cases: 15 PASS, 0 FAIL");
    }

    @Test
    void theAuthorityRoleFailsLoudlyAgainstAnEndpointThatChecksNothing() {
        try (TestEndpoints.Published lax = TestEndpoints.authority(false)) {
            Report r = new ConformanceRunner(lax.url(), "ru", "ru-dev-password", "RU", false, Duration.ofSeconds(30))
                    .run(ConformanceRunner.Role.AUTHORITY);
            assertThat(r.passed()).isFalse();
            // it accepts everything: every refusal case fails, the positive ones pass
            assertThat(r.results()).filteredOn(x -> x.expected().code().startsWith("ERR_"))
                    .hasSize(7).allSatisfy(x -> assertThat(x.pass()).as(x.title()).isFalse());
            assertThat(r.results()).filteredOn(x -> x.title().startsWith("notify inclusion of an own record"))
                    .allSatisfy(x -> assertThat(x.pass()).isTrue());

            Cli c = Cli.as(commissionUrl(), lax.url(), "ru", "conformance", "--role", "authority");
            assertThat(c.exit()).as(c.toString()).isEqualTo(1);
            assertThat(c.out()).containsPattern("table 8, rule 1 +MSG\\.015 ERR_RULE +MSG\\.015 RECEIVED +FAIL")
                    .containsPattern("MSG\\.013 +a record of another country .* delivered +FAIL")
                    .containsPattern("MSG\\.016 +answers a MSG\\.014 the endpoint did not send .* MSG\\.015 RECEIVED +FAIL")
                    .containsPattern("table 9, rule 2 .* FAIL");
        }
    }
}
