package eaeu.pmm03.server.transport;

import eaeu.pmm03.security.identity.ParticipantRegistry;
import eaeu.pmm03.security.xml.HardenedXml;
import eaeu.pmm03.server.commission.CommissionService;
import eaeu.pmm03.server.journal.MessageJournal;
import eaeu.pmm03.security.wss.UsernameTokenPasswords;
import eaeu.pmm03.security.xml.XmlLimits;
import org.apache.cxf.Bus;
import org.apache.cxf.jaxws.EndpointImpl;
import org.apache.cxf.ws.security.wss4j.WSS4JInInterceptor;
import org.apache.wss4j.dom.handler.WSHandlerConstants;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.xml.namespace.QName;
import java.util.HashMap;
import java.util.Map;

/**
 * Publishes the Commission service when the node runs the commission role: the same provider behind the SOAP 1.1
 * (/ws/commission) and SOAP 1.2 (/ws/commission12) ports; WSDL at ?wsdl. Every request must carry a WS-Security
 * UsernameToken with a password digest, nonce and created time of a registered participant.
 */
@Configuration
@ConditionalOnExpression("'${pmm03.roles}'.contains('commission')")
public class CommissionEndpoints {

    /** Not a Spring bean itself: CXF injects its WebServiceContext. */
    private CommissionSyncProvider provider(CommissionService commission, ParticipantRegistry registry,
                                            HardenedXml xml, MessageJournal journal) {
        return new CommissionSyncProvider(commission, registry, xml, journal);
    }

    @Bean
    public EndpointImpl commissionSoap11(Bus bus, CommissionService commission, ParticipantRegistry registry,
                                         HardenedXml xml, MessageJournal journal, XmlLimits limits) {
        return publish(bus, provider(commission, registry, xml, journal), registry, limits, "CommissionSoap11",
                "/commission");
    }

    @Bean
    public EndpointImpl commissionSoap12(Bus bus, CommissionService commission, ParticipantRegistry registry,
                                         HardenedXml xml, MessageJournal journal, XmlLimits limits) {
        return publish(bus, provider(commission, registry, xml, journal), registry, limits, "CommissionSoap12",
                "/commission12");
    }

    static EndpointImpl publish(Bus bus, Object provider, ParticipantRegistry registry, XmlLimits limits, String port,
                                String path) {
        EndpointImpl ep = new EndpointImpl(bus, provider);
        ep.setWsdlLocation(CommissionSyncProvider.WSDL);
        ep.setServiceName(new QName(CommissionSyncProvider.NS, "CommissionService"));
        ep.setEndpointName(new QName(CommissionSyncProvider.NS, port));
        Map<String, Object> props = new HashMap<>(limits.cxfProperties());
        ep.setProperties(props);
        ep.getInInterceptors().add(usernameToken(registry));
        ep.publish(path);
        return ep;
    }

    static WSS4JInInterceptor usernameToken(ParticipantRegistry registry) {
        Map<String, Object> p = new HashMap<>();
        p.put(WSHandlerConstants.ACTION, WSHandlerConstants.USERNAME_TOKEN);
        p.put(WSHandlerConstants.PASSWORD_TYPE, "PasswordDigest");
        p.put(WSHandlerConstants.PW_CALLBACK_REF, new UsernameTokenPasswords(registry));
        return new WSS4JInInterceptor(p);
    }
}
