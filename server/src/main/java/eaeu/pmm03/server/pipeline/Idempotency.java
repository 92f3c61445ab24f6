package eaeu.pmm03.server.pipeline;

import eaeu.pmm03.server.journal.MessageJournal;
import eaeu.pmm03.server.journal.ProcessedDocuments;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * Stage between header and authorization: a document already processed (same EDocId) is not processed again.
 * Same content → the stored answer (empty string for a one-way message); other content → ERR_DUPLICATE_ID.
 */
@Component
public class Idempotency {

    private final ProcessedDocuments processed;
    private final MessageJournal journal;

    public Idempotency(ProcessedDocuments processed, MessageJournal journal) {
        this.processed = processed;
        this.journal = journal;
    }

    public Optional<String> previousAnswer(Inbound in) {
        return processed.find(in.edocId()).map(p -> {
            if (!p.contentSha256().equals(in.sha256()) || !p.messageCode().equals(in.messageCode())) {
                throw new Rejection("ERR_DUPLICATE_ID", null, "/" + in.rootName() + "/EDocHeader/EDocId",
                        "документ с EDocId " + in.edocId() + " уже обработан и имеет другое содержание",
                        "a document with EDocId " + in.edocId() + " was already processed with different content");
            }
            journal.recordAlone(in.journalLine().result("REPEATED", "repeated document: the original answer is given again")
                    .content(in.sha256(), null).build());
            return p.responseXml();
        });
    }

    /** Remembers the document and its answer; must run in the transaction that applies the document. */
    public void remember(Inbound in, String answerMessageCode, String answerXml) {
        processed.store(new ProcessedDocuments.Processed(in.edocId(), in.messageCode(), in.sender().id(), in.sha256(),
                answerMessageCode == null ? "" : answerMessageCode, answerXml == null ? "" : answerXml,
                java.time.Instant.now()));
        AnswerInTransaction.answered(answerXml); // D-123: its signals and answer in this same transaction
    }
}
