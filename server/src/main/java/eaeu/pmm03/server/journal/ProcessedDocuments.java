package eaeu.pmm03.server.journal;

import eaeu.pmm03.server.registry.Utc;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.time.Instant;
import java.util.Optional;

/**
 * Idempotency by EDocId and sender, kept in the database so it survives restarts (D-54, D-130). A document is
 * claimed before it is processed (state CLAIMED, committed at once), and the transaction that applies it turns
 * the claim into DONE with the answer; a refused document's claim is deleted. The same EDocId with the same
 * content gets the same answer again without being processed; with other content it is refused.
 */
@Service
public class ProcessedDocuments {

    public static final String CLAIMED = "CLAIMED";
    public static final String DONE = "DONE";

    /** A row: a claim in progress ({@link #CLAIMED}, no answer yet) or a processed document ({@link #DONE}). */
    public record Processed(String edocId, String messageCode, String participant, String contentSha256,
                            String responseMessageCode, String responseXml, Instant processedAt, String state,
                            String claimToken) {
        public boolean done() {
            return DONE.equals(state);
        }
    }

    /** The claim was taken over by another copy (it was stale): this copy must not complete it. */
    public static class ClaimLostException extends RuntimeException {
        public ClaimLostException(String edocId) {
            super("the claim on document " + edocId + " was taken over by another copy");
        }
    }

    private final JdbcTemplate jdbc;

    public ProcessedDocuments(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(propagation = Propagation.NOT_SUPPORTED)
    public Optional<Processed> find(String edocId, String participant) {
        return jdbc.query("SELECT edoc_id, message_code, participant, content_sha256, response_message_code,"
                        + " response_xml, processed_at, state, claim_token FROM processed_document"
                        + " WHERE edoc_id = ? AND participant = ?",
                (rs, n) -> new Processed(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), Utc.instant(rs.getObject(7, java.time.LocalDateTime.class)),
                        rs.getString(8), rs.getString(9)),
                edocId.toLowerCase(), participant).stream().findFirst();
    }

    /** Inserts a claim, committed at once; false if a row for this EDocId and sender exists already. */
    @Transactional(propagation = Propagation.NOT_SUPPORTED)
    public boolean claim(String edocId, String messageCode, String participant, String sha256, String token, Instant at) {
        try {
            jdbc.update("INSERT INTO processed_document (edoc_id, message_code, participant, content_sha256,"
                            + " response_message_code, response_xml, processed_at, state, claim_token)"
                            + " VALUES (?,?,?,?,'','',?,?,?)",
                    edocId.toLowerCase(), messageCode, participant, sha256, Utc.db(at), CLAIMED, token);
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    /**
     * Takes over a stale claim (claimed before {@code staleBefore} and still not done), committed at once, with
     * this copy's content: true if this copy now holds it.
     */
    @Transactional(propagation = Propagation.NOT_SUPPORTED)
    public boolean takeOver(String edocId, String participant, String oldToken, String messageCode, String sha256,
                            String token, Instant at, Instant staleBefore) {
        return jdbc.update("UPDATE processed_document SET claim_token = ?, processed_at = ?, message_code = ?,"
                        + " content_sha256 = ? WHERE edoc_id = ? AND participant = ? AND state = ? AND claim_token = ?"
                        + " AND processed_at < ?",
                token, Utc.db(at), messageCode, sha256, edocId.toLowerCase(), participant, CLAIMED, oldToken,
                Utc.db(staleBefore)) == 1;
    }

    /** Turns this copy's claim into the processed document with its answer; in the transaction that applies it. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void complete(String edocId, String participant, String token, String responseMessageCode,
                         String responseXml, Instant at) {
        int n = jdbc.update("UPDATE processed_document SET state = ?, response_message_code = ?, response_xml = ?,"
                        + " processed_at = ? WHERE edoc_id = ? AND participant = ? AND state = ? AND claim_token = ?",
                DONE, responseMessageCode, responseXml, Utc.db(at), edocId.toLowerCase(), participant, CLAIMED, token);
        if (n != 1) {
            throw new ClaimLostException(edocId);
        }
    }

    /** Gives up this copy's claim (the document was refused or failed), committed at once. */
    @Transactional(propagation = Propagation.NOT_SUPPORTED)
    public void release(String edocId, String participant, String token) {
        jdbc.update("DELETE FROM processed_document WHERE edoc_id = ? AND participant = ? AND state = ?"
                + " AND claim_token = ?", edocId.toLowerCase(), participant, CLAIMED, token);
    }
}
