package eaeu.pmm03.tests;

import eaeu.pmm03.server.Pmm03Application;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A real Commission node on a random port with a real (embedded) MariaDB in a fresh data directory, shared by the
 * test classes of this JVM (the same approach as the server's tests). Clients talk SOAP over HTTP to it.
 */
@SpringBootTest(classes = Pmm03Application.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class NodeTestBase {

    private static final Path DATA;

    static {
        try {
            DATA = Files.createTempDirectory("pmm03-tests-db");
            deleteAtExit(DATA);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The node keeps its data wherever it lives (D-120), so the test JVM removes its temporary data directory when
     * it exits (about 150 MB per embedded MariaDB); failures to delete are ignored.
     */
    static void deleteAtExit(Path dir) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try (java.util.stream.Stream<Path> paths = Files.walk(dir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (java.io.IOException | RuntimeException ignored) {
                // best effort: a leftover directory under java.io.tmpdir is harmless
            }
        }, "pmm03-test-data-cleanup"));
    }

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry r) {
        r.add("pmm03.db.data-dir", () -> DATA.resolve("mariadb").toString());
    }

    @LocalServerPort
    protected int port;

    protected String base() {
        return "http://localhost:" + port;
    }

    protected String commissionUrl() {
        return base() + "/ws/commission";
    }
}
