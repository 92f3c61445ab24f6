package eaeu.pmm03.server.transport;

import eaeu.pmm03.contract.process.ProcessTable;
import eaeu.pmm03.security.identity.ParticipantRegistry;
import eaeu.pmm03.security.xml.HardenedXml;
import eaeu.pmm03.server.attachment.AttachmentStore;
import eaeu.pmm03.server.authority.AuthorityService;
import eaeu.pmm03.server.commission.CommissionService;
import eaeu.pmm03.server.eec.EecReplies;
import eaeu.pmm03.server.journal.MessageJournal;
import eaeu.pmm03.server.pipeline.AnswerInTransaction;
import eaeu.pmm03.server.pipeline.Inbound;
import eaeu.pmm03.server.pipeline.XmlText;
import jakarta.xml.ws.Service;
import jakarta.xml.ws.ServiceMode;
import jakarta.xml.ws.WebServiceProvider;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.w3c.dom.Element;

import javax.xml.transform.Source;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The integrated-system ports CommissionEec and AuthorityEec (decisions D-20, D-65): SOAP 1.2, the EEC document is
 * the Body's only child, the transaction is chosen by wsa:Action, every message is one-way. The request is
 * processed by the same service code as on the synchronous ports ({@link ServiceCalls}); its signals and answer are
 * queued in the outbox for wsa:ReplyTo ({@link EecReplies}) before the request is acknowledged with HTTP 202
 * (robust one-way), so an acknowledged request is never lost and its answer arrives.
 */
@WebServiceProvider(serviceName = "CommissionService", portName = "CommissionEec",
        targetNamespace = CommissionSyncProvider.NS, wsdlLocation = CommissionSyncProvider.WSDL)
@ServiceMode(Service.Mode.PAYLOAD)
public class EecProvider extends InboundProvider {

    private final String service;
    private final String self;
    private final Map<String, ProcessTable.Transaction> byAction;
    private final ServiceCalls calls;
    private final EecReplies replies;

    private EecProvider(String service, String self, ServiceCalls calls, EecReplies replies,
                        ParticipantRegistry participants, HardenedXml xml, MessageJournal journal,
                        AttachmentStore attachments) {
        super(participants, xml, journal, attachments);
        ProcessTable table = ProcessTable.get();
        this.service = service;
        this.self = self;
        this.byAction = table.transactions().stream().filter(t -> t.service().equals(service))
                .collect(Collectors.toMap(t -> table.action(t, t.request()), Function.identity()));
        this.calls = calls;
        this.replies = replies;
    }

    /** The CommissionEec port; {@code self} is the Commission's participant id. */
    public static EecProvider commission(CommissionService commission, String self, EecReplies replies,
                                         ParticipantRegistry participants, HardenedXml xml, MessageJournal journal,
                                         AttachmentStore attachments) {
        return new EecProvider("Commission", self, ServiceCalls.commission(commission), replies, participants, xml, journal,
                attachments);
    }

    /** The AuthorityEec port; {@code self} is this authority's participant id. */
    public static EecProvider authority(AuthorityService authority, String self, EecReplies replies,
                                        ParticipantRegistry participants, HardenedXml xml, MessageJournal journal,
                                        AttachmentStore attachments) {
        return new EecProvider("Authority", self, ServiceCalls.authority(authority), replies, participants, xml, journal,
                attachments);
    }

    @Override
    public Source invoke(Source request) {
        Element body = XmlText.payload(request);
        Map<String, String> h = headers();
        String action = EecHeaders.required(h, "Action");
        ProcessTable.Transaction t = byAction.get(action);
        if (t == null) {
            throw EecHeaders.fault("wsa:Action", "'" + action + "' не является входящим действием порта " + service + "Eec",
                    "'" + action + "' is not an input action of port " + service + "Eec; expected one of "
                            + byAction.keySet().stream().sorted().toList());
        }
        EecHeaders.messageId(h, "MessageID");
        EecHeaders.conversationId(h);
        EecHeaders.procedureId(h);
        String replyTo = t.oneWay() ? null : EecHeaders.required(h, "ReplyTo");
        EecHeaders.to(h, replies.directory().logicalAddress(self));
        Inbound in = inbound(t, body);
        String replyUrl = t.oneWay() ? null
                : process(t, in, () -> replies.directory().resolveReplyTo(replyTo, in.sender(), service));
        if (t.oneWay()) {
            process(t, in, () -> calls.call(t, in));
            return null;
        }
        // D-123: the signals and the answer are queued in the transaction that applies the request; only what
        // applied nothing (a refusal, a repeat) queues them afterwards, as there is nothing to lose in between
        java.util.concurrent.atomic.AtomicBoolean queued = new java.util.concurrent.atomic.AtomicBoolean();
        ServiceCalls.Reply reply = process(t, in, () -> AnswerInTransaction.bind(answerXml -> {
            replies.queue(t, in, replyUrl, parse(answerXml));
            // counts only if that transaction commits: one rolled back (a lost race turned into a refusal) leaves
            // the refusal to be queued below
            if (TransactionSynchronizationManager.isSynchronizationActive()) {
                TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public void afterCompletion(int status) {
                        queued.set(status == STATUS_COMMITTED);
                    }
                });
            } else {
                queued.set(true);
            }
        }, () -> calls.call(t, in)));
        if (!queued.get()) {
            process(t, in, () -> {
                replies.queue(t, in, replyUrl, reply.bare());
                return null;
            });
        }
        return null;
    }

    private org.w3c.dom.Document parse(String answerXml) {
        try {
            return xml.parse(new java.io.ByteArrayInputStream(answerXml.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (org.xml.sax.SAXException | java.io.IOException e) {
            throw new IllegalStateException("the service's own answer could not be read again", e);
        }
    }
}
