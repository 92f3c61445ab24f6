package eaeu.pmm03.server.reliability;

import eaeu.pmm03.contract.commission.CommissionPortType;
import eaeu.pmm03.security.wss.ClientCredentials;
import org.apache.cxf.endpoint.Client;
import org.apache.cxf.frontend.ClientProxy;
import org.apache.cxf.jaxws.JaxWsProxyFactoryBean;
import org.apache.cxf.transport.http.HTTPConduit;
import org.apache.cxf.transports.http.configuration.HTTPClientPolicy;
import org.apache.cxf.ws.security.wss4j.WSS4JOutInterceptor;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Commission node in a JVM of its own (the test's classpath), on a data directory under java.io.tmpdir, that can be
 * killed with SIGKILL and started again on the same port and data: what an operator's crash looks like.
 */
final class ForkedNode implements AutoCloseable {

    final Path dir;
    final Path dataDir;
    final int port;
    private final String heap;
    private Process process;
    private int starts;

    ForkedNode(String name, String heap) throws IOException {
        this.dir = Files.createTempDirectory("pmm03-" + name);
        this.dataDir = dir.resolve("mariadb");
        this.port = freePort();
        this.heap = heap;
    }

    ForkedNode start() throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap, "-XX:+ExitOnOutOfMemoryError", "-cp", System.getProperty("java.class.path"),
                "eaeu.pmm03.server.Pmm03Application", "--server.port=" + port, "--pmm03.db.data-dir=" + dataDir,
                "--pmm03.roles=commission", "--pmm03.portal.demo-data=false", "--pmm03.db.embedded-buffer-pool=128M",
                "--spring.application.name=pmm03-forked"));
        Path log = dir.resolve("node-" + (++starts) + ".log");
        process = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (!ready()) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the node exited at start; see " + log + ":\n" + tail(log));
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the node did not start within 5 min; see " + log);
            }
            Thread.sleep(250);
        }
        return this;
    }

    private boolean ready() {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + "/ws/commission?wsdl")
                    .toURL().openConnection();
            c.setConnectTimeout(500);
            c.setReadTimeout(2000);
            return c.getResponseCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    /** SIGKILL of the node's JVM only: no shutdown hook runs, its mariadbd is left behind as after a real crash. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** The node's mariadbd (from its pid file). */
    long mariadbdPid() throws IOException {
        return Long.parseLong(Files.readString(dataDir.resolve("mariadbd.pid")).trim());
    }

    /** A JDBC connection to the node's database with the credentials it generated. */
    Connection database() throws IOException, SQLException {
        String password = Files.readAllLines(dataDir.resolve("pmm03-credentials")).stream()
                .filter(l -> l.startsWith("password=")).findFirst().orElseThrow().substring("password=".length());
        String port = null;
        for (String l : Files.readAllLines(dataDir.resolve("mariadbd.err"))) {
            int i = l.indexOf("port: ");
            if (i >= 0) {
                port = l.substring(i + 6).trim().split("\\s")[0];
            }
        }
        return DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + port + "/pmm03", "pmm03", password);
    }

    CommissionPortType client(String user) {
        JaxWsProxyFactoryBean f = new JaxWsProxyFactoryBean();
        f.setServiceClass(CommissionPortType.class);
        f.setAddress("http://127.0.0.1:" + port + "/ws/commission");
        f.getOutInterceptors().add(new WSS4JOutInterceptor(ClientCredentials.usernameToken(user, user + "-dev-password")));
        CommissionPortType port = (CommissionPortType) f.create();
        Client c = ClientProxy.getClient(port);
        HTTPClientPolicy p = new HTTPClientPolicy();
        p.setConnectionTimeout(2000);
        p.setReceiveTimeout(30000);
        ((HTTPConduit) c.getConduit()).setClient(p);
        return port;
    }

    @Override
    public void close() throws Exception {
        if (process != null && process.isAlive()) {
            process.destroy(); // SIGTERM: the node stops its mariadbd
            if (!process.waitFor(90, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
        // a node killed last leaves its mariadbd: stop it the way the next start would
        try {
            ProcessHandle.of(mariadbdPid()).ifPresent(h -> {
                h.destroy();
                h.onExit().orTimeout(60, TimeUnit.SECONDS).join();
            });
        } catch (IOException | RuntimeException e) {
            // no pid file: it stopped cleanly
        }
    }

    static int freePort() {
        return eaeu.pmm03.server.db.FreePorts.next();
    }

    static String tail(Path log) {
        try {
            String s = Files.readString(log);
            return s.length() < 3000 ? s : s.substring(s.length() - 3000);
        } catch (IOException e) {
            return "";
        }
    }
}
