package eaeu.pmm03.server.eec;

import eaeu.pmm03.security.identity.Participant;
import eaeu.pmm03.security.identity.ParticipantRegistry;
import eaeu.pmm03.security.identity.Role;
import eaeu.pmm03.server.config.Pmm03Properties;
import eaeu.pmm03.server.pipeline.Rejection;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Addresses of the integrated-system exchange (decision D-66): every participant has a logical address
 * {@code EAEU://<country>/<participant>/P.MM.03/<role>} (the Commission's country part is "EEC"), used in wsa:To and
 * wsa:ReplyTo; this node resolves a logical address to the URL of the participant's node by configuration
 * ({@code pmm03.eec.participants}), never by what a message says. Also which mode (sync or eec) this node uses
 * towards each partner.
 */
public class EecDirectory {

    public static final String PROCESS = "P.MM.03";
    private static final Pattern LOGICAL = Pattern.compile("EAEU://([A-Z]{2,3})/([A-Za-z0-9._-]+)/P\\.MM\\.03/(Commission|Authority)");
    private static final String ANONYMOUS = "http://www.w3.org/2005/08/addressing/anonymous";

    private final Pmm03Properties.Eec config;
    private final ParticipantRegistry registry;

    public EecDirectory(Pmm03Properties.Eec config, ParticipantRegistry registry) {
        this.config = config;
        this.registry = registry;
    }

    /** The logical address of a registered participant. */
    public String logicalAddress(String participantId) {
        Participant p = registry.byId(participantId).orElseThrow(() -> new IllegalArgumentException("unknown participant " + participantId));
        String country = p.role() == Role.COMMISSION || p.country() == null ? "EEC" : p.country();
        return "EAEU://" + country + "/" + p.id() + "/" + PROCESS + "/" + (p.isAuthority() ? "Authority" : "Commission");
    }

    /** The participant a logical address names, if it is one of this registry's and written exactly as we write it. */
    public Optional<String> participantOf(String logicalAddress) {
        Matcher m = LOGICAL.matcher(logicalAddress == null ? "" : logicalAddress.trim());
        if (!m.matches() || registry.byId(m.group(2)).isEmpty()) {
            return Optional.empty();
        }
        return logicalAddress.trim().equals(logicalAddress(m.group(2))) ? Optional.of(m.group(2)) : Optional.empty();
    }

    /** Whether this node sends its requests to the partner over the Eec port (asynchronous mode). */
    public boolean eecMode(String participantId) {
        return participant(participantId).map(p -> "eec".equalsIgnoreCase(p.mode())).orElse(false);
    }

    /** The partner's Eec request port for a service (Commission or Authority). */
    public String requestUrl(String participantId, String service) {
        return base(participantId) + "/eec/" + service.toLowerCase();
    }

    /** The participant's Eec reply port for the answers of a service's transactions. */
    public String replyUrl(String participantId, String service) {
        return base(participantId) + "/eec/" + service.toLowerCase() + "-reply";
    }

    /**
     * Where the answers of a request go: wsa:ReplyTo must be the logical address of the sender itself (resolved by
     * configuration), or, only when {@code pmm03.eec.allow-url-reply-to} is on, an http(s) URL.
     */
    public String resolveReplyTo(String replyTo, Participant sender, String service) {
        String r = replyTo == null ? "" : replyTo.trim();
        if (r.isEmpty() || r.equals(ANONYMOUS) || r.endsWith("/addressing/none")) {
            throw header("wsa:ReplyTo", "должен содержать логический адрес отправителя для асинхронного ответа (синхронный"
                            + " запрос-ответ — порты " + service + "Soap11/Soap12)",
                    "must hold the sender's logical address for the asynchronous answer, got '" + r + "' (for a synchronous"
                            + " request/response use the " + service + "Soap11/Soap12 ports)");
        }
        if (r.startsWith("http://") || r.startsWith("https://")) {
            if (config.allowUrlReplyTo()) {
                return r;
            }
            throw header("wsa:ReplyTo", "URL не принимается, нужен логический адрес EAEU://…",
                    "a URL is not accepted here, a logical address EAEU://… is required (got " + r + ")");
        }
        String who = participantOf(r).orElseThrow(() -> header("wsa:ReplyTo", "неизвестный логический адрес " + r,
                "unknown logical address " + r + " (expected e.g. " + logicalAddress(sender.id()) + ")"));
        if (!who.equals(sender.id())) {
            throw header("wsa:ReplyTo", "ответ направляется только отправителю запроса",
                    "answers go to the sender of the request only: " + r + " is not " + logicalAddress(sender.id()));
        }
        if (participant(who).map(Pmm03Properties.EecParticipant::url).isEmpty()) {
            throw header("wsa:ReplyTo", "для " + who + " не настроен адрес узла (pmm03.eec.participants)",
                    "no node address is configured for " + who + " (pmm03.eec.participants)");
        }
        return replyUrl(who, service);
    }

    /** The UsernameToken this node presents on the reply ports, if configured. */
    public Optional<Pmm03Properties.Endpoint> replyCredentials() {
        return config.username() == null ? Optional.empty()
                : Optional.of(new Pmm03Properties.Endpoint(null, config.username(), config.password()));
    }

    private Optional<Pmm03Properties.EecParticipant> participant(String id) {
        return config.participantsOrEmpty().stream().filter(p -> p.id().equals(id)).findFirst();
    }

    private String base(String participantId) {
        String url = participant(participantId).map(Pmm03Properties.EecParticipant::url)
                .orElseThrow(() -> new IllegalStateException("no Eec address configured for " + participantId
                        + " (pmm03.eec.participants)"));
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    static Rejection header(String header, String ru, String en) {
        return new Rejection("ERR_HEADER", null, null, header + ": " + ru, header + ": " + en);
    }
}
