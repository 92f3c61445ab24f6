package eaeu.pmm03.server.portal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import eaeu.pmm03.contract.xml.ContractSchemas;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.yaml.snakeyaml.Yaml;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/** The portal's JSON API, exports and feed over HTTP, as a pharmacy or hospital system would use them. */
class PortalApiTest extends PortalTestBase {

    private final ObjectMapper json = new ObjectMapper();
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    private JsonNode getJson(String path) throws Exception {
        HttpResponse<String> r = get(path);
        assertThat(r.statusCode()).as(path + " → " + r.body()).isEqualTo(200);
        return json.readTree(r.body());
    }

    private JsonNode falsifiedIbuprofen() throws Exception {
        JsonNode page = getJson("/api/v1/records?batch=" + enc("ib40 1125"));
        assertThat(page.get("total").asInt()).isEqualTo(1);
        return page.get("items").get(0);
    }

    @Test
    void searchByTextFieldsAndFilters() throws Exception {
        assertThat(getJson("/api/v1/records?q=" + enc("ибупрофен")).get("items")).extracting(n -> n.get("tradeName").asText())
                .contains("Ибупрофен-Велфарм Форте");
        assertThat(getJson("/api/v1/records?q=" + enc("Ибупроф Велфарм")).get("total").asInt()).isEqualTo(1);
        // D-190: a Latin query finds Cyrillic names, INNs in both alphabets
        assertThat(getJson("/api/v1/records?q=" + enc("ibuprofen velfarm")).get("items")).extracting(n -> n.get("tradeName").asText())
                .contains("Ибупрофен-Велфарм Форте");
        assertThat(getJson("/api/v1/records?inn=amoxicillin").get("items").get(0).get("country").asText()).isEqualTo("KZ");
        assertThat(getJson("/api/v1/records?q=" + enc("Хостилум")).get("items")).extracting(n -> n.get("tradeName").asText())
                .contains(HOSTILE);
        assertThat(getJson("/api/v1/records?inn=" + enc("Амоксициллин")).get("items").get(0).get("country").asText()).isEqualTo("KZ");
        assertThat(getJson("/api/v1/records?manufacturer=" + enc("БелФармТорг")).get("items").get(0).get("status").asText()).isEqualTo("02");
        assertThat(getJson("/api/v1/records?holder=" + enc("Велфарм")).get("total").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(getJson("/api/v1/records?batch=IB401125").get("total").asInt()).isEqualTo(1);
        JsonNode falsified = getJson("/api/v1/records?status=03&size=100");
        assertThat(falsified.get("items")).allSatisfy(n -> assertThat(n.get("status").asText()).isEqualTo("03"));
        assertThat(getJson("/api/v1/records?country=KG,AM").get("items"))
                .allSatisfy(n -> assertThat(n.get("country").asText()).isIn("KG", "AM"));
        assertThat(getJson("/api/v1/records?from=2026-08-01&to=2026-08-31").get("items")).extracting(n -> n.get("tradeName").asText())
                .containsExactly("Омепразол-Арм");
        JsonNode byName = getJson("/api/v1/records?sort=name&size=2&page=2");
        assertThat(byName.get("page").asInt()).isEqualTo(2);
        assertThat(byName.get("items").size()).isEqualTo(2);
        // excluded records are not in the current search
        assertThat(getJson("/api/v1/records?q=" + enc("Парацетамол-Экстра")).get("total").asInt()).isZero();
        assertThat(get("/api/v1/records?from=yesterday").statusCode()).isEqualTo(400);
    }

    @Test
    void statisticsCountTheRecordsInForceAsTheSearchDoes() throws Exception {
        JsonNode st = getJson("/api/v1/statistics");
        long total = st.get("total").asLong();
        assertThat(total).isPositive().isEqualTo(getJson("/api/v1/records?size=1").get("total").asLong());
        long sum = 0;
        for (JsonNode c : st.get("byStatus")) {
            assertThat(c.get("count").asLong()).as("subsection " + c.get("key"))
                    .isEqualTo(getJson("/api/v1/records?size=1&status=" + c.get("key").asText()).get("total").asLong());
            sum += c.get("count").asLong();
        }
        assertThat(sum).isEqualTo(total);
        for (JsonNode c : st.get("byCountry")) {
            assertThat(c.get("count").asLong()).as("country " + c.get("key"))
                    .isEqualTo(getJson("/api/v1/records?size=1&country=" + c.get("key").asText()).get("total").asLong());
        }
        assertThat(st.get("byYear")).extracting(c -> c.get("key").asText()).contains("2026");
        assertThat(StreamSupport.stream(st.get("byYear").spliterator(), false).mapToLong(c -> c.get("count").asLong()).sum())
                .isEqualTo(total);
        assertThat(StreamSupport.stream(st.get("byCountryAndStatus").spliterator(), false).mapToLong(c -> c.get("count").asLong()).sum())
                .isEqualTo(total);
        assertThat(st.get("statusNames").get("03").get("en").asText()).isEqualTo("falsified");
        assertThat(get("/portal/").body()).contains("href=\"/portal/stats.html\"");
    }

    @Test
    void recordWithLabelsSignsDocumentsAndHistory() throws Exception {
        String id = falsifiedIbuprofen().get("recordId").asText();
        JsonNode r = getJson("/api/v1/records/" + id);
        assertThat(r.get("active").asBoolean()).isTrue();
        assertThat(r.get("fields").toString()).contains("Торговое наименование лекарственного препарата")
                .contains("Trade name of the medicinal product");
        assertThat(r.get("signs").get(0).get("pictures").get(0).get("image").asBoolean()).isTrue();
        String pdf = r.get("documents").get(0).get("pdf").get("url").asText();
        HttpResponse<byte[]> file = http.send(HttpRequest.newBuilder(URI.create(base() + pdf)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(file.headers().firstValue("Content-Type")).hasValue("application/pdf");
        assertThat(new String(file.body(), 0, 5)).isEqualTo("%PDF-");
        // D-191: permalink and its QR code; a record that is not published has neither
        HttpResponse<String> perma = get("/r/" + id);
        assertThat(perma.statusCode()).isEqualTo(302);
        assertThat(perma.headers().firstValue("Location")).hasValue("/portal/record.html?id=" + id);
        HttpResponse<String> qr = get("/api/v1/records/" + id + "/qr.svg");
        assertThat(qr.headers().firstValue("Content-Type").orElse("")).startsWith("image/svg+xml");
        assertThat(qr.body()).startsWith("<svg").isEqualTo(RecordLinks.svg(base() + "/r/" + id));
        assertThat(get("/r/no-such-record").statusCode()).isEqualTo(404);
        assertThat(get("/api/v1/records/no-such-record/qr.svg").statusCode()).isEqualTo(404);
        JsonNode history = getJson("/api/v1/records/" + id + "/history");
        assertThat(history.size()).isEqualTo(2);
        assertThat(history.get(0).get("closedReason").asText()).isEqualTo("CHANGED");
        assertThat(history.get(0).get("closedBy").get("message").asText()).isEqualTo("P.MM.03.MSG.002");
        assertThat(history.get(1).get("changes").toString()).contains("IB40-1127").contains("Номер серии");
        assertThat(history.get(1).get("createdBy").get("id").asText()).isEqualTo("demo");
        assertThat(get("/api/v1/records/no-such-record").statusCode()).isEqualTo(404);
    }

    @Test
    void asOfShowsTheDatabaseAsItStood() throws Exception {
        String id = falsifiedIbuprofen().get("recordId").asText();
        JsonNode history = getJson("/api/v1/records/" + id + "/history");
        Instant between = Instant.parse(history.get(1).get("storedAt").asText()).minusNanos(1000);
        JsonNode then = getJson("/api/v1/records/" + id + "?asOf=" + enc(between.toString()));
        assertThat(then.get("shown").get("versionNo").asInt()).isEqualTo(1);
        JsonNode page = getJson("/api/v1/records?batch=IB40-1125&asOf=" + enc(between.toString()));
        assertThat(page.get("items").get(0).get("versionNo").asInt()).isEqualTo(1);
        // the excluded paracetamol was in the database before its exclusion
        JsonNode para = getJson("/api/v1/records?inn=" + enc("Парацетамол") + "&asOf=" + enc(between.toString()));
        assertThat(para.get("total").asInt()).isEqualTo(1);
        assertThat(getJson("/api/v1/records?asOf=2000-01-01T00:00:00Z").get("total").asInt()).isZero();
    }

    @Test
    void exportsAndFeedAnswerBadParametersWithProblemJson() throws Exception {
        for (String path : java.util.List.of("/api/v1/export.csv?from=yesterday", "/api/v1/export.json?asOf=soon",
                "/api/v1/records?from=yesterday")) {
            HttpResponse<String> r = get(path);
            assertThat(r.statusCode()).as(path).isEqualTo(400);
            assertThat(r.headers().firstValue("Content-Type").orElse("")).as(path).startsWith("application/problem+json");
            JsonNode p = json.readTree(r.body());
            assertThat(p.get("status").asInt()).isEqualTo(400);
            assertThat(p.get("detail").asText()).as(path).isNotBlank();
        }
    }

    @Test
    void packCheck() throws Exception {
        JsonNode found = getJson("/api/v1/pack-check?code=" + enc("(01)04601234567893(21)ABC123(17)281101(10)IB40-1125"));
        assertThat(found.get("verdict").asText()).isEqualTo("FOUND");
        assertThat(found.get("parsed").get("gtin").asText()).isEqualTo("04601234567893");
        assertThat(found.get("matches").get(0).get("tradeName").asText()).isEqualTo("Ибупрофен-Велфарм Форте");
        HttpResponse<String> raw = http.send(HttpRequest.newBuilder(URI.create(base() + "/api/v1/pack-check"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"code\":\"]d2010460123456789321ABC\\u001d17281101" + "10IB40-1125\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(json.readTree(raw.body()).get("verdict").asText()).isEqualTo("FOUND");
        JsonNode none = getJson("/api/v1/pack-check?code=" + enc("(01)04601234567893(21)X(17)281101(10)NO-SUCH"));
        assertThat(none.get("verdict").asText()).isEqualTo("NOT_FOUND");
        assertThat(none.get("message").get("en").asText()).contains("No record found").contains("This is not a guarantee of quality");
        assertThat(none.get("message").get("ru").asText()).contains("не гарантия качества");
        // a defect of the code is reported beside the verdict, never instead of it (D-150)
        JsonNode bad = getJson("/api/v1/pack-check?code=" + enc("(01)04601234567890(10)IB40-1125"));
        assertThat(bad.get("verdict").asText()).isEqualTo("FOUND");
        assertThat(bad.get("problems").get(0).get("code").asText()).isEqualTo("CHECK_DIGIT");
        JsonNode noGtin = getJson("/api/v1/pack-check?code=" + enc("(21)X(10)IB40-1125"));
        assertThat(noGtin.get("verdict").asText()).isEqualTo("FOUND");
        assertThat(noGtin.get("problems").get(0).get("code").asText()).isEqualTo("MISSING_01");
        JsonNode national = getJson("/api/v1/pack-check?code=" + enc("(01)04601234567893(21)5NDK2T7X(93)dGVz"));
        assertThat(national.get("verdict").asText()).isEqualTo("NEED_BATCH");
        assertThat(national.get("problems")).isEmpty();
        assertThat(getJson("/api/v1/pack-check?code=" + enc("hello")).get("verdict").asText()).isEqualTo("INVALID");
        JsonNode manual = getJson("/api/v1/pack-check?batch=" + enc("ib40 1125") + "&tradeName=" + enc("Ибупрофен"));
        assertThat(manual.get("source").asText()).isEqualTo("MANUAL");
        assertThat(manual.get("verdict").asText()).isEqualTo("FOUND");
        assertThat(manual.get("nameMatches")).isNotEmpty();
        assertThat(getJson("/api/v1/pack-check?tradeName=" + enc("Ибупрофен")).get("verdict").asText()).isEqualTo("NEED_BATCH");
    }

    @Test
    void exportsAreStreamedInThreeFormats() throws Exception {
        HttpResponse<String> csv = get("/api/v1/export.csv?status=03");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Disposition").orElse("")).contains("attachment").contains(".csv");
        assertThat(csv.body()).startsWith("\ufeffrecord_id,").contains("Ибупрофен-Велфарм Форте").doesNotContain("Амоксициллин");
        // a cell starting with = + - @ is neutralized for spreadsheets
        assertThat(Exports.cell("=HYPERLINK(\"x\")")).isEqualTo("'=HYPERLINK(\"x\")");
        // D-159: both delimiters, UTF-8 with BOM, read back by a CSV parser cell for cell (quotes, markup, Cyrillic)
        java.util.Map<String, java.util.List<java.util.List<String>>> parsed = new java.util.HashMap<>();
        for (String d : java.util.List.of("comma", "semicolon")) {
            HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(base() + "/api/v1/export.csv?delimiter=" + d)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(java.util.Arrays.copyOf(r.body(), 3)).as("UTF-8 BOM").containsExactly(0xEF, 0xBB, 0xBF);
            String text = new String(r.body(), 3, r.body().length - 3, java.nio.charset.StandardCharsets.UTF_8);
            assertThat(text).startsWith(d.equals("comma") ? "record_id,version_no," : "record_id;version_no;");
            try (org.apache.commons.csv.CSVParser p = org.apache.commons.csv.CSVFormat.RFC4180.builder()
                    .setDelimiter(d.equals("comma") ? ',' : ';').get().parse(new java.io.StringReader(text))) {
                parsed.put(d, p.getRecords().stream().map(rec -> rec.toList()).toList());
            }
        }
        assertThat(parsed.get("semicolon")).isEqualTo(parsed.get("comma"));
        assertThat(parsed.get("comma").stream().flatMap(java.util.List::stream)).contains("Ибупрофен-Велфарм Форте", HOSTILE);
        assertThat(get("/api/v1/export.csv?delimiter=tab").statusCode()).isEqualTo(400);
        JsonNode all = json.readTree(get("/api/v1/export.json").body());
        long active = getJson("/api/v1/meta").get("activeRecords").asLong();
        assertThat(all.get("records").size()).isEqualTo((int) active);
        HttpResponse<String> xml = get("/api/v1/export.xml?country=RU");
        assertThat(xml.statusCode()).isEqualTo(200);
        assertThat(xml.body()).contains("DrugMonitoringDetails").contains("Ибупрофен-Велфарм Форте").contains("EDocHeader");
        // a valid R.HC.MM.03.001 document (throws with the schema error otherwise)
        ContractSchemas.all().newValidator().validate(new javax.xml.transform.stream.StreamSource(new java.io.StringReader(xml.body())));
        assertThat(get("/api/v1/export.pdf").statusCode()).isEqualTo(400);
    }

    @Test
    void atomFeedWithConditionalGet() throws Exception {
        HttpResponse<String> feed = get("/feed.atom?country=RU");
        assertThat(feed.statusCode()).isEqualTo(200);
        assertThat(feed.headers().firstValue("Content-Type").orElse("")).startsWith("application/atom+xml");
        assertThat(feed.body()).contains("<feed xmlns=\"http://www.w3.org/2005/Atom\"").contains("Исключение / Exclusion")
                .contains("Изменение / Change").contains("Включение / Inclusion").doesNotContain("(KZ,");
        String etag = feed.headers().firstValue("ETag").orElseThrow();
        String lastModified = feed.headers().firstValue("Last-Modified").orElseThrow();
        HttpResponse<String> again = http.send(HttpRequest.newBuilder(URI.create(base() + "/feed.atom?country=RU"))
                .header("If-None-Match", etag).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(again.statusCode()).isEqualTo(304);
        HttpResponse<String> since = http.send(HttpRequest.newBuilder(URI.create(base() + "/api/v1/feed?country=RU"))
                .header("If-Modified-Since", lastModified).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(since.statusCode()).isEqualTo(304);
        assertThat(get("/api/v1/feed?status=02").body()).contains("Кардиомагнил Плюс").doesNotContain("Омепразол");
        assertThat(get("/api/v1/feed?inn=" + enc("Омепразол")).body()).contains("Омепразол-Арм").doesNotContain("Кардиомагнил");
        assertThat(get("/feed.atom").body()).contains("&lt;script>window.__xss").doesNotContain("<script>");
    }

    @Test
    void openApiDescribesEveryApiPath() throws Exception {
        HttpResponse<String> r = get("/api/v1/openapi.yaml");
        assertThat(r.statusCode()).isEqualTo(200);
        Map<String, Object> doc = new Yaml().load(r.body());
        assertThat(doc.get("openapi").toString()).startsWith("3.");
        @SuppressWarnings("unchecked")
        Set<String> described = ((Map<String, Object>) doc.get("paths")).keySet();
        Set<String> mapped = new HashSet<>();
        mappings.getHandlerMethods().keySet().forEach(info -> info.getPatternValues().stream()
                .filter(p -> p.startsWith("/api/v1") || p.equals("/feed.atom")).forEach(mapped::add));
        assertThat(described).containsExactlyInAnyOrderElementsOf(mapped.stream()
                .map(p -> p.replace("{format}", "{format}")).toList());
        // every $ref resolves
        String body = r.body();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\$ref: '#/components/(\\w+)/(\\w+)'").matcher(body);
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> components = (Map<String, Map<String, Object>>) doc.get("components");
        while (m.find()) {
            assertThat(components.get(m.group(1))).as(m.group()).containsKey(m.group(2));
        }
    }

    @Test
    void hostileContentIsDataNotMarkup() throws Exception {
        JsonNode hit = getJson("/api/v1/records?batch=" + HOSTILE_BATCH).get("items").get(0);
        assertThat(hit.get("tradeName").asText()).isEqualTo(HOSTILE);
        HttpResponse<String> page = get("/portal/record.html?id=" + hit.get("recordId").asText());
        assertThat(page.headers().firstValue("Content-Security-Policy").orElse("")).contains("default-src 'self'");
        assertThat(page.body()).doesNotContain("window.__xss");
    }

    static Iterable<JsonNode> each(JsonNode n) {
        return () -> StreamSupport.stream(n.spliterator(), false).iterator();
    }
}
