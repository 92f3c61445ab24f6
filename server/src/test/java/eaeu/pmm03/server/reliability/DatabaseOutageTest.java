package eaeu.pmm03.server.reliability;

import eaeu.pmm03.server.db.DatabaseOutage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue #12 7(b): the node's mariadbd killed (SIGKILL) under include load. Meanwhile requests get a retryable
 * Receiver fault within seconds (D-121), never an INCLUDED for what was not stored; the node's watchdog starts the
 * database again and the same node process serves again, no restart (D-120). What was refused is sent again with the
 * same EDocId and stored once.
 */
@Tag("reliability")
class DatabaseOutageTest {

    @Test
    void anOutageIsAQuickRetryableFaultAndTheNodeRecoversByItself() throws Exception {
        try (ForkedNode node = new ForkedNode("dboutage", "384m").start()) {
            long nodePid = node.pid();
            IncludeLoad load = new IncludeLoad().start(node, 4);
            Thread.sleep(4000);
            long mariadbd = node.mariadbdPid();
            int failuresBefore = load.failures.size();
            ProcessHandle.of(mariadbd).orElseThrow().destroyForcibly();
            long killedAt = System.nanoTime();
            // the outage is seen (a fault after the kill), then the watchdog restarts the server and requests
            // succeed again: recovery counts from the kill to the fifth acknowledgement after the first such fault
            long deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
            while (load.failures.size() <= failuresBefore) {
                assertThat(System.nanoTime()).as("the outage is seen within 4 min").isLessThan(deadline);
                Thread.sleep(100);
            }
            int ackAtOutage = load.acknowledged.size();
            while (load.acknowledged.size() < ackAtOutage + 5) {
                assertThat(System.nanoTime()).as("served again within 4 min").isLessThan(deadline);
                Thread.sleep(100);
            }
            long recoveredMs = Duration.ofNanos(System.nanoTime() - killedAt).toMillis();
            load.stop();
            assertThat(node.alive()).isTrue();
            assertThat(node.pid()).as("the same node process").isEqualTo(nodePid);
            assertThat(node.mariadbdPid()).isNotEqualTo(mariadbd);

            long slowest = load.failures.stream().mapToLong(IncludeLoad.Failure::millis).max().orElse(0);
            long outageFaults = load.failures.stream().filter(f -> f.what().contains(DatabaseOutage.TEXT)).count();
            load.resendLost(node, Duration.ofMinutes(2));
            IncludeLoad.Stored s;
            try (Connection db = node.database()) {
                s = load.verify(db);
            }
            String report = String.format("DatabaseOutageTest: acknowledged=%d, without an answer at first=%d"
                            + " (faults %d, of which 'database unavailable' %d, slowest %d ms), re-sent attempts=%d,"
                            + " served again %d ms after the kill; stored exactly once=%d missing=%d duplicated=%d"
                            + " stored without INCLUDED=%d other answers=%d", load.acknowledged.size(),
                    load.lostCount.get(), load.failures.size(), outageFaults, slowest, recoveredMs, load.resends.get(),
                    s.exactlyOnce(), s.missing(), s.duplicated(), s.unacknowledged(), load.wrong.size());
            System.out.println(report);
            Files.writeString(Path.of("target", "reliability-dboutage.txt"), report + "\n");
            assertThat(load.wrong).isEmpty();
            assertThat(outageFaults).as("faults saying the database is unavailable: %s", load.failures).isPositive();
            assertThat(load.failures).allSatisfy(f -> assertThat(f.what()).contains("fault"));
            // the pool gives up after 3 s (application.yml); a hang would last the client timeout. 15 s leaves room for
            // a loaded 2-core machine (8.3 s seen at load average 30) while still telling a fault from a hang
            assertThat(slowest).as("every fault within a few seconds, not a hang").isLessThan(15_000);
            assertThat(s.missing()).isZero();
            assertThat(s.duplicated()).isZero();
            assertThat(s.unacknowledged()).isZero();
        }
    }
}
