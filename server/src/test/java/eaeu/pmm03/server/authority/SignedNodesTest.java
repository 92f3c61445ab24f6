package eaeu.pmm03.server.authority;

import eaeu.pmm03.contract.drugmonitoring.DrugMonitoringDetails;
import eaeu.pmm03.contract.xml.ContractJaxb;
import eaeu.pmm03.security.pki.TestPki;
import eaeu.pmm03.server.TestDocuments;
import eaeu.pmm03.server.journal.JournalEntry;
import eaeu.pmm03.server.journal.MessageJournal;
import eaeu.pmm03.server.outbox.Outbox;
import eaeu.pmm03.server.outbox.OutboxMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Signing switched on and off per message by configuration, end to end BETWEEN NODES: a Commission node and the
 * KZ authority node, real Spring Boot applications with their own HTTP ports and embedded MariaDBs, over SOAP/HTTP.
 * Each node has its own TEST PKI generated here (its own CA and key): the Commission signs with EEC's key of its
 * PKI and trusts the authority's CA; the authority signs with KZ-MOH's key of its PKI and trusts the Commission's
 * CA. The signature policies are policy files that the test rewrites; the nodes re-read them (no restart).
 * The authority's AuthorityService.submit puts MSG.001 into its outbox and the OutboxWorker delivers it with the
 * node's WS-Security.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SignedNodesTest {

    static Nodes nodes;
    static Path dir;
    static Path commissionPolicy;
    static Path authorityPolicy;
    static final AtomicLong STAMP = new AtomicLong(System.currentTimeMillis());

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("pmm03-signed-nodes");
        TestPki.Result eecPki = TestPki.generate(dir.resolve("pki-eec"));
        TestPki.Result kzPki = TestPki.generate(dir.resolve("pki-kz"));
        commissionPolicy = dir.resolve("commission-policy.properties");
        authorityPolicy = dir.resolve("kz-policy.properties");
        policy(commissionPolicy, "default=off", "P.MM.03.MSG.001=require");
        policy(authorityPolicy, "default=off", "P.MM.03.MSG.001=sign");

        nodes = new Nodes(Nodes.testProperties("0.002", "PT5S"));
        nodes.define("commission", null, "eec");
        nodes.define("kz", "KZ-MOH", "kz");
        nodes.start("commission", Nodes.security(eecPki, "EEC", kzPki, commissionPolicy));
        nodes.start("kz", Nodes.security(kzPki, "KZ-MOH", eecPki, authorityPolicy));
    }

    @AfterAll
    static void stop() {
        if (nodes != null) {
            nodes.close();
        }
    }

    /** Rewrites a node's policy file; the node re-reads it on its next message. */
    static void policy(Path file, String... entries) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (String e : entries) {
            sb.append("pmm03.security.signature-policy.").append(e).append('\n');
        }
        Files.writeString(file, sb.toString());
        Files.setLastModifiedTime(file, FileTime.fromMillis(STAMP.addAndGet(1000)));
    }

    static <T> T bean(String node, Class<T> type) {
        return nodes.context(node).getBean(type);
    }

    static void await(String what, Duration max, BooleanSupplier ok) throws InterruptedException {
        Nodes.await(what, max, ok);
    }

    static byte[] include(String name) {
        DrugMonitoringDetails d = TestDocuments.record("MSG.001", "KZ", name, "ПР-" + name,
                Instant.now().minus(1, ChronoUnit.DAYS), null);
        return ContractJaxb.toXml(d, false).getBytes(StandardCharsets.UTF_8);
    }

    static OutboxMessage toCommission(String edocId) {
        return bean("kz", Outbox.class).byEdocId(edocId).stream().filter(m -> m.target().equals("EEC"))
                .findFirst().orElse(null);
    }

    static boolean finished(String edocId) {
        OutboxMessage m = toCommission(edocId);
        return m != null && m.status() != OutboxMessage.Status.PENDING;
    }

    /** The Commission's journal line of the inbound message with that EDocId. */
    static JournalEntry commissionJournalIn(String edocId) {
        return bean("commission", MessageJournal.class).about(edocId).stream()
                .filter(l -> l.direction() == JournalEntry.Direction.IN && edocId.equals(l.edocId()))
                .findFirst().orElseThrow();
    }

    static Boolean recordSigned(String edocId) {
        return bean("commission", JdbcTemplate.class).queryForObject(
                "SELECT signed FROM record_version WHERE created_by_edoc_id = ?", Boolean.class, edocId);
    }

    @Test
    @Order(1)
    void authoritySigns_commissionRequires_included_andJournaledAsSigned() throws Exception {
        policy(commissionPolicy, "default=off", "P.MM.03.MSG.001=require");
        policy(authorityPolicy, "default=off", "P.MM.03.MSG.001=sign");
        AuthorityService.Accepted a = bean("kz", AuthorityService.class)
                .submit(include("ЭЦП-" + UUID.randomUUID().toString().substring(0, 6)));
        await("MSG.004 from the Commission", Duration.ofSeconds(30), () -> finished(a.edocId()));
        OutboxMessage m = toCommission(a.edocId());
        assertThat(m.status()).as(m.lastError() + " / " + m.answerText()).isEqualTo(OutboxMessage.Status.ANSWERED);
        assertThat(m.answerResultCode()).isEqualTo("INCLUDED");
        JournalEntry in = commissionJournalIn(a.edocId());
        assertThat(in.signed()).as("the Commission's journal: MSG.001 signed").isTrue();
        assertThat(in.participant()).isEqualTo("KZ-MOH");
        assertThat(recordSigned(a.edocId())).as("record_version.signed").isTrue();
    }

    @Test
    @Order(2)
    void authorityNotSigning_commissionRequires_senderFault_P_EXC_004() throws Exception {
        policy(commissionPolicy, "default=off", "P.MM.03.MSG.001=require");
        policy(authorityPolicy, "default=off"); // the authority stops signing: configuration only
        AuthorityService.Accepted a = bean("kz", AuthorityService.class)
                .submit(include("ЭЦП-" + UUID.randomUUID().toString().substring(0, 6)));
        await("the outbox gives up on MSG.001", Duration.ofSeconds(30), () -> finished(a.edocId()));
        OutboxMessage m = toCommission(a.edocId());
        // a sender fault is not retryable: the outbox ends the transaction in P.EXC.004 and keeps the fault
        assertThat(m.status()).isEqualTo(OutboxMessage.Status.EXC_004);
        assertThat(m.attempts()).isEqualTo(1);
        assertThat(m.answerResultCode()).isNull();
        assertThat(m.answerText()).contains("ERR_SIGNATURE_MISSING");
        // refused before anything was read: nothing in the unified database
        assertThat(bean("commission", JdbcTemplate.class).queryForObject(
                "SELECT COUNT(*) FROM record_version WHERE created_by_edoc_id = ?", Integer.class, a.edocId()))
                .isZero();
    }

    @Test
    @Order(3)
    void commissionSwitchedToOff_unsignedIncludedAgain_andJournaledAsUnsigned() throws Exception {
        policy(commissionPolicy, "default=off");
        policy(authorityPolicy, "default=off");
        AuthorityService.Accepted a = bean("kz", AuthorityService.class)
                .submit(include("ЭЦП-" + UUID.randomUUID().toString().substring(0, 6)));
        await("MSG.004 from the Commission", Duration.ofSeconds(30), () -> finished(a.edocId()));
        OutboxMessage m = toCommission(a.edocId());
        assertThat(m.status()).as(m.lastError() + " / " + m.answerText()).isEqualTo(OutboxMessage.Status.ANSWERED);
        assertThat(m.answerResultCode()).isEqualTo("INCLUDED");
        assertThat(commissionJournalIn(a.edocId()).signed()).isFalse();
        assertThat(recordSigned(a.edocId())).isFalse();
    }
}
