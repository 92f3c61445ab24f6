package eaeu.pmm03.tests;

import eaeu.pmm03.server.Pmm03Application;
import eaeu.pmm03.server.authority.AuthorityService;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Real nodes for the Authority side, shared by the test classes of this JVM (started once, stopped at exit): a
 * Commission node and the authority node of Kazakhstan (participant KZ-MOH, {@code --pmm03.roles=authority}), each
 * a Spring Boot application with its own port and embedded MariaDB, configured with command-line properties as an
 * operator would (the approach of the server's multi-node tests). The callers of its Authority service act as the
 * authority of Russia (user ru, participant RU-RZN), so the samples (records of RU) are the caller's own records.
 * RU-RZN is the node's peer; its URL is a port nobody listens on (the callers are tools, not nodes), so what the
 * node sends to RU stays in its outbox: only the conversation it starts matters here.
 */
public final class AuthorityNodes {

    /** The authority node's participant and its own user; the caller's. */
    public static final String NODE_PARTICIPANT = "KZ-MOH";
    public static final String CALLER = "ru";
    public static final String CALLER_PARTICIPANT = "RU-RZN";

    private static AuthorityNodes shared;

    private final ConfigurableApplicationContext commission;
    private final ConfigurableApplicationContext authority;
    private final int authorityPort;

    private AuthorityNodes() throws IOException {
        Path base = Files.createTempDirectory("pmm03-authority-nodes");
        NodeTestBase.deleteAtExit(base);
        int commissionPort = TestEndpoints.freePort();
        authorityPort = TestEndpoints.freePort();
        int nobody = TestEndpoints.freePort();
        Map<String, Object> common = new LinkedHashMap<>();
        common.put("pmm03.authority.mirror.interval", "PT1H");
        common.put("pmm03.authority.mirror.initial-delay", "PT1H");
        common.put("logging.level.org.apache.cxf", "ERROR");

        Map<String, Object> c = new LinkedHashMap<>(common);
        c.put("server.port", commissionPort);
        c.put("pmm03.db.data-dir", base.resolve("commission/mariadb").toString());
        c.put("spring.application.name", "pmm03-commission");
        c.put("pmm03.roles", "commission");
        commission = start(c);

        Map<String, Object> a = new LinkedHashMap<>(common);
        a.put("server.port", authorityPort);
        a.put("pmm03.db.data-dir", base.resolve("kz/mariadb").toString());
        a.put("spring.application.name", "pmm03-kz");
        a.put("pmm03.roles", "authority");
        a.put("pmm03.authority.participant", NODE_PARTICIPANT);
        a.put("pmm03.authority.commission.url", "http://localhost:" + commissionPort + "/ws/commission");
        a.put("pmm03.authority.commission.username", "kz");
        a.put("pmm03.authority.commission.password", "kz-dev-password");
        a.put("pmm03.authority.peers[0].participant", CALLER_PARTICIPANT);
        a.put("pmm03.authority.peers[0].url", "http://localhost:" + nobody + "/ws/authority");
        a.put("pmm03.authority.peers[0].username", "kz");
        a.put("pmm03.authority.peers[0].password", "kz-dev-password");
        authority = start(a);
    }

    private static ConfigurableApplicationContext start(Map<String, Object> p) {
        // command-line arguments outrank application.yml (default properties would not)
        String[] args = p.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        return new SpringApplicationBuilder(Pmm03Application.class).run(args);
    }

    /** The nodes, started on first use (embedded MariaDB may be slow on a busy machine). */
    public static synchronized AuthorityNodes get() {
        if (shared == null) {
            try {
                shared = new AuthorityNodes();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            AuthorityNodes n = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(n::close));
        }
        return shared;
    }

    /** Base URL of the authority node (serves /ws/authority and /ws/authority12). */
    public String base() {
        return "http://localhost:" + authorityPort;
    }

    public String authorityUrl() {
        return base() + "/ws/authority";
    }

    /**
     * The node's operator asks the caller's authority (RU-RZN) for additional information: the node sends a MSG.014
     * (the sample) with a new EDocId, which a MSG.016 of the caller may then answer. Returns that EDocId.
     */
    public String requestFromCaller() {
        byte[] doc = eaeu.pmm03.contract.samples.Samples.byFile("cdr-msg014-request.xml").text()
                .replaceAll("<csdo:EDocId>[^<]*</csdo:EDocId>", "<csdo:EDocId>" + java.util.UUID.randomUUID() + "</csdo:EDocId>")
                .replaceAll("<csdo:EDocDateTime>[^<]*</csdo:EDocDateTime>", "<csdo:EDocDateTime>"
                        + java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").format(
                                java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC))
                        + "</csdo:EDocDateTime>")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return authority.getBean(AuthorityService.class).requestInfo(CALLER_PARTICIPANT, doc).edocId();
    }

    public ConfigurableApplicationContext authority() {
        return authority;
    }

    private void close() {
        authority.close();
        commission.close();
    }
}
