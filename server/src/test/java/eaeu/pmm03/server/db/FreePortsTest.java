package eaeu.pmm03.server.db;

import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Ports handed out lie below the kernel's ephemeral range, are bindable and never repeat in one JVM. */
class FreePortsTest {

    @Test
    void portsAreBelowTheEphemeralRangeDistinctAndBindable() throws Exception {
        int low = FreePorts.ephemeralLow();
        assertThat(low).as("the kernel's ephemeral range is read whole, not the first digit").isGreaterThan(1024);
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            int p = FreePorts.next();
            assertThat(seen.add(p)).as("port %d handed out twice", p).isTrue();
            if (low - 20000 >= 1000) {
                assertThat(p).isBetween(20000, low - 1);
            }
        }
        int p = FreePorts.next();
        try (ServerSocket s = new ServerSocket(p)) {
            assertThat(s.getLocalPort()).isEqualTo(p);
        }
    }
}
