package eaeu.pmm03.server.eec;

import eaeu.pmm03.contract.process.ProcessTable;
import eaeu.pmm03.security.wss.ClientSecurity;
import eaeu.pmm03.security.wss.WsSecuritySettings;
import eaeu.pmm03.security.xml.HardenedXml;
import eaeu.pmm03.server.attachment.AttachmentStore;
import eaeu.pmm03.server.config.Pmm03Properties;
import eaeu.pmm03.server.outbox.Delivery;
import eaeu.pmm03.server.outbox.OutboxMessage;
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
 * Sends one outbox row as an integrated-system message (decision D-65): SOAP 1.2, the EEC document (or signal) as
 * the Body's only child, WS-Addressing headers written by us (wsa:To, wsa:ReplyTo, wsa:MessageID, wsa:RelatesTo,
 * wsa:Action) and int:ProcedureID / int:ConversationID, the node's WS-Security. Every message is one-way and
 * "robust": the receiver answers HTTP 202 only once it has recorded the message, or a SOAP fault.
 */
public class EecDelivery {

    public static final String WSA_NS = "http://www.w3.org/2005/08/addressing";
    public static final String INT_NS = "urn:EEC:Interaction:v1.0";
    private static final String ROBUST = "org.apache.cxf.oneway.robust";

    private final ProcessTable table = ProcessTable.get();
    private final EecDirectory directory;
    private final Pmm03Properties props;
    private final HardenedXml xml;
    private final WsSecuritySettings settings;
    private final String self;
    private final AttachmentStore attachments;

    public EecDelivery(EecDirectory directory, Pmm03Properties props, HardenedXml xml, WsSecuritySettings settings,
                       String self, AttachmentStore attachments) {
        this.attachments = attachments;
        this.directory = directory;
        this.props = props;
        this.xml = xml;
        this.settings = settings;
        this.self = self;
    }

    /**
     * Sends the row. Returns null once the receiver acknowledged it (HTTP 202); returns the R.006 of a refusal when
     * the receiver answered with a Sender fault carrying one (judged like any answer, as in {@link Delivery}).
     */
    public Delivery.Answer send(OutboxMessage m, Pmm03Properties.Endpoint credentials) throws Delivery.DeliveryException {
        ProcessTable.Transaction t = table.transaction(m.transactionCode());
        String url = m.isReply() ? m.url() : directory.requestUrl(m.target(), t.service());
        try {
            Dispatch<Source> d = dispatch(t, url);
            Map<String, Object> rc = d.getRequestContext();
            rc.put(Header.HEADER_LIST, headers(t, m));
            rc.put(ROBUST, Boolean.TRUE);
            Client client = ((DispatchImpl<?>) d).getClient();
            ClientSecurity.apply(client, settings, credentials.username(), credentials.password(), null, null);
            HTTPClientPolicy policy = new HTTPClientPolicy();
            long timeout = props.outbox().requestTimeout().toMillis();
            policy.setConnectionTimeout(Math.min(timeout, 10_000));
            policy.setReceiveTimeout(timeout);
            ((HTTPConduit) client.getConduit()).setClient(policy);
            Document payload = parse(m.document());
            attachments.attachTo(d, payload);
            d.invokeOneWay(new DOMSource(payload));
            return null;
        } catch (SOAPFaultException e) {
            return Delivery.answerOf(e);
        } catch (WebServiceException e) {
            throw new Delivery.DeliveryException("not accepted by " + url + ": " + root(e), true, e);
        }
    }

    private Dispatch<Source> dispatch(ProcessTable.Transaction t, String url) {
        ProcessTable.Service svc = table.services().stream().filter(s -> s.name().equals(t.service())).findFirst()
                .orElseThrow();
        QName serviceName = new QName(svc.namespace(), svc.name() + "Service");
        QName port = new QName(svc.namespace(), svc.name() + "Eec");
        Service s = Service.create(serviceName);
        s.addPort(port, SOAPBinding.SOAP12HTTP_BINDING, url);
        return s.createDispatch(port, Source.class, Service.Mode.PAYLOAD);
    }

    /** The envelope's headers, written as they are (CXF's MAP codec is not used: see decision D-65). */
    List<Header> headers(ProcessTable.Transaction t, OutboxMessage m) {
        Document doc = xml.newDocument();
        List<Header> h = new ArrayList<>();
        h.add(header(doc, WSA_NS, "wsa:To", directory.logicalAddress(m.target()), null));
        if (!m.isReply() && !t.oneWay()) {
            h.add(header(doc, WSA_NS, "wsa:ReplyTo", null, directory.logicalAddress(self)));
        }
        h.add(header(doc, WSA_NS, "wsa:MessageID", "urn:uuid:" + m.edocId(), null));
        if (m.isReply()) {
            h.add(header(doc, WSA_NS, "wsa:RelatesTo", m.relatesTo(), null));
        }
        h.add(header(doc, WSA_NS, "wsa:Action", m.isReply() ? m.action() : table.action(t, m.messageCode()), null));
        h.add(header(doc, INT_NS, "int:ProcedureID", m.procedureId(), null));
        h.add(header(doc, INT_NS, "int:ConversationID", m.conversationId(), null));
        return h;
    }

    private static Header header(Document doc, String ns, String name, String text, String address) {
        Element e = doc.createElementNS(ns, name);
        if (address != null) {
            Element a = doc.createElementNS(WSA_NS, "wsa:Address");
            a.setTextContent(address);
            e.appendChild(a);
        } else {
            e.setTextContent(text);
        }
        return new Header(new QName(ns, name.substring(name.indexOf(':') + 1)), e);
    }

    private Document parse(String document) {
        try {
            return xml.parse(new ByteArrayInputStream(document.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException("outbox document unreadable", e);
        }
    }

    private static String root(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }
}
