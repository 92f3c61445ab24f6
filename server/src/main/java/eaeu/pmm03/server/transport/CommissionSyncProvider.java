package eaeu.pmm03.server.transport;

import eaeu.pmm03.contract.commission.ChangeRecordResponse;
import eaeu.pmm03.contract.commission.ExcludeRecordResponse;
import eaeu.pmm03.contract.commission.GetChangesResponse;
import eaeu.pmm03.contract.commission.GetRecordsResponse;
import eaeu.pmm03.contract.commission.GetUpdateTimeResponse;
import eaeu.pmm03.contract.commission.IncludeRecordResponse;
import eaeu.pmm03.contract.process.ProcessTable;
import eaeu.pmm03.contract.processingresult.ProcessingResultDetails;
import eaeu.pmm03.contract.xml.ContractJaxb;
import eaeu.pmm03.security.identity.Participant;
import eaeu.pmm03.security.identity.ParticipantRegistry;
import eaeu.pmm03.security.xml.HardenedXml;
import eaeu.pmm03.server.commission.CommissionService;
import eaeu.pmm03.server.journal.JournalEntry;
import eaeu.pmm03.server.journal.MessageJournal;
import eaeu.pmm03.server.pipeline.Inbound;
import eaeu.pmm03.server.pipeline.Rejection;
import eaeu.pmm03.server.pipeline.XmlText;
import jakarta.annotation.Resource;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.util.JAXBSource;
import jakarta.xml.ws.Provider;
import jakarta.xml.ws.Service;
import jakarta.xml.ws.ServiceMode;
import jakarta.xml.ws.WebServiceContext;
import jakarta.xml.ws.WebServiceProvider;
import org.apache.cxf.binding.soap.SoapFault;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import javax.xml.namespace.QName;
import javax.xml.transform.Source;
import java.security.Principal;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The synchronous Commission service (bindings CommissionSoap11 and CommissionSoap12): document/literal wrapped,
 * the EEC document inside the wrapper element of the operation. The operation is told by the wrapper element;
 * the EEC document is taken out, checked and processed exactly as the integrated-system profile would.
 */
@WebServiceProvider(serviceName = "CommissionService", portName = "CommissionSoap11",
        targetNamespace = CommissionSyncProvider.NS, wsdlLocation = CommissionSyncProvider.WSDL)
@ServiceMode(Service.Mode.PAYLOAD)
public class CommissionSyncProvider implements Provider<Source> {

    static final String NS = "urn:pmm03:ws:Commission:v1.0.0";
    static final String WSDL = "classpath:eaeu/pmm03/contract/wsdl/pmm03-commission.wsdl";
    private static final Logger log = LoggerFactory.getLogger(CommissionSyncProvider.class);

    private final Map<String, ProcessTable.Transaction> byOperation = ProcessTable.get().transactions().stream()
            .filter(t -> t.service().equals("Commission"))
            .collect(Collectors.toMap(ProcessTable.Transaction::operation, Function.identity()));

    private final CommissionService commission;
    private final ParticipantRegistry participants;
    private final HardenedXml xml;
    private final MessageJournal journal;

    @Resource
    private WebServiceContext context;

    public CommissionSyncProvider(CommissionService commission, ParticipantRegistry participants, HardenedXml xml,
                                  MessageJournal journal) {
        this.commission = commission;
        this.participants = participants;
        this.xml = xml;
        this.journal = journal;
    }

    @Override
    public Source invoke(Source request) {
        Element wrapper = XmlText.toDocument(request).getDocumentElement();
        ProcessTable.Transaction t = NS.equals(wrapper.getNamespaceURI()) ? byOperation.get(wrapper.getLocalName()) : null;
        if (t == null) {
            throw Faults.sender("ERR_SCHEMA", "unknown operation element {" + wrapper.getNamespaceURI() + "}"
                    + wrapper.getLocalName() + " / неизвестная операция");
        }
        Element eec = XmlText.firstChildElement(wrapper);
        if (eec == null) {
            throw Faults.sender("ERR_SCHEMA", t.operation() + " carries no EEC document / операция не содержит документа");
        }
        Document doc = XmlText.detach(eec, xml);
        String text = XmlText.serialize(doc);
        Inbound in = new Inbound(t.request(), doc, text, XmlText.sha256(text), sender(t, text), Inbound.Envelope.none());
        try {
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
        } catch (Rejection r) {
            throw Faults.of(r, t.responses().get(t.responses().size() - 1), in.edocId());
        } catch (SoapFault f) {
            throw f;
        } catch (RuntimeException e) {
            log.error("{} failed", t.operation(), e);
            throw Faults.receiver("internal error while processing " + t.operation()
                    + "; the message was not applied, retry later / внутренняя ошибка, повторите позднее", e);
        }
    }

    private Source query(CommissionService.QueryAnswer a, QName wrapper, Function<ProcessingResultDetails, Object> none) {
        return a.items() != null ? new ItemsSource(a.items(), wrapper) : jaxb(none.apply(a.none()));
    }

    private Participant sender(ProcessTable.Transaction t, String text) {
        Principal p = context.getUserPrincipal();
        Participant who = participants.byPrincipal(p).orElse(null);
        if (who == null) {
            journal.recordAlone(JournalEntry.in().message(t.request()).participant(p == null ? null : p.getName())
                    .result("ERR_NOT_AUTHORIZED", "unknown or missing user").content(XmlText.sha256(text), text).build());
            throw Faults.sender("ERR_NOT_AUTHORIZED", "the sender is not a registered participant / отправитель не"
                    + " зарегистрирован как участник");
        }
        return who;
    }

    private static Source jaxb(Object o) {
        try {
            return new JAXBSource(ContractJaxb.context(), o);
        } catch (JAXBException e) {
            throw new IllegalStateException(e);
        }
    }
}
