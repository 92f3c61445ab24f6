package eaeu.pmm03.tests.soapui;

import eaeu.pmm03.client.ClientSecurityConfigurer;
import eaeu.pmm03.client.RawSoap;
import eaeu.pmm03.contract.xml.ContractSchemas;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import javax.xml.XMLConstants;
import javax.xml.namespace.NamespaceContext;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replays every request of the SoapUI project against running services and checks every assertion the way SoapUI
 * would: SOAP Response, Schema Compliance (the EEC document of the answer against the contract XSDs), XPath Match,
 * Not SOAP Fault / SOAP Fault. Property expansions: ${#Project#X}, ${#TestCase#RunId} (a new value per test case,
 * as the project's setup script does) and the two Groovy expressions the generator writes (UUID, now ± days/hours).
 */
public final class SoapUiReplay {

    public record Outcome(String where, String assertion, boolean pass, String detail) {}

    private static final Pattern EXPANSION = Pattern.compile("\\$\\{([^}]*)}");
    private static final Pattern NOW = Pattern.compile("=java\\.time\\.OffsetDateTime\\.now\\(\\)((?:\\.(?:minus|plus)(?:Days|Hours)\\(\\d+\\))*)"
            + "\\.withNano\\(0\\)\\.format\\(java\\.time\\.format\\.DateTimeFormatter\\.ISO_OFFSET_DATE_TIME\\)");
    private static final Pattern ADJ = Pattern.compile("\\.(minus|plus)(Days|Hours)\\((\\d+)\\)");
    private static final Pattern DECL = Pattern.compile("declare namespace (\\w+)='([^']*)';");

    private final Map<String, String> project = new HashMap<>();
    private final List<Outcome> outcomes = new ArrayList<>();
    private int requests;

    public SoapUiReplay(Map<String, String> overrides, Document projectXml) {
        for (Element p : children(child(projectXml.getDocumentElement(), "properties"), "property")) {
            project.put(child(p, "name").getTextContent(), child(p, "value").getTextContent());
        }
        project.putAll(overrides);
    }

    public int requests() {
        return requests;
    }

    public List<Outcome> run(Document projectXml) throws Exception {
        for (Element suite : children(projectXml.getDocumentElement(), "testSuite")) {
            for (Element tc : children(suite, "testCase")) {
                // the test case's own properties, RunId new per run as the project's setup script makes it
                Map<String, String> tcProps = new HashMap<>();
                for (Element p : children(child(tc, "properties"), "property")) {
                    tcProps.put(child(p, "name").getTextContent(), child(p, "value").getTextContent());
                }
                tcProps.put("RunId", UUID.randomUUID().toString().substring(0, 8));
                Map<String, String> responses = new HashMap<>();
                for (Element step : children(tc, "testStep")) {
                    String where = suite.getAttribute("name") + " / " + tc.getAttribute("name") + " / " + step.getAttribute("name");
                    switch (step.getAttribute("type")) {
                        case "request" -> responses.put(step.getAttribute("name"), replay(where, step, tcProps));
                        case "httprequest" -> responses.put(step.getAttribute("name"), http(where, step, tcProps));
                        case "transfertest" -> transfer(where, step, tcProps, responses);
                        default -> throw new IllegalStateException(where + ": step type the replay does not know: "
                                + step.getAttribute("type"));
                    }
                }
            }
        }
        return outcomes;
    }

    /** An HTTP request step: POST of its body with preemptive HTTP Basic, the status checked; returns the body. */
    private String http(String where, Element step, Map<String, String> tc) throws Exception {
        Element config = child(step, "config");
        StringBuilder url = new StringBuilder(expand(child(config, "endpoint").getTextContent(), tc));
        char sep = '?';
        for (Element p : children(child(config, "parameters"), "parameter")) {
            if (!"QUERY".equals(child(p, "style").getTextContent())) {
                throw new IllegalStateException(where + ": parameter style the replay does not know");
            }
            url.append(sep).append(java.net.URLEncoder.encode(expand(child(p, "name").getTextContent(), tc), StandardCharsets.UTF_8))
                    .append('=').append(java.net.URLEncoder.encode(expand(child(p, "value").getTextContent(), tc), StandardCharsets.UTF_8));
            sep = '&';
        }
        Element cred = child(config, "credentials");
        if (!"Preemptive".equals(child(cred, "authType").getTextContent())) {
            throw new IllegalStateException(where + ": only preemptive HTTP Basic is replayed");
        }
        String basic = expand(child(cred, "username").getTextContent(), tc) + ":" + expand(child(cred, "password").getTextContent(), tc);
        java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest
                .newBuilder(java.net.URI.create(url.toString())).timeout(Duration.ofSeconds(60))
                .header("Content-Type", config.getAttribute("mediaType") + "; charset=UTF-8")
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(basic.getBytes(StandardCharsets.UTF_8)))
                .method(config.getAttribute("method"), java.net.http.HttpRequest.BodyPublishers.ofString(
                        expand(child(config, "request").getTextContent(), tc), StandardCharsets.UTF_8))
                .build(), java.net.http.HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        requests++;
        for (Element as : children(config, "assertion")) {
            if (!"Valid HTTP Status Codes".equals(as.getAttribute("type"))) {
                throw new IllegalStateException(where + ": assertion type the replay does not know: " + as.getAttribute("type"));
            }
            List<String> codes = List.of(child(as, "configuration").getElementsByTagName("codes").item(0).getTextContent().split(","));
            add(where, as.getAttribute("name"), codes.contains(String.valueOf(r.statusCode())),
                    "HTTP " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    /** A property transfer: a JSONPath ($.name or $['name']) of a previous step's response into a test case property. */
    private void transfer(String where, Element step, Map<String, String> tc, Map<String, String> responses) throws Exception {
        for (Element t : children(child(step, "config"), "transfers")) {
            String source = child(t, "sourceStep").getTextContent();
            String target = child(t, "targetType").getTextContent();
            if (!"Response".equals(child(t, "sourceType").getTextContent()) || !"#TestCase#".equals(child(t, "targetStep").getTextContent())
                    || !"JSONPATH".equals(child(t, "type").getTextContent())) {
                throw new IllegalStateException(where + ": only JSONPath transfers of a Response into the test case are replayed");
            }
            if (!responses.containsKey(source) || !tc.containsKey(target)) {
                add(where, child(t, "name").getTextContent(), false, "no response of a previous step " + source
                        + " or no test case property " + target);
                continue;
            }
            String value = jsonPath(responses.get(source), child(t, "sourcePath").getTextContent());
            add(where, child(t, "name").getTextContent(), value != null && !value.isEmpty(),
                    "JSONPath gave nothing on " + responses.get(source));
            tc.put(target, value == null ? "" : value);
        }
    }

    private static final Pattern JSON_PATH = Pattern.compile("\\$(?:\\.(\\w+)|\\['(\\w+)'])");

    /** The string value of a top-level member of a JSON object ($.name / $['name']): what the operator API answers. */
    static String jsonPath(String json, String path) throws Exception {
        Matcher m = JSON_PATH.matcher(path);
        if (!m.matches()) {
            throw new IllegalStateException("JSONPath the replay does not know: " + path);
        }
        var node = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json).get(m.group(1) != null ? m.group(1) : m.group(2));
        return node == null || node.isNull() ? null : node.asText();
    }

    /** A SOAP request step; returns the answer's text (the fault's detail for a fault). */
    private String replay(String where, Element step, Map<String, String> tc) throws Exception {
        Element config = child(step, "config");
        boolean commission = child(config, "interface").getTextContent().startsWith("Commission");
        String operation = child(config, "operation").getTextContent();
        Element req = child(config, "request");
        String endpoint = expand(child(req, "endpoint").getTextContent(), tc);
        Element cred = child(req, "credentials");
        String user = expand(child(cred, "username").getTextContent(), tc);
        String password = expand(child(cred, "password").getTextContent(), tc);
        if (!"PasswordDigest".equals(req.getAttribute("wssPasswordType"))) {
            throw new IllegalStateException(where + ": wssPasswordType is not PasswordDigest");
        }
        String envelope = expand(child(req, "request").getTextContent(), tc);
        Document env = parse(envelope);
        Element body = children(env.getDocumentElement(), "Body").get(0);
        Element payload = firstElement(body);
        ClientSecurityConfigurer sec = ClientSecurityConfigurer.usernameToken(user, password);
        RawSoap raw = commission ? RawSoap.commission(endpoint, false, sec, Duration.ofSeconds(60))
                : RawSoap.authority(endpoint, false, sec, Duration.ofSeconds(60));
        RawSoap.Answer a = raw.send(operation, text(payload));
        requests++;
        Document answer = a.xml() == null ? null : parse(a.xml());
        // XPath of SoapUI sees the whole response, a fault's detail (the R.006 of a refusal) included
        Document searched = answer != null ? answer : a.isFault() && a.fault().detail() != null
                ? parse(eaeu.pmm03.client.Documents.xml(a.fault().detail())) : null;
        for (Element as : children(req, "assertion")) {
            String type = as.getAttribute("type");
            String name = as.getAttribute("name");
            switch (type) {
                case "SOAP Response" -> add(where, name, !a.isFault() && answer != null, fault(a));
                case "Not SOAP Fault Assertion" -> add(where, name, !a.isFault(), fault(a));
                case "SOAP Fault Assertion" -> add(where, name, a.isFault(), "no fault: " + a.xml());
                case "Schema Compliance" -> add(where, name, answer != null && valid(firstElement(answer.getDocumentElement())),
                        answer == null ? fault(a) : "the answer document does not conform to the contract XSDs");
                case "XPath Match" -> {
                    Element cfg = child(as, "configuration");
                    String path = expand(child(cfg, "path").getTextContent(), tc);
                    String want = expand(child(cfg, "content").getTextContent(), tc);
                    String got = searched == null ? null : xpath(searched, path);
                    add(where, name, want.equals(got), "expected " + want + ", got " + got + (a.isFault() ? " " + fault(a) : ""));
                }
                default -> throw new IllegalStateException(where + ": assertion type the replay does not know: " + type);
            }
        }
        return a.xml() != null ? a.xml() : searched == null ? "" : text(searched);
    }

    private void add(String where, String name, boolean pass, String detail) {
        outcomes.add(new Outcome(where, name, pass, pass ? null : detail));
    }

    private static String fault(RawSoap.Answer a) {
        return a.isFault() ? "fault " + a.fault().faultCode() + ": " + a.fault().getMessage() : "";
    }

    String expand(String s, Map<String, String> tc) {
        Matcher m = EXPANSION.matcher(s);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String e = m.group(1);
            String v;
            Matcher now = NOW.matcher(e);
            if (e.equals("=java.util.UUID.randomUUID()")) {
                v = UUID.randomUUID().toString();
            } else if (now.matches()) {
                OffsetDateTime t = OffsetDateTime.now();
                Matcher adj = ADJ.matcher(now.group(1));
                while (adj.find()) {
                    long n = Long.parseLong(adj.group(3)) * (adj.group(1).equals("minus") ? -1 : 1);
                    t = adj.group(2).equals("Days") ? t.plusDays(n) : t.plusHours(n);
                }
                v = t.withNano(0).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            } else if (e.startsWith("#Project#") && project.containsKey(e.substring(9))) {
                v = project.get(e.substring(9));
            } else if (e.startsWith("#TestCase#") && tc.containsKey(e.substring(10))) {
                v = tc.get(e.substring(10));
            } else {
                throw new IllegalStateException("property expansion the replay does not know: ${" + e + "}");
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(v));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    static String xpath(Document doc, String path) throws Exception {
        Map<String, String> ns = new HashMap<>();
        Matcher d = DECL.matcher(path);
        while (d.find()) {
            ns.put(d.group(1), d.group(2));
        }
        String expr = DECL.matcher(path).replaceAll("").trim();
        XPath xp = XPathFactory.newInstance().newXPath();
        xp.setNamespaceContext(new NamespaceContext() {
            public String getNamespaceURI(String p) { return ns.getOrDefault(p, XMLConstants.NULL_NS_URI); }
            public String getPrefix(String u) { return null; }
            public Iterator<String> getPrefixes(String u) { return null; }
        });
        return (String) xp.evaluate(expr, doc, XPathConstants.STRING);
    }

    static boolean valid(Element e) {
        if (e == null) {
            return false;
        }
        try {
            ContractSchemas.all().newValidator().validate(new DOMSource(e));
            return true;
        } catch (Exception ex) {
            return false;
        }
    }

    public static Document parse(String xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    static String text(Node n) throws Exception {
        var t = TransformerFactory.newInstance().newTransformer();
        t.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
        StringWriter w = new StringWriter();
        t.transform(new DOMSource(n), new StreamResult(w));
        return w.toString();
    }

    static Element firstElement(Node n) {
        for (Node c = n.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (c instanceof Element e) {
                return e;
            }
        }
        return null;
    }

    static Element child(Element e, String local) {
        List<Element> l = children(e, local);
        if (l.isEmpty()) {
            throw new IllegalStateException("no " + local + " in " + e.getLocalName());
        }
        return l.get(0);
    }

    static List<Element> children(Element e, String local) {
        List<Element> l = new ArrayList<>();
        NodeList nl = e.getChildNodes();
        for (int i = 0; i < nl.getLength(); i++) {
            if (nl.item(i) instanceof Element c && local.equals(c.getLocalName())) {
                l.add(c);
            }
        }
        return l;
    }
}
