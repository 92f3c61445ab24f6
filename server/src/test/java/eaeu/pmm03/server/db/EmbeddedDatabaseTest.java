package eaeu.pmm03.server.db;

import eaeu.pmm03.server.NodeTestBase;
import eaeu.pmm03.server.transport.DbReplayCache;
import org.apache.cxf.binding.soap.SoapFault;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermission;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The node's own MariaDB (D-120) and what lives in it: credentials required, the password file private, the
 * replay cache shared by every holder of the database (D-122), a killed mariadbd restarted by the watchdog with
 * quick retryable faults meanwhile (D-121). The data directory lies under java.io.tmpdir (NodeTestBase).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EmbeddedDatabaseTest extends NodeTestBase {

    @Autowired
    EmbeddedMariaDb db;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void theDatabaseRequiresTheGeneratedPasswordKeptInAPrivateFile() throws Exception {
        assertThat(db.dataDir().toString()).startsWith(System.getProperty("java.io.tmpdir"));
        var file = db.dataDir().resolve(EmbeddedMariaDb.CREDENTIALS);
        assertThat(Files.getPosixFilePermissions(file))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        assertThat(Files.readString(file)).contains("password=" + db.password());
        for (String[] userPassword : List.of(new String[]{"root", ""}, new String[]{"pmm03", ""},
                new String[]{"pmm03", "wrong"}, new String[]{"", ""})) {
            assertThatThrownBy(() -> DriverManager.getConnection(db.jdbcUrl(), userPassword[0], userPassword[1]).close())
                    .as("user '%s'", userPassword[0]).isInstanceOf(SQLException.class).hasMessageContaining("Access denied");
        }
        try (var c = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password())) {
            assertThat(c.isValid(1)).isTrue();
        }
    }

    @Test
    void aNonceIsSeenOnceAcrossCacheInstancesAndConcurrentRequests() throws Exception {
        Clock clock = Clock.systemUTC();
        DbReplayCache one = new DbReplayCache(jdbc, "nonce", Duration.ofMinutes(5), clock);
        DbReplayCache other = new DbReplayCache(jdbc, "nonce", Duration.ofMinutes(5), clock); // another node, a restart
        String nonce = UUID.randomUUID().toString();
        assertThat(one.contains(nonce)).isFalse();
        one.add(nonce, Instant.now().plusSeconds(300));
        assertThat(other.contains(nonce)).isTrue();
        assertThat(new DbReplayCache(jdbc, "timestamp", Duration.ofMinutes(5), clock).contains(nonce))
                .as("another cache's name").isFalse();

        // 8 requests carrying the same nonce at the same moment: exactly one passes
        String raced = UUID.randomUUID().toString();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Boolean>> seen = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            DbReplayCache c = new DbReplayCache(jdbc, "nonce", Duration.ofMinutes(5), clock);
            seen.add(pool.submit((Callable<Boolean>) () -> {
                go.await();
                return c.contains(raced);
            }));
        }
        go.countDown();
        int passed = 0;
        for (Future<Boolean> f : seen) {
            passed += f.get() ? 0 : 1;
        }
        pool.shutdown();
        assertThat(passed).isEqualTo(1);
    }

    @Test
    void anExpiredEntryIsPurgedAndNoLongerAReplay() {
        Clock past = Clock.fixed(Instant.now().minus(Duration.ofHours(1)), ZoneOffset.UTC);
        DbReplayCache old = new DbReplayCache(jdbc, "nonce", Duration.ofMinutes(5), past);
        String nonce = UUID.randomUUID().toString();
        assertThat(old.contains(nonce)).isFalse();
        assertThat(DbReplayCache.purgeExpired(jdbc, Clock.systemUTC())).isGreaterThanOrEqualTo(1);
        assertThat(new DbReplayCache(jdbc, "nonce", Duration.ofMinutes(5), Clock.systemUTC()).contains(nonce)).isFalse();
    }

    @Test
    @Order(Integer.MAX_VALUE) // last: the others need the database
    void aKilledServerIsRestartedAndTheOutageIsAQuickRetryableFault() throws Exception {
        long pid = db.pid();
        int restarts = db.restarts();
        ProcessHandle.of(pid).orElseThrow().destroyForcibly(); // SIGKILL
        ProcessHandle.of(pid).ifPresent(h -> h.onExit().join());
        // while it is away: a quick failure that says so, never a 30 s hang
        long t0 = System.nanoTime();
        DbReplayCache cache = new DbReplayCache(jdbc, "nonce", Duration.ofMinutes(5), Clock.systemUTC());
        try {
            cache.contains(UUID.randomUUID().toString());
        } catch (SoapFault f) {
            assertThat(f.getMessage()).isEqualTo(DatabaseOutage.TEXT);
            assertThat(f.getFaultCode().getLocalPart()).isIn("Receiver", "Server"); // SOAP 1.2 / 1.1 names
        }
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(6));
        // the watchdog starts it again; the pool reconnects without a restart of the node
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (true) {
            try {
                assertThat(jdbc.queryForObject("SELECT 1", Integer.class)).isEqualTo(1);
                break;
            } catch (RuntimeException e) {
                assertThat(System.nanoTime()).as("recovered within 120 s").isLessThan(deadline);
                Thread.sleep(500);
            }
        }
        assertThat(db.restarts()).isEqualTo(restarts + 1);
        assertThat(db.pid()).isNotEqualTo(pid);
        assertThat(Set.of(jdbc.queryForObject("SELECT COUNT(*) FROM flyway_schema_history", Integer.class)))
                .allMatch(n -> n > 0);
    }
}
