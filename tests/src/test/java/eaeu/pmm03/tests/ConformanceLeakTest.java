package eaeu.pmm03.tests;

import eaeu.pmm03.security.xml.HardenedXml;
import eaeu.pmm03.server.portal.ItemFacts;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue #14.2 (D-156): a conformance run by a test participant ({@code pmm03 conformance --role commission} as
 * kz-test) writes records, and none of them reaches the public: not the search, a record page, the pack check, the
 * Atom feed, the three exports, the statistics or the metadata of the JSON API.
 */
class ConformanceLeakTest extends NodeTestBase {

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    HardenedXml xml;

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base() + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aConformanceRunAsATestParticipantLeavesNothingPublic() throws Exception {
        String statsBefore = get("/api/v1/statistics").body();
        Cli c = Cli.as(commissionUrl(), "http://unused", "kz-test", "conformance", "--role", "commission");
        assertThat(c.exit()).as(c.toString()).isZero();
        assertThat(c.out()).contains("role Commission, as kz-test").containsPattern("(\\d+) cases: \\1 PASS, 0 FAIL");

        // the run did write records, all of them marked TEST
        List<Map<String, Object>> written = jdbc.queryForList(
                "SELECT id, record_id, audience, item_xml FROM record_version WHERE created_by = 'KZ-TEST'");
        assertThat(written).isNotEmpty().allSatisfy(r -> assertThat(r.get("audience")).isEqualTo("TEST"));
        assertThat(written).anySatisfy(r -> assertThat((String) r.get("item_xml")).contains("Conformance-"));

        for (String path : List.of("/api/v1/records?q=Conformance", "/api/v1/records?size=100", "/feed.atom",
                "/api/v1/feed?limit=500", "/api/v1/export.csv", "/api/v1/export.json", "/api/v1/export.xml",
                "/api/v1/meta", "/api/v1/records?country=KZ&size=100")) {
            HttpResponse<String> r = get(path);
            assertThat(r.statusCode()).as(path).isEqualTo(200);
            assertThat(r.body()).as(path).doesNotContain("Conformance-").doesNotContain("KZ-TEST");
            for (Map<String, Object> w : written) {
                assertThat(r.body()).as(path).doesNotContain((String) w.get("record_id"));
            }
        }
        assertThat(get("/api/v1/statistics").body()).as("statistics count no test record").isEqualTo(statsBefore);
        for (Map<String, Object> w : written) {
            String recordId = (String) w.get("record_id");
            assertThat(get("/api/v1/records/" + recordId).statusCode()).isEqualTo(404);
            assertThat(get("/api/v1/records/" + recordId + "/history").statusCode()).isEqualTo(404);
            assertThat(get("/r/" + recordId).statusCode()).isEqualTo(404);
            assertThat(get("/api/v1/records/" + recordId + "/qr.svg").statusCode()).isEqualTo(404);
            assertThat(get("/api/v1/versions/" + w.get("id") + "/files/1").statusCode()).isEqualTo(404);
            for (String batch : ItemFacts.of((String) w.get("item_xml"), xml).batches()) {
                HttpResponse<String> check = get("/api/v1/pack-check?batch="
                        + URLEncoder.encode(batch, StandardCharsets.UTF_8));
                // the sample the runner uses may share its batch with a demonstration record: none of the test ones
                assertThat(check.body()).as(batch).contains("\"verdict\"").doesNotContain("Conformance-");
                for (Map<String, Object> other : written) {
                    assertThat(check.body()).doesNotContain((String) other.get("record_id"));
                }
            }
        }
    }
}
