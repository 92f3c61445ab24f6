package eaeu.pmm03.client;

import eaeu.pmm03.contract.processingresult.ProcessingResultDetails;
import eaeu.pmm03.contract.xml.ContractJaxb;
import jakarta.xml.soap.Detail;
import jakarta.xml.soap.SOAPFault;
import jakarta.xml.ws.soap.SOAPFaultException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import javax.xml.namespace.QName;
import javax.xml.parsers.DocumentBuilderFactory;
import java.util.Iterator;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns SOAP faults of a pmm03 service into {@link Pmm03Fault}. */
final class Faults {

    static final String NS = "urn:pmm03:fault";
    private static final Pattern CODE = Pattern.compile("\\b(ERR_[A-Z_]+)\\b");
    private static final Pattern LEADING_CODE = Pattern.compile("(ERR_[A-Z_]+):");

    private Faults() {}

    static <T> T call(Callable<T> c) {
        try {
            return c.call();
        } catch (SOAPFaultException e) {
            throw of(e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Pmm03Fault of(SOAPFaultException e) {
        SOAPFault f = e.getFault();
        String faultCode = f.getFaultCode();
        String result = null;
        try {
            if (!"http://www.w3.org/2003/05/soap-envelope".equals(f.getNamespaceURI())) {
                throw new UnsupportedOperationException("SOAP 1.1");
            }
            Iterator<QName> sub = f.getFaultSubcodes();
            while (sub.hasNext()) {
                QName q = sub.next();
                if (NS.equals(q.getNamespaceURI())) {
                    result = q.getLocalPart();
                }
            }
        } catch (UnsupportedOperationException soap11) {
            // SOAP 1.1 has no subcodes: CXF puts them into the faultcode
        }
        ProcessingResultDetails detail = detail(f.getDetail());
        if (result == null && detail != null) {
            result = detail.getProcessingResultV2Code();
        }
        if (result == null && faultCode != null) {
            Matcher m = CODE.matcher(faultCode);
            result = m.find() ? m.group(1) : null;
        }
        if (result == null && f.getFaultString() != null) {
            // WS-Security refusals of a node (SOAP 1.1 has no subcode on the wire): "ERR_SIGNATURE_MISSING: …"
            Matcher m = LEADING_CODE.matcher(f.getFaultString());
            result = m.lookingAt() ? m.group(1) : null;
        }
        return new Pmm03Fault(faultCode, result, f.getFaultString(), detail, e);
    }

    static ProcessingResultDetails detail(Detail d) {
        if (d == null) {
            return null;
        }
        for (Node n = d.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element el && "ProcessingResultDetails".equals(el.getLocalName())) {
                try {
                    DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();
                    dbf.setNamespaceAware(true);
                    Document doc = dbf.newDocumentBuilder().newDocument();
                    doc.appendChild(doc.importNode(el, true));
                    return ContractJaxb.fromDom(doc, ProcessingResultDetails.class);
                } catch (Exception ex) {
                    return null;
                }
            }
        }
        return null;
    }
}
