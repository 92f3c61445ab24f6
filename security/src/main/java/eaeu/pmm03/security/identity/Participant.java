package eaeu.pmm03.security.identity;

import java.util.Objects;

/**
 * A participant of the common process: the Commission or the authorized body of one member state.
 *
 * @param id      participant identifier, e.g. "EEC" or "KZ-MOH"
 * @param country ISO 3166-1 alpha-2 code of the member state; null for the Commission
 * @param role    what the participant may do
 * @param name    human-readable name
 */
public record Participant(String id, String country, Role role, String name) {

    public Participant {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(role, "role");
        if (role == Role.AUTHORITY && (country == null || !country.matches("[A-Z]{2}"))) {
            throw new IllegalArgumentException("authority " + id + " needs a two-letter country code");
        }
    }

    public boolean isAuthority() {
        return role == Role.AUTHORITY;
    }

    /** An authority may write only the records of its own country. */
    public boolean mayWriteCountry(String countryCode) {
        return isAuthority() && country.equals(countryCode);
    }
}
