package eaeu.pmm03.server.authority;

import eaeu.pmm03.contract.counterfeitdrug.CounterfeitDrugCorrespondenceDetails;
import eaeu.pmm03.contract.drugmonitoring.DrugMonitoringDetails;
import eaeu.pmm03.contract.process.ProcessTable;
import eaeu.pmm03.contract.samples.Samples;
import eaeu.pmm03.contract.xml.ContractJaxb;
import eaeu.pmm03.security.wss.ClientSecurity;
import eaeu.pmm03.security.wss.WsSecuritySettings;
import eaeu.pmm03.server.TestDocuments;
import eaeu.pmm03.server.commission.Times;
import eaeu.pmm03.server.eec.EecDelivery;
import eaeu.pmm03.server.eec.EecQueries;
import eaeu.pmm03.server.journal.JournalEntry;
import eaeu.pmm03.server.journal.MessageJournal;
import eaeu.pmm03.server.mirror.MirrorSync;
import eaeu.pmm03.server.outbox.Delivery;
import eaeu.pmm03.server.outbox.Outbox;
import eaeu.pmm03.server.outbox.OutboxMessage;
import eaeu.pmm03.server.registry.UnifiedDatabase;
import jakarta.xml.ws.Dispatch;
import jakarta.xml.ws.Service;
import jakarta.xml.ws.soap.SOAPBinding;
import jakarta.xml.ws.soap.SOAPFaultException;
import eaeu.pmm03.security.identity.ParticipantRegistry;
import eaeu.pmm03.security.xml.HardenedXml;
import eaeu.pmm03.security.xml.XmlLimits;
import eaeu.pmm03.server.outbox.OutboxWorker;
import eaeu.pmm03.server.transport.EecReplyProvider;
import eaeu.pmm03.server.transport.EndpointSecurity;
import eaeu.pmm03.server.transport.Endpoints;
import org.apache.cxf.headers.Header;
import org.apache.cxf.jaxws.DispatchImpl;
import org.apache.cxf.jaxws.EndpointImpl;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.jdbc.core.JdbcTemplate;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import javax.xml.namespace.QName;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.Source;
import javax.xml.transform.dom.DOMSource;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The asynchronous mode of the integrated system (pmm03.eec.participants[].mode = eec) between a Commission and
 * two authorities, real nodes over SOAP 1.2 on loopback: every request is a one-way message to an Eec port, its
 * receipt and acceptance signals and its answer come back as one-way messages to the initiator's reply port
 * (wsa:RelatesTo, int:ConversationID, EDocRefId). Times scaled by 0.002: acceptance within 2.4 s, answer wait 29 s.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EecFlowTest {

    static Nodes nodes;
    static final ProcessTable TABLE = ProcessTable.get();

    @BeforeAll
    static void start() throws Exception {
        nodes = new Nodes(Nodes.testProperties("0.002", "PT5S")).eec("eec");
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

    static void await(String what, Duration max, BooleanSupplier ok) throws InterruptedException {
        Nodes.await(what, max, ok);
    }

    static OutboxMessage row(String node, String edocId, String target) {
        return bean(node, Outbox.class).byEdocId(edocId).stream().filter(m -> m.target().equals(target)).findFirst()
                .orElse(null);
    }

    static OutboxMessage.Status status(String node, String edocId, String target) {
        OutboxMessage m = row(node, edocId, target);
        return m == null ? null : m.status();
    }

    static int notices(String node, String country, String tradeName) {
        Integer n = bean(node, JdbcTemplate.class).queryForObject(
                "SELECT COUNT(*) FROM inclusion_notice WHERE country = ? AND trade_name = ?", Integer.class, country, tradeName);
        return n == null ? 0 : n;
    }

    static int versions(String tradeName) {
        Integer n = bean("commission", JdbcTemplate.class).queryForObject(
                "SELECT COUNT(*) FROM record_version WHERE trade_name = ?", Integer.class, tradeName);
        return n == null ? 0 : n;
    }

    static byte[] include(String country, String name, Instant start) {
        DrugMonitoringDetails d = TestDocuments.record("MSG.001", country, name, "ПР-" + name, start, null);
        return ContractJaxb.toXml(d, false).getBytes(StandardCharsets.UTF_8);
    }

    static String name() {
        return "Eec-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    @Order(1)
    void trn001_theAnswerComesToTheReplyPort_thenMsg013GoesToThePeer() throws Exception {
        String name = name();
        AuthorityService.Accepted a = bean("kz", AuthorityService.class)
                .submit(include("KZ", name, Instant.now().minus(1, ChronoUnit.DAYS)));
        await("MSG.004 on the reply port", Duration.ofSeconds(20),
                () -> status("kz", a.edocId(), "EEC") == OutboxMessage.Status.ANSWERED);
        OutboxMessage sent = row("kz", a.edocId(), "EEC");
        assertThat(sent.answerMessageCode()).isEqualTo("P.MM.03.MSG.004");
        assertThat(sent.answerResultCode()).isEqualTo("INCLUDED");
        assertThat(sent.attempts()).isEqualTo(1);

        // the Commission received the bare document on its Eec port with the integrated system's headers
        JournalEntry in = bean("commission", MessageJournal.class).about(a.edocId()).stream()
                .filter(l -> l.direction() == JournalEntry.Direction.IN).findFirst().orElseThrow();
        assertThat(in.action()).isEqualTo("int://CP/P.MM.03/1.0.0/P.MM.03.PRC.001/P.MM.03.TRN.001/P.MM.03.MSG.001");
        assertThat(in.messageId()).isEqualTo("urn:uuid:" + a.edocId());
        assertThat(in.conversationId()).isEqualTo(a.conversationId());
        assertThat(in.procedureId()).isEqualTo(a.procedureId());

        // … and sent two signals and the answer, each its own message related to the request
        await("replies delivered", Duration.ofSeconds(10), () -> bean("commission", Outbox.class)
                .replies("urn:uuid:" + a.edocId()).stream().allMatch(r -> r.status() == OutboxMessage.Status.DELIVERED));
        List<OutboxMessage> replies = bean("commission", Outbox.class).replies("urn:uuid:" + a.edocId());
        assertThat(replies).extracting(OutboxMessage::messageCode)
                .containsExactly("SIG.RECEIPT", "SIG.ACCEPTANCE", "P.MM.03.MSG.004");
        assertThat(replies).allSatisfy(r -> {
            assertThat(r.target()).isEqualTo("KZ-MOH");
            assertThat(r.url()).endsWith("/ws/eec/commission-reply");
            assertThat(r.conversationId()).isEqualTo(a.conversationId());
            assertThat(r.procedureId()).isEqualTo(a.procedureId());
            assertThat(r.edocRefId()).isEqualTo(a.edocId());
        });
        assertThat(replies.get(2).action())
                .isEqualTo("int://CP/P.MM.03/1.0.0/P.MM.03.PRC.001/P.MM.03.TRN.001/P.MM.03.MSG.004");
        assertThat(replies.get(2).document()).contains(a.edocId());
        // the respondent journaled the signals it sent, the initiator those it received
        assertThat(bean("commission", MessageJournal.class).about(replies.get(0).edocId())).extracting(JournalEntry::resultCode)
                .contains("QUEUED");
        assertThat(bean("kz", MessageJournal.class).about(replies.get(1).edocId())).extracting(JournalEntry::messageCode)
                .contains("SIG.ACCEPTANCE");

        // the same follow-up as in the synchronous mode: MSG.013 to the peer, over its Eec port
        await("MSG.013 at RU", Duration.ofSeconds(20), () -> notices("ru", "KZ", name) == 1);
        JournalEntry note = bean("ru", MessageJournal.class).about(a.edocId()).stream()
                .filter(l -> "P.MM.03.MSG.013".equals(l.messageCode()) && l.direction() == JournalEntry.Direction.IN)
                .findFirst().orElseThrow();
        assertThat(note.action()).endsWith("/P.MM.03.TRN.007/P.MM.03.MSG.013");
    }

    @Test
    @Order(2)
    void trn004To006_theMirrorAndASnapshotOverTheEecPorts() throws Exception {
        MirrorSync kz = bean("kz", MirrorSync.class);
        MirrorSync.Result first = kz.sync();
        assertThat(first.versionsApplied()).isGreaterThanOrEqualTo(1);
        assertThat(kz.appliedUntil()).isEqualTo(bean("commission", UnifiedDatabase.class).updateTime(List.of()).orElseThrow());
        assertThat(kz.sync().note()).isEqualTo("up to date");
        // the questions went through the outbox and their answers came to the reply port
        List<OutboxMessage> asked = bean("kz", Outbox.class).recent(50).stream()
                .filter(m -> m.messageCode().equals("P.MM.03.MSG.005") || m.messageCode().equals("P.MM.03.MSG.010")).toList();
        assertThat(asked).isNotEmpty().allSatisfy(m -> assertThat(m.status()).isEqualTo(OutboxMessage.Status.ANSWERED));
        assertThat(asked).extracting(OutboxMessage::answerMessageCode).contains("P.MM.03.MSG.006", "P.MM.03.MSG.011");

        // TRN.005: records as of now (MSG.007 → MSG.008), and of a country with none (→ MSG.009)
        Delivery.Answer records = bean("kz", EecQueries.class).ask(TestDocuments.query("MSG.007", Instant.now(), "KZ"));
        assertThat(records.messageCode()).isEqualTo("P.MM.03.MSG.008");
        assertThat(records.xml()).contains("DrugMonitoringItemDetails");
        Delivery.Answer none = bean("kz", EecQueries.class).ask(TestDocuments.query("MSG.007", Instant.now(), "AM"));
        assertThat(none.messageCode()).isEqualTo("P.MM.03.MSG.009");
    }

    @Test
    @Order(3)
    void trn008AndTrn009_additionalInformationOverTheEecPorts() throws Exception {
        CounterfeitDrugCorrespondenceDetails req = ContractJaxb.fromDom(
                TestDocuments.parse(Samples.byFile("cdr-msg014-request.xml").bytes()), CounterfeitDrugCorrespondenceDetails.class);
        req.getEDocHeader().setEDocId(UUID.randomUUID().toString());
        req.getEDocHeader().setEDocDateTime(Times.now());
        AuthorityService.Accepted r = bean("kz", AuthorityService.class)
                .requestInfo("RU-RZN", ContractJaxb.toXml(req, false).getBytes(StandardCharsets.UTF_8));
        String id = r.edocId();
        await("KZ sees it accepted (MSG.015 on the reply port)", Duration.ofSeconds(20),
                () -> state("kz", id) == Conversations.State.ACCEPTED);
        assertThat(state("ru", id)).isEqualTo(Conversations.State.ACCEPTED);
        assertThat(row("kz", id, "RU-RZN").answerResultCode()).isEqualTo("RECEIVED");

        CounterfeitDrugCorrespondenceDetails ans = ContractJaxb.fromDom(
                TestDocuments.parse(Samples.byFile("cdr-msg016-note.xml").bytes()), CounterfeitDrugCorrespondenceDetails.class);
        ans.getEDocHeader().setEDocId(UUID.randomUUID().toString());
        ans.getEDocHeader().setEDocRefId(id);
        ans.getEDocHeader().setEDocDateTime(Times.now());
        AuthorityService.Accepted answered = bean("ru", AuthorityService.class)
                .answerInfo(ContractJaxb.toXml(ans, false).getBytes(StandardCharsets.UTF_8));
        await("KZ received the answer", Duration.ofSeconds(20), () -> state("kz", id) == Conversations.State.ACKNOWLEDGED);
        await("RU got MSG.015 PROCESSED on its reply port", Duration.ofSeconds(20),
                () -> state("ru", id) == Conversations.State.ACKNOWLEDGED);
        OutboxMessage toKz = row("ru", answered.edocId(), "KZ-MOH");
        assertThat(toKz.answerResultCode()).isEqualTo("RECEIVED");
        // the procedure's identifier is the one RU's MSG.016 carried; its answer came back in the same conversation
        assertThat(bean("kz", Outbox.class).replies("urn:uuid:" + answered.edocId()))
                .allSatisfy(m -> assertThat(m.conversationId()).isEqualTo(toKz.conversationId()));
    }

    @Test
    @Order(4)
    void missingOrWrongHeadersAreFaultsNamingTheHeader_andChangeNothing() throws Exception {
        String name = name();
        DrugMonitoringDetails d = TestDocuments.record("MSG.001", "KZ", name, "ПР-" + name,
                Instant.now().minus(1, ChronoUnit.DAYS), null);
        String action = "int://CP/P.MM.03/1.0.0/P.MM.03.PRC.001/P.MM.03.TRN.001/P.MM.03.MSG.001";
        Map<String, String> ok = new LinkedHashMap<>();
        ok.put("wsa:To", "EAEU://EEC/EEC/P.MM.03/Commission");
        ok.put("wsa:ReplyTo", "EAEU://KZ/KZ-MOH/P.MM.03/Authority");
        ok.put("wsa:MessageID", "urn:uuid:" + d.getEDocHeader().getEDocId());
        ok.put("wsa:Action", action);
        ok.put("int:ProcedureID", UUID.randomUUID().toString());
        ok.put("int:ConversationID", UUID.randomUUID().toString());

        for (String missing : List.of("wsa:MessageID", "wsa:Action", "wsa:ReplyTo", "int:ConversationID", "int:ProcedureID")) {
            Map<String, String> h = new LinkedHashMap<>(ok);
            h.remove(missing);
            assertThatThrownBy(() -> sendRaw("kz", h, d)).isInstanceOf(SOAPFaultException.class)
                    .hasMessageContaining(missing).hasMessageContaining("required header is missing");
        }
        Map<String, String> wrongAction = new LinkedHashMap<>(ok);
        wrongAction.put("wsa:Action", "int://CP/P.MM.03/1.0.0/P.MM.03.PRC.008/P.MM.03.TRN.008/P.MM.03.MSG.014");
        assertThatThrownBy(() -> sendRaw("kz", wrongAction, d)).isInstanceOf(SOAPFaultException.class)
                .hasMessageContaining("wsa:Action").hasMessageContaining("is not an input action of port CommissionEec");
        Map<String, String> badConversation = new LinkedHashMap<>(ok);
        badConversation.put("int:ConversationID", "not-a-uuid");
        assertThatThrownBy(() -> sendRaw("kz", badConversation, d)).isInstanceOf(SOAPFaultException.class)
                .hasMessageContaining("int:ConversationID").hasMessageContaining("must be a UUID");
        Map<String, String> urlReplyTo = new LinkedHashMap<>(ok);
        urlReplyTo.put("wsa:ReplyTo", "http://evil.example/collect");
        assertThatThrownBy(() -> sendRaw("kz", urlReplyTo, d)).isInstanceOf(SOAPFaultException.class)
                .hasMessageContaining("wsa:ReplyTo").hasMessageContaining("logical address");
        Map<String, String> otherReplyTo = new LinkedHashMap<>(ok);
        otherReplyTo.put("wsa:ReplyTo", "EAEU://RU/RU-RZN/P.MM.03/Authority");
        assertThatThrownBy(() -> sendRaw("kz", otherReplyTo, d)).isInstanceOf(SOAPFaultException.class)
                .hasMessageContaining("wsa:ReplyTo").hasMessageContaining("sender of the request only");

        // nothing of it reached the database: no version, no journal line, no reply queued
        assertThat(versions(name)).isZero();
        assertThat(bean("commission", MessageJournal.class).about(d.getEDocHeader().getEDocId())).isEmpty();
        assertThat(bean("commission", Outbox.class).replies("urn:uuid:" + d.getEDocHeader().getEDocId())).isEmpty();

        // the same headers complete: accepted (HTTP 202), and the answer is queued for KZ's reply port
        sendRaw("kz", ok, d);
        assertThat(versions(name)).isEqualTo(1);
        assertThat(bean("commission", Outbox.class).replies("urn:uuid:" + d.getEDocHeader().getEDocId())).hasSize(3);
    }

    @Test
    @Order(5)
    void aLostAcceptanceSignalLeadsToARetry_andTheRecordIsAppliedOnce() throws Exception {
        // KZ's reply port for the Commission's answers goes away (its HTTP server stays: the request still goes out)
        nodes.context("kz").getBean("commissionEecReply", EndpointImpl.class).stop();
        String name = name();
        AuthorityService.Accepted a;
        try {
            a = bean("kz", AuthorityService.class).submit(include("KZ", name, Instant.now().minus(2, ChronoUnit.DAYS)));
            // no acceptance signal within 2.4 s → the same request (same EDocId, MessageID) is sent again
            await("a retry after the acceptance signal was missed", Duration.ofSeconds(15),
                    () -> row("kz", a.edocId(), "EEC") != null && row("kz", a.edocId(), "EEC").attempts() >= 2);
            assertThat(status("kz", a.edocId(), "EEC")).isIn(OutboxMessage.Status.SENT, OutboxMessage.Status.PENDING);
        } finally {
            var kz = nodes.context("kz");
            Endpoints.publish(kz.getBean(org.apache.cxf.Bus.class), new EecReplyProvider("Commission",
                            kz.getBean(OutboxWorker.class), kz.getBean(ParticipantRegistry.class), kz.getBean(HardenedXml.class),
                            kz.getBean(MessageJournal.class)), Endpoints.COMMISSION_REPLY, kz.getBean(XmlLimits.class),
                    kz.getBean(EndpointSecurity.class), "CommissionEecReply", "/eec/commission-reply");
        }
        await("answered once the reply port is back", Duration.ofSeconds(30),
                () -> status("kz", a.edocId(), "EEC") == OutboxMessage.Status.ANSWERED);
        assertThat(row("kz", a.edocId(), "EEC").answerResultCode()).isEqualTo("INCLUDED");
        assertThat(versions(name)).isEqualTo(1);
        // the repeats were recognised by EDocId and got the original answer; one answer queued, not one per attempt
        assertThat(bean("commission", MessageJournal.class).about(a.edocId())).extracting(JournalEntry::resultCode)
                .contains("INCLUDED", "REPEATED");
        assertThat(bean("commission", Outbox.class).replies("urn:uuid:" + a.edocId())).hasSize(3);
        await("MSG.013 at RU", Duration.ofSeconds(20), () -> notices("ru", "KZ", name) == 1);
    }

    @Test
    @Order(6)
    void duplicatesAreAbsorbed_aRepeatedRequestAndARepeatedAnswer() throws Exception {
        String name = name();
        AuthorityService.Accepted a = bean("kz", AuthorityService.class)
                .submit(include("KZ", name, Instant.now().minus(3, ChronoUnit.DAYS)));
        await("answered", Duration.ofSeconds(20), () -> status("kz", a.edocId(), "EEC") == OutboxMessage.Status.ANSWERED);
        await("MSG.013 at RU", Duration.ofSeconds(20), () -> notices("ru", "KZ", name) == 1);
        OutboxMessage request = row("kz", a.edocId(), "EEC");
        // the request once more (as after a lost HTTP acknowledgement): accepted, not applied again, nothing new queued
        bean("kz", EecDelivery.class).send(request, bean("kz", Partners.class).endpointOf("EEC"));
        assertThat(versions(name)).isEqualTo(1);
        assertThat(bean("commission", Outbox.class).replies("urn:uuid:" + a.edocId())).hasSize(3);
        // the answer once more (as after a lost acknowledgement of the reply port): accepted, no second follow-up
        OutboxMessage answer = bean("commission", Outbox.class).replies("urn:uuid:" + a.edocId()).get(2);
        bean("commission", EecDelivery.class).send(answer, new eaeu.pmm03.server.config.Pmm03Properties.Endpoint(null, "eec",
                "eec-dev-password"));
        Thread.sleep(1000);
        assertThat(bean("kz", Outbox.class).recent(500).stream()
                .filter(m -> m.messageCode().equals("P.MM.03.MSG.013") && a.edocId().equals(m.edocRefId()))).hasSize(1);
        assertThat(notices("ru", "KZ", name)).isEqualTo(1);
        assertThat(row("kz", a.edocId(), "EEC").answeredAt()).isEqualTo(request.answeredAt());
    }

    @Test
    @Order(7)
    void trn009_aPdfTravelsAsMtomOnTheEecPortToo() throws Exception {
        CounterfeitDrugCorrespondenceDetails req = ContractJaxb.fromDom(
                TestDocuments.parse(Samples.byFile("cdr-msg014-request.xml").bytes()), CounterfeitDrugCorrespondenceDetails.class);
        req.getEDocHeader().setEDocId(UUID.randomUUID().toString());
        req.getEDocHeader().setEDocDateTime(Times.now());
        String id = bean("kz", AuthorityService.class)
                .requestInfo("RU-RZN", ContractJaxb.toXml(req, false).getBytes(StandardCharsets.UTF_8)).edocId();
        await("accepted", Duration.ofSeconds(20), () -> state("kz", id) == Conversations.State.ACCEPTED);
        byte[] pdf = AttachmentExchangeTest.pdf(1024 * 1024, 9);
        bean("ru", AuthorityService.class).answerInfo(AttachmentExchangeTest.answer(id, pdf));
        await("KZ received the answer", Duration.ofSeconds(30), () -> state("kz", id) == Conversations.State.ACKNOWLEDGED);
        await("RU got MSG.015", Duration.ofSeconds(20), () -> state("ru", id) == Conversations.State.ACKNOWLEDGED);
        assertThat(java.nio.file.Files.readAllBytes(bean("kz", eaeu.pmm03.server.attachment.AttachmentStore.class)
                .file(AttachmentExchangeTest.sha256(pdf)))).isEqualTo(pdf);
        assertThat(bean("kz", Conversations.class).find(id).orElseThrow().answerXml()).contains("<xop:Include");
    }

    static Conversations.State state(String node, String id) {
        return bean(node, Conversations.class).find(id).map(Conversations.Conversation::state).orElse(null);
    }

    /** A hand-made Eec request to the Commission from an authority's credentials, with exactly these headers. */
    static void sendRaw(String from, Map<String, String> headers, DrugMonitoringDetails d) throws Exception {
        String ns = "urn:pmm03:ws:Commission:v1.0.0";
        Service s = Service.create(new QName(ns, "CommissionService"));
        QName port = new QName(ns, "CommissionEec");
        s.addPort(port, SOAPBinding.SOAP12HTTP_BINDING, nodes.spec("commission").url("/eec/commission"));
        Dispatch<Source> dispatch = s.createDispatch(port, Source.class, Service.Mode.PAYLOAD);
        Document doc = DocumentBuilderFactory.newDefaultNSInstance().newDocumentBuilder().newDocument();
        List<Header> list = new ArrayList<>();
        for (var e : headers.entrySet()) {
            String nsUri = e.getKey().startsWith("wsa:") ? EecDelivery.WSA_NS : EecDelivery.INT_NS;
            Element h = doc.createElementNS(nsUri, e.getKey());
            if (e.getKey().equals("wsa:ReplyTo")) {
                Element addr = doc.createElementNS(EecDelivery.WSA_NS, "wsa:Address");
                addr.setTextContent(e.getValue());
                h.appendChild(addr);
            } else {
                h.setTextContent(e.getValue());
            }
            list.add(new Header(new QName(nsUri, e.getKey().substring(4)), h));
        }
        dispatch.getRequestContext().put(Header.HEADER_LIST, list);
        dispatch.getRequestContext().put("org.apache.cxf.oneway.robust", Boolean.TRUE);
        ClientSecurity.apply(((DispatchImpl<?>) dispatch).getClient(), bean(from, WsSecuritySettings.class), from,
                from + "-dev-password", null, null);
        dispatch.invokeOneWay(new DOMSource(ContractJaxb.toDom(d)));
    }
}
