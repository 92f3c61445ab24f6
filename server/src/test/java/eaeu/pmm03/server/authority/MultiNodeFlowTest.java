package eaeu.pmm03.server.authority;

import eaeu.pmm03.contract.counterfeitdrug.CounterfeitDrugCorrespondenceDetails;
import eaeu.pmm03.contract.drugmonitoring.DrugMonitoringDetails;
import eaeu.pmm03.contract.samples.Samples;
import eaeu.pmm03.contract.xml.ContractJaxb;
import eaeu.pmm03.server.TestDocuments;
import eaeu.pmm03.server.commission.Times;
import eaeu.pmm03.server.mirror.MirrorSync;
import eaeu.pmm03.server.outbox.Outbox;
import eaeu.pmm03.server.outbox.OutboxMessage;
import eaeu.pmm03.server.outbox.OutboxWorker;
import eaeu.pmm03.server.registry.UnifiedDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole P.MM.03 flow between a Commission and three authorities (KZ, RU, BY), each a real node with its own
 * embedded MariaDB, over SOAP/HTTP on loopback: TRN.001–009, a peer that is down, a Commission outage, duplicates,
 * abnormal situations. Transaction times are scaled by 0.0005 (pmm03.outbox.time-scale): the answer wait of 4 h
 * becomes 7 s, TRN.007's 24 h becomes 43 s, and each attempt waits the whole time before the next (D-60).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MultiNodeFlowTest {

    static Nodes nodes;

    @BeforeAll
    static void start() throws Exception {
        nodes = new Nodes(Nodes.testProperties("0.0005", "PT5S"));
        nodes.define("commission", null, "eec");
        nodes.define("kz", "KZ-MOH", "kz");
        nodes.define("ru", "RU-RZN", "ru");
        nodes.define("by", "BY-MOH", "by");
        nodes.define("kg", "KG-MOH", "kg"); // configured as a peer but never started: always down
        for (String n : List.of("commission", "kz", "ru", "by")) {
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

    static void await(String what, Duration max, BooleanSupplier ok) throws InterruptedException {
        Nodes.await(what, max, ok);
    }

    static byte[] include(String country, String name, Instant start) {
        DrugMonitoringDetails d = TestDocuments.record("MSG.001", country, name, "ПР-" + name, start, null);
        return ContractJaxb.toXml(d, false).getBytes(StandardCharsets.UTF_8);
    }

    static OutboxMessage.Status status(String node, String edocId, String target) {
        return bean(node, Outbox.class).byEdocId(edocId).stream().filter(m -> m.target().equals(target))
                .findFirst().map(OutboxMessage::status).orElse(null);
    }

    static List<OutboxMessage> notificationsOf(String node, String includeEdocId) {
        return bean(node, Outbox.class).recent(500).stream()
                .filter(m -> m.messageCode().equals("P.MM.03.MSG.013") && includeEdocId.equals(m.edocRefId())).toList();
    }

    static int notices(String node, String country, String tradeName) {
        Integer n = bean(node, JdbcTemplate.class).queryForObject(
                "SELECT COUNT(*) FROM inclusion_notice WHERE country = ? AND trade_name = ?", Integer.class, country, tradeName);
        return n == null ? 0 : n;
    }

    @Test
    @Order(1)
    void trn001AndTrn007_anInclusionReachesTheCommissionAndEveryOtherAuthority() throws Exception {
        String name = "Фальсификат-" + UUID.randomUUID().toString().substring(0, 6);
        AuthorityService kz = bean("kz", AuthorityService.class);
        AuthorityService.Accepted a = kz.submit(include("KZ", name, Instant.now().minus(1, ChronoUnit.DAYS)));
        await("MSG.004 INCLUDED", Duration.ofSeconds(20), () -> status("kz", a.edocId(), "EEC") == OutboxMessage.Status.ANSWERED);
        assertThat(bean("kz", Outbox.class).byEdocId(a.edocId()).get(0).answerResultCode()).isEqualTo("INCLUDED");
        var line = bean("commission", eaeu.pmm03.server.journal.MessageJournal.class).about(a.edocId()).stream()
                .filter(l -> l.direction() == eaeu.pmm03.server.journal.JournalEntry.Direction.IN).findFirst().orElseThrow();
        assertThat(line.action()).isEqualTo("int://CP/P.MM.03/1.0.0/P.MM.03.PRC.001/P.MM.03.TRN.001/P.MM.03.MSG.001");
        assertThat(line.messageId()).isEqualTo("urn:uuid:" + a.edocId());
        assertThat(line.conversationId()).isEqualTo(a.conversationId());
        assertThat(line.procedureId()).isEqualTo(a.procedureId());
        await("MSG.013 at RU and BY", Duration.ofSeconds(20), () -> notices("ru", "KZ", name) == 1 && notices("by", "KZ", name) == 1);
        List<OutboxMessage> notes = notificationsOf("kz", a.edocId());
        assertThat(notes).extracting(OutboxMessage::target).contains("RU-RZN", "BY-MOH", "KG-MOH");
        for (String peer : List.of("RU-RZN", "BY-MOH")) {
            String id = notes.get(0).edocId();
            await("MSG.013 to " + peer + " delivered", Duration.ofSeconds(10),
                    () -> status("kz", id, peer) == OutboxMessage.Status.DELIVERED);
        }
    }

    @Test
    @Order(2)
    void aPeerThatIsUnreachableGetsItsNotificationOnceItIsBack() throws Exception {
        nodes.disconnect("by");
        String name = "Фальсификат-" + UUID.randomUUID().toString().substring(0, 6);
        AuthorityService.Accepted a = bean("kz", AuthorityService.class)
                .submit(include("KZ", name, Instant.now().minus(1, ChronoUnit.DAYS)));
        await("MSG.013 at RU", Duration.ofSeconds(20), () -> notices("ru", "KZ", name) == 1);
        await("a failed attempt towards BY", Duration.ofSeconds(20), () -> notificationsOf("kz", a.edocId()).stream()
                .anyMatch(m -> m.target().equals("BY-MOH") && m.attempts() >= 1 && m.status() == OutboxMessage.Status.PENDING));
        nodes.reconnect("by");
        await("MSG.013 at BY after its restart", Duration.ofSeconds(90), () -> notices("by", "KZ", name) == 1);
        OutboxMessage toBy = notificationsOf("kz", a.edocId()).stream().filter(m -> m.target().equals("BY-MOH"))
                .findFirst().orElseThrow();
        await("delivered", Duration.ofSeconds(10), () -> status("kz", toBy.edocId(), "BY-MOH") == OutboxMessage.Status.DELIVERED);
        Thread.sleep(1000); // nothing further arrives: exactly once
        assertThat(notices("by", "KZ", name)).isEqualTo(1);
    }

    @Test
    @Order(3)
    void aCommissionOutageDuringSubmissionLosesNothing() throws Exception {
        nodes.disconnect("commission");
        String name = "Фальсификат-" + UUID.randomUUID().toString().substring(0, 6);
        AuthorityService.Accepted a = bean("ru", AuthorityService.class)
                .submit(include("RU", name, Instant.now().minus(2, ChronoUnit.HOURS)));
        await("a failed attempt", Duration.ofSeconds(10), () -> bean("ru", Outbox.class).byEdocId(a.edocId()).get(0).attempts() >= 1);
        assertThat(status("ru", a.edocId(), "EEC")).isEqualTo(OutboxMessage.Status.PENDING);
        nodes.reconnect("commission");
        await("INCLUDED after the outage", Duration.ofSeconds(40), () -> status("ru", a.edocId(), "EEC") == OutboxMessage.Status.ANSWERED);
        assertThat(bean("ru", Outbox.class).byEdocId(a.edocId()).get(0).answerResultCode()).isEqualTo("INCLUDED");
        await("MSG.013 at KZ", Duration.ofSeconds(20), () -> notices("kz", "RU", name) == 1);
    }

    @Test
    @Order(4)
    void duplicatesAreAbsorbed() throws Exception {
        String name = "Фальсификат-" + UUID.randomUUID().toString().substring(0, 6);
        byte[] doc = include("KZ", name, Instant.now().minus(3, ChronoUnit.HOURS));
        AuthorityService kz = bean("kz", AuthorityService.class);
        AuthorityService.Accepted first = kz.submit(doc);
        AuthorityService.Accepted again = kz.submit(doc);
        assertThat(again.edocId()).isEqualTo(first.edocId());
        assertThat(bean("kz", Outbox.class).byEdocId(first.edocId())).hasSize(1);
        await("INCLUDED", Duration.ofSeconds(20), () -> status("kz", first.edocId(), "EEC") == OutboxMessage.Status.ANSWERED);
        await("MSG.013 at RU", Duration.ofSeconds(20), () -> notices("ru", "KZ", name) == 1);
        // the same MSG.013 delivered again (a retry after a lost acknowledgement) is acknowledged and stored once
        OutboxMessage toRu = notificationsOf("kz", first.edocId()).stream().filter(m -> m.target().equals("RU-RZN"))
                .findFirst().orElseThrow();
        bean("kz", eaeu.pmm03.server.outbox.Delivery.class).send(toRu, bean("kz", Partners.class).endpointOf("RU-RZN"));
        assertThat(notices("ru", "KZ", name)).isEqualTo(1);
    }

    @Test
    @Order(5)
    void trn008AndTrn009_additionalInformationBothWays() throws Exception {
        CounterfeitDrugCorrespondenceDetails req = ContractJaxb.fromDom(
                TestDocuments.parse(Samples.byFile("cdr-msg014-request.xml").bytes()), CounterfeitDrugCorrespondenceDetails.class);
        req.getEDocHeader().setEDocId(UUID.randomUUID().toString());
        req.getEDocHeader().setEDocDateTime(Times.now());
        AuthorityService.Accepted r = bean("kz", AuthorityService.class)
                .requestInfo("RU-RZN", ContractJaxb.toXml(req, false).getBytes(StandardCharsets.UTF_8));
        String id = r.edocId();
        await("RU accepted the request", Duration.ofSeconds(20), () -> state("ru", id) == Conversations.State.ACCEPTED);
        await("KZ sees it accepted", Duration.ofSeconds(20), () -> state("kz", id) == Conversations.State.ACCEPTED);

        CounterfeitDrugCorrespondenceDetails ans = ContractJaxb.fromDom(
                TestDocuments.parse(Samples.byFile("cdr-msg016-note.xml").bytes()), CounterfeitDrugCorrespondenceDetails.class);
        ans.getEDocHeader().setEDocId(UUID.randomUUID().toString());
        ans.getEDocHeader().setEDocRefId(id);
        ans.getEDocHeader().setEDocDateTime(Times.now());
        bean("ru", AuthorityService.class).answerInfo(ContractJaxb.toXml(ans, false).getBytes(StandardCharsets.UTF_8));
        await("KZ received the answer", Duration.ofSeconds(20), () -> state("kz", id) == Conversations.State.ACKNOWLEDGED);
        await("RU got the acknowledgement", Duration.ofSeconds(20), () -> state("ru", id) == Conversations.State.ACKNOWLEDGED);
        assertThat(bean("kz", Conversations.class).find(id).orElseThrow().answerXml()).contains("NoteText");
    }

    @Test
    @Order(6)
    void abnormalSituations_exc002WhenAPeerNeverAnswers_exc004OnAnErrorAnswer() throws Exception {
        CounterfeitDrugCorrespondenceDetails req = ContractJaxb.fromDom(
                TestDocuments.parse(Samples.byFile("cdr-msg014-request.xml").bytes()), CounterfeitDrugCorrespondenceDetails.class);
        req.getEDocHeader().setEDocId(UUID.randomUUID().toString());
        req.getEDocHeader().setEDocDateTime(Times.now());
        AuthorityService.Accepted r = bean("kz", AuthorityService.class)
                .requestInfo("KG-MOH", ContractJaxb.toXml(req, false).getBytes(StandardCharsets.UTF_8));
        double before = bean("kz", MeterRegistry.class).counter("pmm03.outbox.abnormal", "situation", "P.EXC.002").count();
        await("P.EXC.002 after 1 + 3 attempts", Duration.ofSeconds(45),
                () -> status("kz", r.edocId(), "KG-MOH") == OutboxMessage.Status.EXC_002);
        OutboxMessage m = bean("kz", Outbox.class).byEdocId(r.edocId()).get(0);
        assertThat(m.attempts()).isEqualTo(4);
        assertThat(bean("kz", MeterRegistry.class).counter("pmm03.outbox.abnormal", "situation", "P.EXC.002").count())
                .isGreaterThan(before);
        assertThat(bean("kz", Outbox.class).retry(m.id())).isTrue();
        assertThat(bean("kz", Outbox.class).find(m.id()).orElseThrow().status()).isEqualTo(OutboxMessage.Status.PENDING);

        // an include that breaks a fill rule only the Commission checks (table 12 rule 21: a falsified drug needs
        // falsification signs) comes back as an error answer: P.EXC.004
        DrugMonitoringDetails d = TestDocuments.record("MSG.001", "KZ", "Ошибка-" + UUID.randomUUID().toString().substring(0, 6),
                "ПР-E", Instant.now().minus(1, ChronoUnit.DAYS), null);
        d.getDrugMonitoringItemDetails().get(0).getDrugMonitoringDetails().get(0).getFalsificationSignDetails().clear();
        AuthorityService.Accepted bad = bean("kz", AuthorityService.class)
                .submit(ContractJaxb.toXml(d, false).getBytes(StandardCharsets.UTF_8));
        await("P.EXC.004", Duration.ofSeconds(20), () -> status("kz", bad.edocId(), "EEC") == OutboxMessage.Status.EXC_004);
        assertThat(bean("kz", Outbox.class).byEdocId(bad.edocId()).get(0).answerText()).contains("Table 12, rule 21");
    }

    @Test
    @Order(7)
    void trn004To006_theMirrorFollowsTheUnifiedDatabase() throws Exception {
        MirrorSync kz = bean("kz", MirrorSync.class);
        MirrorSync.Result first = kz.sync();
        long countries = kz.asOf(null, List.of()).stream().map(MirrorSync.MirrorVersion::country).distinct().count();
        assertThat(countries).isGreaterThanOrEqualTo(2);
        assertThat(first.appliedUntil()).isNotNull();
        int activeBefore = kz.asOf(null, List.of("RU")).size();

        // RU excludes one of its records; KZ's mirror learns it on the next synchronisation
        String name = "Исключить-" + UUID.randomUUID().toString().substring(0, 6);
        Instant start = Instant.now().minus(5, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        AuthorityService ru = bean("ru", AuthorityService.class);
        AuthorityService.Accepted inc = ru.submit(include("RU", name, start));
        await("included", Duration.ofSeconds(20), () -> status("ru", inc.edocId(), "EEC") == OutboxMessage.Status.ANSWERED);
        kz.sync();
        assertThat(kz.asOf(null, List.of("RU"))).hasSize(activeBefore + 1);
        DrugMonitoringDetails ex = TestDocuments.record("MSG.003", "RU", name, "ПР-" + name, start, Instant.now().minusSeconds(60));
        AuthorityService.Accepted exc = ru.submit(ContractJaxb.toXml(ex, false).getBytes(StandardCharsets.UTF_8));
        await("excluded", Duration.ofSeconds(20), () -> status("ru", exc.edocId(), "EEC") == OutboxMessage.Status.ANSWERED);
        assertThat(bean("ru", Outbox.class).byEdocId(exc.edocId()).get(0).answerResultCode()).isEqualTo("EXCLUDED");
        MirrorSync.Result r = kz.sync();
        assertThat(r.versionsApplied()).isGreaterThanOrEqualTo(1);
        assertThat(kz.asOf(null, List.of("RU"))).hasSize(activeBefore);
        assertThat(kz.asOf(start.plusSeconds(60), List.of("RU")).stream().anyMatch(v -> name.equals(v.tradeName()))).isTrue();
        assertThat(kz.sync().note()).isEqualTo("up to date");
        assertThat(kz.size()).isEqualTo(bean("commission", JdbcTemplate.class)
                .queryForObject("SELECT COUNT(*) FROM record_version", Long.class));
        assertThat(bean("commission", UnifiedDatabase.class).updateTime(List.of()).orElseThrow()).isEqualTo(kz.appliedUntil());
    }

    static Conversations.State state(String node, String id) {
        return bean(node, Conversations.class).find(id).map(Conversations.Conversation::state).orElse(null);
    }

}
