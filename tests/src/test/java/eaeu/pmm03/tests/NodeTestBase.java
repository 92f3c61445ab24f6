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

    protected String base() {
        return "http://localhost:" + port;
    }

    protected String commissionUrl() {
        return base() + "/ws/commission";
    }
}
