package eaeu.pmm03.server;

import eaeu.pmm03.contract.commission.CommissionPortType;
import eaeu.pmm03.security.wss.ClientCredentials;
import org.apache.cxf.jaxws.JaxWsProxyFactoryBean;
import org.apache.cxf.ws.security.wss4j.WSS4JOutInterceptor;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A real node on a random port with a real (embedded) MariaDB in a fresh data directory shared by the test
 * classes of one JVM. Tests talk to it through SOAP over HTTP, as a member state's system would.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class NodeTestBase {

    private static final Path DATA;

    static {
        try {
            DATA = Files.createTempDirectory("pmm03-test-db");
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

    protected String url(String path) {
        return "http://localhost:" + port + "/ws" + path;
    }

    /** A client of the Commission's SOAP 1.1 port acting as the given user (am, by, kz, kg, ru, eec). */
    protected CommissionPortType commission(String user) {
        return commission(user, user + "-dev-password", "/commission");
    }

    protected CommissionPortType commission(String user, String password, String path) {
        JaxWsProxyFactoryBean f = new JaxWsProxyFactoryBean();
        f.setServiceClass(CommissionPortType.class);
        f.setAddress(url(path));
        if (path.endsWith("12")) {
            f.setBindingId("http://www.w3.org/2003/05/soap/bindings/HTTP/");
        }
        f.getOutInterceptors().add(new WSS4JOutInterceptor(ClientCredentials.usernameToken(user, password)));
        CommissionPortType port = (CommissionPortType) f.create();
        // SOAP 1.2 refusals of the sender's mistakes come with HTTP 400 (D-111)
        eaeu.pmm03.security.wss.ClientSecurity.readFaultsOnHttp400(org.apache.cxf.frontend.ClientProxy.getClient(port));
        return port;
    }
}
