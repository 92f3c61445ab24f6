package eaeu.pmm03.server.registry;

/** Who changed the unified database, by which message and document. */
public record Provenance(String participantId, String edocId, String messageCode, boolean signed) {}
