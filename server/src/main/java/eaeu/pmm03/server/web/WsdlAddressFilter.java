package eaeu.pmm03.server.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.cxf.Bus;
import org.apache.cxf.endpoint.Server;
import org.apache.cxf.endpoint.ServerRegistry;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Makes the WSDL and XSD documents the node serves at {@code ?wsdl} / {@code ?xsd=} right for the client that asked
 * (D-160, D-161): every {@code soap:address} / {@code soap12:address} and every import location is absolute and
 * names this node as the client reached it ({@link PublicAddress}: scheme, host and port of the request, or of a
 * trusted reverse proxy); ports this node does not serve (e.g. the asynchronous reply ports on a Commission-only
 * node) are left out, and so is a service left without ports. A client that takes the WSDL's first port (zeep,
 * node-soap) thus calls the node it loaded the WSDL from, without binding an address by hand.
 */
public class WsdlAddressFilter extends OncePerRequestFilter {

    static final String WSDL_NS = "http://schemas.xmlsoap.org/wsdl/";
    static final Set<String> SOAP_NS = Set.of("http://schemas.xmlsoap.org/wsdl/soap/",
            "http://schemas.xmlsoap.org/wsdl/soap12/");
    private static final Pattern METADATA_QUERY = Pattern.compile("(^|&)(wsdl|xsd)(=|&|$)", Pattern.CASE_INSENSITIVE);

    private final Bus bus;
    private final PublicAddress address;
    private final List<String> portOrder;

    /** @param portOrder port names in the order of the contract's WSDLs (CXF lists them in no particular order) */
    public WsdlAddressFilter(Bus bus, PublicAddress address, List<String> portOrder) {
        this.bus = bus;
        this.address = address;
        this.portOrder = List.copyOf(portOrder);
    }

    /** The names of the wsdl:service and wsdl:port elements of WSDL documents, in document order. */
    public static List<String> portNames(List<byte[]> wsdls) {
        List<String> names = new ArrayList<>();
        for (byte[] w : wsdls) {
            try {
                forEach(parse(w), e -> {
                    if (WSDL_NS.equals(e.getNamespaceURI())
                            && ("service".equals(e.getLocalName()) || "port".equals(e.getLocalName()))) {
                        names.add(e.getAttribute("name"));
                    }
                });
            } catch (Exception e) {
                throw new IllegalStateException("cannot read the contract WSDL: " + e.getMessage(), e);
            }
        }
        return names;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String q = request.getQueryString();
        return !"GET".equals(request.getMethod()) || q == null || !METADATA_QUERY.matcher(q).find();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ContentCachingResponseWrapper wrapper = new ContentCachingResponseWrapper(response);
        chain.doFilter(request, wrapper);
        byte[] body = wrapper.getContentAsByteArray();
        if (wrapper.getStatus() != 200 || body.length == 0) {
            wrapper.copyBodyToResponse();
            return;
        }
        byte[] out;
        try {
            out = rewrite(body, request);
        } catch (Exception e) {
            // not an XML document we understand: hand it over as CXF produced it
            wrapper.copyBodyToResponse();
            return;
        }
        response.setContentLength(out.length);
        response.getOutputStream().write(out);
    }

    /** Paths (relative to the CXF servlet, e.g. /commission) of the endpoints this node publishes. */
    Set<String> servedPaths(String servletBase) {
        Set<String> served = new HashSet<>();
        ServerRegistry registry = bus.getExtension(ServerRegistry.class);
        if (registry != null) {
            for (Server s : registry.getServers()) {
                served.add(relative(s.getEndpoint().getEndpointInfo().getAddress(), servletBase));
            }
        }
        return served;
    }

    /** A location as a path below the CXF servlet: "/commission" for "/commission" or "http://h:1/ws/commission". */
    static String relative(String location, String servletPath) {
        String path = location;
        try {
            URI u = URI.create(location.trim());
            if (u.isAbsolute()) {
                path = u.getRawPath();
            }
        } catch (IllegalArgumentException e) {
            return location;
        }
        if (path != null && !servletPath.isEmpty() && path.startsWith(servletPath + "/")) {
            path = path.substring(servletPath.length());
        }
        return path;
    }

    byte[] rewrite(byte[] body, HttpServletRequest request) throws Exception {
        String servletPath = request.getContextPath() + request.getServletPath();   // e.g. /ws
        String requestUrl = request.getRequestURL().toString();
        int at = requestUrl.indexOf(servletPath, requestUrl.indexOf("//") + 2);
        String ownBase = at < 0 ? null : requestUrl.substring(0, at + servletPath.length());   // as CXF wrote it
        String publicBase = address.base(request) + request.getServletPath();

        Document doc = parse(body);
        Set<String> served = servedPaths(request.getServletPath());
        // imports of WSDLs and schemas: CXF writes them absolute with the request's own address
        for (String attr : List.of("location", "schemaLocation")) {
            forEach(doc, e -> {
                if (e.hasAttribute(attr) && !SOAP_NS.contains(e.getNamespaceURI())) {
                    String v = e.getAttribute(attr);
                    if (ownBase != null && v.startsWith(ownBase)) {
                        e.setAttribute(attr, publicBase + v.substring(ownBase.length()));
                    }
                }
            });
        }
        // ports: absolute addresses of this node; ports it does not serve are left out
        List<Element> unserved = new ArrayList<>();
        forEach(doc, e -> {
            if ("address".equals(e.getLocalName()) && SOAP_NS.contains(e.getNamespaceURI())) {
                String path = relative(e.getAttribute("location"), request.getServletPath());
                e.setAttribute("location", publicBase + path);
                Node port = e.getParentNode();
                if (!served.contains(path) && port instanceof Element p && WSDL_NS.equals(p.getNamespaceURI())) {
                    unserved.add(p);
                }
            }
        });
        // the contract's order: the first service and port (what zeep and node-soap take by default) are the
        // synchronous SOAP 1.1 ones
        inContractOrder(doc.getDocumentElement(), "service");
        NodeList services = doc.getElementsByTagNameNS(WSDL_NS, "service");
        for (int i = 0; i < services.getLength(); i++) {
            inContractOrder(services.item(i), "port");
        }
        for (Element port : unserved) {
            Node service = port.getParentNode();
            service.removeChild(port);
            boolean empty = true;
            for (Node n = service.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element c && "port".equals(c.getLocalName())) {
                    empty = false;
                }
            }
            if (empty && service.getParentNode() != null) {
                service.getParentNode().removeChild(service);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 256);
        var t = TransformerFactory.newInstance().newTransformer();
        t.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
        t.transform(new DOMSource(doc), new StreamResult(out));
        return out.toByteArray();
    }

    /** Moves the wsdl:{kind} children of parent to its end, in the contract's order. */
    private void inContractOrder(Node parent, String kind) {
        List<Element> children = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c && WSDL_NS.equals(c.getNamespaceURI()) && kind.equals(c.getLocalName())) {
                children.add(c);
            }
        }
        children.sort(java.util.Comparator.comparingInt(c -> {
            int k = portOrder.indexOf(c.getAttribute("name"));
            return k < 0 ? Integer.MAX_VALUE : k;
        }));
        for (Element c : children) {
            parent.appendChild(c);
        }
    }

    private static Document parse(byte[] body) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        f.setExpandEntityReferences(false);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(body));
    }

    private static void forEach(Document doc, java.util.function.Consumer<Element> action) {
        NodeList all = doc.getElementsByTagNameNS("*", "*");
        List<Element> copy = new ArrayList<>(all.getLength());
        for (int i = 0; i < all.getLength(); i++) {
            copy.add((Element) all.item(i));
        }
        copy.forEach(action);
    }
}
