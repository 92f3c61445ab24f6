package eaeu.pmm03.server.outbox;

import eaeu.pmm03.contract.process.ProcessTable;
import eaeu.pmm03.security.wss.ClientSecurity;
import eaeu.pmm03.security.wss.WsSecuritySettings;
import eaeu.pmm03.security.xml.HardenedXml;
import eaeu.pmm03.server.config.Pmm03Properties;
import eaeu.pmm03.server.attachment.AttachmentStore;
import eaeu.pmm03.server.pipeline.XmlText;
import jakarta.xml.ws.BindingProvider;
import jakarta.xml.ws.Dispatch;
import jakarta.xml.ws.Service;
import jakarta.xml.ws.WebServiceException;
import jakarta.xml.ws.soap.SOAPBinding;
import jakarta.xml.ws.soap.SOAPFaultException;
import org.apache.cxf.endpoint.Client;
import org.apache.cxf.headers.Header;
import org.apache.cxf.jaxws.DispatchImpl;
import org.apache.cxf.transport.http.HTTPConduit;
import org.apache.cxf.transports.http.configuration.HTTPClientPolicy;
import org.apache.cxf.ws.addressing.AddressingProperties;
import org.apache.cxf.ws.addressing.AttributedURIType;
import org.apache.cxf.ws.addressing.JAXWSAConstants;
import org.apache.cxf.ws.addressing.WSAddressingFeature;
import org.springframework.stereotype.Component;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import javax.xml.namespace.QName;
import javax.xml.transform.Source;
import javax.xml.transform.dom.DOMSource;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Sends one outbox message to its respondent over the synchronous binding of the respondent's service, with the
 * node's WS-Security (UsernameToken; an XML signature when the policy says sign/require for the message), WS-Addressing (MessageID, Action per Decision No. 5) and the integrated system's
 * int:ProcedureID / int:ConversationID headers; returns the answer document, if the transaction has one.
 */
@Component
public class Delivery {

    public static final String INT_NS = "urn:EEC:Interaction:v1.0";

    /** The answer of the respondent: its EEC document (R.006 for every answer of a submission). */
    public record Answer(String messageCode, String resultCode, String text, String xml) {}

    /** A failed attempt; {@code retryable} false means retrying cannot help (a fault that names the request). */
    public static class DeliveryException extends Exception {
        private final boolean retryable;

        public DeliveryException(String message, boolean retryable, Throwable cause) {
            super(message, cause);
            this.retryable = retryable;
        }

        public boolean retryable() {
            return retryable;
        }
    }

    private final ProcessTable table = ProcessTable.get();
    private final Pmm03Properties props;
    private final HardenedXml xml;
    private final WsSecuritySettings settings;
    private final AttachmentStore attachments;

    public Delivery(Pmm03Properties props, HardenedXml xml, WsSecuritySettings settings, AttachmentStore attachments) {
        this.attachments = attachments;
        this.props = props;
        this.xml = xml;
        this.settings = settings;
    }

    public Answer send(OutboxMessage m, Pmm03Properties.Endpoint credentials) throws DeliveryException {
        ProcessTable.Transaction t = table.transaction(m.transactionCode());
        ProcessTable.Service svc = table.services().stream().filter(s -> s.name().equals(t.service())).findFirst()
                .orElseThrow();
        try {
            Dispatch<Source> d = dispatch(svc, t, m, credentials);
            Document payload = wrap(svc, t, m.document());
            attachments.attachTo(d, payload);
            if (t.oneWay()) {
                d.invokeOneWay(new DOMSource(payload));
                return null;
            }
            Source answer = d.invoke(new DOMSource(payload));
            return answer(XmlText.toDocument(answer));
        } catch (SOAPFaultException e) {
            return answerOf(e);
        } catch (WebServiceException e) {
            throw new DeliveryException("no answer from " + m.url() + ": " + rootMessage(e), true, e);
        }
    }

    private Dispatch<Source> dispatch(ProcessTable.Service svc, ProcessTable.Transaction t, OutboxMessage m,
                                      Pmm03Properties.Endpoint credentials) {
        QName serviceName = new QName(svc.namespace(), svc.name() + "Service");
        QName port = new QName(svc.namespace(), svc.name() + "Soap11");
        Service s = Service.create(serviceName, new WSAddressingFeature());
        s.addPort(port, SOAPBinding.SOAP11HTTP_BINDING, m.url());
        Dispatch<Source> d = s.createDispatch(port, Source.class, Service.Mode.PAYLOAD, new WSAddressingFeature());
        Map<String, Object> rc = d.getRequestContext();
        String action = table.action(t, m.messageCode());
        rc.put(BindingProvider.SOAPACTION_USE_PROPERTY, Boolean.TRUE);
        rc.put(BindingProvider.SOAPACTION_URI_PROPERTY, action);
        AddressingProperties maps = new AddressingProperties();
        AttributedURIType id = new AttributedURIType();
        id.setValue("urn:uuid:" + m.edocId());
        maps.setMessageID(id);
        AttributedURIType act = new AttributedURIType();
        act.setValue(action);
        maps.setAction(act);
        rc.put(JAXWSAConstants.CLIENT_ADDRESSING_PROPERTIES, maps);
        rc.put(Header.HEADER_LIST, interactionHeaders(m));
        Client client = ((DispatchImpl<?>) d).getClient();
        ClientSecurity.apply(client, settings, credentials.username(), credentials.password(), null, null);
        HTTPClientPolicy policy = new HTTPClientPolicy();
        long timeout = props.outbox().requestTimeout().toMillis();
        policy.setConnectionTimeout(Math.min(timeout, 10_000));
        policy.setReceiveTimeout(timeout);
        ((HTTPConduit) client.getConduit()).setClient(policy);
        return d;
    }

    private List<Header> interactionHeaders(OutboxMessage m) {
        Document doc = xml.newDocument();
        List<Header> headers = new ArrayList<>();
        for (String[] h : new String[][]{{"ProcedureID", m.procedureId()}, {"ConversationID", m.conversationId()}}) {
            Element e = doc.createElementNS(INT_NS, "int:" + h[0]);
            e.setTextContent(h[1]);
            headers.add(new Header(new QName(INT_NS, h[0]), e));
        }
        return headers;
    }

    private Document wrap(ProcessTable.Service svc, ProcessTable.Transaction t, String document) {
        try {
            Document eec = xml.parse(new ByteArrayInputStream(document.getBytes(StandardCharsets.UTF_8)));
            Document w = xml.newDocument();
            Element wrapper = w.createElementNS(svc.namespace(), t.operation());
            w.appendChild(wrapper);
            wrapper.appendChild(w.importNode(eec.getDocumentElement(), true));
            return w;
        } catch (Exception e) {
            throw new IllegalStateException("outbox document unreadable", e);
        }
    }

    private static Answer answer(Document response) {
        Element eec = XmlText.firstChildElement(response.getDocumentElement());
        if (eec == null) {
            return new Answer(null, null, "empty answer", XmlText.serialize(response));
        }
        return new Answer(text(eec, "InfEnvelopeCode"), text(eec, "ProcessingResultV2Code"),
                text(eec, "DescriptionText"), XmlText.serialize(eec));
    }

    /**
     * A SOAP fault of the respondent, on either channel. A sender fault carrying an R.006 in its detail is the
     * respondent's refusal: that is its answer, and the worker judges it by its result code like any other answer
     * (P.EXC.004 or a final refusal). Any other fault is a failed attempt, retryable unless the sender is at fault.
     */
    public static Answer answerOf(SOAPFaultException e) throws DeliveryException {
        String code = e.getFault().getFaultCodeAsQName() == null ? "" : e.getFault().getFaultCodeAsQName().getLocalPart();
        boolean sender = code.equalsIgnoreCase("Client") || code.equalsIgnoreCase("Sender");
        Element refusal = sender ? refusal(e) : null;
        if (refusal != null) {
            return new Answer(text(refusal, "InfEnvelopeCode"), text(refusal, "ProcessingResultV2Code"),
                    text(refusal, "DescriptionText"), XmlText.serialize(refusal));
        }
        throw new DeliveryException("SOAP fault " + code + ": " + e.getFault().getFaultString(), !sender, e);
    }

    /** The R.006 ProcessingResultDetails in a fault's detail, if the respondent put one there. */
    private static Element refusal(SOAPFaultException e) {
        if (e.getFault().getDetail() == null) {
            return null;
        }
        var l = e.getFault().getDetail().getElementsByTagNameNS("*", "ProcessingResultDetails");
        return l.getLength() == 0 ? null : (Element) l.item(0);
    }

    private static String text(Element root, String local) {
        var l = root.getElementsByTagNameNS("*", local);
        return l.getLength() == 0 ? null : l.item(0).getTextContent().trim();
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }

}
