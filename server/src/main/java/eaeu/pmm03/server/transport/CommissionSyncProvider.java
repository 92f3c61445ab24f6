package eaeu.pmm03.server.transport;

import eaeu.pmm03.security.identity.ParticipantRegistry;
import eaeu.pmm03.security.xml.HardenedXml;
import eaeu.pmm03.server.commission.CommissionService;
import eaeu.pmm03.server.attachment.AttachmentStore;
import eaeu.pmm03.server.journal.MessageJournal;
import jakarta.xml.ws.Service;
import jakarta.xml.ws.ServiceMode;
import jakarta.xml.ws.WebServiceProvider;


/**
 * The synchronous Commission service (bindings CommissionSoap11 and CommissionSoap12): document/literal wrapped,
 * the EEC document inside the wrapper element of the operation. The operation is told by the wrapper element;
 * the EEC document is taken out, checked and processed exactly as the integrated-system profile would.
 */
@WebServiceProvider(serviceName = "CommissionService", portName = "CommissionSoap11",
        targetNamespace = CommissionSyncProvider.NS, wsdlLocation = CommissionSyncProvider.WSDL)
@ServiceMode(Service.Mode.PAYLOAD)
public class CommissionSyncProvider extends WrappedProvider {

    static final String NS = "urn:pmm03:ws:Commission:v1.0.0";
    static final String WSDL = "classpath:eaeu/pmm03/contract/wsdl/pmm03-commission.wsdl";

    public CommissionSyncProvider(CommissionService commission, ParticipantRegistry participants, HardenedXml xml,
                                  MessageJournal journal, AttachmentStore attachments) {
        super("Commission", ServiceCalls.commission(commission), participants, xml, journal, attachments);
    }
}
