package eaeu.pmm03.server.security;

import eaeu.pmm03.security.wss.SecurityAudit;
import eaeu.pmm03.security.wss.SecurityRefusal;
import eaeu.pmm03.server.journal.JournalEntry;
import eaeu.pmm03.server.journal.MessageJournal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Writes every message refused by WS-Security (invalid or missing signature, untrusted or expired certificate,
 * replay, stale timestamp, failed authentication) to the message journal, in a transaction of its own.
 */
@Component
public class SecurityJournal implements SecurityAudit {

    private static final Logger log = LoggerFactory.getLogger(SecurityJournal.class);

    private final MessageJournal journal;

    public SecurityJournal(MessageJournal journal) {
        this.journal = journal;
    }

    @Override
    public void refused(SecurityRefusal r) {
        log.warn("refused by WS-Security: {} {} (messages {}, participant {}, credential {}, peer {})",
                r.error().code(), r.detail(), r.messageCodes(), r.participant(), r.credential(), r.peer());
        try {
            journal.recordAlone(JournalEntry.in().message(r.messageCode())
                    .participant(r.participant() != null ? r.participant() : trim(r.credential()))
                    .peer(trim(r.peer())).action(r.action()).messageId(r.messageId()).signed(r.signed())
                    .result(r.error().code(), r.error().text(r.detail())).build());
        } catch (RuntimeException e) {
            // the refusal stands even if the journal cannot be written; the log line above keeps the trace
            log.error("cannot journal a WS-Security refusal", e);
        }
    }

    private static String trim(String s) {
        return s == null || s.length() <= 64 ? s : s.substring(0, 64);
    }
}
