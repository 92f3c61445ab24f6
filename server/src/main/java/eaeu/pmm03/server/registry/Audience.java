package eaeu.pmm03.server.registry;

/**
 * Who may see a record (D-156): {@code PUBLIC} — everyone (the unified database proper); {@code DEMO} — the
 * demonstration records of a development node (portal.DemoData; refused when pmm03.environment=production);
 * {@code TEST} — records written by test participants (conformance runs, connection tests), never published by the
 * portal, its feed, exports, statistics or JSON API. A record keeps the audience of its first version.
 */
public enum Audience {
    PUBLIC, DEMO, TEST;

    /** Whether the public portal may show it. */
    public boolean published() {
        return this != TEST;
    }
}
