package eaeu.pmm03.server.transport;

import eaeu.pmm03.contract.authority.RequestAdditionalInfoResponse;
import eaeu.pmm03.contract.authority.SendAdditionalInfoResponse;
import eaeu.pmm03.contract.process.ProcessTable;
import eaeu.pmm03.security.identity.ParticipantRegistry;
import eaeu.pmm03.security.xml.HardenedXml;
import eaeu.pmm03.server.authority.AuthorityService;
import eaeu.pmm03.server.attachment.AttachmentStore;
import eaeu.pmm03.server.journal.MessageJournal;
import eaeu.pmm03.server.pipeline.Inbound;
import jakarta.xml.ws.Service;
import jakarta.xml.ws.ServiceMode;
import jakarta.xml.ws.WebServiceProvider;

import javax.xml.transform.Source;

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

    private final AuthorityService authority;

    public AuthoritySyncProvider(AuthorityService authority, ParticipantRegistry participants, HardenedXml xml,
                                 MessageJournal journal, AttachmentStore attachments) {
        super("Authority", participants, xml, journal, attachments);
        this.authority = authority;
    }

    @Override
    protected Source handle(ProcessTable.Transaction t, Inbound in) {
        return switch (t.operation()) {
            case "NotifyInclusion" -> {
                authority.notification(in);
                yield null;
            }
            case "RequestAdditionalInfo" -> {
                RequestAdditionalInfoResponse r = new RequestAdditionalInfoResponse();
                r.setProcessingResultDetails(authority.infoRequest(in));
                yield jaxb(r);
            }
            case "SendAdditionalInfo" -> {
                SendAdditionalInfoResponse r = new SendAdditionalInfoResponse();
                r.setProcessingResultDetails(authority.infoAnswer(in));
                yield jaxb(r);
            }
            default -> throw Faults.sender("ERR_SCHEMA", "operation " + t.operation() + " is not served here");
        };
    }
}
