package eaeu.pmm03.security.identity;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The participants a node knows and the credentials that identify them: UsernameToken users (baseline) and,
 * with signatures, X.509 certificates. Built from configuration; immutable once built.
 */
public final class ParticipantRegistry {

    /** A UsernameToken user: its password (needed server-side to check a password digest) and participant. */
    public record User(String username, String password, String participantId) {}

    private final Map<String, Participant> participants = new LinkedHashMap<>();
    private final Map<String, User> users = new LinkedHashMap<>();

    public ParticipantRegistry add(Participant p) {
        if (participants.putIfAbsent(p.id(), p) != null) {
            throw new IllegalArgumentException("participant " + p.id() + " is configured twice");
        }
        return this;
    }

    public ParticipantRegistry addUser(User u) {
        if (!participants.containsKey(u.participantId())) {
            throw new IllegalArgumentException("user " + u.username() + " names unknown participant " + u.participantId());
        }
        if (users.putIfAbsent(u.username(), u) != null) {
            throw new IllegalArgumentException("user " + u.username() + " is configured twice");
        }
        return this;
    }

    public Optional<Participant> byId(String id) {
        return Optional.ofNullable(participants.get(id));
    }

    public Optional<User> user(String username) {
        return Optional.ofNullable(users.get(username));
    }

    /** The participant a UsernameToken user acts for. */
    public Optional<Participant> byUsername(String username) {
        return user(username).map(u -> participants.get(u.participantId()));
    }

    /**
     * The participant an authenticated principal acts for: a UsernameToken user by name. (Certificates are
     * mapped here too once X.509 identities are configured.)
     */
    public Optional<Participant> byPrincipal(java.security.Principal principal) {
        return principal == null ? Optional.empty() : byUsername(principal.getName());
    }

    public Optional<Participant> authorityOf(String country) {
        return participants.values().stream().filter(p -> p.isAuthority() && p.country().equals(country)).findFirst();
    }

    public Collection<Participant> all() {
        return Collections.unmodifiableCollection(participants.values());
    }
}
