package eaeu.pmm03.bench.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.xml.ws.Dispatch;

import javax.xml.transform.Source;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The MSG.016 scenario of issue #8, in its own JVM against an authority-role bench server started with
 * {@code -Xmx128m} (scripts/bench.sh): a signed MSG.016 whose 25 MB PDF is an MTOM part, sent by RU-RZN's CXF
 * client to KZ-MOH's node (which requires the signature: Body, Timestamp and the PDF part) and, alternating round
 * by round, the same signed MTOM message to the bare echo (which verifies the same signature, attachment digest
 * included, and does nothing else). Sequential requests (one at a time: each is 25 MB). Per round: the server's CPU,
 * its live heap after GC and the heap pools' peak, latency, MB/s. The scenario is written into the database's
 * results JSON (id {@code mtom-pdf-signed}), replacing the placeholder the main driver left there.
 */
public final class MtomDriver {

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            a.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        String base = a.get("url");
        Path results = Path.of(a.get("out"));
        int rounds = Integer.parseInt(a.getOrDefault("rounds", "3"));
        int perRound = Integer.parseInt(a.getOrDefault("per-round", "3"));
        long mb = Long.parseLong(a.getOrDefault("size-mb", "25"));
        Path serverLog = a.containsKey("server-log") ? Path.of(a.get("server-log")) : null;

        boolean signed = Boolean.parseBoolean(a.getOrDefault("signed", "true"));
        String id = a.getOrDefault("id", "mtom-pdf-signed");
        MtomScenario sc = new MtomScenario(Path.of(a.get("pki")), results.getParent(), mb << 20, signed);
        String conversation = UUID.randomUUID().toString();
        post(base + "/bench/conversation?id=" + conversation + "&peer=RU-RZN");
        Dispatch<Source> node = sc.dispatch(base + "/ws/authority");
        Dispatch<Source> echo = sc.dispatch(base + "/ws/echo-authority");

        ObjectNode s = Driver.JSON.createObjectNode();
        s.put("id", id);
        s.put("signed", signed);
        s.put("label", "MSG.016 with a " + mb + " MB PDF over MTOM, " + (signed ? "signed (policy require)"
                : "UsernameToken only") + ", authority node -Xmx" + a.getOrDefault("xmx", "128m"));
        s.put("pdfBytes", sc.pdfBytes());
        s.put("perRound", perRound);
        s.put("serverXmx", a.getOrDefault("xmx", "128m"));
        ArrayNode list = s.putArray("rounds");
        long oom0 = oom(serverLog);
        // warm-up, not recorded (a failure here is recorded as the round's error below, not thrown)
        try {
            log(String.format("  warm-up: node %s, echo %s", brief(sc.send(node, conversation)),
                    brief(sc.send(echo, conversation))));
        } catch (RuntimeException e) {
            log("  warm-up failed: " + e);
        }
        for (int r = 0; r < rounds; r++) {
            for (String side : r % 2 == 0 ? List.of("echo", "pmm03") : List.of("pmm03", "echo")) {
                Dispatch<Source> d = side.equals("echo") ? echo : node;
                String expected = side.equals("echo") ? "<echo>ok</echo>" : "RECEIVED";
                post(base + "/bench/reset");
                JsonNode p0 = probe(base);
                long[] lat = new long[perRound];
                int errors = 0;
                String firstError = null;
                long t0 = System.nanoTime();
                for (int i = 0; i < perRound; i++) {
                    long t = System.nanoTime();
                    try {
                        String answer = sc.send(d, conversation);
                        if (!answer.contains(expected)) {
                            errors++;
                            firstError = firstError == null ? brief(answer) : firstError;
                        }
                    } catch (RuntimeException e) {
                        errors++;
                        firstError = firstError == null ? e.toString() : firstError;
                    }
                    lat[i] = System.nanoTime() - t;
                }
                double seconds = (System.nanoTime() - t0) / 1e9;
                JsonNode p1 = probe(base);
                Arrays.sort(lat);
                ObjectNode m = list.addObject();
                m.put("side", side);
                m.put("round", r);
                m.put("requests", perRound);
                m.put("errors", errors);
                if (firstError != null) {
                    m.put("firstError", firstError);
                }
                m.put("seconds", seconds);
                m.put("throughput", perRound / seconds);
                m.put("mbPerSecond", perRound * (sc.pdfBytes() / 1048576.0) / seconds);
                m.put("p50ms", lat[lat.length / 2] / 1e6);
                m.put("maxMs", lat[lat.length - 1] / 1e6);
                double cpuMs = (p1.get("cpuNs").asLong() - p0.get("cpuNs").asLong()) / 1e6;
                m.put("serverCpuMsPerRequest", cpuMs / perRound);
                m.put("heapPeakMb", Math.round(p1.get("heapPeakBytes").asLong() / 1048576.0 * 10) / 10.0);
                m.put("liveHeapMaxMb", Math.round(p1.get("heapMaxAfterGcBytes").asLong() / 1048576.0 * 10) / 10.0);
                m.put("heapMaxMb", p1.get("heapMaxBytes").asLong() >> 20);
                m.put("gcCount", p1.get("gcCount").asLong() - p0.get("gcCount").asLong());
                m.put("loadAverage", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
                log(String.format("  round %d %-6s %5.1f MB/s  p50 %7.0f ms  cpu %6.0f ms/req  heap peak %s MB (live %s)"
                                + "  errors %d%s", r, side, m.get("mbPerSecond").asDouble(), m.get("p50ms").asDouble(),
                        cpuMs / perRound, m.get("heapPeakMb"), m.get("liveHeapMaxMb"), errors,
                        firstError == null ? "" : " first: " + firstError));
            }
        }
        s.put("serverOutOfMemoryErrors", oom(serverLog) - oom0);
        s.set("stored", Driver.JSON.readTree(get(base + "/bench/attachments")));

        ObjectNode all = Files.exists(results) ? (ObjectNode) Driver.JSON.readTree(results.toFile())
                : Driver.JSON.createObjectNode();
        ArrayNode scenarios = all.has("scenarios") ? (ArrayNode) all.get("scenarios") : all.putArray("scenarios");
        for (int i = scenarios.size() - 1; i >= 0; i--) {
            if (id.equals(scenarios.get(i).path("id").asText())) {
                scenarios.remove(i);
            }
        }
        scenarios.add(s);
        Driver.JSON.writeValue(results.toFile(), all);
        log("MSG.016 scenario " + id + " written to " + results);
    }

    static String brief(String s) {
        String t = s.replaceAll("\\s+", " ");
        return t.length() <= 160 ? t : t.substring(0, 160) + "…";
    }

    static void log(String s) {
        System.out.println(s);
    }

    static long oom(Path log) throws java.io.IOException {
        if (log == null || !Files.exists(log)) {
            return 0;
        }
        try (var lines = Files.lines(log, StandardCharsets.ISO_8859_1)) {
            return lines.filter(l -> l.contains("java.lang.OutOfMemoryError")).count();
        }
    }

    static JsonNode probe(String base) throws Exception {
        return Driver.JSON.readTree(get(base + "/bench/probe"));
    }

    static String get(String url) throws Exception {
        return Driver.HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    static String post(String url) throws Exception {
        HttpResponse<String> r = Driver.HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(url + ": " + r.statusCode() + " " + r.body());
        }
        return r.body();
    }

    private MtomDriver() {}

}
