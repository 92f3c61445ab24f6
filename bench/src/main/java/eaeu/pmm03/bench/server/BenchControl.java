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

    private final Seeder seeder;
    /** The largest heap in use right after a GC since the last reset: the live data, without garbage. */
    private final java.util.concurrent.atomic.AtomicLong maxAfterGc = new java.util.concurrent.atomic.AtomicLong();

    public BenchControl(Seeder seeder) {
        this.seeder = seeder;
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

    @GetMapping("/bench/probe")
    public Map<String, Object> probe() {
        Map<String, Object> m = new LinkedHashMap<>();
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        m.put("cpuNs", os.getProcessCpuTime());
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
        int rows = seeder.seed(kind, n, tag);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", kind);
        m.put("rows", rows);
        m.put("seconds", (System.nanoTime() - t0) / 1e9);
        m.put("versions", seeder.versions());
        return m;
    }

    @GetMapping("/bench/versions")
    public Map<String, Object> versions() {
        return Map.of("versions", seeder.versions(), "active", seeder.active());
    }
}
