package eaeu.pmm03.tests.soapui;

import eaeu.pmm03.contract.samples.Samples;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;

/**
 * Generates tests/soapui/pmm03-soapui-project.xml from the contract and the sample documents ({@link Samples}): both
 * WSDLs as interfaces with the WSDL and its XSDs in SoapUI's definition cache (the file works alone), one test suite per transaction, test cases with SOAP Response, Schema Compliance, XPath Match (result
 * codes, rules) and Not SOAP Fault / SOAP Fault assertions. Values that must be new on every run are SoapUI property
 * expansions ({@link #UUID}, {@link #now}, {@code ${#TestCase#RunId}}); the MSG.016 cases take the EDocId they answer from an HTTP step (the node's
 * operator API) by a property transfer. {@link SoapUiReplay} understands exactly these.
 */
public final class SoapUiProject {

    public static final String FILE = "soapui/pmm03-soapui-project.xml";
    static final String CWS = "urn:pmm03:ws:Commission:v1.0.0";
    static final String AWS = "urn:pmm03:ws:Authority:v1.0.0";
    static final String UUID_EXPR = "${=java.util.UUID.randomUUID()}";
    static final String NS_DECL = "declare namespace prd='urn:EEC:R:ProcessingResultDetails:v0.4.11';\n"
            + "declare namespace rsd='urn:EEC:R:ResourceStatusDetails:v0.4.11';\n"
            + "declare namespace dmd='urn:EEC:R:HC:MM:03:DrugMonitoringDetails:v1.0.0';\n"
            + "declare namespace csdo='urn:EEC:M:SimpleDataObjects:v0.4.11';\n"
            + "declare namespace hcsdo='urn:EEC:M:HC:SimpleDataObjects:v1.0.17';\n";

    /** An xs:dateTime of now plus a java.time adjustment such as ".minusDays(2)" ("" for now). */
    static String now(String adjust) {
        return "${=java.time.OffsetDateTime.now()" + adjust
                + ".withNano(0).format(java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME)}";
    }

    record Assertion(String type, String name, String path, String content) {}

    /** A test step of the project: a SOAP request, an HTTP request or a property transfer. */
    sealed interface Item permits Step, Http, Transfer {
        String name();
    }

    record Step(String name, boolean commission, String operation, String user, String password, String body,
                List<Assertion> assertions) implements Item {}

    /** An HTTP request step (POST of an XML body with HTTP Basic) whose answer must have the status given. */
    record Http(String name, String url, String user, String password, String body, int status) implements Item {}

    /** A property transfer: a JSONPath of a previous step's response into a property of the test case. */
    record Transfer(String name, String sourceStep, String jsonPath, String targetProperty) implements Item {}

    record Case(String name, List<? extends Item> steps) {}

    record Suite(String name, List<Case> cases) {}

    private SoapUiProject() {}

    // ---- documents from the samples ----------------------------------------------------------------------------

    static String sample(String file) {
        return Samples.byFile(file).text().replaceFirst("^\\s*<\\?xml[^>]*\\?>", "").replaceAll("(?s)<!--.*?-->", "")
                .trim();
    }

    static String set(String xml, String element, String value) {
        return xml.replaceAll("<" + element + ">[^<]*</" + element + ">",
                Matcher.quoteReplacement("<" + element + ">" + value + "</" + element + ">"));
    }

    /** A sample with a new EDocId and EDocDateTime per run. */
    static String fresh(String file) {
        return set(set(sample(file), "csdo:EDocId", UUID_EXPR), "csdo:EDocDateTime", now(""));
    }

    /** The record sample (RU, "SoapUI-<RunId>") with a validity period. */
    static String record(String file, String start, String end) {
        String x = set(fresh(file), "hcsdo:DrugTradeName", "SoapUI-${#TestCase#RunId}");
        x = set(x, "csdo:StartDateTime", start);
        x = x.replaceAll("\\s*<csdo:EndDateTime>[^<]*</csdo:EndDateTime>", "");
        if (end != null) {
            x = x.replace("</csdo:StartDateTime>", "</csdo:StartDateTime>\n        <csdo:EndDateTime>" + end
                    + "</csdo:EndDateTime>");
        }
        return x;
    }

    /**
     * MSG.002 of the include sample's record. (dmd-msg002-change.xml cites a later official letter, which is part of
     * the record key, so it changes no record the include sample made.)
     */
    static String change() {
        return set(record("dmd-msg001-include.xml", now(".minusDays(1)"), null), "csdo:InfEnvelopeCode", "P.MM.03.MSG.002");
    }

    /** A MSG.016 sample answering the request with the EDocId given. */
    static String answer(String file, String requestEDocId) {
        return set(fresh(file), "csdo:EDocRefId", requestEDocId);
    }

    static String include() {
        return record("dmd-msg001-include.xml", now(".minusDays(2)"), null);
    }

    // ---- assertions --------------------------------------------------------------------------------------------

    static List<Assertion> ok(String resultCode) {
        List<Assertion> a = new ArrayList<>(base());
        a.add(new Assertion("Not SOAP Fault Assertion", "Not SOAP Fault", null, null));
        if (resultCode != null) {
            a.add(xpath("ProcessingResultV2Code " + resultCode, "//prd:ProcessingResultDetails/csdo:ProcessingResultV2Code",
                    resultCode));
        }
        return a;
    }

    static List<Assertion> refused(String resultCode, String rule) {
        List<Assertion> a = ok(resultCode);
        if (rule != null) {
            a.add(xpath("names " + rule, "contains(//prd:ProcessingResultDetails/csdo:DescriptionText, '" + rule + "')",
                    "true"));
        }
        return a;
    }

    /** A refusal as an authority's node makes it: a SOAP fault whose detail is the R.006 with the code and rule. */
    static List<Assertion> faultRefused(String resultCode, String rule) {
        List<Assertion> a = new ArrayList<>(fault());
        a.add(xpath("ProcessingResultV2Code " + resultCode, "//prd:ProcessingResultDetails/csdo:ProcessingResultV2Code",
                resultCode));
        if (rule != null) {
            a.add(xpath("names " + rule, "contains(//prd:ProcessingResultDetails/csdo:DescriptionText, '" + rule + "')",
                    "true"));
        }
        return a;
    }

    static List<Assertion> base() {
        return List.of(new Assertion("SOAP Response", "SOAP Response", null, null),
                new Assertion("Schema Compliance", "Schema Compliance", null, null));
    }

    static List<Assertion> fault() {
        return List.of(new Assertion("SOAP Fault Assertion", "SOAP Fault", null, null));
    }

    static Assertion xpath(String name, String path, String content) {
        return new Assertion("XPath Match", name, path, content);
    }

    static List<Assertion> plus(List<Assertion> a, Assertion... more) {
        List<Assertion> l = new ArrayList<>(a);
        l.addAll(List.of(more));
        return l;
    }

    static Step c(String name, String op, String body, List<Assertion> a) {
        return new Step(name, true, op, "${#Project#User}", "${#Project#Password}", body, a);
    }

    static Step au(String name, String op, String body, List<Assertion> a) {
        return new Step(name, false, op, "${#Project#AuthorityUser}", "${#Project#AuthorityPassword}", body, a);
    }

    // ---- the suites --------------------------------------------------------------------------------------------

    public static List<Suite> suites() {
        String includeStep = "MSG.001 include";
        Step inc = c(includeStep, "IncludeRecord", include(), ok("INCLUDED"));
        List<Suite> s = new ArrayList<>();
        s.add(new Suite("P.MM.03.TRN.001 IncludeRecord", List.of(
                new Case("include a new record", List.of(inc)),
                new Case("EndDateTime filled (table 12, rule 3)", List.of(c("MSG.001 with EndDateTime", "IncludeRecord",
                        record("dmd-msg001-include.xml", now(".minusDays(2)"), now(".minusDays(1)")),
                        refused("ERR_RULE", "Table 12, rule 3")))),
                new Case("the same record twice (table 12, rule 4)", List.of(inc,
                        c("MSG.001 again", "IncludeRecord", include(), refused("ERR_RULE", "Table 12, rule 4")))),
                new Case("schema-invalid document", List.of(c("MSG.001 StatusLowQualityCode 04", "IncludeRecord",
                        fresh("invalid-status-code-04.xml"), ok("ERR_SCHEMA")))),
                new Case("wrong password", List.of(new Step("MSG.001 wrong password", true, "IncludeRecord",
                        "${#Project#User}", "wrong-password", include(), fault()))))));
        s.add(new Suite("P.MM.03.TRN.002 ChangeRecord", List.of(
                new Case("include, then change", List.of(inc, c("MSG.002 change", "ChangeRecord",
                        change(), ok("CHANGED")))),
                new Case("change a record the database does not hold (table 13, rule 4)", List.of(c("MSG.002 absent",
                        "ChangeRecord", record("dmd-msg002-change.xml", now(".minusDays(1)"), null),
                        refused("ERR_RULE", "Table 13, rule 4")))))));
        s.add(new Suite("P.MM.03.TRN.003 ExcludeRecord", List.of(
                new Case("include, then exclude", List.of(inc, c("MSG.003 exclude", "ExcludeRecord",
                        record("dmd-msg003-exclude.xml", now(".minusDays(2)"), now(".minusHours(1)")), ok("EXCLUDED")))),
                new Case("exclude without EndDateTime (table 14, rule 3)", List.of(inc, c("MSG.003 without EndDateTime",
                        "ExcludeRecord", record("dmd-msg003-exclude.xml", now(".minusDays(2)"), null),
                        refused("ERR_RULE", "Table 14, rule 3")))))));
        s.add(new Suite("P.MM.03.TRN.004 GetUpdateTime", List.of(
                new Case("update time", List.of(c("MSG.005", "GetUpdateTime", fresh("rsd-msg005-update-time-request.xml"),
                        plus(ok(null), xpath("InfEnvelopeCode", "//rsd:ResourceStatusDetails/*[local-name()='EDocHeader']/csdo:InfEnvelopeCode",
                                "P.MM.03.MSG.006"))))))));
        String records = fresh("rsd-msg007-records-request.xml");
        s.add(new Suite("P.MM.03.TRN.005 GetRecords", List.of(
                new Case("include, then the records hold it", List.of(inc, c("MSG.007 now", "GetRecords", records,
                        plus(ok(null), xpath("the record", "count(//hcsdo:DrugTradeName[.='SoapUI-${#TestCase#RunId}'])", "1"),
                                xpath("InfEnvelopeCode", "//dmd:DrugMonitoringDetails/*[local-name()='EDocHeader']/csdo:InfEnvelopeCode",
                                        "P.MM.03.MSG.008"))))),
                new Case("records as of 1990 (MSG.009)", List.of(c("MSG.007 as of 1990", "GetRecords",
                        records.replace("</ccdo:EDocHeader>", "</ccdo:EDocHeader>\n  <csdo:UpdateDateTime>1990-01-01T00:00:00Z</csdo:UpdateDateTime>"),
                        plus(ok("NO_DATA"), xpath("InfEnvelopeCode", "//prd:ProcessingResultDetails/*[local-name()='EDocHeader']/csdo:InfEnvelopeCode",
                                "P.MM.03.MSG.009"))))),
                new Case("the Commission's own user may not query", List.of(new Step("MSG.007 as eec", true, "GetRecords",
                        "${#Project#CommissionUser}", "${#Project#CommissionPassword}", records, fault()))))));
        String changes = fresh("rsd-msg010-changes-request.xml").replace(">AM<", ">RU<");
        s.add(new Suite("P.MM.03.TRN.006 GetChanges", List.of(
                new Case("include, then the changes since an hour ago hold it", List.of(inc, c("MSG.010 last hour",
                        "GetChanges", set(changes, "csdo:UpdateDateTime", now(".minusHours(1)")),
                        plus(ok(null), xpath("the record", "count(//hcsdo:DrugTradeName[.='SoapUI-${#TestCase#RunId}'])", "1"))))),
                new Case("changes since tomorrow (MSG.012)", List.of(c("MSG.010 tomorrow", "GetChanges",
                        set(changes, "csdo:UpdateDateTime", now(".plusDays(1)")), ok("NO_DATA")))))));
        // TRN.007–009: the AuthorityUser's authority (default ru, the samples' records are of RU) calls the Authority
        // service of ANOTHER authority's node at AuthorityEndpoint; a refused MSG.013 (one-way) is a SOAP fault with the
        // R.006 in the detail, a refused MSG.014/016 a MSG.015 carrying the error code (D-142)
        String notify = set(fresh("dmd-msg013-notify-inclusion.xml"), "hcsdo:DrugTradeName", "SoapUI-${#TestCase#RunId}");
        s.add(new Suite("P.MM.03.TRN.007 NotifyInclusion", List.of(
                new Case("notify inclusion (one-way)", List.of(au("MSG.013", "NotifyInclusion", notify,
                        List.of(new Assertion("Not SOAP Fault Assertion", "Not SOAP Fault", null, null))))),
                new Case("a record of another country (ERR_NOT_AUTHORIZED)", List.of(au("MSG.013 of AM",
                        "NotifyInclusion", notify.replace(">RU</csdo:UnifiedCountryCode>", ">AM</csdo:UnifiedCountryCode>"),
                        faultRefused("ERR_NOT_AUTHORIZED", null)))))));
        String request = fresh("cdr-msg014-request.xml");
        s.add(new Suite("P.MM.03.TRN.008 RequestAdditionalInfo", List.of(
                new Case("request additional information", List.of(au("MSG.014", "RequestAdditionalInfo", request,
                        ok("RECEIVED")))),
                new Case("OfficialDocDetails missing (table 8, rule 1)", List.of(au("MSG.014 without OfficialDocDetails",
                        "RequestAdditionalInfo", request.replaceAll("(?s)\\s*<hccdo:OfficialDocDetails>.*</hccdo:OfficialDocDetails>", ""),
                        refused("ERR_RULE", "Table 8, rule 1")))))));
        // a MSG.016 answers a MSG.014 that the receiving authority sent to the AuthorityUser's participant: the first
        // step makes the node at AuthorityEndpoint send one (its operator API, as AuthorityOperatorUser), a property
        // transfer takes the EDocId it answers into the test case's AnswerToEDocId, the MSG.016 answers it (D-211)
        List<Case> answers = new ArrayList<>();
        for (String f : List.of("cdr-msg016-note.xml", "cdr-msg016-pdf.xml", "cdr-msg016-xml.xml")) {
            answers.add(new Case("additional information: " + f.replace("cdr-msg016-", "").replace(".xml", ""),
                    answering(au("MSG.016 " + f, "SendAdditionalInfo", answer(f, "${#TestCase#" + ANSWER_TO + "}"),
                            ok("RECEIVED")))));
        }
        answers.add(new Case("answers no MSG.014 the endpoint sent (ERR_HEADER)", List.of(au("MSG.016 to an unknown request",
                "SendAdditionalInfo", answer("cdr-msg016-note.xml", UUID_EXPR), refused("ERR_HEADER", null)))));
        answers.add(new Case("no NoteText, PDF or XML (table 9, rule 2)", answering(au("MSG.016 without content",
                "SendAdditionalInfo", answer("cdr-msg016-note.xml", "${#TestCase#" + ANSWER_TO + "}")
                        .replaceAll("\\s*<csdo:NoteText>[^<]*</csdo:NoteText>", ""),
                refused("ERR_RULE", "Table 9, rule 2")))));
        s.add(new Suite("P.MM.03.TRN.009 SendAdditionalInfo", answers));
        return s;
    }

    static final String ANSWER_TO = "AnswerToEDocId";
    static final String OPERATOR_REQUEST = "MSG.014 from the node (operator API)";

    /** The steps of a MSG.016 case: the node's MSG.014 to the caller, its EDocId into AnswerToEDocId, the MSG.016. */
    static List<Item> answering(Step msg016) {
        return List.of(
                new Http(OPERATOR_REQUEST, "${#Project#AuthorityEndpoint}/authority/api/requests?peer=${#Project#AuthorityUserParticipant}",
                        "${#Project#AuthorityOperatorUser}", "${#Project#AuthorityOperatorPassword}",
                        fresh("cdr-msg014-request.xml"), 202),
                new Transfer(ANSWER_TO + " from the MSG.014", OPERATOR_REQUEST, "$.edocId", ANSWER_TO),
                msg016);
    }

    /**
     * The project properties and their defaults: those of {@code scripts/demo.sh} (the Commission at its base port
     * 8080, the authority of KZ at base + 3, the users {@code <node>}/{@code <node>-dev-password}), so the file runs
     * against the demo as it is (D-210). AuthorityUser (ru) calls KZ's Authority service as RU-RZN.
     */
    static final String[][] PROPERTIES = {{"CommissionEndpoint", "http://localhost:8080"},
            {"AuthorityEndpoint", "http://localhost:8083"}, {"User", "ru"}, {"Password", "ru-dev-password"},
            {"AuthorityUser", "ru"}, {"AuthorityPassword", "ru-dev-password"}, {"AuthorityUserParticipant", "RU-RZN"},
            {"AuthorityOperatorUser", "kz"}, {"AuthorityOperatorPassword", "kz-dev-password"},
            {"CommissionUser", "eec"}, {"CommissionPassword", "eec-dev-password"}};

    // ---- writing the project -----------------------------------------------------------------------------------

    static String id(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    static String envelope(Step st) {
        String ns = st.commission() ? CWS : AWS;
        return "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:op=\"" + ns + "\">\n"
                + "<soapenv:Header/>\n<soapenv:Body>\n<op:" + st.operation() + ">\n" + st.body() + "\n</op:"
                + st.operation() + ">\n</soapenv:Body>\n</soapenv:Envelope>";
    }

    static String endpoint(boolean commission) {
        return commission ? "${#Project#CommissionEndpoint}/ws/commission" : "${#Project#AuthorityEndpoint}/ws/authority";
    }

    public static String generate() {
        StringBuilder x = new StringBuilder();
        x.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        x.append("<!-- GENERATED by eaeu.pmm03.tests.soapui.SoapUiProject from the contract and the sample documents "
                + "(wsdl/src/main/resources/eaeu/pmm03/{contract,samples}); do not edit: SoapUiProjectFileTest fails if this file "
                + "differs. Regenerate: mvn -B -pl tests -am test -Dtest=SoapUiProjectFileTest -Dpmm03.soapui.write=true "
                + "-Dsurefire.failIfNoSpecifiedTests=false -->\n");
        x.append("<con:soapui-project id=\"").append(id("pmm03")).append("\" activeEnvironment=\"Default\" name=\"pmm03 P.MM.03\" "
                + "resourceRoot=\"${projectDir}\" soapui-version=\"5.7.2\" abortOnError=\"false\" runType=\"SEQUENTIAL\" "
                + "xmlns:con=\"http://eviware.com/soapui/config\">\n<con:settings/>\n");
        iface(x, true);
        iface(x, false);
        for (Suite s : suites()) {
            x.append("<con:testSuite id=\"").append(id(s.name())).append("\" name=\"").append(esc(s.name()))
                    .append("\">\n<con:settings/>\n<con:runType>SEQUENTIAL</con:runType>\n");
            for (Case c : s.cases()) {
                x.append("<con:testCase id=\"").append(id(s.name() + c.name())).append("\" failOnError=\"true\" "
                        + "failTestCaseOnErrors=\"true\" keepSession=\"false\" name=\"").append(esc(c.name()))
                        .append("\" searchProperties=\"true\">\n<con:settings/>\n");
                for (Item it : c.steps()) {
                    if (it instanceof Step st) {
                        step(x, s.name() + c.name(), st);
                    } else if (it instanceof Http h) {
                        http(x, s.name() + c.name(), h);
                    } else if (it instanceof Transfer t) {
                        transfer(x, s.name() + c.name(), t);
                    }
                }
                x.append("<con:properties><con:property><con:name>RunId</con:name><con:value>fixed</con:value>"
                        + "</con:property>");
                for (Item it : c.steps()) {
                    if (it instanceof Transfer t) {
                        x.append("<con:property><con:name>").append(t.targetProperty())
                                .append("</con:name><con:value/></con:property>");
                    }
                }
                x.append("</con:properties>\n");
                x.append("<con:setupScript>testCase.setPropertyValue(\"RunId\", "
                        + "java.util.UUID.randomUUID().toString().substring(0, 8))</con:setupScript>\n");
                x.append("</con:testCase>\n");
            }
            x.append("<con:properties/>\n</con:testSuite>\n");
        }
        x.append("<con:properties>\n");
        for (String[] p : PROPERTIES) {
            x.append("<con:property><con:name>").append(p[0]).append("</con:name><con:value>").append(p[1])
                    .append("</con:value></con:property>\n");
        }
        x.append("</con:properties>\n<con:wssContainer/>\n<con:oAuth2ProfileContainer/>\n</con:soapui-project>\n");
        return x.toString();
    }

    private static void iface(StringBuilder x, boolean commission) {
        String name = commission ? "CommissionSoap11Binding" : "AuthoritySoap11Binding";
        String ns = commission ? CWS : AWS;
        String wsdl = commission ? "pmm03-commission.wsdl" : "pmm03-authority.wsdl";
        x.append("<con:interface xsi:type=\"con:WsdlInterface\" id=\"").append(id(name)).append("\" wsaVersion=\"NONE\" name=\"")
                .append(name).append("\" type=\"wsdl\" bindingName=\"{").append(ns).append('}').append(name)
                .append("\" soapVersion=\"1_1\" anonymous=\"optional\" definition=\"").append(CONTRACT_URL).append("wsdl/")
                .append(wsdl).append("\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\n<con:settings/>\n");
        definitionCache(x, CONTRACT_URL + "wsdl/" + wsdl);
        x
                .append("<con:endpoints><con:endpoint>").append(endpoint(commission)).append("</con:endpoint></con:endpoints>\n");
        Class<?> type = commission ? eaeu.pmm03.contract.commission.CommissionPortType.class
                : eaeu.pmm03.contract.authority.AuthorityPortType.class;
        List<java.lang.reflect.Method> ms = new ArrayList<>(List.of(type.getMethods()));
        ms.sort(java.util.Comparator.comparing(java.lang.reflect.Method::getName));
        for (java.lang.reflect.Method m : ms) {
            jakarta.jws.WebMethod wm = m.getAnnotation(jakarta.jws.WebMethod.class);
            boolean oneWay = m.isAnnotationPresent(jakarta.jws.Oneway.class);
            x.append("<con:operation id=\"").append(id(name + wm.operationName())).append("\" isOneWay=\"").append(oneWay)
                    .append("\" action=\"").append(wm.action()).append("\" name=\"").append(wm.operationName())
                    .append("\" bindingOperationName=\"").append(wm.operationName()).append("\" type=\"")
                    .append(oneWay ? "One-Way" : "Request-Response").append("\" inputName=\"\" receivesAttachments=\"false\" "
                            + "sendsAttachments=\"false\" anonymous=\"optional\"><con:settings/></con:operation>\n");
        }
        x.append("</con:interface>\n");
    }

    /**
     * Where the contract lies seen from the project file (SoapUI resolves a relative definition against
     * resourceRoot = ${projectDir}); the keys of the definition cache are these URLs, each import resolved against the
     * URL of the part that makes it, as SoapUI's loader does (D-210).
     */
    static final String CONTRACT_URL = "../../wsdl/src/main/resources/eaeu/pmm03/contract/";
    static final String CONTRACT_RESOURCE = "eaeu/pmm03/contract/";
    static final String WSDL_TYPE = "http://schemas.xmlsoap.org/wsdl/";
    static final String XSD_TYPE = "http://www.w3.org/2001/XMLSchema";
    private static final java.util.regex.Pattern LOCATION = java.util.regex.Pattern.compile(
            "<(?:xs:import|xs:include|wsdl:import)\\b[^>]*?\\b(?:schemaLocation|location)=\"([^\"]+)\"");

    /** The contract file a definition-cache URL stands for (from the wsdl module's resources). */
    public static String contractFile(String url) {
        if (!url.startsWith(CONTRACT_URL)) {
            throw new IllegalArgumentException(url + " is outside the contract (" + CONTRACT_URL + ")");
        }
        try (var in = SoapUiProject.class.getClassLoader().getResourceAsStream(CONTRACT_RESOURCE + url.substring(CONTRACT_URL.length()))) {
            if (in == null) {
                throw new IllegalArgumentException("the contract has no " + url.substring(CONTRACT_URL.length()));
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The WSDL and every XSD it reaches, in the order they are met (the root first), keyed by URL. */
    public static java.util.LinkedHashMap<String, String> definitionParts(String rootUrl) {
        java.util.LinkedHashMap<String, String> parts = new java.util.LinkedHashMap<>();
        java.util.ArrayDeque<String> todo = new java.util.ArrayDeque<>(List.of(rootUrl));
        while (!todo.isEmpty()) {
            String url = todo.removeFirst();
            if (parts.containsKey(url)) {
                continue;
            }
            String text = contractFile(url);
            parts.put(url, text);
            Matcher m = LOCATION.matcher(text);
            while (m.find()) {
                todo.addLast(java.net.URI.create(url).resolve(m.group(1)).toString());
            }
        }
        return parts;
    }

    /** SoapUI's definition cache as SoapUI writes it: one con:part per WSDL/XSD with its URL, text and type. */
    private static void definitionCache(StringBuilder x, String rootUrl) {
        x.append("<con:definitionCache type=\"TEXT\" rootPart=\"").append(rootUrl).append("\">\n");
        for (var p : definitionParts(rootUrl).entrySet()) {
            if (p.getValue().contains("]]>")) {
                throw new IllegalStateException(p.getKey() + " contains ]]>, which a CDATA section cannot hold");
            }
            x.append("<con:part><con:url>").append(p.getKey()).append("</con:url><con:content><![CDATA[")
                    .append(p.getValue()).append("]]></con:content><con:type>")
                    .append(p.getKey().endsWith(".wsdl") ? WSDL_TYPE : XSD_TYPE).append("</con:type></con:part>\n");
        }
        x.append("</con:definitionCache>\n");
    }

    private static void http(StringBuilder x, String prefix, Http h) {
        int q = h.url().indexOf('?');
        x.append("<con:testStep type=\"httprequest\" name=\"").append(esc(h.name())).append("\" id=\"").append(id(prefix + h.name()))
                .append("\">\n<con:settings/>\n<con:config method=\"POST\" xsi:type=\"con:HttpRequest\" id=\"")
                .append(id(prefix + h.name() + "/r")).append("\" name=\"").append(esc(h.name()))
                .append("\" postQueryString=\"false\" mediaType=\"application/xml\" "
                        + "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\n<con:settings/>\n<con:endpoint>")
                .append(esc(q < 0 ? h.url() : h.url().substring(0, q))).append("</con:endpoint>\n<con:request><![CDATA[")
                .append(h.body()).append("]]></con:request>\n")
                .append("<con:assertion type=\"Valid HTTP Status Codes\" id=\"").append(id(prefix + h.name() + "status"))
                .append("\" name=\"HTTP ").append(h.status()).append("\"><con:configuration><codes>").append(h.status())
                .append("</codes></con:configuration></con:assertion>\n")
                .append("<con:credentials><con:username>").append(h.user()).append("</con:username><con:password>")
                .append(h.password()).append("</con:password><con:selectedAuthProfile>Basic</con:selectedAuthProfile>"
                        + "<con:addedBasicAuthenticationTypes>Basic</con:addedBasicAuthenticationTypes>"
                        + "<con:preemptive>true</con:preemptive><con:authType>Preemptive</con:authType></con:credentials>\n"
                        + "<con:jmsConfig JMSDeliveryMode=\"PERSISTENT\"/>\n<con:jmsPropertyConfig/>\n<con:parameters>");
        if (q >= 0) {
            for (String kv : h.url().substring(q + 1).split("&")) {
                String[] p = kv.split("=", 2);
                x.append("<con:parameter><con:name>").append(esc(p[0])).append("</con:name><con:value>").append(esc(p[1]))
                        .append("</con:value><con:style>QUERY</con:style></con:parameter>");
            }
        }
        x.append("</con:parameters>\n</con:config>\n</con:testStep>\n");
    }

    private static void transfer(StringBuilder x, String prefix, Transfer t) {
        x.append("<con:testStep type=\"transfertest\" name=\"").append(esc(t.name())).append("\" id=\"").append(id(prefix + t.name()))
                .append("\">\n<con:settings/>\n<con:config xsi:type=\"con:PropertyTransfersStep\" "
                        + "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\n<con:transfers setNullOnMissingSource=\"false\" "
                        + "transferTextContent=\"true\" failOnError=\"true\" ignoreEmpty=\"false\" transferToAll=\"false\" "
                        + "entitize=\"false\" transferChildNodes=\"false\"><con:name>").append(esc(t.targetProperty()))
                .append("</con:name><con:sourceType>Response</con:sourceType><con:sourceStep>").append(esc(t.sourceStep()))
                .append("</con:sourceStep><con:sourcePath>").append(esc(t.jsonPath()))
                .append("</con:sourcePath><con:targetType>").append(esc(t.targetProperty()))
                .append("</con:targetType><con:targetStep>#TestCase#</con:targetStep><con:type>JSONPATH</con:type>"
                        + "<con:upgraded>true</con:upgraded></con:transfers>\n</con:config>\n</con:testStep>\n");
    }

    private static void step(StringBuilder x, String prefix, Step st) {
        String iface = st.commission() ? "CommissionSoap11Binding" : "AuthoritySoap11Binding";
        x.append("<con:testStep type=\"request\" name=\"").append(esc(st.name())).append("\" id=\"").append(id(prefix + st.name()))
                .append("\">\n<con:settings/>\n<con:config xsi:type=\"con:RequestStep\" "
                        + "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\n<con:interface>").append(iface)
                .append("</con:interface>\n<con:operation>").append(st.operation()).append("</con:operation>\n")
                .append("<con:request name=\"").append(esc(st.name())).append("\" id=\"").append(id(prefix + st.name() + "/r"))
                .append("\" outgoingWss=\"\" incomingWss=\"\" wssPasswordType=\"PasswordDigest\">\n<con:settings/>\n")
                .append("<con:encoding>UTF-8</con:encoding>\n<con:endpoint>").append(endpoint(st.commission()))
                .append("</con:endpoint>\n<con:request><![CDATA[").append(envelope(st)).append("]]></con:request>\n");
        for (Assertion a : st.assertions()) {
            x.append("<con:assertion type=\"").append(a.type()).append("\" id=\"").append(id(prefix + st.name() + a.name()))
                    .append("\" name=\"").append(esc(a.name())).append("\"");
            if (a.path() == null) {
                x.append("/>\n");
            } else {
                x.append("><con:configuration><path>").append(esc(NS_DECL + a.path())).append("</path><content>")
                        .append(esc(a.content())).append("</content><allowWildcards>false</allowWildcards>"
                                + "<ignoreNamspaceDifferences>false</ignoreNamspaceDifferences>"
                                + "<ignoreComments>false</ignoreComments></con:configuration></con:assertion>\n");
            }
        }
        x.append("<con:credentials><con:username>").append(st.user()).append("</con:username><con:password>")
                .append(st.password()).append("</con:password><con:authType>No Authorization</con:authType>"
                        + "</con:credentials>\n<con:jmsConfig JMSDeliveryMode=\"PERSISTENT\"/>\n<con:jmsPropertyConfig/>\n"
                        + "<con:wsaConfig mustUnderstand=\"NONE\" version=\"200508\"/>\n<con:wsrmConfig version=\"1.2\"/>\n"
                        + "</con:request>\n</con:config>\n</con:testStep>\n");
    }
}
