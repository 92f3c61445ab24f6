package eaeu.pmm03.bench.client;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * A closed-loop load over HTTP/1.1 keep-alive connections from this (separate) JVM: {@code threads} workers each
 * send a request, read the whole answer, and send the next, until the round's time or request budget is spent.
 * Bodies come from a supplier indexed by request number (built before the round when expensive, e.g. signed).
 */
public final class Load {

    /** What counts as a good answer; counts records in streamed answers. */
    public interface Check {
        boolean ok(int status, byte[] head, long bytes, long records);
    }

    public record Result(int requests, int errors, double seconds, long bytes, long records, long[] latencyNs,
                         String firstError) {
        public double throughput() {
            return requests / seconds;
        }

        public double pct(double p) {
            if (latencyNs.length == 0) {
                return Double.NaN;
            }
            int i = (int) Math.ceil(p / 100.0 * latencyNs.length) - 1;
            return latencyNs[Math.max(0, Math.min(latencyNs.length - 1, i))] / 1e6;
        }

        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("requests", requests);
            m.put("errors", errors);
            m.put("seconds", seconds);
            m.put("throughput", throughput());
            m.put("p50ms", pct(50));
            m.put("p95ms", pct(95));
            m.put("p99ms", pct(99));
            m.put("maxms", pct(100));
            m.put("bytes", bytes);
            m.put("records", records);
            if (firstError != null) {
                m.put("firstError", firstError);
            }
            return m;
        }
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private static final byte[] MARK = "DrugMonitoringItemDetails".getBytes(StandardCharsets.US_ASCII);

    private Load() {}

    public static Result run(URI url, int threads, Duration duration, int maxRequests, IntFunction<byte[]> body,
                             Check check) throws InterruptedException {
        return run(url, threads, duration, maxRequests, body, check, Duration.ofMinutes(2));
    }

    /** @param timeout how long a request may wait for its answer to begin (then it counts as an error) */
    public static Result run(URI url, int threads, Duration duration, int maxRequests, IntFunction<byte[]> body,
                             Check check, Duration timeout) throws InterruptedException {
        return requests(threads, duration, maxRequests, i -> HttpRequest.newBuilder(url).timeout(timeout)
                .header("Content-Type", "text/xml; charset=UTF-8").header("SOAPAction", "\"\"")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.apply(i))).build(), check);
    }

    /** GET requests (the portal's JSON API), the address of each from its number. */
    public static Result get(IntFunction<URI> urls, int threads, Duration duration, int maxRequests, Check check)
            throws InterruptedException {
        return requests(threads, duration, maxRequests, i -> HttpRequest.newBuilder(urls.apply(i))
                .timeout(Duration.ofMinutes(2)).header("Accept", "application/json").GET().build(), check);
    }

    static Result requests(int threads, Duration duration, int maxRequests, IntFunction<HttpRequest> requests,
                           Check check) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        AtomicLong bytes = new AtomicLong();
        AtomicLong records = new AtomicLong();
        List<long[]> lat = new ArrayList<>();
        int[] counts = new int[threads];
        String[] firstError = new String[1];
        long deadline = System.nanoTime() + duration.toNanos();
        List<Thread> workers = new ArrayList<>();
        long start = System.nanoTime();
        for (int w = 0; w < threads; w++) {
            long[] mine = new long[Math.max(16, maxRequests / threads + 16)];
            lat.add(mine);
            int id = w;
            Thread t = new Thread(() -> {
                int n = 0;
                while (System.nanoTime() < deadline) {
                    int i = next.getAndIncrement();
                    if (i >= maxRequests) {
                        break;
                    }
                    HttpRequest req = requests.apply(i);
                    long s = System.nanoTime();
                    boolean ok;
                    String err = null;
                    try {
                        HttpResponse<InputStream> r = HTTP.send(req, HttpResponse.BodyHandlers.ofInputStream());
                        long[] counted = new long[2];
                        byte[] head = drain(r.body(), counted);
                        bytes.addAndGet(counted[0]);
                        records.addAndGet(counted[1] / 2);
                        ok = check.ok(r.statusCode(), head, counted[0], counted[1] / 2);
                        if (!ok) {
                            err = r.statusCode() + " " + new String(head, StandardCharsets.UTF_8);
                        }
                    } catch (IOException e) {
                        ok = false;
                        err = e.toString();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    long e = System.nanoTime() - s;
                    if (!ok) {
                        errors.incrementAndGet();
                        synchronized (firstError) {
                            if (firstError[0] == null) {
                                firstError[0] = err.length() > 600 ? err.substring(0, 600) : err;
                            }
                        }
                    }
                    if (n < mine.length) {
                        mine[n++] = e;
                    }
                }
                counts[id] = n;
            }, "load-" + w);
            t.start();
            workers.add(t);
        }
        for (Thread t : workers) {
            t.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        int total = Arrays.stream(counts).sum();
        long[] all = new long[total];
        int k = 0;
        for (int w = 0; w < threads; w++) {
            System.arraycopy(lat.get(w), 0, all, k, counts[w]);
            k += counts[w];
        }
        Arrays.sort(all);
        return new Result(total, errors.get(), seconds, bytes.get(), records.get(), all, firstError[0]);
    }

    /**
     * Reads an answer to its end: returns its first 2 KB (across reads: a chunked answer arrives in pieces); counted[0] = bytes, counted[1] = occurrences of
     * "DrugMonitoringItemDetails" (a start and an end tag per record).
     */
    static byte[] drain(InputStream in, long[] counted) throws IOException {
        byte[] buf = new byte[65_536];
        byte[] head = new byte[2048];
        int headLength = 0;
        int matched = 0;
        try (in) {
            int r;
            while ((r = in.read(buf)) > 0) {
                if (headLength < head.length) {
                    int k = Math.min(r, head.length - headLength);
                    System.arraycopy(buf, 0, head, headLength, k);
                    headLength += k;
                }
                counted[0] += r;
                for (int i = 0; i < r; i++) {
                    byte c = buf[i];
                    if (c == MARK[matched]) {
                        if (++matched == MARK.length) {
                            counted[1]++;
                            matched = 0;
                        }
                    } else {
                        matched = c == MARK[0] ? 1 : 0;
                    }
                }
            }
        }
        return Arrays.copyOf(head, headLength);
    }
}
