package eaeu.pmm03.server.transport;

import eaeu.pmm03.security.identity.ParticipantRegistry;
import eaeu.pmm03.security.wss.UsernameTokenPasswords;
import org.apache.cxf.jaxws.EndpointImpl;
import org.apache.cxf.ws.security.wss4j.WSS4JInInterceptor;
import org.apache.wss4j.dom.handler.WSHandlerConstants;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.Map;

/**
 * The WS-Security of every endpoint this node publishes, in one place. Baseline: a UsernameToken with password
 * digest, nonce and created time of a registered participant.
 */
@Component
public class EndpointSecurity {

    private final ParticipantRegistry registry;

    public EndpointSecurity(ParticipantRegistry registry) {
        this.registry = registry;
    }

    /** Adds the inbound security interceptors to an endpoint before it is published. */
    public void apply(EndpointImpl endpoint) {
        Map<String, Object> p = new HashMap<>();
        p.put(WSHandlerConstants.ACTION, WSHandlerConstants.USERNAME_TOKEN);
        p.put(WSHandlerConstants.PASSWORD_TYPE, "PasswordDigest");
        p.put(WSHandlerConstants.PW_CALLBACK_REF, new UsernameTokenPasswords(registry));
        endpoint.getInInterceptors().add(new WSS4JInInterceptor(p));
    }
}
