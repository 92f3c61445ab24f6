package eaeu.pmm03.server.transport;

import eaeu.pmm03.contract.processingresult.ProcessingResultDetails;
import eaeu.pmm03.contract.xml.ContractJaxb;
import eaeu.pmm03.server.commission.Documents;
import eaeu.pmm03.server.pipeline.Rejection;
import org.apache.cxf.binding.soap.SoapFault;
import org.apache.cxf.binding.soap.Soap11;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import javax.xml.namespace.QName;

/**
 * SOAP faults for what cannot be answered with the operation's own document. The fault string names the reason;
 * the detail carries an R.006 ProcessingResultDetails (result code, rule, path) a program can read.
 */
public final class Faults {

    /** Subcode namespace of pmm03 faults: pmm:ERR_SCHEMA, pmm:ERR_NOT_AUTHORIZED, … */
    public static final String NS = "urn:pmm03:fault";

    private Faults() {}

    /** A sender error: the request itself is wrong (SOAP 1.1 Client / SOAP 1.2 Sender). */
    public static SoapFault sender(String resultCode, String text) {
        SoapFault f = new SoapFault(text, Soap11.getInstance().getSender());
        f.setSubCode(new QName(NS, resultCode, "pmm"));
        return f;
    }

    /** A rejection of a query: the fault detail holds the R.006 document of the refusal. */
    public static SoapFault of(Rejection r, String answerMessage, String refId) {
        SoapFault f = sender(r.resultCode(), r.description());
        ProcessingResultDetails d = Documents.result(answerMessage, refId, null, r.resultCode(), r.description());
        Document doc = ContractJaxb.toDom(d);
        Element detail = f.getOrCreateDetail();
        detail.appendChild(detail.getOwnerDocument().importNode(doc.getDocumentElement(), true));
        return f;
    }

    public static SoapFault receiver(String text, Throwable cause) {
        SoapFault f = new SoapFault(text, cause, Soap11.getInstance().getReceiver());
        f.setSubCode(new QName(NS, "ERR_INTERNAL", "pmm"));
        return f;
    }
}
