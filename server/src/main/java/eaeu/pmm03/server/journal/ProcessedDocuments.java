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
 * Idempotency by EDocId, kept in the database so it survives restarts: a document whose processing changed the
 * unified database is stored with its content hash and its answer. The same EDocId with the same content gets
 * the same answer again without being processed; with other content it is refused.
 */
@Service
public class ProcessedDocuments {

    public record Processed(String edocId, String messageCode, String participant, String contentSha256,
                            String responseMessageCode, String responseXml, Instant processedAt) {}

    /** Another transaction stored the same EDocId first (a concurrent duplicate). */
    public static class AlreadyProcessedException extends RuntimeException {
        public AlreadyProcessedException(String edocId) {
            super("document " + edocId + " was processed concurrently");
        }
    }

    private final JdbcTemplate jdbc;

    public ProcessedDocuments(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(readOnly = true)
    public Optional<Processed> find(String edocId) {
        return jdbc.query("SELECT edoc_id, message_code, participant, content_sha256, response_message_code,"
                        + " response_xml, processed_at FROM processed_document WHERE edoc_id = ?",
                (rs, n) -> new Processed(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), Utc.instant(rs.getObject(7, java.time.LocalDateTime.class))),
                edocId.toLowerCase()).stream().findFirst();
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void store(Processed p) {
        try {
            jdbc.update("INSERT INTO processed_document (edoc_id, message_code, participant, content_sha256,"
                            + " response_message_code, response_xml, processed_at) VALUES (?,?,?,?,?,?,?)",
                    p.edocId().toLowerCase(), p.messageCode(), p.participant(), p.contentSha256(),
                    p.responseMessageCode(), p.responseXml(), Utc.db(p.processedAt()));
        } catch (DuplicateKeyException e) {
            throw new AlreadyProcessedException(p.edocId());
        }
    }
}
