package eaeu.pmm03.server.transport;

import eaeu.pmm03.contract.process.ProcessTable;
import eaeu.pmm03.security.identity.Participant;
import eaeu.pmm03.security.identity.ParticipantRegistry;
import eaeu.pmm03.security.xml.HardenedXml;
import eaeu.pmm03.server.eec.Signals;
import eaeu.pmm03.server.journal.JournalEntry;
import eaeu.pmm03.server.journal.MessageJournal;
import eaeu.pmm03.server.outbox.Delivery;
import eaeu.pmm03.server.outbox.OutboxWorker;
import eaeu.pmm03.server.pipeline.XmlText;
import jakarta.xml.ws.Service;
import jakarta.xml.ws.ServiceMode;
import jakarta.xml.ws.WebServiceProvider;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import javax.xml.transform.Source;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;

/**
 * The initiator's reply ports CommissionEecReply and AuthorityEecReply (decision D-68): the signals and answers of
 * the requests this node sent in the asynchronous mode, each a one-way SOAP 1.2 message correlated by wsa:RelatesTo
 * (= urn:uuid:EDocId of the request), int:ConversationID and the sender, the answer also by its EDocRefId. An
 * answer is recorded and followed up exactly as in the synchronous mode ({@link OutboxWorker#answer}); it is
 * acknowledged (HTTP 202) only once recorded; a repeat is acknowledged again and changes nothing.
 */
@WebServiceProvider(serviceName = "CommissionEecReplyService", portName = "CommissionEecReply",
        targetNamespace = CommissionSyncProvider.NS, wsdlLocation = CommissionSyncProvider.WSDL)
@ServiceMode(Service.Mode.PAYLOAD)
public class EecReplyProvider extends InboundProvider {

    private final String service;
    private final OutboxWorker worker;
    /** answer action → (transaction, message) */
    private final Map<String, String[]> answers = new HashMap<>();

    public EecReplyProvider(String service, OutboxWorker worker, ParticipantRegistry participants, HardenedXml xml,
                            MessageJournal journal) {
        super(participants, xml, journal, null); // signals and answers carry no attachments
        this.service = service;
        this.worker = worker;
        ProcessTable table = ProcessTable.get();
        for (ProcessTable.Transaction t : table.transactions()) {
            if (t.service().equals(service)) {
                for (String r : t.responses()) {
                    answers.put(table.action(t, r), new String[]{t.code(), r});
                }
            }
        }
    }

    @Override
    public Source invoke(Source request) {
        Element body = XmlText.payload(request);
        Map<String, String> h = headers();
        String action = EecHeaders.required(h, "Action");
        Signals.Kind signal = Signals.ofAction(action).orElse(null);
        String[] answer = answers.get(action);
        if (signal == null && answer == null) {
            throw EecHeaders.fault("wsa:Action", "'" + action + "' не является действием порта " + service + "EecReply",
                    "'" + action + "' is not an input action of port " + service + "EecReply; expected a signal ("
                            + Signals.Kind.RECEIPT.action() + ", " + Signals.Kind.ACCEPTANCE.action() + ") or one of "
                            + answers.keySet().stream().sorted().toList());
        }
        EecHeaders.messageId(h, "MessageID");
        String relatesTo = EecHeaders.required(h, "RelatesTo");
        Matcher m = EecHeaders.URN_UUID.matcher(relatesTo);
        if (!m.matches()) {
            throw EecHeaders.fault("wsa:RelatesTo", "должен быть wsa:MessageID запроса (urn:uuid:EDocId)",
                    "must be the request's wsa:MessageID (urn:uuid:<EDocId>), got '" + relatesTo + "'");
        }
        String requestEdocId = m.group(1);
        String conversation = EecHeaders.conversationId(h);
        EecHeaders.procedureId(h);
        Document doc = XmlText.detach(body, xml);
        String text = XmlText.serialize(doc);
        Participant from = sender(signal != null ? signal.code : answer[1], text);
        if (signal != null) {
            if (!worker.signal(requestEdocId, from.id(), conversation, signal.status)) {
                throw unknown(relatesTo, conversation, from);
            }
            journal.recordAlone(JournalEntry.in().message(signal.code).edocId(text(doc, "SignalId")).edocRefId(requestEdocId).participant(from.id()).action(action)
                    .messageId(h.get("MessageID")).relatesTo(relatesTo).conversationId(conversation)
                    .procedureId(h.get("ProcedureID")).result(signal.status.name(), null)
                    .content(XmlText.sha256(text), text).build());
            return null;
        }
        String code = text(doc, "InfEnvelopeCode");
        if (!answer[1].equals(code)) {
            throw EecHeaders.fault("EDocHeader/InfEnvelopeCode", "не соответствует wsa:Action",
                    "'" + code + "' does not match wsa:Action " + action + " (" + answer[1] + ")");
        }
        String ref = text(doc, "EDocRefId");
        if (!requestEdocId.equalsIgnoreCase(ref == null ? "" : ref)) {
            throw EecHeaders.fault("EDocHeader/EDocRefId", "должен быть равен EDocId запроса из wsa:RelatesTo",
                    "must equal the request's EDocId " + requestEdocId + " (wsa:RelatesTo), got '" + ref + "'");
        }
        Delivery.Answer a = new Delivery.Answer(code, text(doc, "ProcessingResultV2Code"), text(doc, "DescriptionText"), text);
        switch (worker.answer(requestEdocId, from.id(), conversation, answer[0], a)) {
            case UNKNOWN_REQUEST, OTHER_CONVERSATION -> throw unknown(relatesTo, conversation, from);
            case OTHER_TRANSACTION -> throw EecHeaders.fault("wsa:Action", "запрос относится к другой транзакции",
                    "the request " + relatesTo + " belongs to another transaction than " + answer[0]);
            default -> { }
        }
        return null;
    }

    private static org.apache.cxf.binding.soap.SoapFault unknown(String relatesTo, String conversation, Participant from) {
        return EecHeaders.fault("wsa:RelatesTo", "этот узел не направлял " + from.id() + " запрос " + relatesTo
                        + " в транзакции " + conversation,
                "this node sent no request " + relatesTo + " to " + from.id() + " in conversation (int:ConversationID) "
                        + conversation);
    }

    private static String text(Document d, String local) {
        var l = d.getElementsByTagNameNS("*", local);
        return l.getLength() == 0 ? null : l.item(0).getTextContent().trim();
    }
}
