package eaeu.pmm03.server.eec;

import eaeu.pmm03.contract.process.ProcessTable;
import eaeu.pmm03.security.xml.HardenedXml;
import eaeu.pmm03.server.journal.JournalEntry;
import eaeu.pmm03.server.journal.MessageJournal;
import eaeu.pmm03.server.outbox.Outbox;
import eaeu.pmm03.server.outbox.OutboxMessage;
import eaeu.pmm03.server.pipeline.Inbound;
import eaeu.pmm03.server.pipeline.XmlText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;
import org.w3c.dom.Document;

/**
 * The respondent's side of the asynchronous mode (decision D-68): once a request on an Eec port is processed, its
 * receipt signal, acceptance signal and answer are written to the outbox in one transaction, before the request is
 * acknowledged (HTTP 202), and the outbox worker delivers them to the initiator's reply port with the
 * transaction's retries. A repeated request (same wsa:MessageID from the same initiator) queues nothing new: what
 * was queued the first time and is not delivered yet is made due at once.
 */
public class EecReplies {

    private static final Logger log = LoggerFactory.getLogger(EecReplies.class);

    private final ProcessTable table = ProcessTable.get();
    private final Outbox outbox;
    private final EecDirectory directory;
    private final TransactionTemplate tx;
    private final HardenedXml xml;
    private final MessageJournal journal;

    public EecReplies(Outbox outbox, EecDirectory directory, TransactionTemplate tx, HardenedXml xml,
                      MessageJournal journal) {
        this.outbox = outbox;
        this.directory = directory;
        this.tx = tx;
        this.xml = xml;
        this.journal = journal;
    }

    public EecDirectory directory() {
        return directory;
    }

    /** Queues the signals and the answer of a processed request for {@code replyUrl}. */
    public void queue(ProcessTable.Transaction t, Inbound in, String replyUrl, Document answer) {
        String messageId = in.envelope().messageId();
        String initiator = in.sender().id();
        if (outbox.rearmReplies(messageId, initiator) > 0) {
            log.info("{} {} from {} repeated (MessageID {}): its signals and answer are (re)sent", in.messageCode(),
                    in.edocId(), initiator, messageId);
            return;
        }
        String answerXml = XmlText.serialize(answer);
        String answerCode = text(answer, "InfEnvelopeCode");
        String answerId = text(answer, "EDocId");
        String conversation = in.envelope().conversationId();
        String procedure = in.envelope().procedureId();
        tx.executeWithoutResult(s -> {
            for (Signals.Kind k : Signals.Kind.values()) {
                String id = Signals.id(k, messageId);
                String signal = Signals.document(k, id, messageId, in.edocId(), xml);
                outbox.enqueue(new OutboxMessage.New(t.code(), k.code, id, in.edocId(), initiator, replyUrl, signal,
                        conversation, procedure, messageId, k.action()));
                // the answer's own out line is the service's; the signals are this exchange's own messages
                journal.record(JournalEntry.out().message(k.code).edocId(id).edocRefId(in.edocId()).participant(initiator)
                        .action(k.action()).relatesTo(messageId).conversationId(conversation).procedureId(procedure)
                        .result("QUEUED", null).content(XmlText.sha256(signal), signal).build());
            }
            outbox.enqueue(new OutboxMessage.New(t.code(), answerCode, answerId, in.edocId(), initiator, replyUrl,
                    answerXml, conversation, procedure, messageId, table.action(t, answerCode)));
        });
    }

    private static String text(Document d, String local) {
        var l = d.getElementsByTagNameNS("*", local);
        return l.getLength() == 0 ? null : l.item(0).getTextContent().trim();
    }
}
