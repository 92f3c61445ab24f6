package eaeu.pmm03.tests;

import eaeu.pmm03.contract.samples.Samples;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * notify, request-info and answer-info against a real authority node (KZ-MOH, {@link AuthorityNodes}), as the
 * authority of Russia (user ru).
 */
class AuthorityCliTest {

    static AuthorityNodes kz;

    @TempDir
    Path tmp;

    @BeforeAll
    static void start() {
        kz = AuthorityNodes.get();
    }

    private Path sample(String file) throws Exception {
        Path p = tmp.resolve(file);
        Files.write(p, Samples.byFile(file).bytes());
        return p;
    }

    private Cli ru(String... cmd) {
        return Cli.as("http://unused", kz.authorityUrl(), "ru", cmd);
    }

    private JdbcTemplate db() {
        return kz.authority().getBean(JdbcTemplate.class);
    }

    @Test
    void notifyIsStoredByTheNodeBeforeItIsAcknowledged() throws Exception {
        Path file = tmp.resolve("notice.xml");
        String name = "CLI-" + UUID.randomUUID().toString().substring(0, 8);
        Files.writeString(file, Samples.byFile("dmd-msg013-notify-inclusion.xml").text()
                .replaceAll("<hcsdo:DrugTradeName>[^<]*</hcsdo:DrugTradeName>", "<hcsdo:DrugTradeName>" + name + "</hcsdo:DrugTradeName>"));
        Cli c = ru("notify", file.toString());
        assertThat(c.exit()).as(c.toString()).isZero();
        assertThat(c.out()).startsWith("MSG.013 delivered");
        String edocId = c.out().replaceAll("(?s).*EDocId (\\S+).*", "$1");
        // robust one-way: acknowledged only once stored
        assertThat(db().queryForList("SELECT sender, country, trade_name FROM inclusion_notice WHERE edoc_id = ?", edocId))
                .singleElement().satisfies(r -> {
                    assertThat(r.get("sender")).isEqualTo("RU-RZN");
                    assertThat(r.get("country")).isEqualTo("RU");
                    assertThat(r.get("trade_name")).isEqualTo(name);
                });
    }

    @Test
    void notifyOfAnotherCountrysRecordIsRefusedWithAFault() throws Exception {
        Cli c = Cli.as("http://unused", kz.authorityUrl(), "by", "notify", sample("dmd-msg013-notify-inclusion.xml").toString());
        assertThat(c.exit()).as(c.toString()).isEqualTo(3);
        assertThat(c.err()).contains("ERR_NOT_AUTHORIZED");
    }

    @Test
    void requestThenAnswerARequestTheNodeSent() throws Exception {
        Cli req = ru("request-info", sample("cdr-msg014-request.xml").toString());
        assertThat(req.exit()).as(req.toString()).isZero();
        assertThat(req.out()).startsWith("MSG.015 RECEIVED");

        // the node's operator asks RU; the answer-info names that request (its EDocId becomes EDocRefId)
        String asked = kz.requestFromCaller();
        Path request = tmp.resolve("asked.xml");
        Files.writeString(request, Samples.byFile("cdr-msg014-request.xml").text()
                .replaceAll("<csdo:EDocId>[^<]*</csdo:EDocId>", "<csdo:EDocId>" + asked + "</csdo:EDocId>"));
        Path pdf = tmp.resolve("a.pdf");
        Files.write(pdf, "%PDF-1.4 test".getBytes());
        Path xml = tmp.resolve("a.xml");
        Files.writeString(xml, "<lab:Report xmlns:lab=\"urn:example:lab\"><lab:Batch>IB40-1125</lab:Batch></lab:Report>");
        Cli ans = ru("answer-info", "--request", request.toString(), "--doc-id", "02И-1/26", "--doc-name", "Ответ",
                "--note", "Сведения прилагаются", "--pdf", pdf.toString(), "--xml", xml.toString(), "--confidential");
        assertThat(ans.exit()).as(ans.toString()).isZero();
        assertThat(ans.out()).startsWith("MSG.015 RECEIVED");
        String stored = db().queryForObject("SELECT answer_xml FROM conversation WHERE id = ?",
                String.class, asked);
        assertThat(stored).contains("Сведения прилагаются").contains("02И-1/26").contains("IB40-1125")
                .contains("P.MM.03.MSG.016");
    }

    @Test
    void answeringTheCallersOwnRequestIsAHeaderError() throws Exception {
        Cli ans = ru("answer-info", "--request", sample("cdr-msg014-request.xml").toString(), "--doc-id", "1",
                "--note", "x");
        assertThat(ans.exit()).as(ans.toString()).isEqualTo(3);
        // a refused MSG.016 is answered with a MSG.015 carrying the code (D-142), printed like any answer
        assertThat(ans.out()).contains("MSG.015 ERR_HEADER");
    }

    @Test
    void anAnswerWithoutContentIsRefusedNamingTheRule() throws Exception {
        Cli human = ru("answer-info", "--request", sample("cdr-msg014-request.xml").toString(), "--doc-id", "1");
        assertThat(human.exit()).as(human.toString()).isEqualTo(3);
        assertThat(human.out() + human.err()).contains("ERR_RULE").containsPattern("(?i)table 9, rule 2");
    }
}
