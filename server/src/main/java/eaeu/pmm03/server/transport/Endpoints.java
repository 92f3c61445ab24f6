package eaeu.pmm03.server.transport;

import eaeu.pmm03.security.xml.XmlLimits;
import org.apache.cxf.Bus;
import org.apache.cxf.jaxws.EndpointImpl;

import javax.xml.namespace.QName;
import java.util.HashMap;

/** Publishing of the node's SOAP endpoints, the same way for every service and port. */
public final class Endpoints {

    /** A WSDL and its service. */
    public record Contract(String wsdl, String namespace, String service) {}

    public static final Contract COMMISSION = new Contract(CommissionSyncProvider.WSDL, CommissionSyncProvider.NS,
            "CommissionService");
    public static final Contract AUTHORITY = new Contract(AuthoritySyncProvider.WSDL, AuthoritySyncProvider.NS,
            "AuthorityService");

    public static final Contract COMMISSION_REPLY = new Contract(CommissionSyncProvider.WSDL, CommissionSyncProvider.NS,
            "CommissionEecReplyService");
    public static final Contract AUTHORITY_REPLY = new Contract(AuthoritySyncProvider.WSDL, AuthoritySyncProvider.NS,
            "AuthorityEecReplyService");

    private Endpoints() {}

    /**
     * Publishes a provider on one port of a WSDL with the XML limits, robust one-way (a one-way message is
     * acknowledged only after it was processed, so an acknowledged notification is never lost) and the node's
     * WS-Security. The WS-Addressing and int: headers of a request are read by the provider for the journal.
     */
    public static EndpointImpl publish(Bus bus, Object provider, Contract c, XmlLimits limits, EndpointSecurity security,
                                       String port, String path) {
        EndpointImpl ep = new EndpointImpl(bus, provider);
        ep.setWsdlLocation(c.wsdl());
        ep.setServiceName(new QName(c.namespace(), c.service()));
        ep.setEndpointName(new QName(c.namespace(), port));
        HashMap<String, Object> props = new HashMap<>(limits.cxfProperties());
        props.put("org.apache.cxf.oneway.robust", Boolean.TRUE);
        // the payload as the DOM WS-Security already built, not a stream re-read into a copy (D-233)
        props.put(org.apache.cxf.databinding.source.SourceDataBinding.PREFERRED_FORMAT, "dom");
        ep.setProperties(props);
        // the raw bytes are checked before any parser reads them (D-100)
        ep.getInInterceptors().add(new XmlInputInterceptor());
        security.apply(ep);
        ep.publish(path);
        return ep;
    }
}
