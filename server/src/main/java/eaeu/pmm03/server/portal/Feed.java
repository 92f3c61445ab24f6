package eaeu.pmm03.server.portal;

import eaeu.pmm03.server.registry.Utc;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.WebRequest;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Atom (RFC 4287) feed of inclusions, changes and exclusions, newest first, filterable by country, INN and
 * subsection; conditional GET with ETag and Last-Modified (304 when nothing changed).
 */
@RestController
public class Feed {

    public static final String ATOM = "application/atom+xml;charset=UTF-8";
    private static final String NS = "http://www.w3.org/2005/Atom";
    private final JdbcTemplate jdbc;

    public Feed(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    record Event(String kind, long versionId, String recordId, int versionNo, String country, String status,
                 String tradeName, String inn, String batches, Instant at) {}

    @GetMapping(path = {"/feed.atom", "/api/v1/feed"}, produces = {ATOM, MediaType.APPLICATION_XML_VALUE, "*/*"})
    public ResponseEntity<String> feed(@RequestParam(required = false) List<String> country,
                                       @RequestParam(required = false) String inn,
                                       @RequestParam(required = false) List<String> status,
                                       @RequestParam(defaultValue = "50") int limit,
                                       WebRequest web, HttpServletRequest http) throws Exception {
        List<String> countries = Params.list(country).stream().map(String::toUpperCase).toList();
        List<String> statuses = Params.list(status);
        int n = Math.max(1, Math.min(limit, 500));
        List<Event> events = events(countries, inn, statuses, n);
        Instant last = events.isEmpty() ? null : events.get(0).at();
        String etag = "\"" + sha(String.join("|", countries) + "#" + inn + "#" + String.join("|", statuses) + "#" + n
                + "#" + last + "#" + (events.isEmpty() ? "" : events.get(0).versionId() + events.get(0).kind())) + "\"";
        if (web.checkNotModified(etag, last == null ? -1 : last.toEpochMilli())) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(etag).build();
        }
        String base = http.getScheme() + "://" + http.getServerName() + ":" + http.getServerPort();
        String self = base + http.getRequestURI() + (http.getQueryString() == null ? "" : "?" + http.getQueryString());
        StringWriter out = new StringWriter();
        XMLStreamWriter x = XMLOutputFactory.newInstance().createXMLStreamWriter(out);
        x.writeStartDocument("UTF-8", "1.0");
        x.setDefaultNamespace(NS);
        x.writeStartElement(NS, "feed");
        x.writeDefaultNamespace(NS);
        text(x, "id", "urn:pmm03:feed:" + sha(self.replaceFirst("^https?://[^/]+", "")).substring(0, 32));
        text(x, "title", "Единая база данных ЕАЭС: недоброкачественные, фальсифицированные и контрафактные лекарственные"
                + " средства — включения, изменения, исключения");
        text(x, "updated", (last == null ? Instant.EPOCH : last).toString());
        link(x, "self", self, ATOM);
        link(x, "alternate", base + "/portal/", "text/html");
        x.writeStartElement(NS, "author");
        text(x, "name", "Евразийская экономическая комиссия");
        x.writeEndElement();
        for (Event e : events) {
            x.writeStartElement(NS, "entry");
            text(x, "id", "urn:pmm03:record:" + e.recordId() + ":v" + e.versionNo() + ":" + e.kind().toLowerCase());
            String what = switch (e.kind()) {
                case "INCLUDED" -> "Включение / Inclusion";
                case "CHANGED" -> "Изменение / Change";
                default -> "Исключение / Exclusion";
            };
            text(x, "title", what + ": " + (e.tradeName() == null ? "—" : e.tradeName()) + " (" + e.country() + ", "
                    + Exports.status(e.status()) + ")");
            text(x, "updated", e.at().toString());
            link(x, "alternate", base + "/portal/record.html?id=" + e.recordId(), "text/html");
            link(x, "related", base + "/api/v1/records/" + e.recordId(), "application/json");
            category(x, e.kind().toLowerCase(), "urn:pmm03:event");
            category(x, e.status(), "urn:pmm03:subsection");
            category(x, e.country(), "urn:pmm03:country");
            text(x, "summary", "INN: " + nz(e.inn()) + "; batches: " + nz(e.batches()) + "; country: " + e.country());
            x.writeEndElement();
        }
        x.writeEndElement();
        x.writeEndDocument();
        x.close();
        ResponseEntity.BodyBuilder r = ResponseEntity.ok().contentType(MediaType.parseMediaType(ATOM)).eTag(etag)
                .cacheControl(CacheControl.noCache());
        if (last != null) {
            r.lastModified(last);
        }
        return r.body(out.toString());
    }

    private List<Event> events(List<String> countries, String inn, List<String> statuses, int limit) {
        StringBuilder filter = new StringBuilder();
        List<Object> args = new ArrayList<>();
        if (!countries.isEmpty()) {
            filter.append(" AND v.country IN (").append(String.join(",", java.util.Collections.nCopies(countries.size(), "?"))).append(")");
            args.addAll(countries);
        }
        if (!statuses.isEmpty()) {
            filter.append(" AND v.status_code IN (").append(String.join(",", java.util.Collections.nCopies(statuses.size(), "?"))).append(")");
            args.addAll(statuses);
        }
        if (inn != null && !inn.isBlank()) {
            filter.append(" AND s.inn LIKE ?");
            args.add("%" + inn.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        String cols = "v.id, v.record_id, v.version_no, v.country, v.status_code, v.trade_name, s.inn, s.batches";
        String from = " FROM record_version v JOIN record_search s ON s.version_id = v.id WHERE 1 = 1";
        String sql = "(SELECT IF(v.version_no = 1, 'INCLUDED', 'CHANGED') AS kind, " + cols + ", v.created_at AS at" + from + filter
                + " ORDER BY v.created_at DESC LIMIT " + limit + ")"
                + " UNION ALL (SELECT 'EXCLUDED' AS kind, " + cols + ", v.closed_at AS at" + from
                + " AND v.closed_reason = 'EXCLUDED'" + filter + " ORDER BY v.closed_at DESC LIMIT " + limit + ")"
                + " ORDER BY at DESC, id DESC LIMIT " + limit;
        List<Object> all = new ArrayList<>(args);
        all.addAll(args);
        return jdbc.query(sql, (rs, i) -> new Event(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getInt(4),
                rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                Utc.instant(rs.getObject(10, LocalDateTime.class))), all.toArray());
    }

    private static String nz(String s) {
        return s == null ? "—" : s;
    }

    private static void text(XMLStreamWriter x, String name, String value) throws Exception {
        x.writeStartElement(NS, name);
        x.writeCharacters(value);
        x.writeEndElement();
    }

    private static void link(XMLStreamWriter x, String rel, String href, String type) throws Exception {
        x.writeEmptyElement(NS, "link");
        x.writeAttribute("rel", rel);
        x.writeAttribute("href", href);
        x.writeAttribute("type", type);
    }

    private static void category(XMLStreamWriter x, String term, String scheme) throws Exception {
        x.writeEmptyElement(NS, "category");
        x.writeAttribute("term", term);
        x.writeAttribute("scheme", scheme);
    }

    static String sha(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
