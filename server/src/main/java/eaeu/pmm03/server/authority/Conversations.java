package eaeu.pmm03.server.authority;

import eaeu.pmm03.server.registry.Utc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;

/**
 * Additional-information conversations (PRC.008/009), one per MSG.014, visible on both sides:
 * REQUESTED → ACCEPTED (MSG.015 to the request) → ANSWERED (MSG.016) → ACKNOWLEDGED (MSG.015 to the answer).
 */
@Repository
public class Conversations {

    public enum Side { REQUESTER, RESPONDER }

    public enum State { REQUESTED, ACCEPTED, ANSWERED, ACKNOWLEDGED }

    public record Conversation(String id, Side side, String peer, State state, String docId, String requestXml,
                               String answerEdocId, String answerXml, Instant createdAt, Instant updatedAt) {}

    private final JdbcTemplate jdbc;

    public Conversations(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void start(String id, Side side, String peer, State state, String docId, String requestXml) {
        Instant now = Instant.now();
        jdbc.update("INSERT INTO conversation (id, side, peer, state, doc_id, request_xml, created_at, updated_at)"
                + " VALUES (?,?,?,?,?,?,?,?)", id, side.name(), peer, state.name(), docId, requestXml, Utc.db(now), Utc.db(now));
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void advance(String id, State state) {
        jdbc.update("UPDATE conversation SET state = ?, updated_at = ? WHERE id = ?", state.name(), Utc.db(Instant.now()), id);
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void answered(String id, State state, String answerEdocId, String answerXml) {
        jdbc.update("UPDATE conversation SET state = ?, answer_edoc_id = ?, answer_xml = ?, updated_at = ? WHERE id = ?",
                state.name(), answerEdocId, answerXml, Utc.db(Instant.now()), id);
    }

    @Transactional(readOnly = true)
    public Optional<Conversation> find(String id) {
        return jdbc.query("SELECT id, side, peer, state, doc_id, request_xml, answer_edoc_id, answer_xml, created_at,"
                + " updated_at FROM conversation WHERE id = ?", (rs, n) -> map(rs), id).stream().findFirst();
    }

    @Transactional(readOnly = true)
    public List<Conversation> all() {
        return jdbc.query("SELECT id, side, peer, state, doc_id, request_xml, answer_edoc_id, answer_xml, created_at,"
                + " updated_at FROM conversation ORDER BY created_at DESC", (rs, n) -> map(rs));
    }

    private static Conversation map(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Conversation(rs.getString(1), Side.valueOf(rs.getString(2)), rs.getString(3),
                State.valueOf(rs.getString(4)), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                Utc.instant(rs.getObject(9, LocalDateTime.class)), Utc.instant(rs.getObject(10, LocalDateTime.class)));
    }
}
