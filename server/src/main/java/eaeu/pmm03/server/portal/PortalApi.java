package eaeu.pmm03.server.portal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.server.ResponseStatusException;
import eaeu.pmm03.server.transport.ApiParams;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The public, read-only JSON API of the publication portal (described in /api/v1/openapi.yaml). */
@RestController
public class PortalApi {

    private final PortalSearch search;
    private final RecordView records;
    private final PackCheck packCheck;
    private final JdbcTemplate jdbc;
    private final ObjectWriter resultJson;

    public PortalApi(PortalSearch search, RecordView records, PackCheck packCheck, JdbcTemplate jdbc, ObjectMapper json) {
        this.search = search;
        this.records = records;
        this.packCheck = packCheck;
        this.jdbc = jdbc;
        // the application's ObjectMapper, as Spring's message converter uses it: the same JSON as the other answers
        this.resultJson = json.writerFor(PackCheck.Result.class);
    }

    /** The search parameters, each checked (D-115): out of range or unknown is a 400, never silently corrected. */
    static SearchQuery query(MultiValueMap<String, String> p) {
        int page = ApiParams.intIn(p.getFirst("page"), "page", 1, 1, 1_000_000);
        int size = ApiParams.intIn(p.getFirst("size"), "size", 20, 1, SearchQuery.MAX_SIZE);
        String sort = ApiParams.oneOf(p.getFirst("sort"), "sort", "start_desc", SearchQuery.SORTS);
        return new SearchQuery(p.getFirst("q"), p.getFirst("tradeName"), p.getFirst("inn"), p.getFirst("batch"),
                p.getFirst("manufacturer"), p.getFirst("holder"), Params.list(p.get("country")),
                ApiParams.allOf(Params.list(p.get("status")), "status", SearchQuery.STATUSES),
                Params.date(p.getFirst("from"), "from"), Params.date(p.getFirst("to"), "to"),
                Params.instant(p.getFirst("asOf"), "asOf"), sort, page, size);
    }

    private static int intParam(String s, int dflt) {
        if (s == null || s.isBlank()) {
            return dflt;
        }
        try {
            return Integer.parseInt(s.strip());
        } catch (NumberFormatException e) {
            throw Params.bad("not a number: " + s);
        }
    }

    @GetMapping(path = "/api/v1/records", produces = MediaType.APPLICATION_JSON_VALUE)
    public PortalSearch.Page search(@RequestParam MultiValueMap<String, String> params) {
        return search.search(query(params));
    }

    @GetMapping(path = "/api/v1/records/{recordId}", produces = MediaType.APPLICATION_JSON_VALUE)
    public RecordView.Record record(@PathVariable String recordId, @RequestParam(required = false) String asOf) {
        return records.record(recordId, Params.instant(asOf, "asOf"))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no record " + recordId));
    }

    @GetMapping(path = "/api/v1/records/{recordId}/history", produces = MediaType.APPLICATION_JSON_VALUE)
    public List<RecordView.Version> history(@PathVariable String recordId) {
        return records.record(recordId, null).map(RecordView.Record::history)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no record " + recordId));
    }

    @GetMapping(path = "/api/v1/versions/{versionId}/files/{n}")
    public ResponseEntity<byte[]> file(@PathVariable long versionId, @PathVariable int n) {
        RecordView.File f = records.file(versionId, n)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no such file"));
        boolean inline = !f.mediaType().equals("application/octet-stream");
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(f.mediaType()))
                .header(HttpHeaders.CONTENT_DISPOSITION, (inline ? ContentDisposition.inline() : ContentDisposition.attachment())
                        .filename(f.name(), StandardCharsets.UTF_8).build().toString())
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "default-src 'none'; sandbox")
                .cacheControl(CacheControl.maxAge(java.time.Duration.ofDays(1)).cachePublic()) // a version never changes
                .body(f.bytes());
    }

    /** A code as scanned, or (without a code) the manual form: batch, optionally trade name or GTIN. */
    public record CodeBody(String code, String batch, String tradeName, String gtin) {}

    /**
     * The public's most frequent question (issue #16 item 5), answered with the least work per request (D-240): the
     * parameters read from the request as they are, the answer written by Jackson once into bytes whose hash is the
     * ETag (HttpCaching.etag; If-None-Match → 304 by Spring's ServletWebRequest.checkNotModified) and sent with its
     * length, instead of argument resolvers, content negotiation and a filter that buffers the body to hash it.
     */
    @GetMapping(path = "/api/v1/pack-check", produces = MediaType.APPLICATION_JSON_VALUE)
    public void packCheck(HttpServletRequest req, HttpServletResponse res) throws IOException {
        PackCheck.Result r = check(new CodeBody(param(req, "code"), param(req, "batch"), param(req, "tradeName"),
                param(req, "gtin")));
        byte[] body = resultJson.writeValueAsBytes(r);
        if (new ServletWebRequest(req, res).checkNotModified(HttpCaching.etag(body))) {
            return;
        }
        res.setContentType(MediaType.APPLICATION_JSON_VALUE);
        res.setContentLength(body.length);
        res.getOutputStream().write(body);
    }

    /** A query parameter as @RequestParam String gives it: null if absent, repeated values joined by commas. */
    private static String param(HttpServletRequest req, String name) {
        String[] v = req.getParameterValues(name);
        return v == null ? null : v.length == 1 ? v[0] : String.join(",", v);
    }

    @PostMapping(path = "/api/v1/pack-check", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    public PackCheck.Result packCheckPost(@RequestBody CodeBody body) {
        return check(body == null ? new CodeBody(null, null, null, null) : body);
    }

    private PackCheck.Result check(CodeBody b) {
        boolean manual = (b.code() == null || b.code().isBlank())
                && (b.batch() != null || b.tradeName() != null || b.gtin() != null);
        return manual ? packCheck.check(new PackCheck.Manual(b.batch(), b.tradeName(), b.gtin()))
                : packCheck.check(b.code() == null ? "" : b.code());
    }

    /** What the filters offer, and when the database last changed. */
    @GetMapping(path = "/api/v1/meta", produces = MediaType.APPLICATION_JSON_VALUE)
    public Map<String, Object> meta() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("countries", jdbc.queryForList("SELECT DISTINCT country FROM record_search ORDER BY country", String.class));
        m.put("statuses", SearchQuery.STATUS_NAMES);
        m.put("activeRecords", jdbc.queryForObject("SELECT COUNT(*) FROM record_search WHERE closed_at IS NULL", Long.class));
        LocalDateTime last = jdbc.queryForObject("SELECT MAX(last_change_at) FROM record_version WHERE audience <> 'TEST'", LocalDateTime.class);
        m.put("updatedAt", eaeu.pmm03.server.registry.Utc.instant(last));
        m.put("now", Instant.now());
        return m;
    }

    public record Error(int status, String error, String message) {}

    /** application/problem+json (RFC 9457), with the earlier fields error and message kept. */
    @ExceptionHandler(ResponseStatusException.class)
    public ResponseEntity<org.springframework.http.ProblemDetail> error(ResponseStatusException e) {
        return ApiParams.problem(e);
    }
}
