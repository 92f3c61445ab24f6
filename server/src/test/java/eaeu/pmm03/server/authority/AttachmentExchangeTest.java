package eaeu.pmm03.server.authority;

import eaeu.pmm03.contract.counterfeitdrug.CounterfeitDrugCorrespondenceDetails;
import eaeu.pmm03.contract.samples.Samples;
import eaeu.pmm03.contract.xml.ContractJaxb;
import eaeu.pmm03.server.TestDocuments;
import eaeu.pmm03.server.attachment.AttachmentStore;
import eaeu.pmm03.server.attachment.XopForm;
import eaeu.pmm03.server.commission.Times;
import eaeu.pmm03.server.outbox.Outbox;
import eaeu.pmm03.server.outbox.OutboxMessage;
import eaeu.pmm03.server.pipeline.Rejection;
import org.apache.cxf.Bus;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * TRN.009 with a PDF between two authority nodes over HTTP: the answering node keeps the PDF in its attachment
 * store and the document in XOP form, its outbox sends MSG.016 as MTOM (the PDF a MIME part, never base64 in the
 * XML), the requesting node streams the part into its own store; the bytes arrive unchanged. An attachment above
 * the receiver's limit is refused with ERR_TOO_LARGE, specifically, and nothing is recorded.
 */
class AttachmentExchangeTest {

    static Nodes nodes;
    /** Content types of the SOAP requests KZ's endpoints received. */
    static final List<String> KZ_CONTENT_TYPES = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        nodes = new Nodes(Nodes.testProperties("0.002", "PT20S"));
        nodes.define("commission", null, "eec");
        nodes.define("kz", "KZ-MOH", "kz");
        nodes.define("ru", "RU-RZN", "ru");
        nodes.start("kz", Map.of("pmm03.attachments.max-size", "12MB"));
        nodes.start("ru");
        nodes.context("kz").getBean(Bus.class).getInInterceptors().add(new AbstractPhaseInterceptor<Message>(Phase.RECEIVE) {
            @Override
            public void handleMessage(Message message) {
                Object ct = message.get(Message.CONTENT_TYPE);
                if (ct != null) {
                    KZ_CONTENT_TYPES.add(ct.toString());
                }
            }
        });
    }

    @AfterAll
    static void stop() {
        if (nodes != null) {
            nodes.close();
        }
    }

    @Test
    void aPdfAnswerTravelsAsMtomAndArrivesUnchanged() throws Exception {
        byte[] pdf = pdf(8 * 1024 * 1024, 1);
        String id = acceptedRequest();
        KZ_CONTENT_TYPES.clear();
        bean("ru", AuthorityService.class).answerInfo(answer(id, pdf));

        await("KZ received the answer", Duration.ofSeconds(60), () -> state("kz", id) == Conversations.State.ACKNOWLEDGED);
        await("RU got the acknowledgement", Duration.ofSeconds(30), () -> state("ru", id) == Conversations.State.ACKNOWLEDGED);

        String answer = bean("kz", Conversations.class).find(id).orElseThrow().answerXml();
        String sha = sha256(pdf);
        assertThat(answer).contains("<xop:Include").contains("cid:" + sha + AttachmentStore.CID_SUFFIX)
                .hasSizeLessThan(20_000);
        assertThat(Files.readAllBytes(bean("kz", AttachmentStore.class).file(sha))).isEqualTo(pdf);
        assertThat(bean("kz", JdbcTemplate.class).queryForObject("SELECT size_bytes FROM attachment WHERE sha256 = ?",
                Long.class, sha)).isEqualTo(pdf.length);
        // on the wire: a MIME multipart (MTOM/XOP), not base64 inside the XML
        assertThat(KZ_CONTENT_TYPES).anyMatch(ct -> ct.contains("multipart/related") && ct.contains("application/xop+xml"));
        // the sender also keeps it once, in XOP form
        OutboxMessage sent = bean("ru", Outbox.class).recent(50).stream()
                .filter(m -> m.messageCode().equals("P.MM.03.MSG.016") && id.equals(m.edocRefId())).findFirst().orElseThrow();
        assertThat(sent.document()).contains("<xop:Include").hasSizeLessThan(20_000);
    }

    @Test
    void theOperatorUploadsAPdfAsAFilePartAndThePeerOperatorDownloadsIt() throws Exception {
        byte[] pdf = pdf(3 * 1024 * 1024, 4);
        String id = acceptedRequest();
        String answerId = UUID.randomUUID().toString();
        // the document refers to the uploaded file part by its name
        String xml = new String(answer(id, pdf(16, 5), answerId), StandardCharsets.UTF_8)
                .replaceAll("(<[a-z0-9]+:PdfBinaryText[^>]*>)[^<]*(</)",
                        "$1<xop:Include xmlns:xop=\"http://www.w3.org/2004/08/xop/include\" href=\"cid:report\"/>$2");
        String boundary = "----pmm03" + UUID.randomUUID();
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"document\"; filename=\"answer.xml\"\r\n"
                + "Content-Type: application/xml\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(xml.getBytes(StandardCharsets.UTF_8));
        body.write(("\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"report\"; filename=\"report.pdf\"\r\n"
                + "Content-Type: application/pdf\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(pdf);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        var post = http.send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://localhost:" + nodes.spec("ru").port() + "/authority/api/answers"))
                .header("Authorization", basic("ru")).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).as(post.body()).isEqualTo(202);

        await("KZ received the answer", Duration.ofSeconds(60), () -> state("kz", id) == Conversations.State.ACKNOWLEDGED);
        var get = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:"
                        + nodes.spec("kz").port() + "/authority/api/attachments/" + sha256(pdf)))
                .header("Authorization", basic("kz")).GET().build(), java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        assertThat(get.statusCode()).isEqualTo(200);
        assertThat(get.headers().firstValue("Content-Type")).hasValue("application/pdf");
        assertThat(get.body()).isEqualTo(pdf);
    }

    static String basic(String user) {
        return "Basic " + java.util.Base64.getEncoder().encodeToString((user + ":" + user + "-dev-password")
                .getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void anAttachmentAboveTheReceiversLimitIsRefusedWithErrTooLarge() throws Exception {
        byte[] pdf = pdf(13 * 1024 * 1024, 2);
        String id = acceptedRequest();
        String answerId = UUID.randomUUID().toString();
        bean("ru", AuthorityService.class).answerInfo(answer(id, pdf, answerId));

        await("RU's delivery ended", Duration.ofSeconds(60), () -> bean("ru", Outbox.class).byEdocId(answerId).stream()
                .anyMatch(m -> m.status() != OutboxMessage.Status.PENDING));
        OutboxMessage m = bean("ru", Outbox.class).byEdocId(answerId).get(0);
        // a final refusal (retrying cannot help; not P.EXC.004: nothing is out of sync)
        assertThat(m.status()).isEqualTo(OutboxMessage.Status.ANSWERED);
        assertThat(m.answerResultCode()).isEqualTo("ERR_TOO_LARGE");
        assertThat(m.answerText()).contains("12 MB").contains("PdfBinaryText");
        assertThat(state("kz", id)).isEqualTo(Conversations.State.ACCEPTED);
        assertThat(bean("kz", JdbcTemplate.class).queryForObject("SELECT COUNT(*) FROM attachment WHERE sha256 = ?",
                Integer.class, sha256(pdf))).isZero();
    }

    @Test
    void theOperatorIsRefusedAboveItsOwnNodesLimit() throws Exception {
        String id = acceptedRequestFrom("ru", "kz");
        byte[] pdf = pdf(13 * 1024 * 1024, 3);
        assertThatThrownBy(() -> bean("kz", AuthorityService.class).answerInfo(answer(id, pdf)))
                .isInstanceOf(Rejection.class).hasMessageContaining("12 MB")
                .satisfies(e -> assertThat(((Rejection) e).resultCode()).isEqualTo("ERR_TOO_LARGE"));
        assertThat(state("kz", id)).isEqualTo(Conversations.State.ACCEPTED);
    }

    @Test
    void anXopIncludeOutsideAPdfElementIsRefused() {
        var doc = TestDocuments.parse(Samples.byFile("cdr-msg016-note.xml").bytes());
        var note = doc.getElementsByTagNameNS("*", "NoteText").item(0);
        note.appendChild(doc.createElementNS(XopForm.XOP_NS, "xop:Include"));
        assertThatThrownBy(() -> XopForm.internalize(doc, cid -> null, bean("kz", AttachmentStore.class)))
                .isInstanceOf(Rejection.class).hasMessageContaining("NoteText");
    }

    @Test
    void aPictureSentAsAnMtomPartIsPutBackInlineNotStored() {
        var doc = TestDocuments.parse(Samples.byFile("dmd-msg001-include.xml").bytes());
        var picture = (org.w3c.dom.Element) doc.getElementsByTagNameNS("*", "FalsificationSignPicture").item(0);
        String original = picture.getTextContent().trim();
        byte[] bytes = java.util.Base64.getMimeDecoder().decode(original);
        while (picture.getFirstChild() != null) {
            picture.removeChild(picture.getFirstChild());
        }
        var include = doc.createElementNS(XopForm.XOP_NS, "xop:Include");
        include.setAttribute("href", "cid:picture-1%40client");
        picture.appendChild(include);
        var stored = XopForm.internalize(doc, cid -> cid.equals("picture-1@client") ? new jakarta.activation.DataHandler(
                new org.apache.cxf.attachment.ByteDataSource(bytes, "image/png")) : null, bean("kz", AttachmentStore.class));
        assertThat(stored).isEmpty();
        assertThat(XopForm.hasIncludes(doc)).isFalse();
        assertThat(java.util.Base64.getDecoder().decode(picture.getTextContent())).isEqualTo(bytes);
    }

    // ---------------------------------------------------------------------------------------------------------

    /** KZ asks RU (MSG.014) and waits until RU accepted; returns the request's EDocId. */
    static String acceptedRequest() throws Exception {
        return acceptedRequestFrom("kz", "ru");
    }

    static String acceptedRequestFrom(String requester, String responder) throws Exception {
        CounterfeitDrugCorrespondenceDetails req = ContractJaxb.fromDom(
                TestDocuments.parse(Samples.byFile("cdr-msg014-request.xml").bytes()), CounterfeitDrugCorrespondenceDetails.class);
        req.getEDocHeader().setEDocId(UUID.randomUUID().toString());
        req.getEDocHeader().setEDocDateTime(Times.now());
        String participant = responder.equals("ru") ? "RU-RZN" : "KZ-MOH";
        String id = bean(requester, AuthorityService.class)
                .requestInfo(participant, ContractJaxb.toXml(req, false).getBytes(StandardCharsets.UTF_8)).edocId();
        await(responder + " accepted the request", Duration.ofSeconds(30),
                () -> state(requester, id) == Conversations.State.ACCEPTED);
        return id;
    }

    static byte[] answer(String requestId, byte[] pdf) {
        return answer(requestId, pdf, UUID.randomUUID().toString());
    }

    /** MSG.016 from the sample with a PDF, its bytes replaced by {@code pdf} (inline base64, as an operator posts it). */
    static byte[] answer(String requestId, byte[] pdf, String edocId) {
        CounterfeitDrugCorrespondenceDetails ans = ContractJaxb.fromDom(
                TestDocuments.parse(Samples.byFile("cdr-msg016-pdf.xml").bytes()), CounterfeitDrugCorrespondenceDetails.class);
        ans.getEDocHeader().setEDocId(edocId);
        ans.getEDocHeader().setEDocRefId(requestId);
        ans.getEDocHeader().setEDocDateTime(Times.now());
        ans.getPdfBinaryText().get(0).setValue(pdf);
        return ContractJaxb.toXml(ans, false).getBytes(StandardCharsets.UTF_8);
    }

    /** Bytes that start like a PDF, of the given size, different per seed. */
    static byte[] pdf(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        byte[] head = "%PDF-1.4\n".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(head, 0, b, 0, head.length);
        return b;
    }

    static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    static <T> T bean(String node, Class<T> type) {
        return nodes.context(node).getBean(type);
    }

    static Conversations.State state(String node, String id) {
        return bean(node, Conversations.class).find(id).map(Conversations.Conversation::state).orElse(null);
    }

    static void await(String what, Duration max, BooleanSupplier ok) throws InterruptedException {
        Nodes.await(what, max, ok);
    }
}
