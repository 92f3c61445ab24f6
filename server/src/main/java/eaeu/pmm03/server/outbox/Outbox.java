package eaeu.pmm03.server.outbox;

import eaeu.pmm03.server.registry.Utc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;

/**
 * The transactional outbox: a message is written in the same database transaction as the intent that causes
 * it (a submission, an answer received, an operator's request) and delivered later by {@link OutboxWorker}.
 */
@Service
public class Outbox {

    private static final String COLUMNS = "id, transaction_code, message_code, edoc_id, edoc_ref_id, target, url, document,"
            + " conversation_id, procedure_id, status, attempts, next_attempt_at, created_at, last_attempt_at, last_error,"
            + " answer_message_code, answer_result_code, answer_text, answer_xml, answered_at, relates_to, action, lease_token";

    private static final RowMapper<OutboxMessage> MAPPER = (rs, n) -> new OutboxMessage(rs.getLong(1), rs.getString(2),
            rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
            rs.getString(9), rs.getString(10), OutboxMessage.Status.valueOf(rs.getString(11)), rs.getInt(12),
            t(rs.getObject(13, LocalDateTime.class)), t(rs.getObject(14, LocalDateTime.class)),
            t(rs.getObject(15, LocalDateTime.class)), rs.getString(16), rs.getString(17), rs.getString(18),
            rs.getString(19), rs.getString(20), t(rs.getObject(21, LocalDateTime.class)), rs.getString(22),
            rs.getString(23), rs.getString(24));

    private static Instant t(LocalDateTime l) {
        return Utc.instant(l);
    }

    private final JdbcTemplate jdbc;

    public Outbox(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Adds a message; must run inside the transaction of the intent. Idempotent per (EDocId, target). */
    @Transactional(propagation = Propagation.MANDATORY)
    public void enqueue(OutboxMessage.New m) {
        Instant now = Instant.now();
        jdbc.update("INSERT IGNORE INTO outbox_message (transaction_code, message_code, edoc_id, edoc_ref_id, target, url,"
                        + " document, conversation_id, procedure_id, status, attempts, next_attempt_at, created_at,"
                        + " relates_to, action) VALUES (?,?,?,?,?,?,?,?,?,'PENDING',0,?,?,?,?)",
                m.transactionCode(), m.messageCode(), m.edocId(), m.edocRefId(), m.target(), m.url(), m.document(),
                m.conversationId(), m.procedureId(), Utc.db(now), Utc.db(now), m.relatesTo(), m.action());
    }

    /**
     * Claims the messages due now: each is leased until {@code leaseUntil} so a second worker (or a restart) does
     * not send it twice while an attempt is under way; an attempt that dies with the node is retried after the lease.
     * Each claim writes a fresh lease token into the row (D-230), returned in the message: the attempt's outcome is
     * recorded only while the row still holds it ({@link #answered}, {@link #failed}, {@link #sent}).
     */
    @Transactional
    public List<OutboxMessage> claimDue(int limit, Instant leaseUntil) {
        // SENT / RECEIVED / ACCEPTED (Eec mode) fall due when the signal or answer they wait for is late
        List<OutboxMessage> due = jdbc.query("SELECT " + COLUMNS + " FROM outbox_message WHERE status IN"
                + " ('PENDING','SENT','RECEIVED','ACCEPTED') AND next_attempt_at <= ? ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED", MAPPER, Utc.db(Instant.now()), limit);
        List<OutboxMessage> claimed = new java.util.ArrayList<>(due.size());
        for (OutboxMessage m : due) {
            String token = java.util.UUID.randomUUID().toString();
            jdbc.update("UPDATE outbox_message SET next_attempt_at = ?, lease_token = ? WHERE id = ?", Utc.db(leaseUntil),
                    token, m.id());
            claimed.add(m.leased(token));
        }
        return claimed;
    }

    /**
     * Records the answer (or the delivery) of {@code m}: only if the row still holds {@code m}'s lease token; false
     * when another claim has taken the row over since (D-230), and then nothing is recorded.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean answered(OutboxMessage m, OutboxMessage.Status status, String answerMessage, String resultCode,
                            String text, String xml) {
        Instant now = Instant.now();
        // an Eec row counted its attempt when it was sent (SENT/RECEIVED/ACCEPTED): not once more for the answer
        return jdbc.update("UPDATE outbox_message SET attempts = attempts + CASE WHEN status IN ('SENT','RECEIVED','ACCEPTED')"
                        + " THEN 0 ELSE 1 END, status = ?, last_attempt_at = ?, last_error = NULL,"
                        + " answer_message_code = ?, answer_result_code = ?, answer_text = ?, answer_xml = ?, answered_at = ?"
                        + " WHERE id = ? AND lease_token <=> ?", status.name(), Utc.db(now), answerMessage, resultCode, text,
                xml, Utc.db(now), m.id(), m.leaseToken()) == 1;
    }

    /**
     * Eec mode: an attempt was accepted at HTTP level (the request is recorded by the respondent); the row waits for
     * the signals and the answer until {@code checkAt}, when it falls due again (a retry, or P.EXC.002). Nothing is
     * recorded (false) when another claim has taken the row over since (D-230).
     */
    @Transactional
    public boolean sent(OutboxMessage m, Instant checkAt) {
        Instant now = Instant.now();
        long id = m.id();
        if (jdbc.update("UPDATE outbox_message SET attempts = attempts + 1, last_attempt_at = ?, last_error = NULL WHERE id = ?"
                + " AND status IN ('PENDING','SENT','RECEIVED','ACCEPTED') AND lease_token <=> ?", Utc.db(now), id,
                m.leaseToken()) == 0) {
            return false;
        }
        // unless a signal or the answer overtook this update (then the row has moved on already)
        jdbc.update("UPDATE outbox_message SET status = CASE WHEN status = 'PENDING' THEN 'SENT' ELSE status END,"
                + " next_attempt_at = ? WHERE id = ? AND status = ?", Utc.db(checkAt), id, m.status().name());
        return true;
    }

    /**
     * Eec mode: a signal arrived; the row advances (never backwards: RECEIVED after ACCEPTED changes nothing) and
     * waits for the next one until {@code checkAt}. Returns whether the row changed.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean signalled(long id, OutboxMessage.Status status, Instant checkAt) {
        // PENDING too: the signal may overtake the worker's own note that the request was sent
        String from = status == OutboxMessage.Status.RECEIVED ? "('PENDING','SENT')" : "('PENDING','SENT','RECEIVED')";
        return jdbc.update("UPDATE outbox_message SET status = ?, next_attempt_at = ? WHERE id = ? AND status IN " + from,
                status.name(), Utc.db(checkAt), id) == 1;
    }

    /** Eec mode: the request row a signal or answer relates to (wsa:RelatesTo = urn:uuid:EDocId), locked. */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<OutboxMessage> requestForUpdate(String edocId, String target) {
        return jdbc.query("SELECT " + COLUMNS + " FROM outbox_message WHERE edoc_id = ? AND target = ? AND relates_to"
                + " IS NULL FOR UPDATE", MAPPER, edocId, target).stream().findFirst();
    }

    /**
     * Respondent side: the signals and answer already queued for a request (same wsa:MessageID, same initiator).
     * A repeated request makes those still undelivered due at once (and revives them after P.EXC.002) instead of
     * queueing copies; returns how many rows exist.
     */
    @Transactional
    public int rearmReplies(String relatesTo, String target) {
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM outbox_message WHERE relates_to = ? AND target = ?",
                Integer.class, relatesTo, target);
        jdbc.update("UPDATE outbox_message SET status = 'PENDING', attempts = 0, next_attempt_at = ?"
                + " WHERE relates_to = ? AND target = ? AND status IN ('PENDING','EXC_002')", Utc.db(Instant.now()),
                relatesTo, target);
        return n == null ? 0 : n;
    }

    @Transactional(readOnly = true)
    public List<OutboxMessage> replies(String relatesTo) {
        return jdbc.query("SELECT " + COLUMNS + " FROM outbox_message WHERE relates_to = ? ORDER BY id", MAPPER, relatesTo);
    }

    /** A failed attempt: the next one is due at {@code next}, or none (P.EXC.002) when {@code next} is null. */
    @Transactional
    public boolean failed(OutboxMessage m, String error, Instant next) {
        return failed(m, error, next, OutboxMessage.Status.EXC_002);
    }

    /**
     * A failed attempt of {@code m}: the next one is due at {@code next}, or none when {@code next} is null: then
     * {@code last}. Nothing is recorded (false) when another claim has taken the row over since (D-230).
     */
    @Transactional
    public boolean failed(OutboxMessage m, String error, Instant next, OutboxMessage.Status last) {
        Instant now = Instant.now();
        return jdbc.update("UPDATE outbox_message SET attempts = attempts + 1, last_attempt_at = ?, last_error = ?,"
                        + " status = ?, next_attempt_at = ? WHERE id = ? AND lease_token <=> ?", Utc.db(now), error,
                next == null ? last.name() : OutboxMessage.Status.PENDING.name(),
                Utc.db(next == null ? now : next), m.id(), m.leaseToken()) == 1;
    }

    /**
     * The operator's retry of a message in an abnormal situation, or of an undelivered notification (D-143):
     * delivered again from the first attempt.
     */
    @Transactional
    public boolean retry(long id) {
        return jdbc.update("UPDATE outbox_message SET status = 'PENDING', attempts = 0, next_attempt_at = ?, last_error ="
                + " CONCAT('operator retry after: ', COALESCE(last_error, status)) WHERE id = ? AND status IN ('EXC_002','EXC_004','UNDELIVERED')",
                Utc.db(Instant.now()), id) == 1;
    }

    @Transactional(readOnly = true)
    public Optional<OutboxMessage> find(long id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM outbox_message WHERE id = ?", MAPPER, id).stream().findFirst();
    }

    @Transactional(readOnly = true)
    public List<OutboxMessage> byEdocId(String edocId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM outbox_message WHERE edoc_id = ? ORDER BY id", MAPPER, edocId);
    }

    @Transactional(readOnly = true)
    public List<OutboxMessage> recent(int limit) {
        return jdbc.query("SELECT " + COLUMNS + " FROM outbox_message ORDER BY id DESC LIMIT ?", MAPPER, limit);
    }

    @Transactional(readOnly = true)
    public long count(OutboxMessage.Status status) {
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM outbox_message WHERE status = ?", Long.class, status.name());
        return n == null ? 0 : n;
    }
}
