package eaeu.pmm03.server.transport;

import jakarta.xml.soap.SOAPException;
import jakarta.xml.soap.SOAPMessage;
import org.apache.cxf.binding.soap.SoapMessage;
import org.apache.cxf.binding.soap.interceptor.AbstractSoapInterceptor;
import org.apache.cxf.binding.soap.interceptor.SoapActionInInterceptor;
import org.apache.cxf.binding.soap.model.SoapOperationInfo;
import org.apache.cxf.binding.soap.saaj.SAAJInInterceptor;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.phase.Phase;
import org.apache.cxf.service.model.BindingInfo;
import org.apache.cxf.service.model.BindingOperationInfo;
import org.apache.cxf.service.model.MessagePartInfo;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

import javax.xml.namespace.QName;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.util.StreamReaderDelegate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What reaches the service is what the contract says (decision D-112), checked on every SOAP port before WS-Security
 * and the service see the message, each refusal a Sender fault naming the problem:
 * <ul>
 *   <li>the soap:Body holds exactly one element (no text beside it) and that element is an input of the port;</li>
 *   <li>the operation wrapper of the synchronous ports holds the EEC document and nothing after it;</li>
 *   <li>a SOAPAction (SOAP 1.1 header, SOAP 1.2 {@code action} parameter), when given, is the one the WSDL binds to
 *   that element's operation, and agrees with wsa:Action when both are present;</li>
 *   <li>the soap:Header holds at most {@link RequestLimits#getHeaderElements()} elements; no element or attribute
 *   name is longer than {@link RequestLimits#getNameLength()} characters.</li>
 * </ul>
 */
public final class ContractShape extends AbstractSoapInterceptor {

    private static final String WSA = "http://www.w3.org/2005/08/addressing";

    private final RequestLimits limits;

    public ContractShape(RequestLimits limits) {
        super(Phase.PRE_PROTOCOL);
        addBefore("org.apache.cxf.ws.security.wss4j.WSS4JInInterceptor");
        addBefore("eaeu.pmm03.security.wss.VerifyingInInterceptor");
        this.limits = limits;
    }

    @Override
    public void handleMessage(SoapMessage msg) throws Fault {
        if (isGET(msg)) {
            return;
        }
        SOAPMessage saaj = msg.getContent(SOAPMessage.class);
        if (saaj == null) {
            XMLStreamReader reader = msg.getContent(XMLStreamReader.class);
            if (reader != null) {
                // an entity reference that is not defined would otherwise silently vanish from the text
                msg.setContent(XMLStreamReader.class, new StreamReaderDelegate(reader) {
                    @Override
                    public int next() throws XMLStreamException {
                        int e = super.next();
                        if (e == XMLStreamConstants.ENTITY_REFERENCE) {
                            throw Faults.of(TransportError.XML, "not well-formed: the entity &" + getLocalName()
                                    + "; is not defined (XML 1.0 predefines only &lt; &gt; &amp; &quot; &apos;)",
                                    "сущность &" + getLocalName() + "; не определена");
                        }
                        return e;
                    }
                });
            }
            SAAJInInterceptor.INSTANCE.handleMessage(msg);
            saaj = msg.getContent(SOAPMessage.class);
            if (reader != null) {
                afterBody(reader);
            }
        }
        if (saaj == null) {
            return;
        }
        try {
            envelope(msg, saaj.getSOAPPart().getEnvelope());
            Element header = saaj.getSOAPHeader();
            if (header != null) {
                header(header);
            }
            body(msg, saaj.getSOAPBody(), header);
        } catch (SOAPException e) {
            throw Faults.of(TransportError.ENVELOPE, "the SOAP envelope cannot be read", "SOAP-конверт не читается");
        }
    }

    /** Nothing but the end of the envelope may follow soap:Body (CXF would not read it: a second Body, a late Header). */
    private static void afterBody(XMLStreamReader r) {
        try {
            while (r.hasNext()) {
                int e = r.next();
                if (e == XMLStreamConstants.START_ELEMENT) {
                    throw Faults.of(TransportError.ENVELOPE, "{" + r.getNamespaceURI() + "}" + r.getLocalName()
                            + " follows soap:Body; soap:Envelope must end after its soap:Body", "{" + r.getNamespaceURI()
                            + "}" + r.getLocalName() + " следует после soap:Body; soap:Envelope должен заканчиваться после soap:Body");
                }
                if ((e == XMLStreamConstants.CHARACTERS || e == XMLStreamConstants.CDATA) && !r.isWhiteSpace()) {
                    throw Faults.of(TransportError.ENVELOPE, "text follows soap:Body", "после soap:Body следует текст");
                }
                if (e == XMLStreamConstants.END_DOCUMENT) {
                    return;
                }
            }
        } catch (XMLStreamException x) {
            String why = FaultMapping.clean(x.getMessage());
            throw Faults.of(TransportError.XML, why, why);
        }
    }

    /** Header (optional) then Body, nothing else; the SOAP version of the envelope is the port's and the Content-Type's. */
    private static void envelope(SoapMessage msg, Element env) {
        List<String> names = new ArrayList<>();
        for (Node n = env.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                names.add(e.getLocalName());
            } else if (n.getNodeType() == Node.TEXT_NODE && !n.getNodeValue().isBlank()) {
                throw Faults.of(TransportError.ENVELOPE, "text is not allowed directly inside soap:Envelope",
                        "текст непосредственно внутри soap:Envelope не допускается");
            }
        }
        if (!(names.equals(List.of("Body")) || names.equals(List.of("Header", "Body")))) {
            throw Faults.of(TransportError.ENVELOPE, "soap:Envelope must hold an optional soap:Header and then one"
                    + " soap:Body, nothing else; found " + names, "soap:Envelope должен содержать необязательный"
                    + " soap:Header и затем один soap:Body; найдено " + names);
        }
        boolean envelope12 = msg.getVersion() == org.apache.cxf.binding.soap.Soap12.getInstance();
        BindingInfo b = msg.getExchange() == null || msg.getExchange().getEndpoint() == null ? null
                : msg.getExchange().getEndpoint().getEndpointInfo().getBinding();
        if (b instanceof org.apache.cxf.binding.soap.model.SoapBindingInfo sb && sb.getSoapVersion() != null
                && sb.getSoapVersion().getVersion() != msg.getVersion().getVersion()) {
            throw versionMismatch("a SOAP " + msg.getVersion().getVersion() + " envelope was sent to a SOAP "
                    + sb.getSoapVersion().getVersion() + " port", "конверт SOAP " + msg.getVersion().getVersion()
                    + " отправлен в порт SOAP " + sb.getSoapVersion().getVersion());
        }
        String ct = String.valueOf(msg.get(org.apache.cxf.message.Message.CONTENT_TYPE)).toLowerCase(java.util.Locale.ROOT);
        if (!ct.startsWith("multipart/") && (envelope12 ? ct.startsWith("text/xml") : ct.startsWith("application/soap+xml"))) {
            throw versionMismatch("a SOAP " + (envelope12 ? "1.2" : "1.1") + " envelope must be sent as "
                    + (envelope12 ? "application/soap+xml" : "text/xml"), "конверт SOAP " + (envelope12 ? "1.2" : "1.1")
                    + " передаётся как " + (envelope12 ? "application/soap+xml" : "text/xml"));
        }
    }

    private static Fault versionMismatch(String en, String ru) {
        org.apache.cxf.binding.soap.SoapFault f = Faults.of(TransportError.ENVELOPE,
                "the envelope's SOAP version does not match this port: " + en, "версия SOAP конверта не соответствует порту: " + ru);
        f.setFaultCode(new QName("http://schemas.xmlsoap.org/soap/envelope/", "VersionMismatch"));
        return f;
    }

    private void header(Element header) {
        int[] count = {0};
        walk(header, count, limits.getHeaderElements(), "soap:Header");
    }

    private void body(SoapMessage msg, Element body, Element header) {
        if (body == null) {
            throw Faults.of(TransportError.ENVELOPE, "the envelope has no soap:Body", "в конверте нет soap:Body");
        }
        walk(body, new int[]{0}, Long.MAX_VALUE, "soap:Body");
        List<Element> children = children(body, "soap:Body");
        if (children.isEmpty()) {
            throw Faults.of(TransportError.ENVELOPE, "the soap:Body is empty; it must hold exactly one operation element",
                    "soap:Body пуст; он должен содержать ровно один элемент операции");
        }
        if (children.size() > 1) {
            String names = children.stream().limit(5).map(ContractShape::name).toList().toString();
            throw Faults.of(TransportError.ENVELOPE, "the soap:Body holds " + children.size() + " elements " + names
                    + "; exactly one is allowed", "soap:Body содержит " + children.size() + " элементов " + names
                    + "; допускается ровно один");
        }
        Element op = children.get(0);
        QName q = new QName(op.getNamespaceURI() == null ? "" : op.getNamespaceURI(), op.getLocalName());
        BindingInfo binding = msg.getExchange() == null || msg.getExchange().getEndpoint() == null ? null
                : msg.getExchange().getEndpoint().getEndpointInfo().getBinding();
        if (binding == null || !wrappedPort(binding)) {
            // the Eec ports carry bare documents and signals, told apart by wsa:Action (EecProvider, EecHeaders)
            return;
        }
        Set<String> actions = new LinkedHashSet<>();
        Set<String> inputs = new LinkedHashSet<>();
        boolean wrapper = false;
        for (BindingOperationInfo bop : binding.getOperations()) {
            if (bop.getInput() == null || bop.getInput().getMessageParts().isEmpty()) {
                continue;
            }
            MessagePartInfo part = bop.getInput().getMessageParts().get(0);
            QName el = part.getElementQName();
            if (el == null) {
                continue;
            }
            inputs.add(el.toString());
            if (el.equals(q)) {
                wrapper |= bop.getName().getLocalPart().equals(q.getLocalPart());
                SoapOperationInfo soi = bop.getExtensor(SoapOperationInfo.class);
                if (soi != null && soi.getAction() != null && !soi.getAction().isEmpty()) {
                    actions.add(soi.getAction());
                }
            }
        }
        if (!inputs.isEmpty() && !inputs.contains(q.toString())) {
            throw Faults.of(TransportError.ENVELOPE, name(op) + " is not an operation of this port; expected one of "
                    + inputs, name(op) + " не является операцией этого порта; ожидается один из " + inputs);
        }
        if (wrapper) {
            List<Element> docs = children(op, q.getLocalPart());
            if (docs.size() > 1) {
                throw Faults.of(TransportError.ENVELOPE, "the operation element " + q.getLocalPart()
                                + " must hold exactly one EEC document; found " + name(docs.get(1)) + " after " + name(docs.get(0)),
                        "элемент операции " + q.getLocalPart() + " должен содержать ровно один документ; после "
                                + name(docs.get(0)) + " найден " + name(docs.get(1)));
            }
        }
        String action = soapAction(msg);
        if (action != null && !actions.isEmpty() && !actions.contains(action)) {
            throw Faults.of(TransportError.ENVELOPE, "the SOAPAction '" + action + "' does not belong to the operation "
                    + q.getLocalPart() + " of the Body; expected " + actions, "SOAPAction '" + action
                    + "' не соответствует операции " + q.getLocalPart() + " в soap:Body; ожидается " + actions);
        }
        String wsaAction = header == null ? null : wsaAction(header);
        if (action != null && wsaAction != null && !action.equals(wsaAction)) {
            throw Faults.of(TransportError.ENVELOPE, "the SOAPAction '" + action + "' differs from wsa:Action '" + wsaAction
                    + "'", "SOAPAction '" + action + "' не совпадает с wsa:Action '" + wsaAction + "'");
        }
    }

    /** A synchronous port: every operation's input is its wrapper element, named as the operation. */
    private static boolean wrappedPort(BindingInfo binding) {
        for (BindingOperationInfo bop : binding.getOperations()) {
            if (bop.getInput() != null && bop.getInput().getMessageParts().stream().anyMatch(p -> p.getElementQName() != null
                    && p.getElementQName().getLocalPart().equals(bop.getName().getLocalPart()))) {
                return true;
            }
        }
        return false;
    }

    private static String soapAction(SoapMessage msg) {
        String a = SoapActionInInterceptor.getSoapAction(msg);
        if (a == null) {
            return null;
        }
        a = a.trim();
        if (a.length() >= 2 && a.startsWith("\"") && a.endsWith("\"")) {
            a = a.substring(1, a.length() - 1);
        }
        return a.isEmpty() ? null : a;
    }

    private static String wsaAction(Element header) {
        for (Node n = header.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && WSA.equals(e.getNamespaceURI()) && "Action".equals(e.getLocalName())) {
                return e.getTextContent().trim();
            }
        }
        return null;
    }

    /** Element children; text other than whitespace beside them is refused. */
    private static List<Element> children(Element parent, String where) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                out.add(e);
            } else if ((n.getNodeType() == Node.TEXT_NODE || n.getNodeType() == Node.CDATA_SECTION_NODE)
                    && !n.getNodeValue().isBlank()) {
                throw Faults.of(TransportError.ENVELOPE, "text is not allowed directly inside " + where
                        + "; it must hold elements only", "текст непосредственно внутри " + where
                        + " не допускается; допускаются только элементы");
            }
        }
        return out;
    }

    /** Counts elements below {@code root} (at most {@code max}) and checks every name's length. */
    private void walk(Element root, int[] count, long max, String where) {
        int maxName = limits.getNameLength();
        Node n = root.getFirstChild();
        while (n != null) {
            if (n instanceof Element e) {
                if (++count[0] > max) {
                    throw Faults.of(TransportError.TOO_LARGE, where + " holds more than " + max
                                    + " elements (pmm03.limits.header-elements)",
                            where + " содержит более " + max + " элементов (pmm03.limits.header-elements)");
                }
                if (e.getTagName().length() > maxName) {
                    throw tooLongName("element", e.getTagName());
                }
                NamedNodeMap attrs = e.getAttributes();
                if (attrs.getLength() > limits.getAttributeCount()) {
                    throw Faults.of(TransportError.TOO_LARGE, "the element " + e.getLocalName() + " has "
                                    + attrs.getLength() + " attributes; the attribute limit is " + limits.getAttributeCount()
                                    + " (pmm03.limits.attribute-count)", "элемент " + e.getLocalName() + " имеет "
                                    + attrs.getLength() + " атрибутов; ограничение " + limits.getAttributeCount()
                                    + " (pmm03.limits.attribute-count)");
                }
                for (int i = 0; i < attrs.getLength(); i++) {
                    if (attrs.item(i).getNodeName().length() > maxName) {
                        throw tooLongName("attribute", attrs.item(i).getNodeName());
                    }
                }
                if (e.getFirstChild() != null) {
                    n = e.getFirstChild();
                    continue;
                }
            }
            if (n.getNodeType() == Node.ENTITY_REFERENCE_NODE) {
                throw Faults.of(TransportError.XML, "not well-formed: the entity &" + n.getNodeName()
                        + "; is not defined (XML 1.0 predefines only &lt; &gt; &amp; &quot; &apos;)",
                        "сущность &" + n.getNodeName() + "; не определена");
            }
            while (n != null && n.getNextSibling() == null && n != root) {
                n = n.getParentNode();
                if (n == root) {
                    return;
                }
            }
            n = n == null || n == root ? null : n.getNextSibling();
        }
    }

    private Fault tooLongName(String kind, String name) {
        String shown = name.substring(0, Math.min(40, name.length())) + "…";
        return Faults.of(TransportError.TOO_LARGE, "an " + kind + " name of " + name.length() + " characters (" + shown
                        + ") exceeds " + limits.getNameLength() + " (pmm03.limits.name-length)",
                "имя (" + kind + ") длиной " + name.length() + " символов превышает " + limits.getNameLength()
                        + " (pmm03.limits.name-length)");
    }

    private static String name(Element e) {
        return "{" + (e.getNamespaceURI() == null ? "" : e.getNamespaceURI()) + "}" + e.getLocalName();
    }
}
