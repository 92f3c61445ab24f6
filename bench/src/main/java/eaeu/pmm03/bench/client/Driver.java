package eaeu.pmm03.bench.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

/**
 * The load driver of issue #8, run in its own JVM against a running bench server (scripts/bench.sh starts both):
 * seeds the data sets, runs every scenario in rounds that alternate the P.MM.03 operation with its baseline, reads
 * the server's CPU time and peak heap around each round, profiles ingestion with JFR, and writes everything to one
 * JSON file, from which the report is generated.
 *
 * <p>Order on a fresh database (each step's data stays for the next): 10k active records + 20 recent changes →
 * MSG.007 at ~10k and MSG.010 over a history of ~10k versions; +90k active → MSG.007 at ~100k; +900k closed versions
 * → MSG.010 over ~1M versions; then MSG.001 unsigned and signed. Quick mode divides the sizes and shortens rounds.
 */
public final class Driver {

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    static final HttpClient HTTP = HttpClient.newHttpClient();

    final String base;
    final long pid;
    final Path pki;
    final Path policy;
    final Path out;
    final Path serverLog;
    final boolean quick;
    final Envelopes env = new Envelopes("ru", "ru-dev-password");
    final String tag = Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);
    final AtomicInteger names = new AtomicInteger();
    final Map<String, Object> results = new LinkedHashMap<>();
    final List<Object> seeding = new ArrayList<>();
    final List<Object> scenarios = new ArrayList<>();
    final List<Object> profiles = new ArrayList<>();
    final Instant since = Instant.now().minus(1, ChronoUnit.HOURS);

    // sizes and budgets
    final int small;
    final int large;
    final int history;
    final int recent = 20;
    final int rounds;
    final Duration round;
    final Duration warmup;
    final int threads;
    final int signedPerRound;
    final int exportsPerRound;
    final Duration profile;
    final Duration exportTimeout;
    /** --only a,b: the scenarios (and JFR profiles) to run; empty = all. Seeding is done only as far as they need. */
    final java.util.Set<String> only;

    Driver(Map<String, String> a) {
        base = a.get("url");
        pid = Long.parseLong(a.get("pid"));
        pki = Path.of(a.get("pki"));
        policy = Path.of(a.get("policy"));
        out = Path.of(a.get("out"));
        serverLog = a.containsKey("server-log") ? Path.of(a.get("server-log")) : null;
        quick = Boolean.parseBoolean(a.getOrDefault("quick", "false"));
        small = Integer.parseInt(a.getOrDefault("small", quick ? "2000" : "10000"));
        large = Integer.parseInt(a.getOrDefault("large", quick ? "10000" : "100000"));
        history = Integer.parseInt(a.getOrDefault("history", quick ? "50000" : "1000000"));
        rounds = Integer.parseInt(a.getOrDefault("rounds", quick ? "2" : "3"));
        round = Duration.ofSeconds(Long.parseLong(a.getOrDefault("round-seconds", quick ? "4" : "8")));
        warmup = Duration.ofSeconds(Long.parseLong(a.getOrDefault("warmup-seconds", quick ? "4" : "8")));
        threads = Integer.parseInt(a.getOrDefault("threads", "8"));
        signedPerRound = Integer.parseInt(a.getOrDefault("signed-per-round", quick ? "400" : "2500"));
        exportsPerRound = Integer.parseInt(a.getOrDefault("exports-per-round", "1"));
        profile = Duration.ofSeconds(Long.parseLong(a.getOrDefault("profile-seconds", quick ? "5" : "15")));
        exportTimeout = Duration.ofSeconds(Long.parseLong(a.getOrDefault("export-timeout-seconds", quick ? "60" : "180")));
        only = a.containsKey("only") ? java.util.Set.of(a.get("only").split(",")) : java.util.Set.of();
        results.put("db", a.getOrDefault("db", "embedded"));
        results.put("quick", quick);
        if (!only.isEmpty()) {
            results.put("only", new java.util.TreeSet<>(only));
        }
    }

    boolean wanted(String scenario) {
        return only.isEmpty() || only.contains(scenario);
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            a.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        new Driver(a).run();
    }

    void run() throws Exception {
        long t0 = System.nanoTime();
        results.put("started", Instant.now().toString());
        results.put("machine", Machine.describe());
        results.put("config", Map.of("threads", threads, "rounds", rounds, "roundSeconds", round.toSeconds(),
                "warmupSeconds", warmup.toSeconds(), "signedPerRound", signedPerRound, "small", small, "large", large,
                "history", history, "recent", recent, "serverHeapMaxMb", probe().get("heapMaxBytes").asLong() >> 20));
        results.put("seeding", seeding);
        results.put("scenarios", scenarios);
        results.put("profiles", profiles);
        policy("default=off");

        boolean needLarge = wanted("export-large") || wanted("changes-large") || wanted("pack-check");
        if (wanted("export-small") || wanted("changes-small") || needLarge) {
            seed("active", small, tag + "a");
            seed("recent", recent, tag + "r");
        }
        if (wanted("export-small")) {
            export("export-small", small + recent);
        }
        if (wanted("changes-small")) {
            changes("changes-small");
            profiles.add(profileChanges("changes-small"));
        }
        if (needLarge) {
            seed("active", this.large - small, tag + "b");
        }
        if (wanted("export-large")) {
            export("export-large", this.large + recent);
            profiles.add(profileExport());
        }
        if (wanted("changes-large") || wanted("pack-check")) {
            seed("history", history - this.large - recent, tag + "h");
        }
        if (wanted("changes-large")) {
            changes("changes-large");
        }
        if (wanted("pack-check")) {
            packCheck("pack-check");
        }
        if (wanted("ingest-unsigned")) {
            ingest("ingest-unsigned", false);
        }
        if (wanted("ingest-signed")) {
            policy("default=off", "P.MM.03.MSG.001=require");
            ingest("ingest-signed", true);
            policy("default=off");
        }
        if (wanted("ingest-unsigned")) {
            profiles.add(profileIngest(false));
        }
        if (wanted("ingest-signed")) {
            profiles.add(profileIngest(true));
        }
        results.put("finished", Instant.now().toString());
        results.put("driverSeconds", (System.nanoTime() - t0) / 1e9);
        write();
        System.out.printf("driver done in %.0f s -> %s%n", (System.nanoTime() - t0) / 1e9, out);
    }

    void write() throws IOException {
        Files.createDirectories(out.getParent());
        JSON.writeValue(out.toFile(), results);
    }

    // ---- scenarios --------------------------------------------------------------------------------------------

    String trade() {
        return "Бенч " + tag + "-" + names.getAndIncrement();
    }

    byte[] includeUt(int i) {
        return env.withUsernameToken("IncludeRecord", env.includeDocument(trade()));
    }

    static Load.Check answer(String mustContain) {
        return (status, head, bytes, records) -> status == 200
                && new String(head, StandardCharsets.UTF_8).contains(mustContain);
    }

    void ingest(String id, boolean signed) throws Exception {
        log("== " + id);
        Envelopes.Signer signer = signed ? new Envelopes.Signer(pki, "RU-RZN") : null;
        Side echo = new Side("echo", "/ws/echo", signed ? presigned(signer) : i -> this::includeUt,
                answer("<echo>ok</echo>"), signed ? signedPerRound : Integer.MAX_VALUE);
        Side pmm = new Side("pmm03", "/ws/commission", signed ? presigned(signer) : i -> this::includeUt,
                answer("INCLUDED"), signed ? signedPerRound : Integer.MAX_VALUE);
        scenarios.add(paired(id, signed ? "MSG.001 include, signatures require (vs echo that verifies a signature)"
                : "MSG.001 include, UsernameToken (vs bare echo)", echo, pmm));
        write();
    }

    /** Bodies signed before the round (the client's signing is not part of what is measured). */
    IntFunction<IntFunction<byte[]>> presigned(Envelopes.Signer signer) {
        return n -> {
            byte[][] bodies = new byte[n][];
            IntStream.range(0, n).parallel().forEach(i -> bodies[i] = signer.sign("IncludeRecord",
                    env.includeDocument(trade())));
            return i -> bodies[i];
        };
    }

    void changes(String id) throws Exception {
        long versions = versions().get("versions").asLong();
        log("== " + id + " over " + versions + " versions");
        Side echo = new Side("echo", "/ws/echo", n -> this::includeUt, answer("<echo>ok</echo>"), Integer.MAX_VALUE);
        Side pmm = new Side("pmm03", "/ws/commission", n -> i -> env.withUsernameToken("GetChanges",
                env.changesDocument(since)), (status, head, bytes, records) -> status == 200 && records == recent,
                Integer.MAX_VALUE);
        Map<String, Object> s = paired(id, "MSG.010 since one hour ago (" + recent + " changes) over " + versions
                + " versions", echo, pmm);
        s.put("versions", versions);
        scenarios.add(s);
        write();
    }

    void export(String id, int expected) throws Exception {
        long active = versions().get("active").asLong();
        log("== " + id + " of " + active + " records");
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("id", id);
        s.put("label", "MSG.007 full export (as of now, all countries) of " + active + " records");
        s.put("records", active);
        List<Object> list = new ArrayList<>();
        s.put("rounds", list);
        URI url = URI.create(base + "/ws/commission");
        Load.Check check = (status, head, bytes, records) -> status == 200 && records == active;
        // warm-up: one export and one baseline, not recorded
        Load.Result w = Load.run(url, 1, exportTimeout, 1, i -> env.withUsernameToken("GetRecords",
                env.recordsDocument()), check, exportTimeout);
        log(String.format("  warm-up: %.1f s, errors %d%s", w.seconds(), w.errors(),
                w.firstError() == null ? "" : " first: " + w.firstError()));
        JaxbBaseline.run(tag + "a", (int) Math.min(active, 5000));
        for (int r = 0; r < rounds; r++) {
            long oom0 = outOfMemoryErrors();
            Map<String, Object> m = measured("pmm03", () -> Load.run(url, 1, exportTimeout, exportsPerRound,
                    i -> env.withUsernameToken("GetRecords", env.recordsDocument()), check, exportTimeout));
            m.put("recordsPerSecond", ((Number) m.get("records")).doubleValue() / ((Number) m.get("seconds")).doubleValue());
            m.put("serverOutOfMemoryErrors", outOfMemoryErrors() - oom0);
            m.put("round", r);
            list.add(m);
            long c0 = cpu();
            JaxbBaseline.Result b = JaxbBaseline.run(tag + "a", (int) active);
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("side", "jaxb");
            j.put("round", r);
            j.put("records", b.records());
            j.put("bytes", b.bytes());
            j.put("seconds", b.seconds());
            j.put("recordsPerSecond", b.recordsPerSecond());
            j.put("cpuMs", (cpu() - c0) / 1e6);
            list.add(j);
            log(String.format("  round %d: export %.0f rec/s (%s MB heap peak, %s MB live after GC, errors %s), JAXB %.0f rec/s", r,
                    m.get("recordsPerSecond"), m.get("heapPeakMb"), m.get("liveHeapMaxMb"), m.get("errors"), b.recordsPerSecond()));
        }
        scenarios.add(s);
        write();
    }

    /**
     * Issue #16 item 5: GET /api/v1/pack-check over the whole seeded database (~1M versions in a full run) against a
     * bare JSON echo on the same Tomcat; half the requests ask for the batch of an active record (FOUND), half for a
     * batch that does not exist (NOT_FOUND). The search and batch rows are made first (not part of the figure).
     */
    void packCheck(String id) throws Exception {
        var seeded = JSON.readTree(post("/bench/seed-packs?sample=1000"));
        List<String> batches = new ArrayList<>();
        seeded.path("activeBatches").forEach(b -> batches.add(b.asText()));
        Map<String, Object> note = new LinkedHashMap<>();
        note.put("kind", "packs");
        note.put("rows", seeded.path("rows").asLong());
        note.put("numbers", seeded.path("numbers").asLong());
        note.put("seconds", seeded.path("seconds").asDouble());
        note.put("versions", seeded.path("versions").asLong());
        seeding.add(note);
        long versions = seeded.path("versions").asLong();
        log("== " + id + " over " + versions + " versions (" + batches.size() + " batches of active records to find)");
        if (batches.isEmpty()) {
            throw new IllegalStateException("no active record to find");
        }
        java.util.concurrent.atomic.AtomicLong found = new java.util.concurrent.atomic.AtomicLong();
        Load.Check verdict = (status, head, bytes, records) -> {
            String h = new String(head, StandardCharsets.UTF_8);
            if (h.contains("\"verdict\":\"FOUND\"")) {
                found.incrementAndGet();
                return status == 200;
            }
            return status == 200 && h.contains("\"verdict\":\"NOT_FOUND\"");
        };
        IntFunction<String> batch = i -> i % 2 == 0 ? batches.get((i / 2) % batches.size()) : "NONE-" + tag + "-" + i;
        Side echo = new Side("echo", null, null, (status, head, bytes, records) -> status == 200
                && new String(head, StandardCharsets.UTF_8).contains("\"ECHO\""), Integer.MAX_VALUE,
                i -> URI.create(base + "/bench/echo.json?batch=" + batch.apply(i)));
        Side pmm = new Side("pmm03", null, null, verdict, Integer.MAX_VALUE,
                i -> URI.create(base + "/api/v1/pack-check?batch=" + batch.apply(i)));
        found.set(0);
        Map<String, Object> s = paired(id, "GET /api/v1/pack-check (half found, half not) over " + versions
                + " versions (vs bare JSON echo)", echo, pmm);
        s.put("versions", versions);
        s.put("foundAnswersWithWarmup", found.get());
        scenarios.add(s);
        write();
        profiles.add(profileGets(id, pmm.gets(), verdict));
    }

    /** A JFR profile of the server during a round of GET requests (the pack check). */
    Map<String, Object> profileGets(String name, IntFunction<URI> urls, Load.Check check) throws Exception {
        return profiled(name, () -> Load.get(urls, threads, profile, 1_000_000, check));
    }

    /**
     * One side of a paired scenario: an endpoint and its bodies for a round of at most max requests (POST), or the
     * address of each request (GET, when {@code gets} is given).
     */
    record Side(String name, String path, IntFunction<IntFunction<byte[]>> bodies, Load.Check check, int max,
                IntFunction<URI> gets) {
        Side(String name, String path, IntFunction<IntFunction<byte[]>> bodies, Load.Check check, int max) {
            this(name, path, bodies, check, max, null);
        }

        Load.Result run(String base, int threads, Duration d, int max, IntFunction<byte[]> bodies)
                throws InterruptedException {
            return gets != null ? Load.get(gets, threads, d, max, check)
                    : Load.run(URI.create(base + path), threads, d, max, bodies, check);
        }
    }

    Map<String, Object> paired(String id, String label, Side echo, Side pmm) throws Exception {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("id", id);
        s.put("label", label);
        s.put("threads", threads);
        List<Object> list = new ArrayList<>();
        s.put("rounds", list);
        for (Side side : List.of(echo, pmm)) {
            Load.Result w = side.run(base, threads, warmup, Math.min(side.max(), 1_000_000),
                    side.bodies() == null ? null : side.bodies().apply(Math.min(side.max(), 1_000_000)));
            log(String.format("  warm-up %s: %.0f req/s, errors %d%s", side.name(), w.throughput(), w.errors(),
                    w.firstError() == null ? "" : " first: " + w.firstError()));
        }
        for (int r = 0; r < rounds; r++) {
            for (Side side : r % 2 == 0 ? List.of(echo, pmm) : List.of(pmm, echo)) {
                int max = Math.min(side.max(), 1_000_000);
                IntFunction<byte[]> bodies = side.bodies() == null ? null : side.bodies().apply(max);
                Map<String, Object> m = measured(side.name(), () -> side.run(base, threads, round, max, bodies));
                m.put("round", r);
                list.add(m);
                log(String.format("  round %d %-6s %7.1f req/s  p50 %6.2f  p95 %6.2f  p99 %6.2f ms  cpu %.2f ms/req"
                                + "  heap peak %s MB (live %s)  errors %s", r, side.name(), m.get("throughput"),
                        m.get("p50ms"), m.get("p95ms"), m.get("p99ms"), m.get("serverCpuMsPerRequest"), m.get("heapPeakMb"),
                        m.get("liveHeapMaxMb"),
                        m.get("errors")));
            }
        }
        return s;
    }

    /** A round with the server's CPU time, GC and peak heap (reset with a full GC just before) read around it. */
    Map<String, Object> measured(String side, Callable<Load.Result> round) throws Exception {
        post("/bench/reset");
        var p0 = probe();
        long c0 = cpu();
        Load.Result r = round.call();
        long c1 = cpu();
        var p1 = probe();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("side", side);
        m.putAll(r.toMap());
        double cpuMs = (p1.get("cpuNs").asLong() - p0.get("cpuNs").asLong()) / 1e6;
        m.put("serverCpuMs", cpuMs);
        m.put("serverCpuMsPerRequest", r.requests() == 0 ? null : cpuMs / r.requests());
        m.put("serverCpuCores", cpuMs / 1000 / r.seconds());
        long db0 = p0.path("dbCpuNs").asLong(-1);
        long db1 = p1.path("dbCpuNs").asLong(-1);
        if (db0 >= 0 && db1 >= db0 && r.requests() > 0) {
            // the embedded MariaDB's own CPU (a separate process, competing for the same cores)
            m.put("databaseCpuMsPerRequest", (db1 - db0) / 1e6 / r.requests());
        }
        m.put("clientCpuMsPerRequest", r.requests() == 0 ? null : (c1 - c0) / 1e6 / r.requests());
        m.put("heapPeakMb", Math.round(p1.get("heapPeakBytes").asLong() / 1048576.0 * 10) / 10.0);
        m.put("liveHeapMaxMb", Math.round(p1.get("heapMaxAfterGcBytes").asLong() / 1048576.0 * 10) / 10.0);
        m.put("gcCount", p1.get("gcCount").asLong() - p0.get("gcCount").asLong());
        m.put("gcMs", p1.get("gcMs").asLong() - p0.get("gcMs").asLong());
        m.put("loadAverage", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        return m;
    }

    // ---- profiling ------------------------------------------------------------------------------------------

    Map<String, Object> profileIngest(boolean signed) throws Exception {
        String name = signed ? "ingest-signed" : "ingest-unsigned";
        if (signed) {
            policy("default=off", "P.MM.03.MSG.001=require");
        }
        IntFunction<byte[]> bodies = signed ? presigned(new Envelopes.Signer(pki, "RU-RZN")).apply(signedPerRound)
                : this::includeUt;
        Map<String, Object> m = profiled(name, () -> Load.run(URI.create(base + "/ws/commission"), threads, profile,
                signed ? signedPerRound : 1_000_000, bodies, answer("INCLUDED")));
        if (signed) {
            policy("default=off");
        }
        return m;
    }

    /** A JFR profile of the server answering MSG.010 (the same query as the changes scenario: 20 versions). */
    Map<String, Object> profileChanges(String name) throws Exception {
        return profiled(name, () -> Load.run(URI.create(base + "/ws/commission"), threads, profile, 1_000_000,
                i -> env.withUsernameToken("GetChanges", env.changesDocument(since)),
                (status, head, bytes, records) -> status == 200 && records == recent));
    }

    Map<String, Object> profileExport() throws Exception {
        return profiled("export-large", () -> Load.run(URI.create(base + "/ws/commission"), 1, exportTimeout, 1,
                i -> env.withUsernameToken("GetRecords", env.recordsDocument()), (st, h, b, n) -> st == 200,
                exportTimeout));
    }

    /** One round with JFR (settings=profile) recording in the server, summarized by {@link Profile}. */
    Map<String, Object> profiled(String name, Callable<Load.Result> round) throws Exception {
        log("== JFR profile of " + name);
        Path jfr = out.getParent().resolve(out.getFileName().toString().replace(".json", "") + "-" + name + ".jfr");
        jcmd("JFR.start", "name=" + name, "settings=profile", "filename=" + jfr.toAbsolutePath());
        Load.Result r = round.call();
        jcmd("JFR.stop", "name=" + name);
        Map<String, Object> m = Profile.summarize(jfr);
        m.put("scenario", name);
        m.put("requests", r.requests());
        m.put("file", jfr.getFileName().toString());
        return m;
    }

    void jcmd(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("jcmd", Long.toString(pid)));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String o = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("jcmd failed: " + o);
        }
    }

    // ---- server controls ------------------------------------------------------------------------------------

    void seed(String kind, int n, String seedTag) throws Exception {
        if (n <= 0) {
            return;
        }
        log("== seeding " + n + " " + kind);
        var m = JSON.readTree(post("/bench/seed?kind=" + kind + "&n=" + n + "&tag=" + seedTag));
        seeding.add(JSON.convertValue(m, Map.class));
        log("  " + m);
    }

    /** Rewrites the server's signature-policy file (re-read on change) and waits until the server applies it. */
    void policy(String... entries) throws Exception {
        StringBuilder sb = new StringBuilder();
        for (String e : entries) {
            sb.append("pmm03.security.signature-policy.").append(e).append('\n');
        }
        Files.writeString(policy, sb.toString());
        Files.setLastModifiedTime(policy, FileTime.from(Instant.now().plusSeconds(1)));
        boolean require = sb.toString().contains("require");
        for (int i = 0; i < 100; i++) {
            Load.Result r = Load.run(URI.create(base + "/ws/echo"), 1, Duration.ofSeconds(10), 1, this::includeUt,
                    answer("<echo>ok</echo>"));
            if ((r.errors() == 0) != require) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the server did not apply the signature policy " + sb);
    }

    com.fasterxml.jackson.databind.JsonNode probe() throws Exception {
        return JSON.readTree(get("/bench/probe"));
    }

    com.fasterxml.jackson.databind.JsonNode versions() throws Exception {
        return JSON.readTree(get("/bench/versions"));
    }

    String get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString())
                .body();
    }

    String post(String path) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofMinutes(30)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(path + ": " + r.statusCode() + " " + r.body());
        }
        return r.body();
    }

    /** How many OutOfMemoryError the server has logged so far (its log is written by scripts/bench.sh). */
    long outOfMemoryErrors() throws IOException {
        if (serverLog == null || !Files.exists(serverLog)) {
            return -1;
        }
        try (var lines = Files.lines(serverLog, StandardCharsets.ISO_8859_1)) {
            return lines.filter(l -> l.contains("java.lang.OutOfMemoryError")).count();
        }
    }

    static long cpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    static void log(String s) {
        System.out.println(Instant.now().truncatedTo(ChronoUnit.SECONDS) + " " + s);
    }
}
