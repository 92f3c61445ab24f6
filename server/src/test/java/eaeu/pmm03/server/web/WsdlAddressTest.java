package eaeu.pmm03.server.web;

import eaeu.pmm03.server.NodeTestBase;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * D-160, D-161: the WSDL a node serves names this node, absolutely, as the client reached it; the first port is
 * the synchronous SOAP 1.1 one; ports the node does not serve are not advertised; forwarded headers count only
 * from trusted proxies.
 */
class WsdlAddressTest extends NodeTestBase {

    private final HttpClient http = HttpClient.newHttpClient();

    private List<String[]> ports(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path)));
        if (headers.length > 0) {
            b.headers(headers);
        }
        HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).isEqualTo(200);
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        var doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(r.body()));
        List<String[]> out = new ArrayList<>();
        NodeList ports = doc.getElementsByTagNameNS(WsdlAddressFilter.WSDL_NS, "port");
        for (int i = 0; i < ports.getLength(); i++) {
            Element p = (Element) ports.item(i);
            Element address = (Element) p.getElementsByTagNameNS("*", "address").item(0);
            String service = ((Element) p.getParentNode()).getAttribute("name");
            out.add(new String[]{service, p.getAttribute("name"), address.getAttribute("location")});
        }
        NodeList imports = doc.getElementsByTagNameNS("http://www.w3.org/2001/XMLSchema", "import");
        for (int i = 0; i < imports.getLength(); i++) {
            String loc = ((Element) imports.item(i)).getAttribute("schemaLocation");
            if (!loc.isEmpty()) {
                out.add(new String[]{"import", "", loc});
            }
        }
        return out;
    }

    @Test
    void everyAddressIsAbsoluteForThisNodeAndTheFirstPortIsTheSoap11One() throws Exception {
        String base = "http://localhost:" + port + "/ws";
        for (String path : List.of("/commission?wsdl", "/commission12?wsdl", "/eec/commission?wsdl")) {
            List<String[]> ports = ports(path);
            assertThat(ports.get(0)).containsExactly("CommissionService", "CommissionSoap11", base + "/commission");
            assertThat(ports).extracting(p -> p[1] + " " + p[2]).contains(
                    "CommissionSoap12 " + base + "/commission12", "CommissionEec " + base + "/eec/commission");
            // a Commission-only node does not serve the reply port of the asynchronous mode (D-161)
            assertThat(ports).extracting(p -> p[0]).doesNotContain("CommissionEecReplyService");
            assertThat(ports).allSatisfy(p -> assertThat(p[2]).startsWith(base + "/"));
        }
    }

    @Test
    void forwardedHeadersOfAnUntrustedCallerAreIgnored() throws Exception {
        // no pmm03.http.trusted-proxies in this node: a caller cannot make it advertise another host
        List<String[]> ports = ports("/commission?wsdl", "X-Forwarded-Host", "evil.example", "X-Forwarded-Proto", "https",
                "Forwarded", "host=evil.example;proto=https");
        assertThat(ports).allSatisfy(p -> assertThat(p[2]).startsWith("http://localhost:" + port + "/ws/"));
    }

    @Test
    void aTrustedProxyNamesThePublicAddress() {
        PublicAddress a = new PublicAddress(List.of("10.0.0.0/8", "::1"));
        MockHttpServletRequest viaProxy = request("10.1.2.3");
        viaProxy.addHeader("X-Forwarded-Proto", "https");
        viaProxy.addHeader("X-Forwarded-Host", "pmm03.kz.example");
        viaProxy.addHeader("X-Forwarded-Prefix", "/eaeu");
        assertThat(a.base(viaProxy)).isEqualTo("https://pmm03.kz.example/eaeu");

        MockHttpServletRequest rfc7239 = request("10.9.9.9");
        rfc7239.addHeader("Forwarded", "for=192.0.2.60;proto=https;host=eec.example:8443");
        assertThat(a.base(rfc7239)).isEqualTo("https://eec.example:8443");

        MockHttpServletRequest direct = request("192.0.2.7");
        direct.addHeader("X-Forwarded-Host", "evil.example");
        assertThat(a.base(direct)).isEqualTo("http://node.internal:8080");
    }

    private static MockHttpServletRequest request(String remote) {
        MockHttpServletRequest r = new MockHttpServletRequest("GET", "/ws/commission");
        r.setScheme("http");
        r.setServerName("node.internal");
        r.setServerPort(8080);
        r.setRemoteAddr(remote);
        r.setQueryString("wsdl");
        return r;
    }
}
