package eaeu.pmm03.server.authority;

import eaeu.pmm03.server.outbox.Outbox;
import eaeu.pmm03.server.outbox.OutboxMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static eaeu.pmm03.server.authority.Nodes.await;
import static eaeu.pmm03.server.authority.MultiNodeFlowTest.include;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whole processes going away, not only their HTTP servers: a peer node that is shut down (its application context
 * closed: workers, HTTP, embedded MariaDB) and started again from its data directory, and an initiating node
 * that is shut down with undelivered messages in its outbox. Every acknowledged message arrives exactly once.
 * Times are scaled by 0.00025: TRN.001's answer wait of 4 h is 3.6 s, TRN.007's 24 h is 21.6 s, each attempt
 * waiting the whole time before the next (D-60).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NodeRestartTest {

    static Nodes nodes;

    @BeforeAll
    static void start() throws Exception {
        nodes = new Nodes(Nodes.testProperties("0.00025", "PT5S"));
        nodes.define("commission", null, "eec");
        nodes.define("kz", "KZ-MOH", "kz");
        nodes.define("ru", "RU-RZN", "ru");
        for (String n : List.of("commission", "kz", "ru")) {
            nodes.start(n);
        }
    }

    @AfterAll
    static void stop() {
        if (nodes != null) {
            nodes.close();
        }
    }

    static <T> T bean(String node, Class<T> type) {
        return nodes.context(node).getBean(type);
    }

    static int notices(String node, String country, String tradeName) {
        Integer n = bean(node, JdbcTemplate.class).queryForObject(
                "SELECT COUNT(*) FROM inclusion_notice WHERE country = ? AND trade_name = ?", Integer.class, country, tradeName);
        return n == null ? 0 : n;
    }

    static List<OutboxMessage> notificationsOf(String node, String includeEdocId) {
        return bean(node, Outbox.class).recent(500).stream()
                .filter(m -> m.messageCode().equals("P.MM.03.MSG.013") && includeEdocId.equals(m.edocRefId())).toList();
    }

    static OutboxMessage.Status status(String node, String edocId, String target) {
        return bean(node, Outbox.class).byEdocId(edocId).stream().filter(m -> m.target().equals(target))
                .findFirst().map(OutboxMessage::status).orElse(null);
    }

    @Test
    @Order(1)
    void aPeerShutDownReceivesItsNotificationOnceAfterItsRestart() throws Exception {
        nodes.stop("ru"); // the whole node: HTTP, workers, embedded database
        String name = "Перезапуск-" + UUID.randomUUID().toString().substring(0, 6);
        AuthorityService.Accepted a = bean("kz", AuthorityService.class)
                .submit(include("KZ", name, Instant.now().minus(1, ChronoUnit.DAYS)));
        await("INCLUDED", Duration.ofSeconds(20), () -> status("kz", a.edocId(), "EEC") == OutboxMessage.Status.ANSWERED);
        await("a failed attempt towards RU", Duration.ofSeconds(20), () -> notificationsOf("kz", a.edocId())
                .stream().anyMatch(m -> m.target().equals("RU-RZN") && m.attempts() >= 1
                        && m.status() == OutboxMessage.Status.PENDING));

        nodes.start("ru"); // same port, same data directory
        await("MSG.013 at RU after its restart", Duration.ofSeconds(60), () -> notices("ru", "KZ", name) == 1);
        OutboxMessage toRu = notificationsOf("kz", a.edocId()).stream()
                .filter(m -> m.target().equals("RU-RZN")).findFirst().orElseThrow();
        await("delivered", Duration.ofSeconds(10), () -> status("kz", toRu.edocId(), "RU-RZN") == OutboxMessage.Status.DELIVERED);
        Thread.sleep(1000);
        assertThat(notices("ru", "KZ", name)).isEqualTo(1);
    }

    @Test
    @Order(2)
    void anInitiatorShutDownWithUndeliveredMessagesDeliversThemOnceAfterItsRestart() throws Exception {
        nodes.stop("commission");
        String name = "Перезапуск-" + UUID.randomUUID().toString().substring(0, 6);
        AuthorityService.Accepted a = bean("kz", AuthorityService.class)
                .submit(include("KZ", name, Instant.now().minus(2, ChronoUnit.HOURS)));
        await("a failed attempt", Duration.ofSeconds(10), () -> bean("kz", Outbox.class).byEdocId(a.edocId()).get(0).attempts() >= 1);
        nodes.stop("kz"); // acknowledged to the operator (Accepted), not yet delivered: only in KZ's database

        nodes.start("commission");
        nodes.start("kz");
        await("INCLUDED after both restarts", Duration.ofSeconds(40),
                () -> status("kz", a.edocId(), "EEC") == OutboxMessage.Status.ANSWERED);
        assertThat(bean("kz", Outbox.class).byEdocId(a.edocId()).get(0).answerResultCode()).isEqualTo("INCLUDED");
        Integer versions = bean("commission", JdbcTemplate.class).queryForObject(
                "SELECT COUNT(*) FROM record_version WHERE created_by_edoc_id = ?", Integer.class, a.edocId());
        assertThat(versions).isEqualTo(1);
        await("MSG.013 at RU", Duration.ofSeconds(60), () -> notices("ru", "KZ", name) == 1);
    }
}
