package eaeu.pmm03.server.transport;

import eaeu.pmm03.server.NodeTestBase;
import org.junit.jupiter.api.Test;
import org.springframework.web.server.ResponseStatusException;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * D-115 and D-110 over HTTP: the JSON API refuses out-of-range and unknown parameters with 400 problem+json (never a
 * corrected 200, never 500); bodies above the limit are refused with 413 while they stream — also when chunked, on
 * the API and on a SOAP port — and the node keeps serving.
 */
class ApiValidationTest extends NodeTestBase {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private HttpResponse<String> get(String pathAndQuery) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + pathAndQuery)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void outOfRangeAndUnknownSearchParametersAreProblems() throws Exception {
        for (String[] c : new String[][]{{"size=-1", "size"}, {"size=100000", "size"}, {"size=0", "size"},
                {"page=0", "page"}, {"page=-3", "page"}, {"page=abc", "page"}, {"size=99999999999999999999", "size"},
                {"sort=bogus", "sort"}, {"status=99", "status"}, {"status=01,xx", "status"}, {"from=yesterday", "from"},
                {"asOf=never", "asOf"}}) {
            HttpResponse<String> r = get("/api/v1/records?" + c[0]);
            assertThat(r.statusCode()).as(c[0] + ": " + r.body()).isEqualTo(400);
            assertThat(r.headers().firstValue("Content-Type").orElse("")).as(c[0]).startsWith("application/problem+json");
            assertThat(r.body()).as(c[0]).contains("\"status\":400").contains(c[1]);
        }
        assertThat(get("/api/v1/records?size=100&page=1&sort=name&status=01,03").statusCode()).isEqualTo(200);
        assertThat(get("/api/v1/export.csv?status=99").statusCode()).isEqualTo(400);
    }

    @Test
    void aBodyAboveTheLimitIsRefusedWhileStreamingAndTheNodeKeepsServing() throws Exception {
        long big = 17L * 1024 * 1024;
        // declared length: refused before a byte is read
        HttpResponse<String> declared = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/pack-check"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[(int) big])).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(declared.statusCode()).isEqualTo(413);
        assertThat(declared.body()).contains("16 MB").contains("pmm03.limits.request-body").contains("превышает");
        // chunked (no length): counted while it streams
        HttpResponse<String> chunked = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/pack-check"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> json(big))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(chunked.statusCode()).as(chunked.body()).isEqualTo(413);
        assertThat(chunked.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        // a 50 MB SOAP body sent chunked to the SOAP 1.2 port: a SOAP fault with 413, nothing kept
        HttpResponse<String> soap = http.send(HttpRequest.newBuilder(URI.create(url("/commission12")))
                .header("Content-Type", "application/soap+xml; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> soap(50L * 1024 * 1024))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(soap.statusCode()).as(soap.body()).isEqualTo(413);
        // the first limit the stream reaches is named: the body (16 MB) or the longest text (a base64 value of 8 MB)
        assertThat(soap.body()).contains("ERR_TOO_LARGE").containsAnyOf("16 MB (pmm03.limits.request-body)",
                "pmm03.limits.inline-binary = 8 MB").contains(":Sender")
                .doesNotContain("Exception").doesNotContain("heap");
        assertThat(get("/api/v1/records?size=5").statusCode()).isEqualTo(200);
    }

    @Test
    void malformedAuthorizationHeadersAreUnauthorizedNotErrors() {
        for (String h : new String[]{"Bearer abc", "Basic !!!not-base64", "Basic " + java.util.Base64.getEncoder()
                .encodeToString("no-colon".getBytes(StandardCharsets.UTF_8)), "Basic"}) {
            assertThatThrownBy(() -> ApiParams.basic(h)).as(h).isInstanceOfSatisfying(ResponseStatusException.class,
                    e -> assertThat(e.getStatusCode().value()).isEqualTo(401));
        }
        assertThat(ApiParams.basic(null)).isEmpty();
        assertThat(ApiParams.basic("Basic " + java.util.Base64.getEncoder().encodeToString("kz:pw".getBytes(StandardCharsets.UTF_8))))
                .hasValueSatisfying(up -> assertThat(up).containsExactly("kz", "pw"));
    }

    /** {"code":"AAAA…"} of about n bytes, generated while read. */
    private static InputStream json(long n) {
        return generated("{\"code\":\"".getBytes(StandardCharsets.UTF_8), (byte) 'A', n, "\"}".getBytes(StandardCharsets.UTF_8));
    }

    private static InputStream soap(long n) {
        String head = "<env:Envelope xmlns:env=\"http://www.w3.org/2003/05/soap-envelope\"><env:Body>"
                + "<cws:IncludeRecord xmlns:cws=\"urn:pmm03:ws:Commission:v1.0.0\"><x>";
        return generated(head.getBytes(StandardCharsets.UTF_8), (byte) 'Q', n,
                "</x></cws:IncludeRecord></env:Body></env:Envelope>".getBytes(StandardCharsets.UTF_8));
    }

    private static InputStream generated(byte[] head, byte fill, long n, byte[] tail) {
        return new InputStream() {
            long pos;

            @Override
            public int read() {
                long i = pos++;
                if (i < head.length) {
                    return head[(int) i] & 0xff;
                }
                if (i < head.length + n) {
                    return fill;
                }
                long t = i - head.length - n;
                return t < tail.length ? tail[(int) t] & 0xff : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int k = 0;
                for (; k < len; k++) {
                    int c = read();
                    if (c < 0) {
                        return k == 0 ? -1 : k;
                    }
                    b[off + k] = (byte) c;
                }
                return k;
            }
        };
    }
}
