package eaeu.pmm03.server.portal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import eaeu.pmm03.contract.ccdo.EDocHeaderType;
import eaeu.pmm03.contract.ccdo.PeriodDetailsType;
import eaeu.pmm03.contract.ccdo.ResourceItemStatusDetailsType;
import eaeu.pmm03.contract.hccdo.DrugMonitoringItemDetailsType;
import eaeu.pmm03.contract.process.ProcessTable;
import eaeu.pmm03.contract.xml.ContractJaxb;
import eaeu.pmm03.server.commission.Documents;
import eaeu.pmm03.server.commission.Times;
import eaeu.pmm03.server.registry.Utc;
import eaeu.pmm03.server.transport.ApiParams;
import jakarta.xml.bind.JAXBElement;
import jakarta.xml.bind.Marshaller;
import jakarta.xml.bind.Unmarshaller;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import javax.xml.namespace.QName;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamWriter;
import javax.xml.transform.stream.StreamSource;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.StringReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Exports of a search (same parameters as /api/v1/records, without paging) or of the whole database: CSV, JSON and
 * the EEC document R.HC.MM.03.001 (a dmd:DrugMonitoringDetails with the items as stored). All are streamed from a
 * database cursor: memory stays flat whatever the size.
 */
@RestController
public class Exports {

    private final PortalSearch search;
    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    public Exports(PortalSearch search, JdbcTemplate jdbc, ObjectMapper json) {
        this.search = search;
        this.jdbc = jdbc;
        this.json = json;
    }

    static final String[] CSV_HEADER = {"record_id", "version_no", "country", "status_code", "status", "trade_name",
            "inn", "batches", "consignments", "manufacturer", "holder", "doc_ids", "start_date_time", "end_date_time",
            "stored_at", "closed_at", "url"};

    @GetMapping("/api/v1/export.{format}")
    public ResponseEntity<StreamingResponseBody> export(@PathVariable String format,
                                                        @RequestParam MultiValueMap<String, String> params) {
        SearchQuery q = PortalApi.query(params);
        String stamp = Instant.now().toString().replace(":", "").replaceAll("\\..*", "");
        return switch (format) {
            case "csv" -> {
                String d = ApiParams.oneOf(params.getFirst("delimiter"), "delimiter", "comma", DELIMITERS.keySet());
                yield file("pmm03-" + stamp + (d.equals("comma") ? "" : "-" + d) + ".csv", "text/csv;charset=UTF-8",
                        out -> csv(q, DELIMITERS.get(d), out));
            }
            case "json" -> file("pmm03-" + stamp + ".json", "application/json", out -> json(q, out));
            case "xml" -> file("pmm03-" + stamp + ".xml", "application/xml", out -> {
                try {
                    xml(q, out);
                } catch (java.io.IOException | RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new java.io.IOException("XML export failed: " + e.getMessage(), e);
                }
            });
            default -> throw Params.bad("format must be csv, json or xml");
        };
    }

    private static ResponseEntity<StreamingResponseBody> file(String name, String type, StreamingResponseBody body) {
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(type))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build().toString())
                .body(body);
    }

    static String status(String code) {
        return switch (code) {
            case "01" -> "substandard";
            case "02" -> "counterfeit";
            case "03" -> "falsified";
            default -> code;
        };
    }

    /**
     * The CSV delimiters offered (D-159): {@code comma} (RFC 4180, the default) and {@code semicolon} — what a
     * spreadsheet in a Russian (or any decimal-comma) locale expects when it opens a .csv file directly.
     */
    static final Map<String, Character> DELIMITERS = Map.of("comma", ',', "semicolon", ';');

    private void csv(SearchQuery q, char delimiter, java.io.OutputStream out) throws java.io.IOException {
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        w.write('\ufeff'); // the byte order mark lets spreadsheet programs read UTF-8 (Cyrillic) correctly
        CSVFormat format = CSVFormat.RFC4180.builder().setDelimiter(delimiter).setHeader(CSV_HEADER).get();
        CSVPrinter p = new CSVPrinter(w, format);
        {
            search.stream(q, h -> {
                try {
                    p.printRecord(java.util.Arrays.stream(new Object[] {h.recordId(), h.versionNo(), h.country(), h.status(),
                            status(h.status()), h.tradeName(), h.inn(), h.batches(), h.consignments(), h.manufacturer(),
                            h.holder(), h.docIds(), h.startDateTime(), h.endDateTime(), h.storedAt(), h.closedAt(),
                            "/portal/record.html?id=" + h.recordId()}).map(Exports::cell));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }
        p.flush();
    }

    /** A leading = + - @ (or tab, CR) is prefixed with ' so a spreadsheet never runs a cell as a formula. */
    static String cell(Object o) {
        if (o == null) {
            return "";
        }
        String s = o.toString();
        if (!s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0) {
            s = "'" + s;
        }
        return s;
    }

    private void json(SearchQuery q, java.io.OutputStream out) throws java.io.IOException {
        try (JsonGenerator g = json.getFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("exportedAt", Instant.now().toString());
            if (q.asOf() != null) {
                g.writeStringField("asOf", q.asOf().toString());
            }
            g.writeArrayFieldStart("records");
            search.stream(q, h -> {
                try {
                    json.writeValue(g, h);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    private void xml(SearchQuery q, java.io.OutputStream out) throws Exception {
        ProcessTable.Structure s = ProcessTable.get().structureOf("P.MM.03.MSG.008");
        String ccdo = ns("ccdo");
        String hccdo = ns("hccdo");
        XMLStreamWriter x = XMLOutputFactory.newInstance().createXMLStreamWriter(out, "UTF-8");
        Marshaller m = ContractJaxb.marshaller(false);
        m.setProperty(Marshaller.JAXB_FRAGMENT, true);
        Unmarshaller u = ContractJaxb.unmarshaller();
        x.writeStartDocument("UTF-8", "1.0");
        x.setPrefix(s.prefix(), s.namespace());
        x.writeStartElement(s.prefix(), s.rootElement(), s.namespace());
        x.writeNamespace(s.prefix(), s.namespace());
        for (ProcessTable.Namespace n : ProcessTable.get().namespaces()) {
            if (n.namespace().equals(ccdo) || n.namespace().equals(hccdo) || n.prefix().equals("csdo") || n.prefix().equals("hcsdo")) {
                x.setPrefix(n.prefix(), n.namespace());
                x.writeNamespace(n.prefix(), n.namespace());
            }
        }
        EDocHeaderType header = Documents.header("P.MM.03.MSG.008", null);
        m.marshal(new JAXBElement<>(new QName(ccdo, "EDocHeader"), EDocHeaderType.class, header), x);
        QName itemName = new QName(hccdo, "DrugMonitoringItemDetails");
        JdbcTemplate streaming = new JdbcTemplate(jdbc.getDataSource());
        streaming.setFetchSize(200);
        PortalSearch.Where w = search.where(q);
        try (Stream<Object[]> rows = streaming.queryForStream("SELECT v.item_xml, v.start_date_time, v.end_date_time,"
                + " v.created_at, v.closed_at FROM record_version v JOIN record_search s ON s.version_id = v.id" + w.sql()
                + " ORDER BY v.id", (rs, n) -> new Object[] {rs.getString(1), t(rs, 2), t(rs, 3), t(rs, 4), t(rs, 5)},
                w.args().toArray())) {
            for (Object[] r : (Iterable<Object[]>) rows::iterator) {
                DrugMonitoringItemDetailsType item;
                try {
                    item = u.unmarshal(new StreamSource(new StringReader((String) r[0])),
                            DrugMonitoringItemDetailsType.class).getValue();
                } catch (jakarta.xml.bind.JAXBException | RuntimeException e) {
                    // a stored item that cannot be read is left out, the export goes on (decision D-103)
                    org.slf4j.LoggerFactory.getLogger(Exports.class).error("export: stored item skipped: {}", e.toString());
                    continue;
                }
                ResourceItemStatusDetailsType st = new ResourceItemStatusDetailsType();
                PeriodDetailsType p = new PeriodDetailsType();
                p.setStartDateTime(Times.xml((Instant) r[1]));
                p.setEndDateTime(Times.xml((Instant) r[2]));
                st.setValidityPeriodDetails(p);
                st.setUpdateDateTime(Times.xml(r[4] != null ? (Instant) r[4] : (Instant) r[3]));
                item.setResourceItemStatusDetails(st);
                m.marshal(new JAXBElement<>(itemName, DrugMonitoringItemDetailsType.class, item), x);
            }
        }
        x.writeEndElement();
        x.writeEndDocument();
        x.flush();
    }

    private static Instant t(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
        return Utc.instant(rs.getObject(i, LocalDateTime.class));
    }

    private static String ns(String prefix) {
        return ProcessTable.get().namespaces().stream().filter(n -> n.prefix().equals(prefix)).findFirst()
                .orElseThrow().namespace();
    }
}
