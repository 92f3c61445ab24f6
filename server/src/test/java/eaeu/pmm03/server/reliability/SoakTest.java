package eaeu.pmm03.server.reliability;

import eaeu.pmm03.contract.commission.ChangeRecord;
import eaeu.pmm03.contract.commission.CommissionPortType;
import eaeu.pmm03.contract.commission.GetChanges;
import eaeu.pmm03.contract.commission.GetUpdateTime;
import eaeu.pmm03.contract.commission.IncludeRecord;
import eaeu.pmm03.contract.processingresult.ProcessingResultDetails;
import eaeu.pmm03.server.TestDocuments;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue #12 7(c): a node in its own JVM (-Xmx256m) under a steady mixed load — includes, changes of what was
 * included, GetUpdateTime and GetChanges queries — for {@code -Dpmm03.soak.duration} (PT90S in the test run, PT10M
 * by scripts/reliability.sh), its RSS and heap sampled every 5 s into target/soak.csv. No request may fail, and
 * memory may not trend upwards: the heap after a full GC at the end of the first third and at the end, and the RSS
 * of the first and the last third are compared.
 */
@Tag("reliability")
class SoakTest {

    static final int RATE_PER_SECOND = Integer.getInteger("pmm03.soak.rate", 8);

    record Sample(long second, long rssKb, long heapKb, long mariadbdRssKb) {}

    @Test
    void aSteadyMixedLoadRunsWithoutErrorsAndWithoutGrowingMemory() throws Exception {
        Duration duration = Duration.parse(System.getProperty("pmm03.soak.duration", "PT90S"));
        try (ForkedNode node = new ForkedNode("soak", "256m").start()) {
            CommissionPortType[] clients = {node.client("kz"), node.client("kz"), node.client("kz"), node.client("kz")};
            String run = UUID.randomUUID().toString().substring(0, 6);
            Map<String, Instant> included = new ConcurrentHashMap<>(); // trade name -> start of its current version
            List<String> errors = new CopyOnWriteArrayList<>();
            AtomicInteger ops = new AtomicInteger();
            AtomicLong seq = new AtomicLong();
            ScheduledExecutorService pool = Executors.newScheduledThreadPool(4);
            // warm-up, not sampled: class loading, JIT, the heap growing to its working size
            Instant warmUpEnd = Instant.now().plusSeconds(20);
            pool.scheduleAtFixedRate(() -> {
                long n = seq.incrementAndGet();
                CommissionPortType c = clients[(int) (n % clients.length)];
                try {
                    operation(c, n, run, included);
                    ops.incrementAndGet();
                } catch (RuntimeException e) {
                    errors.add(n + ": " + e);
                }
            }, 0, 1_000_000 / RATE_PER_SECOND, TimeUnit.MICROSECONDS);

            while (Instant.now().isBefore(warmUpEnd)) {
                Thread.sleep(500);
            }
            List<Sample> samples = new ArrayList<>();
            long start = System.nanoTime();
            long third = duration.toSeconds() / 3;
            long heapAfterGcFirstThird = -1;
            Path csv = Path.of("target", "soak.csv");
            Files.writeString(csv, "second,node_rss_kb,node_heap_used_kb,mariadbd_rss_kb\n");
            for (long s = 0; s <= duration.toSeconds(); s += 5) {
                long wait = start + Duration.ofSeconds(s).toNanos() - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000);
                }
                if (heapAfterGcFirstThird < 0 && s >= third) {
                    heapAfterGcFirstThird = heapAfterGc(node.pid());
                }
                Sample x = new Sample(s, rssKb(node.pid()), heapKb(node.pid()), rssKb(node.mariadbdPid()));
                samples.add(x);
                Files.writeString(csv, x.second() + "," + x.rssKb() + "," + x.heapKb() + "," + x.mariadbdRssKb() + "\n",
                        java.nio.file.StandardOpenOption.APPEND);
            }
            pool.shutdown();
            pool.awaitTermination(60, TimeUnit.SECONDS);
            long heapAfterGcEnd = heapAfterGc(node.pid());
            int k = Math.max(1, samples.size() / 3);
            long rssFirst = samples.subList(0, k).stream().mapToLong(Sample::rssKb).max().orElseThrow();
            long rssLast = samples.subList(samples.size() - k, samples.size()).stream().mapToLong(Sample::rssKb).max().orElseThrow();
            String report = String.format("SoakTest: %s at %d/s: %d operations (%d records included), %d errors;"
                            + " heap after GC %d KB at 1/3 -> %d KB at the end; RSS max first third %d KB -> last third %d KB",
                    duration, RATE_PER_SECOND, ops.get(), included.size(), errors.size(), heapAfterGcFirstThird,
                    heapAfterGcEnd, rssFirst, rssLast);
            System.out.println(report);
            Files.writeString(Path.of("target", "reliability-soak.txt"), report + "\n");
            assertThat(errors).isEmpty();
            assertThat(ops.get()).isGreaterThan((int) (duration.toSeconds() * RATE_PER_SECOND / 2));
            assertThat(heapAfterGcEnd).as("heap after GC: no upward trend").isLessThan(heapAfterGcFirstThird * 6 / 5 + 16 * 1024);
            assertThat(rssLast).as("RSS: no upward trend").isLessThan(rssFirst * 115 / 100 + 48 * 1024);
        }
    }

    /** Two includes, a change of an earlier include, GetUpdateTime and GetChanges, in turn. */
    private static void operation(CommissionPortType c, long n, String run, Map<String, Instant> included) {
        switch ((int) (n % 5)) {
            case 0, 1 -> {
                String name = "Выдержка-" + run + "-" + n;
                Instant start = Instant.now().minus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
                IncludeRecord r = new IncludeRecord();
                r.setDrugMonitoringDetails(TestDocuments.record("MSG.001", "KZ", name, "Приказ-выдержка", start, null));
                expect(c.includeRecord(r).getProcessingResultDetails(), "INCLUDED");
                included.put(name, start);
            }
            case 2 -> {
                String name = included.keySet().stream().skip(n % Math.max(1, included.size())).findFirst().orElse(null);
                if (name == null) {
                    return;
                }
                synchronized (included) {
                    Instant next = included.get(name).plus(1, ChronoUnit.HOURS);
                    ChangeRecord r = new ChangeRecord();
                    r.setDrugMonitoringDetails(TestDocuments.record("MSG.002", "KZ", name, "Приказ-выдержка", next, null));
                    expect(c.changeRecord(r).getProcessingResultDetails(), "CHANGED");
                    included.put(name, next);
                }
            }
            case 3 -> {
                GetUpdateTime q = new GetUpdateTime();
                q.setResourceStatusDetails(TestDocuments.query("MSG.005", null, "KZ"));
                if (c.getUpdateTime(q).getResourceStatusDetails() == null) {
                    throw new IllegalStateException("GetUpdateTime without an answer");
                }
            }
            default -> {
                GetChanges q = new GetChanges();
                q.setResourceStatusDetails(TestDocuments.query("MSG.010", Instant.now().minusSeconds(10), "KZ"));
                var a = c.getChanges(q);
                if (a.getDrugMonitoringDetails() == null && a.getProcessingResultDetails() == null) {
                    throw new IllegalStateException("GetChanges without an answer");
                }
            }
        }
    }

    private static void expect(ProcessingResultDetails r, String code) {
        if (!code.equals(r.getProcessingResultV2Code())) {
            throw new IllegalStateException(code + " expected: " + r.getProcessingResultV2Code() + " " + r.getDescriptionText());
        }
    }

    static long rssKb(long pid) throws IOException {
        for (String l : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
            if (l.startsWith("VmRSS:")) {
                return Long.parseLong(l.replaceAll("\\D", ""));
            }
        }
        return -1;
    }

    /** Used heap (survivors, eden, old) by jstat, in KB. */
    static long heapKb(long pid) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jstat").toString(), "-gc",
                String.valueOf(pid)).redirectErrorStream(true).start();
        List<String> lines = new String(p.getInputStream().readAllBytes()).lines().toList();
        p.waitFor();
        String[] head = lines.get(0).trim().split("\\s+");
        String[] vals = lines.get(1).trim().split("\\s+");
        double used = 0;
        for (int i = 0; i < head.length; i++) {
            if (List.of("S0U", "S1U", "EU", "OU").contains(head[i])) {
                used += Double.parseDouble(vals[i]);
            }
        }
        return (long) used;
    }

    static long heapAfterGc(long pid) throws IOException, InterruptedException {
        new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), String.valueOf(pid),
                "GC.run").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
        return heapKb(pid);
    }
}
