package eaeu.pmm03.server.transport;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.server.ResponseStatusException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The one place where the JSON API ({@code /api/v1/…}) and the operator API ({@code /authority/api/…}) check their
 * parameters (decision D-115): a value out of range, an unknown key or a malformed header is a 4xx
 * {@code application/problem+json} (RFC 9457) naming the parameter and what is allowed, never silently corrected to a
 * 200 and never a 500.
 */
public final class ApiParams {

    private ApiParams() {}

    /** An integer parameter in [min, max]; absent or blank → {@code dflt}. */
    public static int intIn(String raw, String name, int dflt, int min, int max) {
        if (raw == null || raw.isBlank()) {
            return dflt;
        }
        long v;
        try {
            v = Long.parseLong(raw.strip());
        } catch (NumberFormatException e) {
            throw bad(name + ": not an integer: '" + shorten(raw) + "'");
        }
        if (v < min || v > max) {
            throw bad(name + ": " + v + " is out of range " + min + ".." + max);
        }
        return (int) v;
    }

    /** One of the allowed values (absent → {@code dflt}). */
    public static String oneOf(String raw, String name, String dflt, Collection<String> allowed) {
        if (raw == null || raw.isBlank()) {
            return dflt;
        }
        if (!allowed.contains(raw.strip())) {
            throw bad(name + ": unknown value '" + shorten(raw) + "'; allowed: " + new TreeSet<>(allowed));
        }
        return raw.strip();
    }

    /** Every value one of the allowed ones. */
    public static List<String> allOf(List<String> values, String name, Set<String> allowed) {
        for (String v : values) {
            if (!allowed.contains(v)) {
                throw bad(name + ": unknown value '" + shorten(v) + "'; allowed: " + new TreeSet<>(allowed));
            }
        }
        return values;
    }

    /**
     * User and password of an HTTP Basic Authorization header; empty when there is none. A header that is present
     * but not "Basic base64(user:password)" is a 401 naming the problem, not a 500.
     */
    public static Optional<String[]> basic(String header) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        String h = header.strip();
        if (!h.regionMatches(true, 0, "Basic ", 0, 6)) {
            throw new ResponseStatusException(HttpStatus.UNAUTHORIZED,
                    "Authorization: only the Basic scheme is accepted / допускается только схема Basic");
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(h.substring(6).strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.UNAUTHORIZED,
                    "Authorization: the Basic credentials are not valid base64 / учётные данные Basic не в base64");
        }
        String[] up = decoded.split(":", 2);
        if (up.length != 2 || up[0].isEmpty()) {
            throw new ResponseStatusException(HttpStatus.UNAUTHORIZED,
                    "Authorization: the Basic credentials must be user:password / учётные данные Basic: user:password");
        }
        return Optional.of(up);
    }

    /** A 400 naming the parameter. */
    public static ResponseStatusException bad(String why) {
        return new ResponseStatusException(HttpStatus.BAD_REQUEST, why);
    }

    /** The problem+json answer of a refusal (RFC 9457); {@code message} kept for clients of the earlier shape. */
    public static ResponseEntity<ProblemDetail> problem(ResponseStatusException e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(e.getStatusCode(), e.getReason());
        p.setTitle(HttpStatus.valueOf(e.getStatusCode().value()).getReasonPhrase());
        p.setProperty("error", p.getTitle());
        p.setProperty("message", e.getReason());
        var r = ResponseEntity.status(e.getStatusCode()).contentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (e.getStatusCode().value() == 401) {
            r.header("WWW-Authenticate", "Basic realm=\"pmm03\"");
        }
        return r.body(p);
    }

    private static String shorten(String s) {
        String t = s.strip();
        return t.length() > 40 ? t.substring(0, 40) + "…" : t;
    }
}
