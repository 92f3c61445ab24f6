package eaeu.pmm03.security.identity;

import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.security.auth.x500.X500Principal;
import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The participants a node knows and the credentials that identify them: UsernameToken users (baseline) and,
 * with signatures, X.509 certificates. Built from configuration; immutable once built.
 */
public final class ParticipantRegistry {

    /** A UsernameToken user: its password (needed server-side to check a password digest) and participant. */
    public record User(String username, String password, String participantId) {}

    /**
     * An X.509 certificate that identifies a participant: by subject DN (optionally restricted to one issuer DN) or
     * by issuer DN and serial number. Only certificates that WS-Security (or TLS) already validated against the
     * truststore are looked up here, so the binding says who a trusted certificate belongs to, not whether to trust it.
     *
     * @param participantId the participant
     * @param subject       subject DN (RFC 2253/4514 text), or null when issuer and serial are given
     * @param issuer        issuer DN; with a subject: optional restriction, without one: required with the serial
     * @param serial        serial number (decimal, or hex with a 0x prefix), or null
     */
    public record CertificateBinding(String participantId, String subject, String issuer, String serial) {}

    private record Binding(String participantId, String subject, String issuer, BigInteger serial) {
        boolean matches(X509Certificate c) {
            if (issuer != null && !issuer.equals(canonical(c.getIssuerX500Principal()))) {
                return false;
            }
            if (serial != null && !serial.equals(c.getSerialNumber())) {
                return false;
            }
            return subject == null || subject.equals(canonical(c.getSubjectX500Principal()));
        }
    }

    private final Map<String, Participant> participants = new LinkedHashMap<>();
    private final Map<String, User> users = new LinkedHashMap<>();
    private final List<Binding> certificates = new ArrayList<>();

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

    /**
     * Binds a certificate to a participant. Refused: an unknown participant, a binding that names neither subject
     * nor issuer+serial, and a subject whose country attribute (C=) differs from the participant's country (an
     * authority's certificate cannot be configured to act for another country).
     */
    public ParticipantRegistry addCertificate(CertificateBinding b) {
        Participant p = participants.get(b.participantId());
        if (p == null) {
            throw new IllegalArgumentException("certificate binding names unknown participant " + b.participantId());
        }
        if (b.subject() == null && (b.issuer() == null || b.serial() == null)) {
            throw new IllegalArgumentException("certificate binding of " + b.participantId()
                    + " needs a subject, or an issuer and a serial number");
        }
        String subject = b.subject() == null ? null : canonical(new X500Principal(b.subject()));
        if (subject != null) {
            String c = attribute(new X500Principal(b.subject()), "C");
            if (c != null && (p.country() == null || !p.country().equalsIgnoreCase(c))) {
                throw new IllegalArgumentException("certificate subject " + b.subject() + " is of country " + c
                        + " but participant " + p.id() + " is " + (p.country() == null ? "the Commission" : p.country()));
            }
        }
        String issuer = b.issuer() == null ? null : canonical(new X500Principal(b.issuer()));
        BigInteger serial = b.serial() == null ? null : b.serial().trim().toLowerCase().startsWith("0x")
                ? new BigInteger(b.serial().trim().substring(2), 16) : new BigInteger(b.serial().trim());
        Binding nb = new Binding(p.id(), subject, issuer, serial);
        for (Binding o : certificates) {
            if (Objects.equals(o.subject(), subject) && Objects.equals(o.issuer(), issuer)
                    && Objects.equals(o.serial(), serial) && !o.participantId().equals(p.id())) {
                throw new IllegalArgumentException("certificate " + b + " is bound to both " + o.participantId()
                        + " and " + p.id());
            }
        }
        certificates.add(nb);
        return this;
    }

    /**
     * The participant a (trusted) certificate identifies. If several bindings match, they must all name the same
     * participant; otherwise the certificate identifies nobody.
     */
    public Optional<Participant> byCertificate(X509Certificate cert) {
        if (cert == null) {
            return Optional.empty();
        }
        List<String> ids = certificates.stream().filter(b -> b.matches(cert)).map(Binding::participantId).distinct()
                .toList();
        return ids.size() == 1 ? byId(ids.get(0)) : Optional.empty();
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
     * The participant an authenticated principal acts for: a {@link ParticipantPrincipal} set by the WS-Security
     * identity check (from a certificate and/or a UsernameToken), else a UsernameToken user by name.
     */
    public Optional<Participant> byPrincipal(java.security.Principal principal) {
        if (principal == null) {
            return Optional.empty();
        }
        if (principal instanceof ParticipantPrincipal pp) {
            return byId(pp.participantId());
        }
        return byUsername(principal.getName());
    }

    /** RFC 2253 canonical form of a DN: case, spacing and attribute-type spelling do not matter. */
    public static String canonical(X500Principal p) {
        return p.getName(X500Principal.CANONICAL);
    }

    /** The value of one attribute (e.g. "C", "CN") of a DN, or null. */
    public static String attribute(X500Principal p, String type) {
        try {
            for (Rdn rdn : new LdapName(p.getName(X500Principal.RFC2253)).getRdns()) {
                if (rdn.getType().equalsIgnoreCase(type)) {
                    return rdn.getValue().toString();
                }
            }
            return null;
        } catch (InvalidNameException e) {
            throw new IllegalArgumentException("not a distinguished name: " + p, e);
        }
    }

    public Optional<Participant> authorityOf(String country) {
        return participants.values().stream().filter(p -> p.isAuthority() && p.country().equals(country)).findFirst();
    }

    public Collection<Participant> all() {
        return Collections.unmodifiableCollection(participants.values());
    }
}
