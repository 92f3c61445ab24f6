package eaeu.pmm03.server.transport;

import eaeu.pmm03.security.identity.ParticipantRegistry;
import eaeu.pmm03.security.xml.HardenedXml;
import eaeu.pmm03.server.authority.AuthorityService;
import eaeu.pmm03.server.attachment.AttachmentStore;
import eaeu.pmm03.server.journal.MessageJournal;
import jakarta.xml.ws.Service;
import jakarta.xml.ws.ServiceMode;
import jakarta.xml.ws.WebServiceProvider;


/**
 * The synchronous Authority (peer) service: NotifyInclusion (MSG.013, one-way, robust: acknowledged only once
 * stored), RequestAdditionalInfo (MSG.014 → MSG.015), SendAdditionalInfo (MSG.016 → MSG.015).
 */
@WebServiceProvider(serviceName = "AuthorityService", portName = "AuthoritySoap11",
        targetNamespace = AuthoritySyncProvider.NS, wsdlLocation = AuthoritySyncProvider.WSDL)
@ServiceMode(Service.Mode.PAYLOAD)
public class AuthoritySyncProvider extends WrappedProvider {

    static final String NS = "urn:pmm03:ws:Authority:v1.0.0";
    static final String WSDL = "classpath:eaeu/pmm03/contract/wsdl/pmm03-authority.wsdl";

    public AuthoritySyncProvider(AuthorityService authority, ParticipantRegistry participants, HardenedXml xml,
                                 MessageJournal journal, AttachmentStore attachments) {
        super("Authority", ServiceCalls.authority(authority), participants, xml, journal, attachments);
    }
}
