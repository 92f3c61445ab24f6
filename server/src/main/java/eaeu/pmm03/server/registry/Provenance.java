package eaeu.pmm03.server.registry;

/** Who changed the unified database, by which message and document. */
public record Provenance(String participantId, String edocId, String messageCode, boolean signed, Audience audience) {

    /** A writer of the unified database proper. */
    public Provenance(String participantId, String edocId, String messageCode, boolean signed) {
        this(participantId, edocId, messageCode, signed, Audience.PUBLIC);
    }
}
