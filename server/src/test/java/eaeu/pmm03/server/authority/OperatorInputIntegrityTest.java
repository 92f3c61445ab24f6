package eaeu.pmm03.server.authority;

import eaeu.pmm03.contract.samples.Samples;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operator's XML submissions of an authority node get the same raw-byte check as the SOAP ports (D-100) and the
 * same date range (D-101): refused with 400 naming the problem, nothing queued in the outbox.
 */
class OperatorInputIntegrityTest {

    static Nodes nodes;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        nodes = new Nodes(Nodes.testProperties("0.002", "PT20S"));
        nodes.define("commission", null, "eec"); // not started: what is accepted stays queued
        nodes.define("ru", "RU-RZN", "ru");
        nodes.start("ru");
    }

    @AfterAll
    static void stop() {
        if (nodes != null) {
            nodes.close();
        }
    }

    private static String sample() {
        return new String(Samples.byFile("dmd-msg001-include.xml").bytes(), StandardCharsets.UTF_8)
                .replace("0b7f4c2e-91d3-4a58-8e6f-3c2d1b0a9f87", UUID.randomUUID().toString())
                .replace("<csdo:EDocDateTime>2026-10-20T10:15:30+03:00</csdo:EDocDateTime>",
                        "<csdo:EDocDateTime>2026-10-20T10:15:30Z</csdo:EDocDateTime>");
    }

    private static HttpResponse<String> post(String path, byte[] body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + nodes.spec("ru").port() + path))
                .header("Authorization", AttachmentExchangeTest.basic("ru")).header("Content-Type", "application/xml")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static long outbox() {
        return nodes.context("ru").getBean(JdbcTemplate.class).queryForObject("SELECT COUNT(*) FROM outbox_message", Long.class);
    }

    @Test
    void hostileSubmissionsAreRefusedAndNothingIsQueued() throws Exception {
        String doc = sample();
        Map<String, byte[]> hostile = Map.of(
                "XML version 1.1 is not accepted", doc.replace("<?xml version=\"1.0\"", "<?xml version=\"1.1\"")
                        .replace("Ибупрофен-Велфарм", "Ибупрофен&#x1;").getBytes(StandardCharsets.UTF_8),
                "character reference &#x1;", doc.replace("Ибупрофен-Велфарм", "Ибупрофен&#x1;").getBytes(StandardCharsets.UTF_8),
                "invalid UTF-8 byte sequence [C0", overlong(doc),
                "the character U+001B", doc.replace("Ибупрофен-Велфарм", "Ибупрофен\u001b").getBytes(StandardCharsets.UTF_8));
        for (Map.Entry<String, byte[]> e : hostile.entrySet()) {
            long before = outbox();
            for (String path : new String[] {"/authority/api/submissions", "/authority/api/answers"}) {
                HttpResponse<String> r = post(path, e.getValue());
                assertThat(r.statusCode()).as(path + " " + r.body()).isEqualTo(400);
                assertThat(r.body()).as(path).contains("ERR_SCHEMA").contains("input XML refused").contains(e.getKey())
                        .contains("входной XML отклонен");
            }
            assertThat(outbox()).isEqualTo(before);
        }
    }

    @Test
    void aStartDateTimeOutsideTheRangeIsRefusedAndAValidSubmissionIsQueued() throws Exception {
        long before = outbox();
        String doc = sample().replace("<csdo:StartDateTime>2026-10-20T10:15:00+03:00</csdo:StartDateTime>",
                "<csdo:StartDateTime>0001-01-01T00:00:00Z</csdo:StartDateTime>");
        HttpResponse<String> r = post("/authority/api/submissions", doc.getBytes(StandardCharsets.UTF_8));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(r.body()).contains("ERR_RULE").contains("decision D-101").contains("StartDateTime")
                .contains("1000-01-01T00:00:00Z .. 9999-12-31T23:59:59.999999Z");
        assertThat(outbox()).isEqualTo(before);
        HttpResponse<String> ok = post("/authority/api/submissions", sample().getBytes(StandardCharsets.UTF_8));
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(202);
        assertThat(outbox()).isEqualTo(before + 1);
    }

    private static byte[] overlong(String doc) {
        byte[] b = doc.replace("Ибупрофен-Велфарм", "Ибупрофен@@").getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i + 1 < b.length; i++) {
            if (b[i] == '@' && b[i + 1] == '@') {
                b[i] = (byte) 0xC0;
                b[i + 1] = (byte) 0xBC;
                break;
            }
        }
        return b;
    }
}
