package eaeu.pmm03.server.rules;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the fill rules need to know about the unified database (table 12 rule 4, table 13 rule 4, table 14 rule 2).
 * The storage layer implements it; a record is "active" when its csdo:EndDateTime is not filled.
 * Records are identified by {@link RecordKey#canonical()} (or its {@link RecordKey#hash()}).
 */
public interface RegistryView {

    /** Whether the unified database holds a record with this key whose csdo:EndDateTime is not filled. */
    boolean hasActiveRecord(RecordKey key);

    /** csdo:StartDateTime of the active record with this key, if any (informational; no rule needs it). */
    default Optional<OffsetDateTime> activeStart(RecordKey key) { return Optional.empty(); }

    /** An empty database. */
    RegistryView EMPTY = key -> false;

    /** A fixed set of active records (tests, dry runs). */
    static RegistryView of(Collection<RecordKey> active) {
        Set<String> keys = active.stream().map(RecordKey::canonical).collect(Collectors.toUnmodifiableSet());
        return key -> keys.contains(key.canonical());
    }

    /** A fixed set of active records with their start time. */
    static RegistryView of(Map<RecordKey, OffsetDateTime> active) {
        Map<String, OffsetDateTime> m = active.entrySet().stream()
                .collect(Collectors.toUnmodifiableMap(e -> e.getKey().canonical(), Map.Entry::getValue));
        return new RegistryView() {
            @Override public boolean hasActiveRecord(RecordKey key) { return m.containsKey(key.canonical()); }
            @Override public Optional<OffsetDateTime> activeStart(RecordKey key) { return Optional.ofNullable(m.get(key.canonical())); }
        };
    }
}
