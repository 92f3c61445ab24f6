package eaeu.pmm03.server.transport;

import eaeu.pmm03.contract.process.ProcessTable;
import eaeu.pmm03.contract.xml.ContractJaxb;
import eaeu.pmm03.server.authority.AuthorityService;
import eaeu.pmm03.server.commission.CommissionService;
import eaeu.pmm03.server.pipeline.Inbound;
import eaeu.pmm03.server.pipeline.XmlText;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import javax.xml.namespace.QName;
import javax.xml.transform.Source;
import javax.xml.transform.dom.DOMSource;

/**
 * The service behind the ports of one WSDL service, the same for every binding family: one inbound document of a
 * transaction in, its bare EEC answer out (none for a one-way transaction). The synchronous ports put the answer
 * into their response wrapper, the Eec ports send it to wsa:ReplyTo.
 */
interface ServiceCalls {

    Reply call(ProcessTable.Transaction t, Inbound in);

    /** An answer: a JAXB EEC document, or items streamed from the database (MSG.008/011); both null for none. */
    record Reply(Object document, CommissionService.Items items) {
        static Reply none() {
            return new Reply(null, null);
        }

        boolean isNone() {
            return document == null && items == null;
        }

        /** Inside the response wrapper element of a synchronous operation. */
        Source wrapped(QName wrapper) {
            if (items != null) {
                return new ItemsSource(items, wrapper);
            }
            // marshalled straight into the wrapper: no second document and no deep copy of the answer
            Document w = ContractJaxb.newDocument();
            Element root = w.createElementNS(wrapper.getNamespaceURI(), "w:" + wrapper.getLocalPart());
            w.appendChild(root);
            ContractJaxb.toDom(document, root);
            return new DOMSource(w);
        }

        /** The bare EEC document (what the Eec reply ports carry). */
        Document bare() {
            return items != null ? XmlText.toDocument(new ItemsSource(items, null)) : ContractJaxb.toDom(document);
        }
    }

    static ServiceCalls commission(CommissionService commission) {
        return (t, in) -> switch (t.operation()) {
            case "IncludeRecord", "ChangeRecord", "ExcludeRecord" -> new Reply(commission.submit(in), null);
            case "GetUpdateTime" -> new Reply(commission.updateTime(in), null);
            case "GetRecords" -> query(commission.records(in));
            case "GetChanges" -> query(commission.changes(in));
            default -> throw Faults.sender("ERR_SCHEMA", "operation " + t.operation() + " is not served here");
        };
    }

    static ServiceCalls authority(AuthorityService authority) {
        return (t, in) -> switch (t.operation()) {
            case "NotifyInclusion" -> {
                authority.notification(in);
                yield Reply.none();
            }
            case "RequestAdditionalInfo" -> new Reply(authority.infoRequest(in), null);
            case "SendAdditionalInfo" -> new Reply(authority.infoAnswer(in), null);
            default -> throw Faults.sender("ERR_SCHEMA", "operation " + t.operation() + " is not served here");
        };
    }

    private static Reply query(CommissionService.QueryAnswer a) {
        return a.items() != null ? new Reply(null, a.items()) : new Reply(a.none(), null);
    }
}
