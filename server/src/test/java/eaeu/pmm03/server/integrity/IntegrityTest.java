package eaeu.pmm03.server.integrity;

import eaeu.pmm03.contract.commission.CommissionPortType;
import eaeu.pmm03.contract.commission.GetChanges;
import eaeu.pmm03.contract.commission.GetRecords;
import eaeu.pmm03.contract.drugmonitoring.DrugMonitoringDetails;
import eaeu.pmm03.contract.hccdo.DrugMonitoringItemDetailsType;
import eaeu.pmm03.server.NodeTestBase;
import eaeu.pmm03.server.TestDocuments;
import eaeu.pmm03.server.commission.Times;
import eaeu.pmm03.server.registry.UnifiedDatabase;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue #12 items 1 and 2 over SOAP against the node on MariaDB: what the contract's XML 1.0 cannot carry is refused
 * before any parser (D-100), stored date-times come back as the same instant or are refused naming the field and
 * the range (D-101, D-102), and one bad stored item never breaks anyone's query (D-103). Every refusal asserts
 * its specific error and an unchanged database.
 */
class IntegrityTest extends NodeTestBase {

    private static final String HOSTILE = "/hostile/integrity/";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final SecureRandom RANDOM = new SecureRandom();

    @Autowired
    JdbcTemplate jdbc;

    // ---- D-100: the raw bytes -----------------------------------------------------------------------------------

    @TestFactory
    List<DynamicTest> hostileInputsAreRefusedBeforeParsingAndChangeNothing() throws IOException {
        Properties expected = new Properties();
        try (InputStream in = getClass().getResourceAsStream(HOSTILE + "expected.properties")) {
            expected.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        assertThat(expected).hasSizeGreaterThanOrEqualTo(40);
        List<DynamicTest> tests = new ArrayList<>();
        for (Map.Entry<Object, Object> e : new TreeMap<>(expected).entrySet()) {
            String file = (String) e.getKey();
            String fragment = (String) e.getValue();
            tests.add(DynamicTest.dynamicTest(file, () -> {
                byte[] raw = resource(HOSTILE + file);
                String name = "Integrity-" + UUID.randomUUID().toString().substring(0, 8);
                Map<String, Long> before = counts();
                HttpResponse<String> r = post("/commission", fill(raw, name, "2026-10-20T10:15:00Z"), "text/xml");
                assertRefused(r, fragment);
                assertThat(counts()).as("database unchanged").isEqualTo(before);
                assertThat(stored(name)).isZero();
            }));
        }
        return tests;
    }

    @Test
    void theValidTemplateIsIncludedSoTheHostileVariantsWouldHaveBeenStored() throws IOException, InterruptedException {
        String name = "Integrity-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> r = post("/commission", fill(resource("/integrity/template.xml"), name,
                "2026-10-20T10:15:00Z"), "text/xml");
        assertThat(r.body()).contains("INCLUDED");
        assertThat(stored(name)).isEqualTo(1);
    }

    @Test
    void theSoap12PortNamesSenderAndTheResultCode() throws IOException, InterruptedException {
        String envelope = "<?xml version=\"1.1\"?><soap:Envelope xmlns:soap=\"http://www.w3.org/2003/05/soap-envelope\">"
                + "<soap:Body><x>&#x1;</x></soap:Body></soap:Envelope>";
        Map<String, Long> before = counts();
        HttpResponse<String> r = post("/commission12", envelope.getBytes(StandardCharsets.UTF_8), "application/soap+xml");
        assertThat(r.statusCode()).isEqualTo(400); // a Sender fault on SOAP 1.2 (D-111)
        assertThat(r.body()).contains("soap:Sender").contains("pmm:ERR_SCHEMA").contains("XML version 1.1 is not accepted")
                .contains("XML версии 1.1 не принимается");
        assertThat(counts()).isEqualTo(before);
    }

    @Test
    void theSameDocumentInUtf16IsAccepted() throws IOException, InterruptedException {
        String name = "Integrity-" + UUID.randomUUID().toString().substring(0, 8);
        String text = new String(fill(resource("/integrity/template.xml"), name, "2026-10-20T10:15:00Z"),
                StandardCharsets.UTF_8).replace("encoding=\"UTF-8\"", "encoding=\"UTF-16\"");
        byte[] utf16 = text.getBytes(StandardCharsets.UTF_16); // with a byte-order mark
        HttpResponse<String> r = post("/commission", utf16, "text/xml; charset=UTF-16");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(stored(name)).isEqualTo(1);
    }

    @Test
    void aLargeMessageIsCheckedThroughATemporaryFileThatIsRemovedAfterwards() throws Exception {
        // beyond CXF's in-memory threshold (128 KB) the checked copy lives in a temporary file (cos*tmp)
        java.nio.file.Path tmp = java.nio.file.Path.of(System.getProperty("java.io.tmpdir"));
        java.util.function.Supplier<java.util.Set<String>> cos = () -> {
            try (var files = java.nio.file.Files.list(tmp)) {
                return files.map(f -> f.getFileName().toString()).filter(n -> n.startsWith("cos") && n.endsWith("tmp"))
                        .collect(java.util.stream.Collectors.toSet());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        };
        java.util.Set<String> before = cos.get();
        String name = "Integrity-" + UUID.randomUUID().toString().substring(0, 8);
        String big = new String(fill(resource("/integrity/template.xml"), name, "2026-10-20T10:15:00Z"),
                StandardCharsets.UTF_8).replace("<soap:Body>", "<soap:Body><!-- " + "Ибупрофен ".repeat(60_000) + "-->");
        HttpResponse<String> ok = post("/commission", big.getBytes(StandardCharsets.UTF_8), "text/xml");
        assertThat(ok.body()).contains("INCLUDED");
        String bad = big.replace(name + "</", name + "&#x1;</");
        assertRefused(post("/commission", bad.getBytes(StandardCharsets.UTF_8), "text/xml"), "character reference &#x1;");
        java.util.Set<String> left = cos.get();
        left.removeAll(before);
        assertThat(left).as("temporary files left behind").isEmpty();
    }

    @Test
    void aCharsetOtherThanUtf8Or16InTheContentTypeIsRefused() throws IOException, InterruptedException {
        String name = "Integrity-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Long> before = counts();
        HttpResponse<String> r = post("/commission", fill(resource("/integrity/template.xml"), name,
                "2026-10-20T10:15:00Z"), "text/xml; charset=ISO-8859-1");
        assertRefused(r, "the charset ISO-8859-1 of the Content-Type is not supported");
        assertThat(counts()).isEqualTo(before);
    }

    @Test
    void aCharacterReferenceInsideCdataIsText() throws IOException, InterruptedException {
        // not a reference: "&#x1;" in a CDATA section is five characters of text, publishable as &amp;#x1;
        String name = "Integrity-" + UUID.randomUUID().toString().substring(0, 8);
        byte[] doc = fill(resource("/integrity/template.xml"), name, "2026-10-20T10:15:00Z");
        String text = new String(doc, StandardCharsets.UTF_8).replace(name + "</", name + "<![CDATA[&#x1;]]></");
        HttpResponse<String> r = post("/commission", text.getBytes(StandardCharsets.UTF_8), "text/xml");
        assertThat(r.body()).contains("INCLUDED");
        assertThat(stored(name + "&#x1;")).isEqualTo(1);
    }

    // ---- D-101, D-102: date-times -------------------------------------------------------------------------------

    @ParameterizedTest
    @CsvSource({
            "1000-01-01T00:00:00Z,              1000-01-01T00:00:00.000000Z",
            "1582-10-04T00:00:00Z,              1582-10-04T00:00:00.000000Z",
            "1582-10-10T12:00:00Z,              1582-10-10T12:00:00.000000Z",
            "1582-10-15T00:00:00Z,              1582-10-15T00:00:00.000000Z",
            "1900-01-01T00:00:00Z,              1900-01-01T00:00:00.000000Z",
            "1969-12-31T23:59:59.5Z,            1969-12-31T23:59:59.500000Z",
            "2026-10-20T10:15:00.123456Z,       2026-10-20T10:15:00.123456Z",
            "2026-10-20T10:15:00.1234560Z,      2026-10-20T10:15:00.123456Z",
            "2026-10-20T10:15:00+03:00,         2026-10-20T07:15:00.000000Z",
            "2026-10-20T01:15:00-05:30,         2026-10-20T06:45:00.000000Z",
            "2026-10-20T10:15:00,               2026-10-20T10:15:00.000000Z",
            "1000-01-01T03:00:00+03:00,         1000-01-01T00:00:00.000000Z",
            "9999-12-31T23:59:59.999999Z,       9999-12-31T23:59:59.999999Z",
    })
    void storedDateTimesComeBackAsTheSameInstant(String sent, String expected) throws Exception {
        String name = "Integrity-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> r = post("/commission", fill(resource("/integrity/template.xml"), name, sent),
                "text/xml");
        assertThat(r.body()).as(sent).contains("INCLUDED");
        Instant start = Instant.parse(expected);
        CommissionPortType ru = commission("ru");
        // MSG.007 a microsecond after the start (the database compares what it stored; a version is in force as of
        // t when it started before t, D-53), and MSG.010 since just before the inclusion
        Instant asOf = start.plusNanos(1000);
        if (!asOf.isAfter(Instant.parse("9999-12-31T23:59:59.999999Z"))) {
            assertThat(startsOf(records(ru, asOf), name)).containsExactly(expected);
        }
        assertThat(startsOf(changes(ru, Instant.now().minus(10, ChronoUnit.MINUTES)), name)).containsExactly(expected);
        // as of the start itself the record is not in force yet (D-53: the start must be earlier than the date)
        assertThat(startsOf(records(ru, start), name)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
            "0001-01-01T00:00:00Z",
            "0999-12-31T23:59:59.999999Z",
            "1000-01-01T02:59:59+03:00",
            "10000-01-01T00:00:00Z",
            "-0001-01-01T00:00:00Z",
            "2026-10-20T10:15:00.1234567Z",
    })
    void dateTimesTheNodeCannotStoreAsSentAreRefusedNamingFieldAndRange(String sent) throws Exception {
        String name = "Integrity-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Long> before = counts();
        long journal = jdbc.queryForObject("SELECT COUNT(*) FROM message_journal", Long.class);
        HttpResponse<String> r = post("/commission", fill(resource("/integrity/template.xml"), name, sent),
                "text/xml");
        assertThat(r.body()).as(sent).contains("ERR_RULE").contains("decision D-101").contains("StartDateTime")
                .contains(sent).doesNotContain("INCLUDED");
        if (!sent.contains(".1234567")) {
            assertThat(r.body()).contains("1000-01-01T00:00:00Z .. 9999-12-31T23:59:59.999999Z")
                    .contains("вне поддерживаемого узлом диапазона");
        }
        assertThat(stored(name)).isZero();
        assertThat(counts().get("record_version")).isEqualTo(before.get("record_version"));
        assertThat(counts().get("processed_document")).isEqualTo(before.get("processed_document"));
        // only the two journal lines of the refusal (in and out)
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM message_journal", Long.class)).isEqualTo(journal + 2);
    }

    @Test
    void queryDatesOutsideTheRangeAreAnswered() throws Exception {
        String name = "Integrity-" + UUID.randomUUID().toString().substring(0, 8);
        post("/commission", fill(resource("/integrity/template.xml"), name, "2026-10-20T10:15:00Z"), "text/xml");
        // MSG.010 since year 10000 and later: nothing changed after the end of time the node knows (MSG.012)
        for (String since : new String[] {"10000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999Z"}) {
            GetChanges gc = new GetChanges();
            var q = TestDocuments.query("MSG.010", null, "RU");
            q.setUpdateDateTime(javax.xml.datatype.DatatypeFactory.newInstance().newXMLGregorianCalendar(since));
            gc.setResourceStatusDetails(q);
            var a = commission("ru").getChanges(gc);
            assertThat(a.getDrugMonitoringDetails()).as(since).isNull();
            assertThat(a.getProcessingResultDetails().getProcessingResultV2Code()).isEqualTo("NO_DATA");
        }
        // MSG.010 since year 999: every change; MSG.007 as of year 10000: what is valid at the end of the range
        GetChanges all = new GetChanges();
        var q = TestDocuments.query("MSG.010", null, "RU");
        q.setUpdateDateTime(javax.xml.datatype.DatatypeFactory.newInstance().newXMLGregorianCalendar("0999-01-01T00:00:00Z"));
        all.setResourceStatusDetails(q);
        assertThat(startsOf(commission("ru").getChanges(all).getDrugMonitoringDetails(), name)).hasSize(1);
        GetRecords far = new GetRecords();
        var q2 = TestDocuments.query("MSG.007", null, "RU");
        q2.setUpdateDateTime(javax.xml.datatype.DatatypeFactory.newInstance().newXMLGregorianCalendar("10000-06-01T00:00:00Z"));
        far.setResourceStatusDetails(q2);
        assertThat(startsOf(commission("ru").getRecords(far).getDrugMonitoringDetails(), name)).hasSize(1);
        // MSG.007 as of year 999: nothing was valid then (MSG.009)
        GetRecords early = new GetRecords();
        var q3 = TestDocuments.query("MSG.007", null, "RU");
        q3.setUpdateDateTime(javax.xml.datatype.DatatypeFactory.newInstance().newXMLGregorianCalendar("0999-06-01T00:00:00Z"));
        early.setResourceStatusDetails(q3);
        var none = commission("ru").getRecords(early);
        assertThat(none.getDrugMonitoringDetails()).isNull();
        assertThat(none.getProcessingResultDetails().getProcessingResultV2Code()).isEqualTo("NO_DATA");
    }

    // ---- D-103: one bad stored item ------------------------------------------------------------------------------

    @Test
    void aPoisonedStoredItemIsSkippedAndEveryoneElseIsAnswered() throws Exception {
        String good = "Integrity-" + UUID.randomUUID().toString().substring(0, 8);
        String bad = "Integrity-" + UUID.randomUUID().toString().substring(0, 8);
        String bad2 = "Integrity-" + UUID.randomUUID().toString().substring(0, 8);
        String legacy = "Integrity-" + UUID.randomUUID().toString().substring(0, 8);
        for (String n : List.of(bad, good, bad2, legacy)) {
            assertThat(post("/commission", fill(resource("/integrity/template.xml"), n, "2026-10-20T10:15:00Z"),
                    "text/xml").body()).contains("INCLUDED");
        }
        // every version got its export form when stored (D-220)
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM record_version WHERE trade_name IN (?,?,?)"
                + " AND item_out LIKE '%DrugMonitoringItemDetails>'", Long.class, bad, good, bad2)).isEqualTo(3L);
        // poison two stored items behind the node's back, as a byte-level fault or an older version would: one
        // stored before export forms (none, read from item_xml), one whose export form is damaged
        jdbc.update("UPDATE record_version SET item_out = NULL, item_xml = REPLACE(item_xml, ?, ?) WHERE trade_name = ?",
                bad, bad + "\u0001", bad);
        jdbc.update("UPDATE record_version SET item_xml = '<hccdo:DrugMonitoringItemDetails xmlns:hccdo=\"x\"><unclosed>',"
                + " item_out = REPLACE(item_out, ?, ?) WHERE trade_name = ?", bad2, bad2 + "\u0001", bad2);
        // and one stored before export forms whose item is sound: exported from its stored XML
        jdbc.update("UPDATE record_version SET item_out = NULL WHERE trade_name = ?", legacy);
        long skippedBefore = skippedJournalLines();
        CommissionPortType ru = commission("ru");
        DrugMonitoringDetails asOf = records(ru, Instant.parse("2026-10-21T00:00:00Z"));
        assertThat(startsOf(asOf, good)).containsExactly("2026-10-20T10:15:00.000000Z");
        assertThat(startsOf(asOf, legacy)).containsExactly("2026-10-20T10:15:00.000000Z");
        // D-245: the stored XML is read (the subquery runs) only for the versions without an export form
        String plan = jdbc.queryForObject("ANALYZE FORMAT=JSON " + UnifiedDatabase.asOfSql(List.of("RU")),
                String.class, "2026-10-21 00:00:00", "2026-10-21 00:00:00", "RU");
        long formless = jdbc.queryForObject("SELECT COUNT(*) FROM record_version WHERE item_out IS NULL"
                + " AND start_date_time < '2026-10-21' AND (end_date_time IS NULL OR end_date_time > '2026-10-21')"
                + " AND country = 'RU'", Long.class);
        long exported = jdbc.queryForObject("SELECT COUNT(*) FROM record_version WHERE start_date_time < '2026-10-21'"
                + " AND (end_date_time IS NULL OR end_date_time > '2026-10-21') AND country = 'RU'", Long.class);
        assertThat(formless).isGreaterThanOrEqualTo(2L).isLessThan(exported);
        assertThat(subqueryLoops(plan)).isEqualTo(formless);
        assertThat(startsOf(asOf, bad)).isEmpty();
        assertThat(startsOf(asOf, bad2)).isEmpty();
        DrugMonitoringDetails since = changes(ru, Instant.now().minus(10, ChronoUnit.MINUTES));
        assertThat(startsOf(since, good)).hasSize(1);
        assertThat(startsOf(since, bad)).isEmpty();
        // each skip is journaled with the version and the reason, for each answer
        assertThat(skippedJournalLines()).isGreaterThanOrEqualTo(skippedBefore + 4);
        // the portal's export of the EEC document goes on as well
        HttpResponse<String> export = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/api/v1/export.xml?q=Integrity")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(export.statusCode()).isEqualTo(200);
        assertThat(export.body()).contains(good).doesNotContain(bad + "\u0001").endsWith("DrugMonitoringDetails>");
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    /** How many times the statement's dependent subquery ran, from MariaDB's ANALYZE FORMAT=JSON. */
    private static long subqueryLoops(String plan) throws Exception {
        var tree = new com.fasterxml.jackson.databind.ObjectMapper().readTree(plan);
        long loops = -1;
        for (var node : (Iterable<com.fasterxml.jackson.databind.JsonNode>) () -> tree.findParents("table").iterator()) {
            var t = node.path("table");
            if ("x".equals(t.path("table_name").asText())) {
                loops = t.path("r_loops").asLong(); // the subquery's table (record_version x)
            }
        }
        assertThat(loops).as("the subquery in %s", plan).isGreaterThanOrEqualTo(0L);
        return loops;
    }

    private long skippedJournalLines() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM message_journal WHERE result_code = 'ITEM_SKIPPED'", Long.class);
    }

    private static DrugMonitoringDetails records(CommissionPortType c, Instant at) {
        GetRecords g = new GetRecords();
        g.setResourceStatusDetails(TestDocuments.query("MSG.007", at, "RU"));
        return c.getRecords(g).getDrugMonitoringDetails();
    }

    private static DrugMonitoringDetails changes(CommissionPortType c, Instant since) {
        GetChanges g = new GetChanges();
        g.setResourceStatusDetails(TestDocuments.query("MSG.010", since, "RU"));
        return c.getChanges(g).getDrugMonitoringDetails();
    }

    private static List<String> startsOf(DrugMonitoringDetails d, String name) {
        if (d == null) {
            return List.of();
        }
        List<String> l = new ArrayList<>();
        for (DrugMonitoringItemDetailsType i : d.getDrugMonitoringItemDetails()) {
            if (name.equals(i.getDrugMonitoringDetails().get(0).getDrugTradeName())) {
                l.add(i.getResourceItemStatusDetails().getValidityPeriodDetails().getStartDateTime().toXMLFormat());
            }
        }
        return l;
    }

    private int stored(String tradeName) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM record_version WHERE trade_name = ?", Integer.class, tradeName);
    }

    private Map<String, Long> counts() {
        Map<String, Long> m = new TreeMap<>();
        for (String t : List.of("record_version", "processed_document", "message_journal")) {
            m.put(t, jdbc.queryForObject("SELECT COUNT(*) FROM " + t, Long.class));
        }
        return m;
    }

    private static void assertRefused(HttpResponse<String> r, String fragment) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(500);
        String body = unescape(r.body());
        assertThat(body).as(r.body()).contains("<faultcode>soap:Client</faultcode>").contains(fragment)
                .contains("входной XML отклонен").doesNotContain("Exception").doesNotContain("INCLUDED")
                .doesNotContain("SAAJ").doesNotContain("Wstx");
    }

    /** Character references (&#x43e;) as characters, &amp; as &: the fault text as its reader sees it. */
    private static String unescape(String s) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("&#x([0-9a-fA-F]+);").matcher(s);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, java.util.regex.Matcher.quoteReplacement(Character.toString(Integer.parseInt(m.group(1), 16))));
        }
        return m.appendTail(sb).toString().replace("&amp;", "&");
    }

    private HttpResponse<String> post(String path, byte[] body, String contentType) throws IOException, InterruptedException {
        HttpRequest req = HttpRequest.newBuilder(URI.create(url(path))).header("Content-Type", contentType)
                .header("SOAPAction", "\"\"").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        return HTTP.send(req, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static byte[] resource(String path) throws IOException {
        try (InputStream in = IntegrityTest.class.getResourceAsStream(path)) {
            assertThat(in).as(path).isNotNull();
            return in.readAllBytes();
        }
    }

    /** The placeholders of a corpus file, replaced in the file's own encoding (byte-level: the rest stays as is). */
    static byte[] fill(byte[] raw, String name, String start) {
        Charset cs = encodingOf(raw);
        byte[] b = raw;
        b = replace(b, "{{SECURITY}}", usernameToken("ru", "ru-dev-password"), cs);
        b = replace(b, "{{EDOCID}}", UUID.randomUUID().toString(), cs);
        b = replace(b, "{{NAME}}", name, cs);
        b = replace(b, "{{START}}", start, cs);
        return b;
    }

    private static Charset encodingOf(byte[] b) {
        if (b.length > 3 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xFE && b[2] == 0 && b[3] == 0) {
            return Charset.forName("UTF-32LE");
        }
        if (b.length > 1 && (((b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xFE) || (b[0] == '<' && b[1] == 0))) {
            return StandardCharsets.UTF_16LE;
        }
        return StandardCharsets.UTF_8;
    }

    private static byte[] replace(byte[] b, String placeholder, String value, Charset cs) {
        byte[] p = placeholder.getBytes(cs);
        byte[] v = value.getBytes(cs);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(b.length + 1024);
        int i = 0;
        outer:
        while (i < b.length) {
            if (i + p.length <= b.length) {
                for (int k = 0; k < p.length; k++) {
                    if (b[i + k] != p[k]) {
                        out.write(b[i]);
                        i++;
                        continue outer;
                    }
                }
                out.writeBytes(v);
                i += p.length;
            } else {
                out.write(b[i]);
                i++;
            }
        }
        return out.toByteArray();
    }

    /** A WS-Security UsernameToken with password digest, nonce and created (what the node requires). */
    static String usernameToken(String user, String password) {
        try {
            byte[] nonce = new byte[16];
            RANDOM.nextBytes(nonce);
            String created = Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update(nonce);
            sha1.update(created.getBytes(StandardCharsets.UTF_8));
            sha1.update(password.getBytes(StandardCharsets.UTF_8));
            String digest = Base64.getEncoder().encodeToString(sha1.digest());
            return "<wsse:Security xmlns:wsse=\"http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd\""
                    + " xmlns:wsu=\"http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd\""
                    + " soap:mustUnderstand=\"1\"><wsse:UsernameToken><wsse:Username>" + user + "</wsse:Username>"
                    + "<wsse:Password Type=\"http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordDigest\">"
                    + digest + "</wsse:Password><wsse:Nonce EncodingType=\"http://docs.oasis-open.org/wss/2004/01/"
                    + "oasis-200401-wss-soap-message-security-1.0#Base64Binary\">" + Base64.getEncoder().encodeToString(nonce)
                    + "</wsse:Nonce><wsu:Created>" + created + "</wsu:Created></wsse:UsernameToken></wsse:Security>";
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
