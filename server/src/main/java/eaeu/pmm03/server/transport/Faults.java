package eaeu.pmm03.server.transport;

import eaeu.pmm03.contract.process.ProcessTable;
import eaeu.pmm03.contract.processingresult.ProcessingResultDetails;
import eaeu.pmm03.contract.xml.ContractJaxb;
import eaeu.pmm03.server.commission.Documents;
import eaeu.pmm03.server.pipeline.Rejection;
import org.apache.cxf.binding.soap.SoapFault;
import org.apache.cxf.binding.soap.Soap11;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import javax.xml.namespace.QName;
import java.util.List;

/**
 * SOAP faults for what cannot be answered with the operation's own document. The fault string names the reason;
 * the detail carries an R.006 ProcessingResultDetails (result code, rule, path) a program can read. The HTTP status
 * and the last word on the text of every fault is {@link FaultMapping}'s.
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

    /** A transport refusal of the table {@link TransportError}. */
    public static SoapFault of(TransportError e, String enDetail, String ruDetail) {
        SoapFault f = e == TransportError.INTERNAL ? new SoapFault(e.text(enDetail, ruDetail), Soap11.getInstance().getReceiver())
                : new SoapFault(e.text(enDetail, ruDetail), Soap11.getInstance().getSender());
        f.setSubCode(new QName(NS, e.code(), "pmm"));
        f.setStatusCode(e.status());
        return f;
    }

    /**
     * A refusal of a document: the fault detail holds an R.006 of the refusal. Its header names the transaction's
     * R.006 answer (MSG.004, MSG.009, MSG.012, MSG.015); a transaction whose only answer is another structure
     * (TRN.004: MSG.006 is R.007) gets the R.006 under that answer's message code with EDocCode R.006 (D-113).
     */
    public static SoapFault of(Rejection r, ProcessTable.Transaction t, String refId) {
        SoapFault f = sender(r.resultCode(), r.description());
        ProcessTable table = ProcessTable.get();
        List<String> answers = t == null ? List.of() : t.responses();
        String r006 = table.message("P.MM.03.MSG.004").structure();
        String answer = answers.stream().filter(m -> r006.equals(table.message(m).structure()))
                .reduce((a, b) -> b).orElse(answers.isEmpty() ? "P.MM.03.MSG.004" : answers.get(answers.size() - 1));
        ProcessingResultDetails d = Documents.result(answer, refId, null, r.resultCode(), r.description());
        d.getEDocHeader().setEDocCode(r006);
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
