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
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.Map;

/**
 * The WS-Security of every endpoint this node publishes, in one place (see docs/security.md):
 * <ul>
 *   <li>inbound: WSS4J verifies whatever the wsse:Security header holds (UsernameToken digest + nonce + created,
 *   wsu:Timestamp freshness, XML Signature against the truststore, replay caches); then the signature policy of the
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

    public EndpointSecurity(ParticipantRegistry registry, WsSecuritySettings settings, SecurityAudit audit,
                            RequestLimits limits) {
        this.registry = registry;
        this.settings = settings;
        this.audit = audit;
        this.limits = limits;
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
