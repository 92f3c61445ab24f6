package eaeu.pmm03.security.wss;

import eaeu.pmm03.contract.process.ProcessTable;
import jakarta.xml.soap.SOAPMessage;
import org.apache.cxf.binding.soap.SoapMessage;
import org.apache.cxf.binding.soap.interceptor.SoapActionInInterceptor;
import org.apache.wss4j.dom.util.WSSecurityUtil;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Tells which P.MM.03 message a SOAP message is, from what is in it: the operation wrapper element of the Body
 * (IncludeRecord → MSG.001), the InfEnvelopeCode of the EEC document's EDocHeader, and the SOAP action or wsa:Action
 * (int://CP/P.MM.03/1.0.0/…/P.MM.03.MSG.001). All that apply are returned; the signature policy takes the strictest.
 */
public final class MessageCodes {

    static final String WSA = "http://www.w3.org/2005/08/addressing";

    private MessageCodes() {}

    /** The codes of a message whose SAAJ form is available (after SAAJIn/SAAJOut). */
    public static Set<String> of(SoapMessage message) {
        Set<String> codes = new LinkedHashSet<>();
        SOAPMessage saaj = message.getContent(SOAPMessage.class);
        if (saaj != null) {
            codes.addAll(ofEnvelope(saaj.getSOAPPart()));
        }
        if (!message.containsKey(org.apache.cxf.message.Message.REQUESTOR_ROLE)
                || !Boolean.TRUE.equals(message.get(org.apache.cxf.message.Message.REQUESTOR_ROLE))) {
            try {
                String soapAction = SoapActionInInterceptor.getSoapAction(message);
                fromAction(soapAction, codes);
            } catch (RuntimeException ignored) {
                // no HTTP headers (outbound message): the action is read from the envelope
            }
        }
        return codes;
    }

    /** The codes told by an envelope: the Body's content and the wsa:Action header. */
    public static Set<String> ofEnvelope(Document envelope) {
        Set<String> codes = new LinkedHashSet<>();
        Element body = WSSecurityUtil.findBodyElement(envelope);
        Element first = body == null ? null : firstChild(body);
        if (first != null && !"Fault".equals(first.getLocalName())) {
            String name = first.getLocalName();
            ProcessTable table = ProcessTable.get();
            String infEnvelope = infEnvelopeCode(first);
            if (infEnvelope == null) {
                Element doc = firstChild(first);
                infEnvelope = doc == null ? null : infEnvelopeCode(doc);
            }
            if (infEnvelope != null) {
                table.findMessage(infEnvelope.trim()).ifPresent(m -> codes.add(m.code()));
            }
            for (ProcessTable.Transaction t : table.transactions()) {
                if (name.equals(t.operation())) {
                    codes.add(t.request());
                } else if (name.equals(t.operation() + "Response") && infEnvelope == null) {
                    codes.addAll(t.responses());
                }
            }
        }
        Element header = header(envelope);
        if (header != null) {
            for (Node n = header.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element e && "Action".equals(e.getLocalName()) && WSA.equals(e.getNamespaceURI())) {
                    fromAction(e.getTextContent(), codes);
                }
            }
        }
        return codes;
    }

    static void fromAction(String action, Set<String> codes) {
        if (action == null) {
            return;
        }
        String a = action.trim();
        if (a.startsWith("\"") && a.endsWith("\"") && a.length() > 1) {
            a = a.substring(1, a.length() - 1);
        }
        int slash = a.lastIndexOf('/');
        String last = slash < 0 ? a : a.substring(slash + 1);
        ProcessTable.get().findMessage(last).ifPresent(m -> codes.add(m.code()));
    }

    private static String infEnvelopeCode(Element eecDocument) {
        Element header = null;
        for (Node n = eecDocument.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && "EDocHeader".equals(e.getLocalName())) {
                header = e;
                break;
            }
        }
        if (header == null) {
            return null;
        }
        for (Node n = header.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && "InfEnvelopeCode".equals(e.getLocalName())) {
                return e.getTextContent();
            }
        }
        return null;
    }

    static Element header(Document envelope) {
        Element env = envelope.getDocumentElement();
        for (Node n = env.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && "Header".equals(e.getLocalName())
                    && java.util.Objects.equals(env.getNamespaceURI(), e.getNamespaceURI())) {
                return e;
            }
        }
        return null;
    }

    static Element firstChild(Element e) {
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c) {
                return c;
            }
        }
        return null;
    }

    /** The elements of the SOAP header in the WS-Addressing namespace. */
    static List<Element> addressingHeaders(Document envelope) {
        Element header = header(envelope);
        List<Element> out = new java.util.ArrayList<>();
        if (header != null) {
            for (Node n = header.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element e && (WSA.equals(e.getNamespaceURI())
                        || "http://schemas.xmlsoap.org/ws/2004/08/addressing".equals(e.getNamespaceURI()))) {
                    out.add(e);
                }
            }
        }
        return out;
    }
}
