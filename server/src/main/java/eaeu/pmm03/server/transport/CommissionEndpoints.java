package eaeu.pmm03.server.transport;

import eaeu.pmm03.security.identity.ParticipantRegistry;
import eaeu.pmm03.security.xml.HardenedXml;
import eaeu.pmm03.server.commission.CommissionService;
import eaeu.pmm03.server.attachment.AttachmentStore;
import eaeu.pmm03.server.journal.MessageJournal;
import eaeu.pmm03.security.xml.XmlLimits;
import org.apache.cxf.Bus;
import org.apache.cxf.jaxws.EndpointImpl;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;


/**
 * Publishes the Commission service when the node runs the commission role: the same provider behind the SOAP 1.1
 * (/ws/commission) and SOAP 1.2 (/ws/commission12) ports, and the integrated-system port CommissionEec
 * (/ws/eec/commission); WSDL at ?wsdl. Every request must carry a WS-Security
 * UsernameToken with a password digest, nonce and created time of a registered participant.
 */
@Configuration
@ConditionalOnExpression("'${pmm03.roles}'.contains('commission')")
public class CommissionEndpoints {

    /** Not a Spring bean itself: CXF injects its WebServiceContext. */
    private CommissionSyncProvider provider(CommissionService commission, ParticipantRegistry registry,
                                            HardenedXml xml, MessageJournal journal, AttachmentStore attachments) {
        return new CommissionSyncProvider(commission, registry, xml, journal, attachments);
    }

    @Bean
    public EndpointImpl commissionSoap11(Bus bus, CommissionService commission, ParticipantRegistry registry,
                                         HardenedXml xml, MessageJournal journal, XmlLimits limits,
                                         EndpointSecurity security, AttachmentStore attachments) {
        return publish(bus, provider(commission, registry, xml, journal, attachments), limits, security, "CommissionSoap11",
                "/commission");
    }

    @Bean
    public EndpointImpl commissionSoap12(Bus bus, CommissionService commission, ParticipantRegistry registry,
                                         HardenedXml xml, MessageJournal journal, XmlLimits limits,
                                         EndpointSecurity security, AttachmentStore attachments) {
        return publish(bus, provider(commission, registry, xml, journal, attachments), limits, security, "CommissionSoap12",
                "/commission12");
    }

    /** The integrated-system port CommissionEec (SOAP 1.2, bare document, by wsa:Action; D-65). */
    @Bean
    public EndpointImpl commissionEec(Bus bus, CommissionService commission, ParticipantRegistry registry,
                                      HardenedXml xml, MessageJournal journal, XmlLimits limits,
                                      EndpointSecurity security, eaeu.pmm03.server.eec.EecReplies replies,
                                      AttachmentStore attachments) {
        String self = registry.all().stream().filter(p -> p.role() == eaeu.pmm03.security.identity.Role.COMMISSION)
                .map(eaeu.pmm03.security.identity.Participant::id).findFirst().orElse("EEC");
        return publish(bus, EecProvider.commission(commission, self, replies, registry, xml, journal, attachments), limits, security,
                "CommissionEec", "/eec/commission");
    }

    static EndpointImpl publish(Bus bus, Object provider, XmlLimits limits, EndpointSecurity security, String port,
                                String path) {
        return Endpoints.publish(bus, provider, Endpoints.COMMISSION, limits, security, port, path);
    }
}
