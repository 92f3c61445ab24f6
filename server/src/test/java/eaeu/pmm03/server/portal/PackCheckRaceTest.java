package eaeu.pmm03.server.portal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import eaeu.pmm03.contract.samples.Samples;
import eaeu.pmm03.server.registry.RecordVersion;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * D-240, D-241: while a batch's record is included and excluded again and again, concurrent pack-check clients that
 * send If-None-Match with the ETag of their previous answer never get a 304 (nor a 200) whose verdict is not the
 * database's at the time of the request: the ETag changes when the answer changes, and the probe that answers
 * NOT_FOUND without the full query agrees with it.
 */
class PackCheckRaceTest extends PortalTestBase {

    /** What the pack check must answer while no write is under way; verdict null while one is. */
    record State(String verdict, String recordId) {}

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void concurrentConditionalPackChecksNeverGetAStaleVerdict() throws Exception {
        String batch = "RACE-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        URI uri = URI.create(base() + "/api/v1/pack-check?batch=" + enc(batch));
        String sample = demo.items(Samples.byFile("dmd-msg008-maximal.xml").text()).get(0);
        AtomicReference<State> state = new AtomicReference<>(new State("NOT_FOUND", null));
        AtomicBoolean done = new AtomicBoolean();
        ConcurrentLinkedQueue<String> stale = new ConcurrentLinkedQueue<>();
        AtomicInteger checked = new AtomicInteger();
        AtomicInteger notModified = new AtomicInteger();
        AtomicInteger found = new AtomicInteger();

        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> readers = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            readers.add(pool.submit(() -> {
                Map<String, String> bodies = new HashMap<>();   // what each ETag this client holds stands for
                String etag = null;
                while (!done.get()) {
                    State before = state.get();
                    HttpRequest.Builder req = HttpRequest.newBuilder(uri);
                    if (etag != null) {
                        req.header("If-None-Match", etag);
                    }
                    HttpResponse<String> r = http.send(req.build(), HttpResponse.BodyHandlers.ofString());
                    State after = state.get();
                    String body;
                    if (r.statusCode() == 304) {
                        body = bodies.get(etag);
                        if (before == after && before.verdict() != null) {
                            notModified.incrementAndGet();
                        }
                    } else {
                        assertThat(r.statusCode()).isEqualTo(200);
                        etag = r.headers().firstValue("ETag").orElseThrow();
                        bodies.put(etag, r.body());
                        body = r.body();
                    }
                    if (before != after || before.verdict() == null) {
                        continue;   // a write committed during the request: either answer is right
                    }
                    checked.incrementAndGet();
                    JsonNode answer = json.readTree(body);
                    String verdict = answer.get("verdict").asText();
                    String recordId = verdict.equals("FOUND") ? answer.get("matches").get(0).get("recordId").asText() : null;
                    if (verdict.equals("FOUND")) {
                        found.incrementAndGet();
                    }
                    if (!verdict.equals(before.verdict()) || !java.util.Objects.equals(recordId, before.recordId())
                            || verdict.equals("FOUND") && answer.get("matches").size() != 1) {
                        stale.add(r.statusCode() + " " + verdict + " " + recordId + " while " + before);
                    }
                }
                return null;
            }));
        }
        try {
            for (int k = 0; k < 6; k++) {
                String item = demo.variant(sample, new DemoData.Variant("Racemol " + k, "Racemolum", List.of(batch), "AM",
                        "03", "AM-" + batch + "-" + k, "2026-11-01T10:00:00+04:00", "", "Race Pharma"));
                state.set(new State(null, null));
                RecordVersion v = demo.includeItem(item);
                state.set(new State("FOUND", v.recordId()));
                Thread.sleep(150);
                state.set(new State(null, null));
                demo.excludeItem(item, Instant.now());
                state.set(new State("NOT_FOUND", null));
                Thread.sleep(150);
            }
        } finally {
            done.set(true);
            for (Future<?> f : readers) {
                f.get(30, TimeUnit.SECONDS);
            }
            pool.shutdown();
        }
        assertThat(stale).isEmpty();
        assertThat(checked.get()).isGreaterThan(20);
        assertThat(found.get()).isPositive();
        assertThat(notModified.get()).as("answers 304 while the data stood still").isPositive();
    }
}
