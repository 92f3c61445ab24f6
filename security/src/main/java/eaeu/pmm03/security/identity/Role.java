package eaeu.pmm03.security.identity;

/** Roles of the participants of P.MM.03 (seed: Commission = coordinator, authorities = owners of the data). */
public enum Role {
    /** The Eurasian Economic Commission: keeps the unified database. */
    COMMISSION,
    /** An authorized body of a member state (AM, BY, KZ, KG, RU). */
    AUTHORITY
}
