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

    /**
     * Writes in a transaction of its own (a refused or failed message, a query), whatever transaction the caller is
     * in: all the lines in one INSERT statement on a connection of its own in autocommit, so they are written
     * together or not at all (D-249). No Spring or JPA transaction is opened for it: a query's lines were a
     * REQUIRES_NEW JPA transaction (a Hibernate session, its flush, a begin and a commit) around one JDBC batch.
     */
    public void recordAlone(JournalEntry... e) {
        if (e.length == 0) {
            return;
        }
        StringBuilder sql = new StringBuilder(INSERT);
        for (int i = 1; i < e.length; i++) {
            sql.append(",").append(VALUES);
        }
        javax.sql.DataSource ds = java.util.Objects.requireNonNull(jdbc.getDataSource());
        try (java.sql.Connection c = ds.getConnection()) {
            if (!c.getAutoCommit()) {
                c.setAutoCommit(true);
            }
            try (java.sql.PreparedStatement st = c.prepareStatement(sql.toString())) {
                int p = 1;
                for (JournalEntry line : e) {
                    for (Object v : row(line)) {
                        org.springframework.jdbc.core.StatementCreatorUtils.setParameterValue(st, p++,
                                org.springframework.jdbc.core.SqlTypeValue.TYPE_UNKNOWN, v);
                    }
                }
                st.executeUpdate();
            }
        } catch (java.sql.SQLException x) {
            RuntimeException t = jdbc.getExceptionTranslator().translate("journal", sql.toString(), x);
            throw t != null ? t : new org.springframework.jdbc.UncategorizedSQLException("journal", sql.toString(), x);
        }
        count(e);
    }

    private static final String VALUES = "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
    private static final String INSERT = "INSERT INTO message_journal (direction, message_code, edoc_id, edoc_ref_id,"
            + " participant, peer, action, message_id, relates_to, conversation_id, procedure_id, at, result_code,"
            + " result_text, signed, content_sha256, document) VALUES " + VALUES;

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
        count(entries);
    }

    private void count(JournalEntry... entries) {
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
