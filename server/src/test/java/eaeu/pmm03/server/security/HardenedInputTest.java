package eaeu.pmm03.server.security;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The XML limits of every endpoint (XmlLimits, applied by EndpointSecurity): hostile input never reaches a handler. */
class HardenedInputTest extends SecureNodeTestBase {

    private static final String BODY_OPEN = "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body>";
    private static final String BODY_CLOSE = "</soap:Body></soap:Envelope>";

    @Test
    void doctypeAndEntitiesAreRefused() {
        HttpResponse<String> r = post("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
                + BODY_OPEN + "<IncludeRecord xmlns=\"urn:pmm03:ws:Commission:v1.0.0\">&e;</IncludeRecord>" + BODY_CLOSE);
        assertThat(r.statusCode()).isGreaterThanOrEqualTo(400);
        assertThat(r.body()).doesNotContain("root:");
    }

    @Test
    void billionLaughsIsRefused() {
        HttpResponse<String> r = post("<?xml version=\"1.0\"?><!DOCTYPE l [<!ENTITY a \"aaaaaaaaaa\">"
                + "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]>"
                + BODY_OPEN + "<x>&c;</x>" + BODY_CLOSE);
        assertThat(r.statusCode()).isGreaterThanOrEqualTo(400);
    }

    @Test
    void tooDeepIsRefused() {
        StringBuilder sb = new StringBuilder(BODY_OPEN);
        for (int i = 0; i < 200; i++) {
            sb.append("<d>");
        }
        for (int i = 0; i < 200; i++) {
            sb.append("</d>");
        }
        HttpResponse<String> r = post(sb.append(BODY_CLOSE).toString());
        assertThat(r.statusCode()).isGreaterThanOrEqualTo(400);
        assertThat(r.body()).doesNotContain("INCLUDED");
    }

    @Test
    void tooManyAttributesIsRefused() {
        StringBuilder sb = new StringBuilder(BODY_OPEN).append("<IncludeRecord xmlns=\"urn:pmm03:ws:Commission:v1.0.0\"");
        for (int i = 0; i < 500; i++) {
            sb.append(" a").append(i).append("=\"x\"");
        }
        HttpResponse<String> r = post(sb.append("/>").append(BODY_CLOSE).toString());
        assertThat(r.statusCode()).isGreaterThanOrEqualTo(400);
    }

    @Test
    void xopIncludeOfAnExternalUrlIsNotFollowed() throws IOException, InterruptedException {
        String boundary = "MIMEBoundary_pmm03";
        String soap = BODY_OPEN + "<IncludeRecord xmlns=\"urn:pmm03:ws:Commission:v1.0.0\">"
                + "<xop:Include xmlns:xop=\"http://www.w3.org/2004/08/xop/include\" href=\"http://127.0.0.1:1/steal\"/>"
                + "</IncludeRecord>" + BODY_CLOSE;
        String mime = "--" + boundary + "\r\nContent-Type: application/xop+xml; charset=UTF-8; type=\"text/xml\"\r\n"
                + "Content-Transfer-Encoding: 8bit\r\nContent-ID: <root.message@cxf.apache.org>\r\n\r\n" + soap
                + "\r\n--" + boundary + "--\r\n";
        HttpRequest req = HttpRequest.newBuilder(URI.create(url("/commission")))
                .header("Content-Type", "multipart/related; type=\"application/xop+xml\"; boundary=\"" + boundary
                        + "\"; start=\"<root.message@cxf.apache.org>\"; start-info=\"text/xml\"")
                .header("SOAPAction", "\"\"")
                .POST(HttpRequest.BodyPublishers.ofString(mime, StandardCharsets.UTF_8)).build();
        HttpResponse<String> r = HttpClient.newHttpClient().send(req, HttpResponse.BodyHandlers.ofString());
        // refused (no credentials, and the include is never resolved against a URL)
        assertThat(r.statusCode()).isGreaterThanOrEqualTo(400);
        assertThat(r.body()).doesNotContain("Connection refused");
    }
}
