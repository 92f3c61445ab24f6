package eaeu.pmm03.server.registry;

/**
 * Told of every new version of a record (include, change) inside the writing transaction, so that derived data
 * (the portal's search index) commits or rolls back with it. Exclusions add no version and are not reported.
 */
public interface VersionListener {
    void stored(RecordVersion version);
}
