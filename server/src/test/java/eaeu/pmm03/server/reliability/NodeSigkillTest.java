package eaeu.pmm03.server.reliability;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue #12 7(a): a Commission node in its own JVM, on a data directory under java.io.tmpdir, under concurrent include
 * load, killed with SIGKILL at random moments and started again on the same data (its orphaned mariadbd is stopped
 * by the new start, D-120). Every INCLUDED is stored exactly once; every request left without an answer, sent again
 * with the same EDocId, yields one record. {@code -Dpmm03.reliability.kills} (2 in the test run, more by
 * scripts/reliability.sh).
 */
@Tag("reliability")
class NodeSigkillTest {

    @Test
    void everyAcknowledgedIncludeIsStoredOnceAndEveryLostOneCanBeSentAgain() throws Exception {
        int kills = Integer.getInteger("pmm03.reliability.kills", 2);
        try (ForkedNode node = new ForkedNode("sigkill", "384m").start()) {
            IncludeLoad load = new IncludeLoad().start(node, 4);
            for (int k = 0; k < kills; k++) {
                Thread.sleep(3000 + ThreadLocalRandom.current().nextInt(5000)); // a random moment under load
                long orphan = node.mariadbdPid();
                node.kill();
                assertThat(ProcessHandle.of(orphan)).as("mariadbd outlives its SIGKILLed node").isPresent();
                node.start(); // no manual step: the orphan is stopped by the start
                assertThat(ProcessHandle.of(orphan).map(ProcessHandle::isAlive).orElse(false))
                        .as("the orphaned mariadbd was stopped").isFalse();
            }
            Thread.sleep(2000);
            load.stop();
            int acknowledgedBeforeResend = load.acknowledged.size();
            load.resendLost(node, Duration.ofMinutes(2));
            IncludeLoad.Stored s;
            try (Connection db = node.database()) {
                s = load.verify(db);
            }
            String report = String.format("NodeSigkillTest: kills=%d acknowledged at once=%d lost (no answer at first"
                            + " sending)=%d re-sent attempts=%d; stored exactly once=%d missing=%d duplicated=%d"
                            + " stored without INCLUDED=%d other answers=%d",
                    kills, load.acknowledged.size() - load.lostCount.get(), load.lostCount.get(), load.resends.get(),
                    s.exactlyOnce(), s.missing(), s.duplicated(), s.unacknowledged(), load.wrong.size());
            System.out.println(report);
            Files.writeString(Path.of("target", "reliability-sigkill.txt"), report + "\n");
            assertThat(load.wrong).isEmpty();
            assertThat(acknowledgedBeforeResend).isPositive();
            assertThat(s.missing()).isZero();
            assertThat(s.duplicated()).isZero();
            assertThat(s.unacknowledged()).isZero();
            assertThat(s.exactlyOnce()).isEqualTo(load.acknowledged.size());
        }
    }
}
