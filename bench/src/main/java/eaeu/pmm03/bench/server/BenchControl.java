package eaeu.pmm03.bench.server;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Bench-only HTTP controls of the server process (never part of the node): what the driver reads before and after a
 * round — process CPU time (the same utime+stime as /proc/&lt;pid&gt;/stat, through the JVM's
 * OperatingSystemMXBean), the peak heap since the last reset (the sum of the heap pools' peak usage: an upper bound
 * of the simultaneous peak, since pools may peak at different moments, and dominated by the young generation's
 * size), the largest heap still in use right after a GC (the live data), GC counts — and the seeding of data sets.
 */
@RestController
public class BenchControl {

    private final org.springframework.beans.factory.ObjectProvider<Seeder> seeder;
    /** The largest heap in use right after a GC since the last reset: the live data, without garbage. */
    private final java.util.concurrent.atomic.AtomicLong maxAfterGc = new java.util.concurrent.atomic.AtomicLong();

    private final org.springframework.beans.factory.ObjectProvider<eaeu.pmm03.server.authority.Conversations> conversations;
    private final org.springframework.beans.factory.ObjectProvider<org.springframework.jdbc.core.JdbcTemplate> jdbc;
    private final org.springframework.beans.factory.ObjectProvider<org.springframework.transaction.support.TransactionTemplate> tx;

    public BenchControl(org.springframework.beans.factory.ObjectProvider<Seeder> seeder,
                        org.springframework.beans.factory.ObjectProvider<eaeu.pmm03.server.authority.Conversations> conversations,
                        org.springframework.beans.factory.ObjectProvider<org.springframework.jdbc.core.JdbcTemplate> jdbc,
                        org.springframework.beans.factory.ObjectProvider<org.springframework.transaction.support.TransactionTemplate> tx) {
        this.tx = tx;
        this.seeder = seeder;
        this.conversations = conversations;
        this.jdbc = jdbc;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((javax.management.NotificationEmitter) gc).addNotificationListener((n, h) -> {
                if (!com.sun.management.GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION
                        .equals(n.getType())) {
                    return;
                }
                var info = com.sun.management.GarbageCollectionNotificationInfo.from(
                        (javax.management.openmbean.CompositeData) n.getUserData());
                long used = 0;
                for (var e : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
                    if (isHeap(e.getKey())) {
                        used += e.getValue().getUsed();
                    }
                }
                maxAfterGc.accumulateAndGet(used, Math::max);
            }, null, null);
        }
    }

    private static boolean isHeap(String pool) {
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getName().equals(pool)) {
                return p.getType() == MemoryType.HEAP;
            }
        }
        return false;
    }

    /**
     * CPU time (user + system) of the embedded MariaDB server, a child process of this JVM (D-120), as the OS counts
     * it; -1 when the database is not a child (an external server: its CPU is not measured here).
     */
    static long databaseCpuNs() {
        return ProcessHandle.current().descendants()
                .filter(p -> p.info().command().map(c -> c.endsWith("mariadbd") || c.endsWith("mysqld")).orElse(false))
                .map(p -> p.info().totalCpuDuration().orElse(null))
                .filter(java.util.Objects::nonNull)
                .mapToLong(java.time.Duration::toNanos)
                .reduce(Long::sum).orElse(-1);
    }

    @GetMapping("/bench/probe")
    public Map<String, Object> probe() {
        Map<String, Object> m = new LinkedHashMap<>();
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        m.put("cpuNs", os.getProcessCpuTime());
        m.put("dbCpuNs", databaseCpuNs());
        long peak = 0;
        long used = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                peak += p.getPeakUsage().getUsed();
                used += p.getUsage().getUsed();
            }
        }
        m.put("heapPeakBytes", peak);
        m.put("heapMaxAfterGcBytes", maxAfterGc.get());
        m.put("heapUsedBytes", used);
        m.put("heapMaxBytes", Runtime.getRuntime().maxMemory());
        long gcCount = 0;
        long gcMs = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            gcCount += Math.max(0, gc.getCollectionCount());
            gcMs += Math.max(0, gc.getCollectionTime());
        }
        m.put("gcCount", gcCount);
        m.put("gcMs", gcMs);
        m.put("pid", ProcessHandle.current().pid());
        return m;
    }

    /** A full GC, then the heap pools' peaks start again from the current use. */
    @PostMapping("/bench/reset")
    public Map<String, Object> reset() {
        System.gc();
        maxAfterGc.set(0);
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                p.resetPeakUsage();
            }
        }
        return probe();
    }

    /**
     * Seeds rows straight into record_version with multi-row batches (see {@link Seeder}); kind = active (valid
     * records of the sample item, old), history (closed versions of the minimal item, old) or recent (active,
     * changed within the last hour).
     */
    @PostMapping("/bench/seed")
    public Map<String, Object> seed(@RequestParam String kind, @RequestParam int n, @RequestParam String tag) {
        long t0 = System.nanoTime();
        int rows = seeder.getObject().seed(kind, n, tag);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", kind);
        m.put("rows", rows);
        m.put("seconds", (System.nanoTime() - t0) / 1e9);
        m.put("versions", seeder.getObject().versions());
        return m;
    }

    /**
     * On an authority-role bench server: a conversation this node (the requester) opened with {@code peer}, as if
     * its MSG.014 had been accepted, so that MSG.016 answers naming it are taken (the MSG.016 scenario).
     */
    @PostMapping("/bench/conversation")
    public Map<String, Object> conversation(@RequestParam String id, @RequestParam String peer) {
        eaeu.pmm03.server.authority.Conversations c = conversations.getIfAvailable();
        if (c == null) {
            throw new IllegalStateException("not an authority node");
        }
        tx.getObject().executeWithoutResult(st -> c.start(id, eaeu.pmm03.server.authority.Conversations.Side.REQUESTER,
                peer, eaeu.pmm03.server.authority.Conversations.State.ACCEPTED, "bench", "<bench/>"));
        return Map.of("id", id, "peer", peer);
    }

    /** How many MSG.016 answers the node stored for a conversation, and the attachments' total size. */
    @GetMapping("/bench/attachments")
    public Map<String, Object> attachments() {
        Long n = jdbc.getIfAvailable().queryForObject("SELECT COUNT(*) FROM attachment", Long.class);
        Long bytes = jdbc.getIfAvailable().queryForObject("SELECT COALESCE(SUM(size_bytes), 0) FROM attachment", Long.class);
        return Map.of("attachments", n, "bytes", bytes);
    }

    /**
     * Search and batch rows for every seeded version that has none (issue #16 item 5: the pack check looks batches up
     * there; see {@link Seeder#packs}); answers how many and a sample of batches of active records.
     */
    @PostMapping("/bench/seed-packs")
    public Map<String, Object> seedPacks(@RequestParam(defaultValue = "1000") int sample) {
        long t0 = System.nanoTime();
        Map<String, Object> m = new LinkedHashMap<>(seeder.getObject().packs(sample));
        m.put("kind", "packs");
        m.put("seconds", (System.nanoTime() - t0) / 1e9);
        return m;
    }

    /**
     * The baseline of the pack check: a bare JSON echo on the same Tomcat and Spring MVC (a GET with a query
     * parameter, answered by Jackson), as {@link EchoProvider} is the SOAP baseline.
     */
    @GetMapping(path = "/bench/echo.json", produces = "application/json")
    public Map<String, Object> echoJson(@RequestParam(required = false) String batch) {
        return Map.of("echo", batch == null ? "" : batch, "verdict", "ECHO");
    }

    @GetMapping("/bench/versions")
    public Map<String, Object> versions() {
        return Map.of("versions", seeder.getObject().versions(), "active", seeder.getObject().active());
    }
}
