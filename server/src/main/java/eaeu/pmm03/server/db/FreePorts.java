package eaeu.pmm03.server.db;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports for servers this JVM starts itself (the embedded MariaDB; nodes started by tests and by the demo) when the
 * operator gave none. A port asked of the kernel with {@code bind(0)} lies in its ephemeral range, the same range
 * every outgoing connection takes its local port from: between choosing such a port and binding it, any HTTP or JDBC
 * connection of the machine may take it (a node then fails with "Address already in use", seen in CI). So ports are
 * drawn at random below the ephemeral range ({@code /proc/sys/net/ipv4/ip_local_port_range}), checked bindable, and
 * never handed out twice by one JVM.
 */
public final class FreePorts {

    private static final int LOWEST = 20000;
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private FreePorts() {}

    /** A port nobody listens on now, outside the ephemeral range, not handed out before by this JVM. */
    public static int next() {
        int below = ephemeralLow();
        if (below - LOWEST >= 1000) {
            for (int i = 0; i < 2000; i++) {
                int port = LOWEST + ThreadLocalRandom.current().nextInt(below - LOWEST);
                if (!HANDED_OUT.contains(port) && bindable(port) && HANDED_OUT.add(port)) {
                    return port;
                }
            }
        }
        for (int i = 0; i < 100; i++) { // no room below the ephemeral range: what the kernel gives
            try (ServerSocket s = new ServerSocket(0)) {
                if (HANDED_OUT.add(s.getLocalPort())) {
                    return s.getLocalPort();
                }
            } catch (IOException e) {
                throw new IllegalStateException("no free TCP port: " + e.getMessage(), e);
            }
        }
        throw new IllegalStateException("no free TCP port");
    }

    private static boolean bindable(int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(false);
            s.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static int ephemeralLow() {
        try {
            // read as a stream: Files.readString trusts the size /proc reports and returns only "3" of "32768 60999"
            String line;
            try (var in = Files.newBufferedReader(Path.of("/proc/sys/net/ipv4/ip_local_port_range"))) {
                line = in.readLine();
            }
            String[] r = line.trim().split("\\s+");
            return Integer.parseInt(r[0]);
        } catch (IOException | RuntimeException e) {
            return 32768; // Linux's default; elsewhere the fallback above still checks the port
        }
    }
}
