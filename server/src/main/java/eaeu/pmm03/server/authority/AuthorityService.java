package eaeu.pmm03.server.authority;

import eaeu.pmm03.contract.ccdo.EDocHeaderType;
import eaeu.pmm03.contract.counterfeitdrug.CounterfeitDrugCorrespondenceDetails;
import eaeu.pmm03.contract.drugmonitoring.DrugMonitoringDetails;
import eaeu.pmm03.contract.hccdo.DrugMonitoringItemDetailsType;
import eaeu.pmm03.contract.process.ProcessTable;
import eaeu.pmm03.contract.processingresult.ProcessingResultDetails;
import eaeu.pmm03.contract.xml.ContractJaxb;
import eaeu.pmm03.security.xml.HardenedXml;
import eaeu.pmm03.server.commission.Documents;
import eaeu.pmm03.server.journal.JournalEntry;
import eaeu.pmm03.server.attachment.AttachmentStore;
import eaeu.pmm03.server.attachment.XopForm;
import eaeu.pmm03.server.journal.MessageJournal;
import eaeu.pmm03.server.outbox.AnswerHandler;
import eaeu.pmm03.server.outbox.Delivery;
import eaeu.pmm03.server.outbox.Outbox;
import eaeu.pmm03.server.outbox.OutboxMessage;
import eaeu.pmm03.server.pipeline.HeaderStage;
import eaeu.pmm03.server.pipeline.Idempotency;
import eaeu.pmm03.server.pipeline.Inbound;
import eaeu.pmm03.server.pipeline.Rejection;
import eaeu.pmm03.server.pipeline.RulesStage;
import eaeu.pmm03.server.pipeline.SchemaStage;
import eaeu.pmm03.server.pipeline.XmlInputCheck;
import eaeu.pmm03.server.pipeline.XmlText;
import eaeu.pmm03.server.registry.Utc;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import org.w3c.dom.Document;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * The authority node: submissions to the Commission (TRN.001–003) through the outbox, notifications of the other
 * authorities after an inclusion (TRN.007, MSG.013 to every peer), and the additional-information conversations
 * (TRN.008/009) in both directions.
 */
public class AuthorityService implements AnswerHandler {

    private static final Logger log = LoggerFactory.getLogger(AuthorityService.class);
    private static final ProcessTable TABLE = ProcessTable.get();
    static final String MSG_NOTIFY = "P.MM.03.MSG.013";
    static final String MSG_REQUEST = "P.MM.03.MSG.014";
    static final String MSG_ACK = "P.MM.03.MSG.015";
    static final String MSG_ANSWER = "P.MM.03.MSG.016";
    /** The one success code of MSG.015: both operations answer «соответствующим получению сведений» (D-142). */
    static final String RECEIVED = "RECEIVED";

    private final Partners partners;
    private final Outbox outbox;
    private final Conversations conversations;
    private final SchemaStage schema;
    private final HeaderStage header;
    private final RulesStage rules;
    private final Idempotency idempotency;
    private final MessageJournal journal;
    private final TransactionTemplate tx;
    private final JdbcTemplate jdbc;
    private final HardenedXml xml;

    private final AttachmentStore attachments;

    public AuthorityService(Partners partners, Outbox outbox, Conversations conversations, SchemaStage schema,
                            HeaderStage header, RulesStage rules, Idempotency idempotency, MessageJournal journal,
                            TransactionTemplate tx, JdbcTemplate jdbc, HardenedXml xml, AttachmentStore attachments) {
        this.attachments = attachments;
        this.partners = partners;
        this.outbox = outbox;
        this.conversations = conversations;
        this.schema = schema;
        this.header = header;
        this.rules = rules;
        this.idempotency = idempotency;
        this.journal = journal;
        this.tx = tx;
        this.jdbc = jdbc;
        this.xml = xml;
    }

    public Partners partners() {
        return partners;
    }

    // ---- outgoing: the operator's intents ---------------------------------------------------------------------

    /** A receipt of an intent: the outbox row(s) and the identifiers to follow them by. */
    public record Accepted(String edocId, String conversationId, String procedureId) {}

    /**
     * MSG.001/002/003 to the Commission: checked here against schema, header and own country (so the operator
     * learns at once), then written to the outbox in one transaction; the worker delivers it.
     */
    public Accepted submit(byte[] document) {
        Document doc = parse(document);
        String code = infEnvelopeCode(doc);
        ProcessTable.Transaction t = TABLE.transactionOfRequest(code);
        if (!t.service().equals("Commission")) {
            throw new Rejection("ERR_HEADER", null, "/" + doc.getDocumentElement().getLocalName() + "/EDocHeader/InfEnvelopeCode",
                    code + " не направляется Комиссии", code + " is not sent to the Commission");
        }
        schema.validate(doc, TABLE.message(code).structure());
        DrugMonitoringDetails d = ContractJaxb.fromDom(doc, DrugMonitoringDetails.class);
        header.check(code, doc.getDocumentElement().getLocalName(), d.getEDocHeader());
        eaeu.pmm03.server.pipeline.DateRange.check(d);
        for (DrugMonitoringItemDetailsType item : d.getDrugMonitoringItemDetails()) {
            if (!partners.self().mayWriteCountry(item.getUnifiedCountryCode().getValue())) {
                throw new Rejection("ERR_NOT_AUTHORIZED", null, "/DrugMonitoringDetails/DrugMonitoringItemDetails/UnifiedCountryCode",
                        "этот узел представляет " + partners.self().country(),
                        "this node speaks for " + partners.self().country() + ", not " + item.getUnifiedCountryCode().getValue());
            }
        }
        return enqueue(t, code, d.getEDocHeader(), partners.commissionId(), partners.commission().url(),
                XmlText.serialize(doc), UUID.randomUUID().toString());
    }

    /** MSG.014 to a peer (TRN.008): starts a conversation on the requester's side. */
    public Accepted requestInfo(String peer, byte[] document) {
        Document doc = checkedCorrespondence(document, MSG_REQUEST);
        CounterfeitDrugCorrespondenceDetails d = ContractJaxb.fromDom(XopForm.resolvedView(doc),
                CounterfeitDrugCorrespondenceDetails.class);
        rules.check(MSG_REQUEST, d, eaeu.pmm03.server.rules.RegistryView.EMPTY);
        String url = partners.peer(peer).url();
        XopForm.internalize(doc, cid -> null, attachments);
        String text = XmlText.serialize(doc);
        return tx.execute(s -> {
            conversations.start(d.getEDocHeader().getEDocId(), Conversations.Side.REQUESTER, peer,
                    Conversations.State.REQUESTED, d.getOfficialDocDetails() == null ? null : d.getOfficialDocDetails().getDocId(), text);
            return enqueueInTx(TABLE.transactionOfRequest(MSG_REQUEST), MSG_REQUEST, d.getEDocHeader(), peer, url, text,
                    UUID.randomUUID().toString());
        });
    }

    /** MSG.016 to the requester (TRN.009): answers a conversation this node accepted. */
    public Accepted answerInfo(byte[] document) {
        return answerInfo(document, cid -> null);
    }

    /**
     * The operator's answer MSG.016 (TRN.009). PDFs come inline (base64) or, for big ones, as uploaded parts that
     * the document's PdfBinaryText refers to with {@code <xop:Include href="cid:<part name>"/>}; either way they
     * are streamed into the attachment store (limit pmm03.attachments.max-size) and sent as MTOM.
     */
    public Accepted answerInfo(byte[] document, java.util.function.Function<String, jakarta.activation.DataHandler> parts) {
        Document doc = checkedCorrespondence(document, MSG_ANSWER);
        CounterfeitDrugCorrespondenceDetails d = ContractJaxb.fromDom(XopForm.resolvedView(doc),
                CounterfeitDrugCorrespondenceDetails.class);
        rules.check(MSG_ANSWER, d, eaeu.pmm03.server.rules.RegistryView.EMPTY);
        String ref = d.getEDocHeader().getEDocRefId();
        Conversations.Conversation c = ref == null ? null : conversations.find(ref).orElse(null);
        if (c == null || c.side() != Conversations.Side.RESPONDER || c.state() != Conversations.State.ACCEPTED) {
            throw new Rejection("ERR_HEADER", null, "/CounterfeitDrugCorrespondenceDetails/EDocHeader/EDocRefId",
                    "EDocRefId должен ссылаться на принятый запрос дополнительных сведений (MSG.014)",
                    "EDocRefId must name an accepted request for additional information (MSG.014), got " + ref);
        }
        // PDFs go to the attachment store; the document is kept, queued and sent in its XOP form
        XopForm.internalize(doc, parts, attachments);
        String text = XmlText.serialize(doc);
        return tx.execute(s -> {
            conversations.answered(c.id(), Conversations.State.ANSWERED, d.getEDocHeader().getEDocId(), text);
            return enqueueInTx(TABLE.transactionOfRequest(MSG_ANSWER), MSG_ANSWER, d.getEDocHeader(), c.peer(),
                    partners.peer(c.peer()).url(), text, UUID.randomUUID().toString());
        });
    }

    private Document checkedCorrespondence(byte[] document, String expected) {
        Document doc = parse(document);
        schema.validate(doc, TABLE.message(expected).structure());
        CounterfeitDrugCorrespondenceDetails d = ContractJaxb.fromDom(XopForm.resolvedView(doc),
                CounterfeitDrugCorrespondenceDetails.class);
        header.check(expected, doc.getDocumentElement().getLocalName(), d.getEDocHeader());
        return doc;
    }

    private Accepted enqueue(ProcessTable.Transaction t, String code, EDocHeaderType h, String target, String url,
                             String text, String procedureId) {
        return tx.execute(s -> enqueueInTx(t, code, h, target, url, text, procedureId));
    }

    private Accepted enqueueInTx(ProcessTable.Transaction t, String code, EDocHeaderType h, String target, String url,
                                 String text, String procedureId) {
        String conversation = UUID.randomUUID().toString();
        outbox.enqueue(new OutboxMessage.New(t.code(), code, h.getEDocId(), h.getEDocRefId(), target, url, text,
                conversation, procedureId));
        journal.record(JournalEntry.out().message(code).edocId(h.getEDocId()).edocRefId(h.getEDocRefId())
                .participant(partners.self().id()).peer(target).conversationId(conversation).procedureId(procedureId)
                .result("QUEUED", null).content(XmlText.sha256(text), text).build());
        return new Accepted(h.getEDocId(), conversation, procedureId);
    }

    // ---- answers to what this node sent (runs in the outbox worker's transaction) -----------------------------

    @Override
    public boolean handles(String transactionCode) {
        return true;
    }

    @Override
    public void onAnswer(OutboxMessage sent, Delivery.Answer a, OutboxMessage.Status status) {
        journal.record(JournalEntry.in().message(a == null ? null : a.messageCode()).edocRefId(sent.edocId())
                .participant(sent.target()).conversationId(sent.conversationId()).procedureId(sent.procedureId())
                .result(a == null ? status.name() : a.resultCode(), a == null ? null : a.text())
                .content(a == null || a.xml() == null ? null : XmlText.sha256(a.xml()), a == null ? null : a.xml()).build());
        if (a == null || status != OutboxMessage.Status.ANSWERED) {
            return;
        }
        switch (sent.transactionCode()) {
            case "P.MM.03.TRN.001" -> {
                if ("INCLUDED".equals(a.resultCode())) {
                    notifyPeers(sent, a);
                }
            }
            case "P.MM.03.TRN.008" -> {
                if (RECEIVED.equals(a.resultCode())) {
                    conversations.find(sent.edocId()).filter(c -> c.state() == Conversations.State.REQUESTED)
                            .ifPresent(c -> conversations.advance(c.id(), Conversations.State.ACCEPTED));
                }
            }
            case "P.MM.03.TRN.009" -> {
                if (RECEIVED.equals(a.resultCode()) && sent.edocRefId() != null) {
                    conversations.advance(sent.edocRefId(), Conversations.State.ACKNOWLEDGED);
                }
            }
            default -> { }
        }
    }

    /** TRN.007: the Commission confirmed an inclusion → MSG.013 to every other authority, tracked per peer. */
    private void notifyPeers(OutboxMessage included, Delivery.Answer answer) {
        DrugMonitoringDetails d = ContractJaxb.fromDom(parse(included.document().getBytes(StandardCharsets.UTF_8)),
                DrugMonitoringDetails.class);
        EDocHeaderType h = Documents.header(MSG_NOTIFY, included.edocId());
        d.setEDocHeader(h);
        String text = ContractJaxb.toXml(d, false);
        ProcessTable.Transaction t = TABLE.transactionOfRequest(MSG_NOTIFY);
        String procedure = UUID.randomUUID().toString();
        for (var peer : partners.peers()) {
            outbox.enqueue(new OutboxMessage.New(t.code(), MSG_NOTIFY, h.getEDocId(), h.getEDocRefId(), peer.participant(),
                    peer.url(), text, UUID.randomUUID().toString(), procedure));
        }
        log.info("inclusion {} confirmed ({}); MSG.013 {} queued for {} peers", included.edocId(), answer.resultCode(),
                h.getEDocId(), partners.peers().size());
    }

    // ---- incoming from peers ------------------------------------------------------------------------------------

    /**
     * MSG.013 (one-way): stored once; a retry with the same EDocId is accepted again without a second copy. As on
     * the Commission (D-51, D-130): authorization first, then the EDocId is claimed, so concurrent copies are
     * stored once and each gets the first copy's outcome.
     */
    public void notification(Inbound in) {
        schema.validate(in.document(), TABLE.message(MSG_NOTIFY).structure());
        DrugMonitoringDetails d = ContractJaxb.fromDom(in.document(), DrugMonitoringDetails.class);
        header.check(MSG_NOTIFY, in.rootName(), d.getEDocHeader());
        authorizePeer(in);
        for (DrugMonitoringItemDetailsType item : d.getDrugMonitoringItemDetails()) {
            if (!in.sender().mayWriteCountry(item.getUnifiedCountryCode().getValue())) {
                throw new Rejection("ERR_NOT_AUTHORIZED", null, "/DrugMonitoringDetails/DrugMonitoringItemDetails/UnifiedCountryCode",
                        "уведомлять о записях страны " + item.getUnifiedCountryCode().getValue() + " может только её орган",
                        "only the authority of " + item.getUnifiedCountryCode().getValue() + " notifies its records");
            }
        }
        DrugMonitoringItemDetailsType first = d.getDrugMonitoringItemDetails().get(0);
        once(in, claim -> {
            tx.executeWithoutResult(s -> {
                jdbc.update("INSERT INTO inclusion_notice (edoc_id, sender, country, trade_name, document, received_at)"
                                + " VALUES (?,?,?,?,?,?)", in.edocId(), in.sender().id(), first.getUnifiedCountryCode().getValue(),
                        first.getDrugMonitoringDetails().get(0).getDrugTradeName(), in.xml(), Utc.db(Instant.now()));
                idempotency.complete(claim, null, null);
                journal.record(in.journalLine().result("STORED", null).build());
            });
            return null;
        });
    }

    /**
     * MSG.014 → MSG.015 (TRN.008): a conversation on the responder's side. The MSG.015 says RECEIVED, or carries the
     * error code of a refusal (P.EXC.004 for the initiator, as MSG.004 does for TRN.001–003; D-142).
     */
    public ProcessingResultDetails infoRequest(Inbound in) {
        try {
            CounterfeitDrugCorrespondenceDetails d = checkedInbound(in, MSG_REQUEST);
            authorizePeer(in);
            return once(in, claim -> {
            rules.check(MSG_REQUEST, d, eaeu.pmm03.server.rules.RegistryView.EMPTY);
            rules.checkCodes(in.document());
            ProcessingResultDetails ack = Documents.result(MSG_ACK, in.edocId(), null, RECEIVED, Documents.describe(RECEIVED));
            String ackXml = ContractJaxb.toXml(ack, false);
            tx.executeWithoutResult(s -> {
                conversations.start(in.edocId(), Conversations.Side.RESPONDER, in.sender().id(), Conversations.State.ACCEPTED,
                        d.getOfficialDocDetails() == null ? null : d.getOfficialDocDetails().getDocId(), in.xml());
                idempotency.complete(claim, MSG_ACK, ackXml);
                journal.record(in.journalLine().result(RECEIVED, null).build());
            });
            return ack;
            });
        } catch (Rejection r) {
            return refuse(in, r);
        }
    }

    /** MSG.016 → MSG.015 (TRN.009): the answer to a request this node made; RECEIVED, or the refusal's code (D-142). */
    public ProcessingResultDetails infoAnswer(Inbound in) {
        try {
            CounterfeitDrugCorrespondenceDetails d = checkedInbound(in, MSG_ANSWER);
            authorizePeer(in);
            return once(in, claim -> {
            rules.check(MSG_ANSWER, d, eaeu.pmm03.server.rules.RegistryView.EMPTY);
            rules.checkCodes(in.document());
            String ref = d.getEDocHeader().getEDocRefId();
            Conversations.Conversation c = ref == null ? null : conversations.find(ref).orElse(null);
            if (c == null || c.side() != Conversations.Side.REQUESTER || !c.peer().equals(in.sender().id())) {
                throw new Rejection("ERR_HEADER", null, "/CounterfeitDrugCorrespondenceDetails/EDocHeader/EDocRefId",
                        "нет запроса дополнительных сведений с EDocId " + ref + ", направленного этому органу",
                        "no request for additional information " + ref + " was sent to " + in.sender().id());
            }
            ProcessingResultDetails ack = Documents.result(MSG_ACK, in.edocId(), null, RECEIVED, Documents.describe(RECEIVED));
            String ackXml = ContractJaxb.toXml(ack, false);
            tx.executeWithoutResult(s -> {
                conversations.answered(c.id(), Conversations.State.ACKNOWLEDGED, in.edocId(), in.xml());
                idempotency.complete(claim, MSG_ACK, ackXml);
                journal.record(in.journalLine().result(RECEIVED, null).build());
            });
            return ack;
            });
        } catch (Rejection r) {
            return refuse(in, r);
        }
    }

    /** A refused MSG.014/016 is answered with a MSG.015 carrying the error code and the reason (D-142), journaled. */
    private ProcessingResultDetails refuse(Inbound in, Rejection r) {
        ProcessingResultDetails answer = Documents.refusal(MSG_ACK, in.edocId(), r.resultCode(), r.description());
        String xml = ContractJaxb.toXml(answer, false);
        journal.recordAlone(in.journalLine().result(r.resultCode(), r.description()).build());
        Inbound.Envelope e = in.envelope();
        journal.recordAlone(JournalEntry.out().message(MSG_ACK).edocId(answer.getEDocHeader().getEDocId())
                .edocRefId(in.edocId()).peer(in.sender().id()).conversationId(e.conversationId())
                .procedureId(e.procedureId()).result(r.resultCode(), null).content(XmlText.sha256(xml), xml).build());
        log.info("refused {} {} from {}: {}", in.messageCode(), in.edocId(), in.sender().id(), r.getMessage());
        return answer;
    }

    /**
     * Processes an inbound document once per EDocId and sender (D-130): claims it, runs {@code work} (which
     * completes the claim in the transaction of its writes), and gives the stored answer to a repeated copy. A
     * refusal or a failure releases the claim.
     */
    private ProcessingResultDetails once(Inbound in,
                                         java.util.function.Function<Idempotency.Claim, ProcessingResultDetails> work) {
        Idempotency.Claim claim = idempotency.claim(in);
        if (claim.repeated()) {
            return claim.answer().isEmpty() ? null
                    : ContractJaxb.fromDom(parse(claim.answer().getBytes(StandardCharsets.UTF_8)), ProcessingResultDetails.class);
        }
        try {
            return work.apply(claim);
        } catch (RuntimeException e) {
            idempotency.release(claim);
            throw e;
        }
    }

    private CounterfeitDrugCorrespondenceDetails checkedInbound(Inbound in, String code) {
        schema.validate(in.document(), TABLE.message(code).structure());
        CounterfeitDrugCorrespondenceDetails d = ContractJaxb.fromDom(XopForm.resolvedView(in.document()),
                CounterfeitDrugCorrespondenceDetails.class);
        header.check(code, in.rootName(), d.getEDocHeader());
        return d;
    }

    private void authorizePeer(Inbound in) {
        if (!in.sender().isAuthority() || in.sender().id().equals(partners.self().id())) {
            throw new Rejection("ERR_NOT_AUTHORIZED", null, null,
                    "сообщения между уполномоченными органами принимаются только от других уполномоченных органов",
                    "messages between authorities are accepted only from other authorities");
        }
    }

    private Document parse(byte[] document) {
        XmlInputCheck.check(document); // XML 1.0, UTF-8/16, XML 1.0 characters only (D-100)
        try {
            return xml.parse(new ByteArrayInputStream(document));
        } catch (Exception e) {
            throw new Rejection("ERR_SCHEMA", null, null, "документ не является корректным XML: " + e.getMessage(),
                    "the document is not well-formed XML: " + e.getMessage());
        }
    }

    private static String infEnvelopeCode(Document doc) {
        var l = doc.getElementsByTagNameNS("*", "InfEnvelopeCode");
        if (l.getLength() == 0) {
            throw new Rejection("ERR_HEADER", null, null, "нет кода сообщения (InfEnvelopeCode)", "no InfEnvelopeCode");
        }
        return l.item(0).getTextContent().trim();
    }

}
