package eaeu.pmm03.server.outbox;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import eaeu.pmm03.server.config.Pmm03Properties;
import eaeu.pmm03.server.db.EmbeddedMariaDb;
import eaeu.pmm03.server.db.FreePorts;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.annotation.AnnotationTransactionAttributeSource;
import org.springframework.transaction.interceptor.TransactionInterceptor;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * D-230: several outbox workers on one database (the Commission nodes of a cluster) and a lease that ends while the
 * first worker's attempt is still under way. The row is claimed again and sent a second time (the respondent is
 * idempotent by EDocId, D-177), but only the attempt holding the current lease token records its outcome: one
 * answer per row, its follow-ups (the answer handler: MSG.013 after an inclusion) run once.
 * <p>
 * The workers run on a database of their own (an embedded MariaDB in a temporary directory, migrated by Flyway),
 * not the test node's, whose own outbox worker would claim the rows too.
 */
class OutboxLeaseTest {

    private static final String TRN_INCLUDE = "P.MM.03.TRN.001";

    static Path dir;
    static EmbeddedMariaDb db;
    static HikariDataSource ds;
    static JdbcTemplate jdbc;
    static TransactionTemplate tx;
    static Outbox outbox;

    @BeforeAll
    static void database() throws Exception {
        dir = Files.createTempDirectory("pmm03-lease-db");
        db = EmbeddedMariaDb.acquire(dir.resolve("mariadb"), FreePorts.next(), "pmm03", List.of(
                "--character-set-server=utf8mb4", "--collation-server=utf8mb4_unicode_ci", "--innodb-buffer-pool-size=16M"));
        HikariConfig c = new HikariConfig();
        c.setJdbcUrl(db.jdbcUrl());
        c.setUsername(db.username());
        c.setPassword(db.password());
        c.setMaximumPoolSize(10);
        ds = new HikariDataSource(c);
        Flyway.configure().dataSource(ds).load().migrate();
        jdbc = new JdbcTemplate(ds);
        DataSourceTransactionManager tm = new DataSourceTransactionManager(ds);
        tx = new TransactionTemplate(tm);
        // the Outbox with its @Transactional methods honoured, as in the node
        ProxyFactory pf = new ProxyFactory(new Outbox(jdbc));
        pf.setProxyTargetClass(true);
        pf.addAdvice(new TransactionInterceptor(tm, new AnnotationTransactionAttributeSource()));
        outbox = (Outbox) pf.getProxy();
    }

    @AfterAll
    static void stop() throws Exception {
        if (ds != null) {
            ds.close();
        }
        if (db != null) {
            db.release();
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** A respondent that answers INCLUDED with a text naming the attempt. */
    interface Respondent {
        Delivery.Answer answer(OutboxMessage m) throws Exception;
    }

    static Delivery delivery(Respondent r) {
        return new Delivery(null, null, null, null) {
            @Override
            public Answer send(OutboxMessage m, Pmm03Properties.Endpoint credentials) throws DeliveryException {
                try {
                    return r.answer(m);
                } catch (DeliveryException e) {
                    throw e;
                } catch (Exception e) {
                    throw new DeliveryException(e.toString(), true, e);
                }
            }
        };
    }

    /** Counts the follow-ups run per EDocId (what the authority does with an answer). */
    static final class Handler implements AnswerHandler {
        final Map<String, List<String>> calls = new ConcurrentHashMap<>();

        @Override
        public boolean handles(String transactionCode) {
            return true;
        }

        @Override
        public void onAnswer(OutboxMessage sent, Delivery.Answer answer, OutboxMessage.Status status) {
            calls.computeIfAbsent(sent.edocId(), k -> java.util.Collections.synchronizedList(new ArrayList<>()))
                    .add(answer == null ? status.name() : answer.text());
        }
    }

    static OutboxWorker worker(Respondent r, Handler h, Duration requestTimeout, SimpleMeterRegistry meters) {
        // lease = 2 × request timeout (OutboxWorker.runOnce); retries after max(scaled wait, 100 ms)
        return new OutboxWorker(outbox, delivery(r), List.of(h), target -> null,
                new Pmm03Properties.Outbox(Duration.ofMillis(50), 0.00001, requestTimeout), tx, meters);
    }

    static String enqueue(String tag) {
        String edoc = UUID.randomUUID().toString();
        tx.executeWithoutResult(s -> outbox.enqueue(new OutboxMessage.New(TRN_INCLUDE, "P.MM.03.MSG.001", edoc, null,
                "TEST-" + tag, "http://127.0.0.1:1/ws/commission", "<doc/>", UUID.randomUUID().toString(), null)));
        return edoc;
    }

    static Delivery.Answer included(String text) {
        return new Delivery.Answer("P.MM.03.MSG.004", "INCLUDED", text, "<answer/>");
    }

    @Test
    void anAttemptThatOutlivedItsLeaseRecordsNothingWhenAnotherNodeClaimedTheRow() throws Exception {
        String edoc = enqueue("one");
        Handler handler = new Handler();
        CountDownLatch aSending = new CountDownLatch(1);
        CountDownLatch aMayAnswer = new CountDownLatch(1);
        SimpleMeterRegistry metersA = new SimpleMeterRegistry();
        // node A: lease of 2 × 100 ms; its attempt hangs (a stalled node) until node B has done the work
        OutboxWorker a = worker(m -> {
            if (!m.edocId().equals(edoc)) {
                throw new IllegalStateException("not this test's row");
            }
            aSending.countDown();
            assertThat(aMayAnswer.await(30, TimeUnit.SECONDS)).isTrue();
            return included("answer to A");
        }, handler, Duration.ofMillis(100), metersA);
        OutboxWorker b = worker(m -> included("answer to B"), handler, Duration.ofSeconds(30), new SimpleMeterRegistry());
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Integer> runA = pool.submit(a::runOnce);
            assertThat(aSending.await(30, TimeUnit.SECONDS)).isTrue();
            // B finds the row due only once A's lease has ended
            long deadline = System.currentTimeMillis() + 30_000;
            int claimedByB;
            while ((claimedByB = b.runOnce()) == 0 && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            assertThat(claimedByB).as("B claims the row after A's lease").isEqualTo(1);
            aMayAnswer.countDown();
            assertThat(runA.get(30, TimeUnit.SECONDS)).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        Map<String, Object> row = jdbc.queryForMap("SELECT status, answer_text, attempts FROM outbox_message WHERE edoc_id = ?",
                edoc);
        assertThat(row.get("status")).isEqualTo("ANSWERED");
        assertThat(row.get("answer_text")).as("the outcome of the current lease holder").isEqualTo("answer to B");
        assertThat(((Number) row.get("attempts")).intValue()).isEqualTo(1);
        assertThat(handler.calls.get(edoc)).as("follow-ups run once").containsExactly("answer to B");
        assertThat(metersA.counter("pmm03.outbox.lease.lost").count()).isEqualTo(1.0);
    }

    @Test
    void fourWorkersRacingWithLeasesShorterThanTheirAttemptsRecordOneOutcomePerRow() throws Exception {
        int rows = 40;
        List<String> edocs = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            edocs.add(enqueue("race"));
        }
        Handler handler = new Handler();
        Map<String, String> textByToken = new ConcurrentHashMap<>();
        AtomicInteger sends = new AtomicInteger();
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        // lease 2 × 15 ms; an attempt takes 0–60 ms, so leases often end mid-attempt and rows are claimed again;
        // one attempt in five fails (retried 100 ms later)
        List<OutboxWorker> workers = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            String name = "worker " + w;
            workers.add(worker(m -> {
                String text = name + " attempt " + sends.incrementAndGet();
                textByToken.put(m.leaseToken(), text);
                Thread.sleep(ThreadLocalRandom.current().nextInt(60));
                if (ThreadLocalRandom.current().nextInt(5) == 0) {
                    throw new java.io.IOException("connection reset (test)");
                }
                return included(text);
            }, handler, Duration.ofMillis(15), meters));
        }
        String in = "'" + String.join("','", edocs) + "'";
        ExecutorService pool = Executors.newFixedThreadPool(workers.size());
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> running = new ArrayList<>();
        long deadline = System.currentTimeMillis() + 90_000;
        for (OutboxWorker w : workers) {
            running.add(pool.submit(() -> {
                go.await();
                while (System.currentTimeMillis() < deadline && jdbc.queryForObject("SELECT COUNT(*) FROM outbox_message"
                        + " WHERE edoc_id IN (" + in + ") AND status = 'PENDING'", Integer.class) > 0) {
                    w.runOnce();
                    Thread.sleep(5);
                }
                return null;
            }));
        }
        go.countDown();
        for (Future<?> f : running) {
            f.get(120, TimeUnit.SECONDS);
        }
        pool.shutdownNow();

        List<Map<String, Object>> result = jdbc.queryForList("SELECT edoc_id, status, answer_text, lease_token FROM"
                + " outbox_message WHERE edoc_id IN (" + in + ")");
        assertThat(result).hasSize(rows);
        for (Map<String, Object> r : result) {
            String edoc = (String) r.get("edoc_id");
            assertThat(r.get("status")).as(edoc).isIn("ANSWERED", "EXC_002");
            if ("ANSWERED".equals(r.get("status"))) {
                // the one recorded outcome is that of the attempt holding the row's last lease
                assertThat(r.get("answer_text")).as(edoc).isEqualTo(textByToken.get((String) r.get("lease_token")));
                assertThat(handler.calls.get(edoc)).as("follow-ups of " + edoc).containsExactly((String) r.get("answer_text"));
            } else {
                assertThat(handler.calls.get(edoc)).as("follow-ups of " + edoc).isNull();
            }
        }
        assertThat(sends.get()).as("attempts").isGreaterThan(rows);
        assertThat(meters.counter("pmm03.outbox.lease.lost").count())
                .as("attempts that outlived their lease and were not recorded").isPositive();
    }
}
