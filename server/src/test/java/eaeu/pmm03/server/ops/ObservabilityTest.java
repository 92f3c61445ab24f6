package eaeu.pmm03.server.ops;

import eaeu.pmm03.contract.commission.GetUpdateTime;
import eaeu.pmm03.server.NodeTestBase;
import eaeu.pmm03.server.TestDocuments;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * D-163: probes, info and the Prometheus metrics of a running node, read over HTTP as an operator's tools would.
 * (Spring Boot tests switch metrics export off unless asked: this test asks.)
 */
@AutoConfigureObservability
class ObservabilityTest extends NodeTestBase {

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void livenessAndReadinessWithTheDatabaseTheOutboxAndTheAttachmentStore() throws Exception {
        assertThat(get("/actuator/health/liveness").statusCode()).isEqualTo(200);
        HttpResponse<String> ready = get("/actuator/health/readiness");
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.body()).contains("\"status\":\"UP\"", "\"db\"", "\"outbox\"", "\"attachments\"");
    }

    @Test
    void infoNamesTheBuildAndTheContract() throws Exception {
        String info = get("/actuator/info").body();
        assertThat(info).contains("\"build\"", "\"version\"", "urn:pmm03:ws:Commission", "P.MM.03");
    }

    @Test
    void prometheusCountsMessagesByCodeAndResultAndTimesSoapRequests() throws Exception {
        GetUpdateTime q = new GetUpdateTime();
        q.setResourceStatusDetails(TestDocuments.query("MSG.005", null, "KZ"));
        commission("kz").getUpdateTime(q);

        HttpResponse<String> r = get("/actuator/prometheus");
        assertThat(r.statusCode()).isEqualTo(200);
        String m = r.body();
        assertThat(m).containsPattern("pmm03_messages_total\\{[^}]*code=\"[^\"]*MSG.005\"[^}]*direction=\"IN\"");
        assertThat(m).containsPattern("pmm03_soap_requests_seconds_bucket\\{[^}]*endpoint=\"/commission\"");
        assertThat(m).contains("pmm03_outbox_backlog", "pmm03_outbox_messages{application=\"pmm03\",status=\"EXC_002\"}",
                "pmm03_attachments_free_bytes", "pmm03_attachments_bytes");
    }
}
