package eaeu.pmm03.bench.server;

import jakarta.xml.ws.Provider;
import jakarta.xml.ws.Service;
import jakarta.xml.ws.ServiceMode;
import jakarta.xml.ws.WebServiceProvider;

import javax.xml.stream.XMLStreamReader;
import javax.xml.transform.Source;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamSource;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

/**
 * The bare echo of issue #8: a document/literal operation on the same CXF stack as the Commission service (same WSDL,
 * same port name, published by the node's own {@code Endpoints.publish} with the node's {@code EndpointSecurity} and
 * XML limits), that takes the request document and returns a small fixed answer, doing nothing else. It reads the
 * payload to its end (a service must at least receive what it is sent) and does no schema, rule, database or
 * journal work. Every P.MM.03 figure is reported as a ratio to this endpoint, measured in the same run.
 */
@WebServiceProvider(serviceName = "CommissionService", portName = "CommissionSoap11",
        targetNamespace = "urn:pmm03:ws:Commission:v1.0.0",
        wsdlLocation = "classpath:eaeu/pmm03/contract/wsdl/pmm03-commission.wsdl")
@ServiceMode(Service.Mode.PAYLOAD)
public class EchoProvider implements Provider<Source> {

    private static final byte[] ANSWER = ("<IncludeRecordResponse xmlns=\"urn:pmm03:ws:Commission:v1.0.0\">"
            + "<echo>ok</echo></IncludeRecordResponse>").getBytes(StandardCharsets.UTF_8);

    @Override
    public Source invoke(Source request) {
        consume(request);
        return new StreamSource(new ByteArrayInputStream(ANSWER));
    }

    /** Reads the payload: a DOM (when WS-Security already parsed the envelope) is there already; a stream is drained. */
    static void consume(Source request) {
        if (request instanceof DOMSource d) {
            if (d.getNode() == null) {
                throw new IllegalArgumentException("empty request");
            }
            return;
        }
        try {
            XMLStreamReader r = org.apache.cxf.staxutils.StaxUtils.createXMLStreamReader(request);
            while (r.hasNext()) {
                r.next();
            }
            r.close();
        } catch (javax.xml.stream.XMLStreamException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
