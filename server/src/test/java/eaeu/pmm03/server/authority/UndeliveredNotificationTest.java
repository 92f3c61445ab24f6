package eaeu.pmm03.server.authority;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import eaeu.pmm03.contract.process.ProcessTable;
import eaeu.pmm03.server.outbox.Outbox;
import eaeu.pmm03.server.outbox.OutboxMessage;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import static eaeu.pmm03.server.authority.MultiNodeFlowTest.include;
import static eaeu.pmm03.server.authority.Nodes.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * D-143 (issue #13 item 5c, issue #15 item 8): a MSG.013 notification (TRN.007, one-way) towards a peer that is
 * down is retried on the transaction's schedule (each attempt waits the whole answer wait time, D-60), then is
 * UNDELIVERED, not P.EXC.002; the operator API shows it and retries it. Times are scaled by 0.00002: TRN.007's 24 h
 * is 1.7 s per attempt.
 */
class UndeliveredNotificationTest {

    static final double SCALE = 0.00002;
    static Nodes nodes;

    @BeforeAll
    static void start() throws Exception {
        nodes = new Nodes(Nodes.testProperties(Double.toString(SCALE), "PT5S"));
        nodes.define("commission", null, "eec");
        nodes.define("kz", "KZ-MOH", "kz");
        nodes.define("kg", "KG-MOH", "kg"); // a configured peer that is never started: always down
        for (String n : List.of("commission", "kz")) {
            nodes.start(n);
        }
    }

    @AfterAll
    static void stop() {
        if (nodes != null) {
            nodes.close();
        }
    }

    static <T> T bean(Class<T> type) {
        return nodes.context("kz").getBean(type);
    }

    static JsonNode operator(String method, String path) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + nodes.spec("kz").port()
                        + "/authority/api" + path))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString("kz:kz-dev-password".getBytes(StandardCharsets.UTF_8)));
        b = method.equals("POST") ? b.POST(HttpRequest.BodyPublishers.noBody()) : b.GET();
        HttpResponse<String> r = HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return new ObjectMapper().readTree(r.body());
    }

    static OutboxMessage notificationToKg(String includeEdocId) {
        return bean(Outbox.class).recent(500).stream()
                .filter(m -> m.messageCode().equals("P.MM.03.MSG.013") && includeEdocId.equals(m.edocRefId())
                        && m.target().equals("KG-MOH"))
                .findFirst().orElse(null);
    }

    @Test
    void aNotificationNobodyAcknowledgesIsUndeliveredAfterTheRetries_visibleAndRetryableByTheOperator() throws Exception {
        double exc002Before = bean(MeterRegistry.class).counter("pmm03.outbox.abnormal", "situation", "P.EXC.002").count();
        String name = "Недоставлено-" + UUID.randomUUID().toString().substring(0, 6);
        AuthorityService.Accepted a = bean(AuthorityService.class)
                .submit(include("KZ", name, Instant.now().minus(1, ChronoUnit.DAYS)));
        await("MSG.013 to KG undelivered", Duration.ofSeconds(60), () -> {
            OutboxMessage m = notificationToKg(a.edocId());
            return m != null && m.status() == OutboxMessage.Status.UNDELIVERED;
        });
        OutboxMessage m = notificationToKg(a.edocId());
        ProcessTable.Parameters p = ProcessTable.get().transaction("TRN.007").parameters();
        assertThat(m.attempts()).as("the first attempt and the transaction's retries").isEqualTo(p.retryCount() + 1);
        // each retry waited the whole (scaled) answer wait time of TRN.007, not a share of it
        Duration perAttempt = Duration.ofMillis((long) (p.responseWaitTime().toMillis() * SCALE));
        assertThat(Duration.between(m.createdAt(), m.lastAttemptAt()))
                .isGreaterThanOrEqualTo(perAttempt.multipliedBy(p.retryCount()));
        assertThat(bean(MeterRegistry.class).counter("pmm03.outbox.undelivered").count()).isGreaterThanOrEqualTo(1);
        assertThat(bean(MeterRegistry.class).counter("pmm03.outbox.abnormal", "situation", "P.EXC.002").count())
                .as("a notification has no answer: not P.EXC.002").isEqualTo(exc002Before);

        JsonNode seen = operator("GET", "/outbox/" + m.id());
        assertThat(seen.path("status").asText()).isEqualTo("UNDELIVERED");
        assertThat(seen.path("abnormalSituation").isNull()).isTrue();
        assertThat(seen.path("retryableByOperator").asBoolean()).isTrue();
        assertThat(seen.path("attempts").asInt()).isEqualTo(p.retryCount() + 1);
        assertThat(seen.path("lastError").asText()).isNotBlank();

        JsonNode retried = operator("POST", "/outbox/" + m.id() + "/retry");
        assertThat(retried.path("status").asText()).isIn("PENDING", "UNDELIVERED");
        await("undelivered again after the operator's retry", Duration.ofSeconds(60),
                () -> bean(Outbox.class).find(m.id()).orElseThrow().status() == OutboxMessage.Status.UNDELIVERED);
    }
}
