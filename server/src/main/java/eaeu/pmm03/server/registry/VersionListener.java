package eaeu.pmm03.server.registry;

/**
 * Told of every new version of a record (include, change) and of every version closed (change, exclude) inside the
 * writing transaction, so that derived data (the portal's search rows) commits or rolls back with it.
 */
public interface VersionListener {
    void stored(RecordVersion version);

    default void closed(RecordVersion version) {}
}
