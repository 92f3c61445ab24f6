package eaeu.pmm03.server.portal;

import eaeu.pmm03.contract.samples.Samples;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A real Commission node (random port, embedded MariaDB in its own temp directory, so the records added here do not
 * disturb the SOAP tests' database) with the demo records and one hostile record loaded once.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class PortalTestBase {

    static final String HOSTILE = "<script>window.__xss=1</script><img src=x onerror=\"window.__xss=2\">Hostile & Co";
    static final String HOSTILE_BATCH = "XSS-0001";
    private static final Path DATA;
    private static volatile boolean loaded;

    static {
        try {
            DATA = Files.createTempDirectory("pmm03-portal-test-db");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry r) {
        r.add("pmm03.db.data-dir", () -> DATA.resolve("mariadb").toString());
    }

    @LocalServerPort
    protected int port;
    @Autowired
    protected DemoData demo;

    protected final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void data() {
        synchronized (PortalTestBase.class) {
            if (!loaded) {
                demo.loadIfAbsent();
                String item = demo.items(Samples.byFile("dmd-msg008-maximal.xml").text()).get(0);
                demo.includeItem(demo.variant(item, new DemoData.Variant(HOSTILE, "Hostilum", List.of(HOSTILE_BATCH), "AM",
                        "03", "AM-XSS-1", "2026-11-01T10:00:00+04:00", "", "<b>Evil</b> Pharma")));
                loaded = true;
            }
        }
    }

    protected String base() {
        return "http://localhost:" + port;
    }

    protected HttpResponse<String> get(String pathAndQuery) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base() + pathAndQuery)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    protected static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
