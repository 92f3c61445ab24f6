package eaeu.pmm03.server.authority;

import eaeu.pmm03.security.pki.TestPki;
import eaeu.pmm03.server.attachment.AttachmentStore;
import eaeu.pmm03.server.journal.JournalEntry;
import eaeu.pmm03.server.journal.MessageJournal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import static eaeu.pmm03.server.authority.AttachmentExchangeTest.answer;
import static eaeu.pmm03.server.authority.AttachmentExchangeTest.pdf;
import static eaeu.pmm03.server.authority.AttachmentExchangeTest.sha256;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * MSG.016 with a PDF, MTOM and an XML signature that the receiver requires: RU signs (policy "sign"), KZ requires a
 * signature over the Body, the Timestamp, the WS-Addressing headers AND every attachment (SwA profile,
 * Attachment-Content-Signature-Transform: the PDF is digested as a stream, never inlined into the envelope).
 */
class SignedAttachmentTest {

    static Nodes nodes;

    @BeforeAll
    static void start() throws Exception {
        Path dir = Files.createTempDirectory("pmm03-signed-attachments");
        TestPki.Result kzPki = TestPki.generate(dir.resolve("pki-kz"));
        TestPki.Result ruPki = TestPki.generate(dir.resolve("pki-ru"));
        Path kzPolicy = dir.resolve("kz.properties");
        Path ruPolicy = dir.resolve("ru.properties");
        Files.writeString(kzPolicy, "pmm03.security.signature-policy.default=off\n"
                + "pmm03.security.signature-policy.P.MM.03.MSG.016=require\n");
        Files.writeString(ruPolicy, "pmm03.security.signature-policy.default=off\n"
                + "pmm03.security.signature-policy.P.MM.03.MSG.016=sign\n");
        nodes = new Nodes(Map.of(
                "pmm03.outbox.time-scale", "0.002",
                "pmm03.outbox.poll", "PT0.2S",
                "pmm03.outbox.request-timeout", "PT20S",
                "pmm03.authority.mirror.interval", "PT1H",
                "pmm03.authority.mirror.initial-delay", "PT1H",
                "logging.level.org.apache.cxf", "ERROR"));
        nodes.define("commission", null, "eec");
        nodes.define("kz", "KZ-MOH", "kz");
        nodes.define("ru", "RU-RZN", "ru");
        AttachmentExchangeTest.nodes = nodes;
        nodes.start("kz", security(kzPki, "KZ-MOH", ruPki, kzPolicy));
        nodes.start("ru", security(ruPki, "RU-RZN", kzPki, ruPolicy));
    }

    @AfterAll
    static void stop() {
        if (nodes != null) {
            nodes.close();
        }
    }

    static Map<String, Object> security(TestPki.Result own, String participant, TestPki.Result peer, Path policy) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("pmm03.security.keystore.file", own.keystore(participant).toString());
        p.put("pmm03.security.keystore.password", TestPki.PASSWORD);
        p.put("pmm03.security.keystore.alias", TestPki.alias(participant));
        p.put("pmm03.security.truststore.file", peer.truststore().toString());
        p.put("pmm03.security.truststore.password", TestPki.PASSWORD);
        p.put("pmm03.security.signature-policy-file", policy.toString());
        return p;
    }

    @Test
    void aSignedPdfAnswerIsVerifiedAndStored() throws Exception {
        byte[] pdf = pdf(6 * 1024 * 1024, 7);
        String id = AttachmentExchangeTest.acceptedRequest();
        String answerId = java.util.UUID.randomUUID().toString();
        nodes.context("ru").getBean(AuthorityService.class).answerInfo(answer(id, pdf, answerId));
        AttachmentExchangeTest.await("KZ received the signed answer", Duration.ofSeconds(60),
                () -> AttachmentExchangeTest.state("kz", id) == Conversations.State.ACKNOWLEDGED);
        assertThat(Files.readAllBytes(nodes.context("kz").getBean(AttachmentStore.class).file(sha256(pdf)))).isEqualTo(pdf);
        JournalEntry in = nodes.context("kz").getBean(MessageJournal.class).about(answerId).stream()
                .filter(l -> l.direction() == JournalEntry.Direction.IN && answerId.equals(l.edocId()))
                .findFirst().orElseThrow();
        assertThat(in.signed()).isTrue();
    }
}
