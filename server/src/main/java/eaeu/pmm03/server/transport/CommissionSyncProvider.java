package eaeu.pmm03.server.transport;

import eaeu.pmm03.contract.commission.ChangeRecordResponse;
import eaeu.pmm03.contract.commission.ExcludeRecordResponse;
import eaeu.pmm03.contract.commission.GetChangesResponse;
import eaeu.pmm03.contract.commission.GetRecordsResponse;
import eaeu.pmm03.contract.commission.GetUpdateTimeResponse;
import eaeu.pmm03.contract.commission.IncludeRecordResponse;
import eaeu.pmm03.contract.process.ProcessTable;
import eaeu.pmm03.contract.processingresult.ProcessingResultDetails;
import eaeu.pmm03.security.identity.ParticipantRegistry;
import eaeu.pmm03.security.xml.HardenedXml;
import eaeu.pmm03.server.commission.CommissionService;
import eaeu.pmm03.server.attachment.AttachmentStore;
import eaeu.pmm03.server.journal.MessageJournal;
import eaeu.pmm03.server.pipeline.Inbound;
import jakarta.xml.ws.Service;
import jakarta.xml.ws.ServiceMode;
import jakarta.xml.ws.WebServiceProvider;

import javax.xml.namespace.QName;
import javax.xml.transform.Source;
import java.util.function.Function;

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

    private final CommissionService commission;

    public CommissionSyncProvider(CommissionService commission, ParticipantRegistry participants, HardenedXml xml,
                                  MessageJournal journal, AttachmentStore attachments) {
        super("Commission", participants, xml, journal, attachments);
        this.commission = commission;
    }

    @Override
    protected Source handle(ProcessTable.Transaction t, Inbound in) {
        return switch (t.operation()) {
            case "IncludeRecord" -> {
                IncludeRecordResponse r = new IncludeRecordResponse();
                r.setProcessingResultDetails(commission.submit(in));
                yield jaxb(r);
            }
            case "ChangeRecord" -> {
                ChangeRecordResponse r = new ChangeRecordResponse();
                r.setProcessingResultDetails(commission.submit(in));
                yield jaxb(r);
            }
            case "ExcludeRecord" -> {
                ExcludeRecordResponse r = new ExcludeRecordResponse();
                r.setProcessingResultDetails(commission.submit(in));
                yield jaxb(r);
            }
            case "GetUpdateTime" -> {
                GetUpdateTimeResponse r = new GetUpdateTimeResponse();
                r.setResourceStatusDetails(commission.updateTime(in));
                yield jaxb(r);
            }
            case "GetRecords" -> query(commission.records(in), new QName(NS, "GetRecordsResponse"), none -> {
                GetRecordsResponse r = new GetRecordsResponse();
                r.setProcessingResultDetails(none);
                return r;
            });
            case "GetChanges" -> query(commission.changes(in), new QName(NS, "GetChangesResponse"), none -> {
                GetChangesResponse r = new GetChangesResponse();
                r.setProcessingResultDetails(none);
                return r;
            });
            default -> throw Faults.sender("ERR_SCHEMA", "operation " + t.operation() + " is not served here");
        };
    }

    private Source query(CommissionService.QueryAnswer a, QName wrapper, Function<ProcessingResultDetails, Object> none) {
        return a.items() != null ? new ItemsSource(a.items(), wrapper) : jaxb(none.apply(a.none()));
    }
}
