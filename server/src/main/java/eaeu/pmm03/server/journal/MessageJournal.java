package eaeu.pmm03.server.journal;

import eaeu.pmm03.server.registry.Utc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.util.List;

/**
 * The audit trail: every inbound and outbound message. A rejected message writes its journal line in a
 * transaction of its own, so the line survives while the unified database stays untouched.
 */
@Service
public class MessageJournal {

    private final JdbcTemplate jdbc;
    private final eaeu.pmm03.server.ops.NodeMetrics metrics;

    public MessageJournal(JdbcTemplate jdbc, eaeu.pmm03.server.ops.NodeMetrics metrics) {
        this.jdbc = jdbc;
        this.metrics = metrics;
    }

    /**
     * Writes within the caller's transaction (an accepted message: journal and effects commit together); several
     * lines (the message and its answer) go as one batch, in this order.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void record(JournalEntry... e) {
        insert(e);
    }

    /** Writes in a transaction of its own (a refused or failed message, a query); several lines as one batch. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void recordAlone(JournalEntry... e) {
        insert(e);
    }

    private static final String INSERT = "INSERT INTO message_journal (direction, message_code, edoc_id, edoc_ref_id,"
            + " participant, peer, action, message_id, relates_to, conversation_id, procedure_id, at, result_code,"
            + " result_text, signed, content_sha256, document) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";

    private void insert(JournalEntry... entries) {
        if (entries.length == 1) {
            jdbc.update(INSERT, row(entries[0]));
        } else {
            List<Object[]> rows = new java.util.ArrayList<>(entries.length);
            for (JournalEntry e : entries) {
                rows.add(row(e));
            }
            jdbc.batchUpdate(INSERT, rows);
        }
        for (JournalEntry e : entries) {
            metrics.message(e.direction().name(), e.messageCode(), e.resultCode());
        }
    }

    private static Object[] row(JournalEntry e) {
        return new Object[] {e.direction().name(), e.messageCode(), trim(e.edocId(), 64), trim(e.edocRefId(), 64),
                e.participant(), e.peer(), trim(e.action(), 200), trim(e.messageId(), 200), trim(e.relatesTo(), 200),
                trim(e.conversationId(), 64), trim(e.procedureId(), 400), Utc.db(e.at()), e.resultCode(),
                e.resultText(), e.signed(), e.contentSha256(), e.document()};
    }

    private static String trim(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    /** Lines about one document: the message with that EDocId and the answers that refer to it. */
    @Transactional(readOnly = true)
    public List<JournalEntry> about(String edocId) {
        return jdbc.query("SELECT direction, message_code, edoc_id, edoc_ref_id, participant, peer, action, message_id,"
                        + " relates_to, conversation_id, procedure_id, at, result_code, result_text, signed,"
                        + " content_sha256, document FROM message_journal WHERE edoc_id = ? OR edoc_ref_id = ? ORDER BY id",
                (rs, n) -> new JournalEntry(JournalEntry.Direction.valueOf(rs.getString(1)), rs.getString(2),
                        rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
                        rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11),
                        Utc.instant(rs.getObject(12, java.time.LocalDateTime.class)), rs.getString(13),
                        rs.getString(14), rs.getBoolean(15), rs.getString(16), rs.getString(17)),
                edocId, edocId);
    }

    @Transactional(readOnly = true)
    public long count() {
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM message_journal", Long.class);
        return n == null ? 0 : n;
    }
}
