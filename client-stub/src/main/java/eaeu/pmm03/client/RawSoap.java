package eaeu.pmm03.client;

import eaeu.pmm03.contract.authority.AuthorityPortType;
import eaeu.pmm03.contract.commission.CommissionPortType;
import jakarta.jws.WebMethod;
import jakarta.xml.ws.BindingProvider;
import jakarta.xml.ws.Dispatch;
import jakarta.xml.ws.Service;
import jakarta.xml.ws.soap.SOAPBinding;
import jakarta.xml.ws.soap.SOAPFaultException;
import org.apache.cxf.endpoint.Client;
import org.apache.cxf.jaxws.DispatchImpl;

import javax.xml.namespace.QName;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Source;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.stream.StreamResult;
import javax.xml.transform.stream.StreamSource;
import java.io.StringReader;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Sends a payload as XML text (the operation's wrapper element holding the EEC document) and gives back the answer
 * payload as text, or the fault. For documents the typed API cannot carry (schema-invalid ones in negative tests),
 * and for replaying the requests of the SoapUI project.
 */
public final class RawSoap {

    /** The answer: the payload XML (null for one-way operations), or the fault. */
    public record Answer(String xml, Pmm03Fault fault) {
        public boolean isFault() {
            return fault != null;
        }
    }

    private final String namespace;
    private final String service;
    private final String address;
    private final boolean soap12;
    private final ClientSecurityConfigurer security;
    private final Duration timeout;
    private final Map<String, String> actions;
    private final Map<String, Boolean> oneWay;

    private RawSoap(Class<?> portType, String namespace, String service, String address, boolean soap12,
                    ClientSecurityConfigurer security, Duration timeout) {
        this.namespace = namespace;
        this.service = service;
        this.address = address;
        this.soap12 = soap12;
        this.security = security;
        this.timeout = timeout;
        this.actions = new HashMap<>();
        this.oneWay = new HashMap<>();
        for (Method m : portType.getMethods()) {
            WebMethod wm = m.getAnnotation(WebMethod.class);
            if (wm != null) {
                actions.put(wm.operationName(), wm.action());
                oneWay.put(wm.operationName(), m.isAnnotationPresent(jakarta.jws.Oneway.class));
            }
        }
    }

    public static RawSoap commission(String address, boolean soap12, ClientSecurityConfigurer security,
                                     Duration timeout) {
        return new RawSoap(CommissionPortType.class, "urn:pmm03:ws:Commission:v1.0.0", "CommissionService", address,
                soap12, security, timeout);
    }

    public static RawSoap authority(String address, boolean soap12, ClientSecurityConfigurer security,
                                    Duration timeout) {
        return new RawSoap(AuthorityPortType.class, "urn:pmm03:ws:Authority:v1.0.0", "AuthorityService", address,
                soap12, security, timeout);
    }

    /** The SOAP action of an operation (from the generated port type). */
    public String action(String operation) {
        String a = actions.get(operation);
        if (a == null) {
            throw new IllegalArgumentException("no operation " + operation + " in " + service);
        }
        return a;
    }

    /** Sends the wrapper element (e.g. {@code <cws:IncludeRecord>…</cws:IncludeRecord>}) of an operation. */
    public Answer send(String operation, String payloadXml) {
        QName portName = new QName(namespace, service + "RawPort");
        Service svc = Service.create(new QName(namespace, service));
        svc.addPort(portName, soap12 ? SOAPBinding.SOAP12HTTP_BINDING : SOAPBinding.SOAP11HTTP_BINDING, address);
        Dispatch<Source> d = svc.createDispatch(portName, Source.class, Service.Mode.PAYLOAD);
        d.getRequestContext().put(BindingProvider.SOAPACTION_USE_PROPERTY, Boolean.TRUE);
        d.getRequestContext().put(BindingProvider.SOAPACTION_URI_PROPERTY, action(operation));
        Client client = ((DispatchImpl<?>) d).getClient();
        Pmm03Client.timeouts(client, timeout);
        security.configure(client);
        try {
            if (Boolean.TRUE.equals(oneWay.get(operation))) {
                // robust one-way: a refusal comes back as a SOAP fault (HTTP 500), read it as such
                d.getRequestContext().put("org.apache.cxf.oneway.robust", Boolean.TRUE);
                d.invokeOneWay(new StreamSource(new StringReader(payloadXml)));
                return new Answer(null, null);
            }
            Source out = d.invoke(new StreamSource(new StringReader(payloadXml)));
            return new Answer(text(out), null);
        } catch (SOAPFaultException e) {
            return new Answer(null, Faults.of(e));
        }
    }

    static String text(Source s) {
        try {
            Transformer t = TransformerFactory.newInstance().newTransformer();
            t.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
            StringWriter w = new StringWriter();
            t.transform(s, new StreamResult(w));
            return w.toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Wraps an EEC document's XML (with or without an XML declaration) into the operation's wrapper element. */
    public String wrap(String operation, String documentXml) {
        String body = documentXml.replaceFirst("^\\s*<\\?xml[^>]*\\?>", "").replaceAll("(?s)<!--.*?-->", "").trim();
        return "<op:" + operation + " xmlns:op=\"" + namespace + "\">" + body + "</op:" + operation + ">";
    }
}
