package eaeu.pmm03.tests;

import eaeu.pmm03.contract.samples.Samples;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** notify, request-info and answer-info against an in-test CXF endpoint implementing AuthorityPortType. */
class AuthorityCliTest {

    static TestEndpoints.Published authority;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() {
        authority = TestEndpoints.authority(true);
    }

    @AfterAll
    static void stop() {
        authority.close();
    }

    private TestEndpoints.Authority impl() {
        return (TestEndpoints.Authority) authority.implementor();
    }

    private Path sample(String file) throws Exception {
        Path p = tmp.resolve(file);
        Files.write(p, Samples.byFile(file).bytes());
        return p;
    }

    private Cli ru(String... cmd) {
        return Cli.as("http://unused", authority.url(), "ru", cmd);
    }

    @Test
    void notifyIsDeliveredOneWay() throws Exception {
        int before = impl().notifications.size();
        Cli c = ru("notify", sample("dmd-msg013-notify-inclusion.xml").toString());
        assertThat(c.exit()).as(c.toString()).isZero();
        assertThat(c.out()).startsWith("MSG.013 delivered");
        // one-way: the endpoint processes the message after answering HTTP 202
        long until = System.currentTimeMillis() + 10_000;
        while (impl().notifications.size() == before && System.currentTimeMillis() < until) {
            Thread.sleep(20);
        }
        assertThat(impl().notifications).hasSize(before + 1);
        assertThat(impl().notifications.get(before).getEDocHeader().getInfEnvelopeCode()).isEqualTo("P.MM.03.MSG.013");
    }

    @Test
    void requestAndAnswerWithNotePdfAndXml() throws Exception {
        Path request = sample("cdr-msg014-request.xml");
        Cli req = ru("request-info", request.toString());
        assertThat(req.exit()).as(req.toString()).isZero();
        assertThat(req.out()).startsWith("MSG.015 ACCEPTED");

        Path pdf = tmp.resolve("a.pdf");
        Files.write(pdf, "%PDF-1.4 test".getBytes());
        Path xml = tmp.resolve("a.xml");
        Files.writeString(xml, "<lab:Report xmlns:lab=\"urn:example:lab\"><lab:Batch>IB40-1125</lab:Batch></lab:Report>");
        Cli ans = ru("answer-info", "--request", request.toString(), "--doc-id", "02И-1/26", "--doc-name", "Ответ",
                "--note", "Сведения прилагаются", "--pdf", pdf.toString(), "--xml", xml.toString(), "--confidential");
        assertThat(ans.exit()).as(ans.toString()).isZero();
        assertThat(ans.out()).startsWith("MSG.015 PROCESSED");
        var got = impl().received.get(impl().received.size() - 1);
        assertThat(got.getEDocHeader().getInfEnvelopeCode()).isEqualTo("P.MM.03.MSG.016");
        assertThat(got.getEDocHeader().getEDocRefId()).isEqualTo("a5c3e8f1-6b2d-4a97-8e40-d1f9b7c2e6a3");
        assertThat(got.getNoteText()).containsExactly("Сведения прилагаются");
        assertThat(new String(got.getPdfBinaryText().get(0).getValue())).isEqualTo("%PDF-1.4 test");
        assertThat(got.getAnyDetails()).hasSize(1);
        assertThat(got.isConfidentialityIndicator()).isTrue();
        assertThat(got.getCounterfeitDrugAnswerDetails().get(0).getDocId()).isEqualTo("02И-1/26");
    }

    @Test
    void anAnswerWithoutContentIsRefusedNamingTheRule() throws Exception {
        Cli ans = ru("--xml", "answer-info", "--request", sample("cdr-msg014-request.xml").toString(), "--doc-id", "1");
        assertThat(ans.exit()).as(ans.toString()).isEqualTo(3);
        assertThat(ans.out()).contains("<ProcessingResultV2Code>ERR_RULE</ProcessingResultV2Code>")
                .contains("Table 9, rule 2");
        Cli human = ru("answer-info", "--request", sample("cdr-msg014-request.xml").toString(), "--doc-id", "1");
        assertThat(human.out()).containsPattern("rule: +table 9, rule 2");
    }
}
