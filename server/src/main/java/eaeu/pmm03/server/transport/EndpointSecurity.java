package eaeu.pmm03.server.transport;

import eaeu.pmm03.security.identity.ParticipantRegistry;
import eaeu.pmm03.security.wss.ClientSecurity;
import eaeu.pmm03.security.wss.SecurityAudit;
import eaeu.pmm03.security.wss.SecurityCheckInInterceptor;
import eaeu.pmm03.security.wss.SigningOutInterceptor;
import eaeu.pmm03.security.wss.UsernameTokenPasswords;
import eaeu.pmm03.security.wss.VerifyingInInterceptor;
import eaeu.pmm03.security.wss.WsSecuritySettings;
import org.apache.cxf.jaxws.EndpointImpl;
import org.apache.cxf.ws.security.SecurityConstants;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The WS-Security of every endpoint this node publishes, in one place (see docs/security.md):
 * <ul>
 *   <li>inbound: WSS4J verifies whatever the wsse:Security header holds (UsernameToken digest + nonce + created,
 *   wsu:Timestamp freshness, XML Signature against the truststore, replay caches in the database, D-122); then the signature policy of the
 *   message is applied (require → must be signed), the signature's coverage (Body, Timestamp, WS-Addressing headers)
 *   and algorithms are checked, and the sender's participant is established from its certificate and/or
 *   UsernameToken (they must agree). Refusals are specific faults (pmm:ERR_SIGNATURE_INVALID, …) and journaled;</li>
 *   <li>outbound: answers whose message code is "sign" or "require" in the policy are signed;</li>
 *   <li>the limits of {@link RequestLimits} (one place) on the endpoint's parser and attachments.</li>
 * </ul>
 */
@Component
public class EndpointSecurity {

    private final ParticipantRegistry registry;
    private final WsSecuritySettings settings;
    private final SecurityAudit audit;
    private final RequestLimits limits;
    private final DbReplayCache nonces;
    private final DbReplayCache timestamps;
    private final JdbcTemplate jdbc;

    public EndpointSecurity(ParticipantRegistry registry, WsSecuritySettings settings, SecurityAudit audit,
                            RequestLimits limits, JdbcTemplate jdbc) {
        this.registry = registry;
        this.settings = settings;
        this.audit = audit;
        this.limits = limits;
        this.jdbc = jdbc;
        // kept at least as long as a message can be fresh: the timestamp's TTL plus the allowed clock skew
        Duration ttl = Duration.ofSeconds(Math.max(300, settings.timestampTtlSeconds() + settings.futureTimestampTtlSeconds()));
        this.nonces = new DbReplayCache(jdbc, "nonce", ttl, Clock.systemUTC());
        this.timestamps = new DbReplayCache(jdbc, "timestamp", ttl, Clock.systemUTC());
    }

    /** Expired replay-cache entries are deleted every minute (D-122). */
    @Scheduled(fixedDelay = 60_000, initialDelay = 30_000)
    public void purgeReplayCache() {
        try {
            DbReplayCache.purgeExpired(jdbc, Clock.systemUTC());
        } catch (org.springframework.dao.DataAccessException e) {
            // the database is away (D-121): the next run purges
        }
    }

    /**
     * Adds the security interceptors, the request limits ({@link RequestLimits}), the contract shape check
     * ({@link ContractShape}, before WS-Security) and the fault mapping ({@link FaultMapping}) to an endpoint before
     * it is published.
     */
    public void apply(EndpointImpl endpoint) {
        Map<String, Object> props = endpoint.getProperties() == null ? new HashMap<>()
                : new HashMap<>(endpoint.getProperties());
        props.putAll(limits.cxfProperties());
        // the replay caches in the database (D-122) instead of CXF's in-memory ones of each endpoint
        props.put(SecurityConstants.NONCE_CACHE_INSTANCE, nonces);
        props.put(SecurityConstants.TIMESTAMP_CACHE_INSTANCE, timestamps);
        endpoint.setProperties(props);
        endpoint.getInInterceptors().add(new ContractShape(limits));
        endpoint.getOutFaultInterceptors().add(new FaultMapping(limits));
        endpoint.getInInterceptors().add(new VerifyingInInterceptor(settings, new UsernameTokenPasswords(registry),
                audit));
        endpoint.getInInterceptors().add(new SecurityCheckInInterceptor(settings, registry, null, audit));
        endpoint.getOutInterceptors().add(new SigningOutInterceptor(settings, null,
                ClientSecurity.passwords(settings, null, null)));
    }

    public WsSecuritySettings settings() {
        return settings;
    }
}
