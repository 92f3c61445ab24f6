package eaeu.pmm03.server.authority;

import eaeu.pmm03.security.identity.Participant;
import eaeu.pmm03.security.identity.ParticipantRegistry;
import eaeu.pmm03.server.mirror.MirrorSync;
import eaeu.pmm03.server.outbox.Outbox;
import eaeu.pmm03.server.outbox.OutboxMessage;
import eaeu.pmm03.server.outbox.OutboxWorker;
import eaeu.pmm03.server.pipeline.Rejection;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The operator's HTTP API of an authority node (JSON out, EEC XML in): submit MSG.001/002/003, request and answer
 * additional information, watch the outbox (with the abnormal situations P.EXC.002/004 and their retry), the
 * conversations, the notifications received, and the mirror. HTTP Basic with a user of this node's participant.
 */
@RestController
@RequestMapping("/authority/api")
@ConditionalOnExpression("'${pmm03.roles}'.contains('authority')")
public class OperatorApi {

    private final AuthorityService authority;
    private final Outbox outbox;
    private final OutboxWorker worker;
    private final Conversations conversations;
    private final MirrorSync mirror;
    private final ParticipantRegistry registry;
    private final org.springframework.jdbc.core.JdbcTemplate jdbc;
    private final eaeu.pmm03.server.attachment.AttachmentStore attachments;

    public OperatorApi(AuthorityService authority, Outbox outbox, OutboxWorker worker, Conversations conversations,
                       MirrorSync mirror, ParticipantRegistry registry, org.springframework.jdbc.core.JdbcTemplate jdbc,
                     eaeu.pmm03.server.attachment.AttachmentStore attachments) {
        this.attachments = attachments;
        this.authority = authority;
        this.outbox = outbox;
        this.worker = worker;
        this.conversations = conversations;
        this.mirror = mirror;
        this.registry = registry;
        this.jdbc = jdbc;
    }

    @PostMapping(value = "/submissions", consumes = {"application/xml", "text/xml"})
    public ResponseEntity<AuthorityService.Accepted> submit(HttpServletRequest req, @RequestBody byte[] xml) {
        operator(req);
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(authority.submit(xml));
    }

    @PostMapping(value = "/requests", consumes = {"application/xml", "text/xml"})
    public ResponseEntity<AuthorityService.Accepted> requestInfo(HttpServletRequest req, @RequestParam String peer,
                                                                 @RequestBody byte[] xml) {
        operator(req);
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(authority.requestInfo(peer, xml));
    }

    @PostMapping(value = "/answers", consumes = {"application/xml", "text/xml"})
    public ResponseEntity<AuthorityService.Accepted> answerInfo(HttpServletRequest req, @RequestBody byte[] xml) {
        operator(req);
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(authority.answerInfo(xml));
    }

    /**
     * MSG.016 with big PDFs: the part "document" is the EEC XML, whose PdfBinaryText elements hold
     * {@code <xop:Include href="cid:NAME"/>} for the file parts named NAME (streamed, never base64 in memory).
     */
    @PostMapping(value = "/answers", consumes = "multipart/form-data")
    public ResponseEntity<AuthorityService.Accepted> answerInfoWithFiles(
            HttpServletRequest req, @RequestPart("document") byte[] xml,
            @RequestParam Map<String, org.springframework.web.multipart.MultipartFile> files) {
        operator(req);
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(authority.answerInfo(xml, cid -> {
            org.springframework.web.multipart.MultipartFile f = files.get(cid);
            if (f == null || "document".equals(cid)) {
                return null;
            }
            return new jakarta.activation.DataHandler(new jakarta.activation.DataSource() {
                @Override
                public java.io.InputStream getInputStream() throws java.io.IOException {
                    return f.getInputStream();
                }

                @Override
                public java.io.OutputStream getOutputStream() {
                    throw new UnsupportedOperationException();
                }

                @Override
                public String getContentType() {
                    return f.getContentType();
                }

                @Override
                public String getName() {
                    return f.getName();
                }
            });
        }));
    }

    /** A stored attachment (a PDF received or sent with MSG.016), by its SHA-256 as named in the document. */
    @GetMapping("/attachments/{sha256}")
    public ResponseEntity<org.springframework.core.io.Resource> attachment(HttpServletRequest req,
                                                                          @PathVariable String sha256) {
        operator(req);
        java.nio.file.Path file;
        try {
            file = attachments.file(sha256);
        } catch (RuntimeException e) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no attachment " + sha256);
        }
        return ResponseEntity.ok().contentType(org.springframework.http.MediaType.APPLICATION_PDF)
                .header("Content-Disposition", "attachment; filename=\"" + sha256 + ".pdf\"")
                .body(new org.springframework.core.io.FileSystemResource(file));
    }

    @GetMapping("/outbox")
    public List<Map<String, Object>> outbox(HttpServletRequest req, @RequestParam(required = false) String limit) {
        operator(req);
        int n = eaeu.pmm03.server.transport.ApiParams.intIn(limit, "limit", 100, 1, 1000);
        return outbox.recent(n).stream().map(OperatorApi::view).toList();
    }

    @GetMapping("/outbox/{id}")
    public Map<String, Object> outboxMessage(HttpServletRequest req, @PathVariable long id) {
        operator(req);
        return outbox.find(id).map(OperatorApi::view).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    /** The operator's answer to P.EXC.002 / P.EXC.004 and to an UNDELIVERED notification (D-143): deliver again. */
    @PostMapping("/outbox/{id}/retry")
    public Map<String, Object> retry(HttpServletRequest req, @PathVariable long id) {
        operator(req);
        if (!outbox.retry(id)) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, "only a message in P.EXC.002 or P.EXC.004, or an UNDELIVERED notification, can be retried");
        }
        worker.runOnce();
        return outboxMessage(req, id);
    }

    @GetMapping("/conversations")
    public List<Conversations.Conversation> conversations(HttpServletRequest req) {
        operator(req);
        return conversations.all();
    }

    @GetMapping("/notices")
    public List<Map<String, Object>> notices(HttpServletRequest req) {
        operator(req);
        return jdbc.queryForList("SELECT edoc_id, sender, country, trade_name, received_at FROM inclusion_notice"
                + " ORDER BY received_at DESC LIMIT 500");
    }

    @PostMapping("/mirror/sync")
    public MirrorSync.Result sync(HttpServletRequest req) {
        operator(req);
        return mirror.sync();
    }

    @GetMapping("/mirror")
    public Map<String, Object> mirror(HttpServletRequest req, @RequestParam(required = false) Instant asOf,
                                      @RequestParam(required = false) List<String> country) {
        operator(req);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("appliedUntil", mirror.appliedUntil());
        m.put("versions", mirror.asOf(asOf, country == null ? List.of() : country));
        return m;
    }

    @ExceptionHandler(Rejection.class)
    public ResponseEntity<Map<String, String>> rejected(Rejection r) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("resultCode", r.resultCode());
        body.put("rule", r.rule());
        body.put("path", r.path());
        body.put("description", r.description());
        return ResponseEntity.badRequest().body(body);
    }

    /** application/problem+json (RFC 9457) for refusals of the request itself (D-115). */
    @ExceptionHandler(ResponseStatusException.class)
    public ResponseEntity<org.springframework.http.ProblemDetail> status(ResponseStatusException e) {
        return eaeu.pmm03.server.transport.ApiParams.problem(e);
    }

    @ExceptionHandler(java.util.NoSuchElementException.class)
    public ResponseEntity<Map<String, String>> unknown(java.util.NoSuchElementException e) {
        return ResponseEntity.badRequest().body(Map.of("description", String.valueOf(e.getMessage())));
    }

    /** HTTP Basic with a user of this node's own participant. */
    private void operator(HttpServletRequest req) {
        var credentials = eaeu.pmm03.server.transport.ApiParams.basic(req.getHeader("Authorization"));
        if (credentials.isPresent()) {
            String[] up = credentials.get();
            {
                var user = registry.user(up[0]);
                Participant self = authority.partners().self();
                if (user.isPresent() && user.get().participantId().equals(self.id())
                        && java.security.MessageDigest.isEqual(user.get().password().getBytes(StandardCharsets.UTF_8),
                        up[1].getBytes(StandardCharsets.UTF_8))) {
                    return;
                }
            }
        }
        throw new ResponseStatusException(HttpStatus.UNAUTHORIZED, "operator credentials of this node required");
    }

    private static Map<String, Object> view(OutboxMessage m) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", m.id());
        v.put("transaction", m.transactionCode());
        v.put("message", m.messageCode());
        v.put("edocId", m.edocId());
        v.put("target", m.target());
        v.put("status", m.status());
        v.put("abnormalSituation", switch (m.status()) {
            case EXC_002 -> "P.EXC.002";
            case EXC_004 -> "P.EXC.004";
            default -> null;
        });
        v.put("retryableByOperator", switch (m.status()) {
            case EXC_002, EXC_004, UNDELIVERED -> true;
            default -> false;
        });
        v.put("attempts", m.attempts());
        v.put("nextAttemptAt", m.nextAttemptAt());
        v.put("lastError", m.lastError());
        v.put("answerMessage", m.answerMessageCode());
        v.put("answerResult", m.answerResultCode());
        v.put("answerText", m.answerText());
        v.put("answeredAt", m.answeredAt());
        return v;
    }
}
