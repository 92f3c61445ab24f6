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
        nodes = new Nodes(Nodes.testProperties("0.002", "PT20S"));
        nodes.define("commission", null, "eec");
        nodes.define("kz", "KZ-MOH", "kz");
        nodes.define("ru", "RU-RZN", "ru");
        AttachmentExchangeTest.nodes = nodes;
        nodes.start("kz", Nodes.security(kzPki, "KZ-MOH", ruPki, kzPolicy));
        nodes.start("ru", Nodes.security(ruPki, "RU-RZN", kzPki, ruPolicy));
    }

    @AfterAll
    static void stop() {
        if (nodes != null) {
            nodes.close();
        }
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

    /**
     * A sender that signs the Body (with its xop:Include) and the Timestamp but not the PDF part: a substituted PDF
     * would pass unnoticed, so the receiver refuses the message, naming the unsigned attachment.
     */
    @Test
    void aSignatureThatLeavesThePdfPartUncoveredIsRefused() throws Exception {
        String id = AttachmentExchangeTest.acceptedRequest();
        String answerId = java.util.UUID.randomUUID().toString();
        String xml = new String(answer(id, pdf(16, 9), answerId), java.nio.charset.StandardCharsets.UTF_8)
                .replaceAll("(<[a-z0-9]+:PdfBinaryText[^>]*>)[^<]*(</)",
                        "$1<xop:Include xmlns:xop=\"http://www.w3.org/2004/08/xop/include\" href=\"cid:pdf-1@test\"/>$2");
        var doc = eaeu.pmm03.server.TestDocuments.parse(xml.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        var wrapperDoc = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder().newDocument();
        var wrapper = wrapperDoc.createElementNS("urn:pmm03:ws:Authority:v1.0.0", "aws:SendAdditionalInfo");
        wrapperDoc.appendChild(wrapper);
        wrapper.appendChild(wrapperDoc.importNode(doc.getDocumentElement(), true));

        var ru = nodes.context("ru").getBean(eaeu.pmm03.security.wss.WsSecuritySettings.class);
        javax.xml.namespace.QName svc = new javax.xml.namespace.QName("urn:pmm03:ws:Authority:v1.0.0", "AuthorityService");
        javax.xml.namespace.QName port = new javax.xml.namespace.QName("urn:pmm03:ws:Authority:v1.0.0", "AuthoritySoap11");
        jakarta.xml.ws.Service service = jakarta.xml.ws.Service.create(svc);
        service.addPort(port, jakarta.xml.ws.soap.SOAPBinding.SOAP11HTTP_BINDING, nodes.spec("kz").url("/authority"));
        jakarta.xml.ws.Dispatch<javax.xml.transform.Source> d = service.createDispatch(port,
                javax.xml.transform.Source.class, jakarta.xml.ws.Service.Mode.PAYLOAD);
        ((jakarta.xml.ws.soap.SOAPBinding) d.getBinding()).setMTOMEnabled(true);
        Map<String, jakarta.activation.DataHandler> parts = new java.util.HashMap<>();
        parts.put("pdf-1@test", new jakarta.activation.DataHandler(
                new org.apache.cxf.attachment.ByteDataSource(pdf(64 * 1024, 10), "application/pdf")));
        d.getRequestContext().put(jakarta.xml.ws.handler.MessageContext.OUTBOUND_MESSAGE_ATTACHMENTS, parts);
        Map<String, Object> p = new java.util.HashMap<>();
        p.put("action", "UsernameToken Timestamp Signature");
        p.put("user", "ru");
        p.put("passwordType", "PasswordDigest");
        p.put("passwordCallbackRef", eaeu.pmm03.security.wss.ClientSecurity.passwords(ru, "ru", "ru-dev-password"));
        p.put("signatureUser", ru.keystore().alias());
        p.put("signaturePropRefId", "ruCrypto");
        p.put("ruCrypto", ru.signingCrypto());
        p.put("signatureKeyIdentifier", "DirectReference");
        p.put("signatureAlgorithm", ru.signatureAlgorithm());
        p.put("signatureDigestAlgorithm", ru.digestAlgorithm());
        p.put("expandXOPInclude", "false");
        p.put("storeBytesInAttachment", "false");
        p.put("signatureParts", "{Element}{http://schemas.xmlsoap.org/soap/envelope/}Body;"
                + "{Element}{http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd}Timestamp;");
        ((org.apache.cxf.jaxws.DispatchImpl<?>) d).getClient().getOutInterceptors()
                .add(new org.apache.cxf.ws.security.wss4j.WSS4JOutInterceptor(p));

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> d.invoke(new javax.xml.transform.dom.DOMSource(wrapperDoc)))
                .isInstanceOf(jakarta.xml.ws.soap.SOAPFaultException.class)
                .hasMessageContaining("attachment cid:pdf-1@test is not signed");
        assertThat(AttachmentExchangeTest.state("kz", id)).isEqualTo(Conversations.State.ACCEPTED);
    }
}
