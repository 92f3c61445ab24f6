package eaeu.pmm03.server.transport;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The HTTP edge of the node, before anything reads a request body (decisions D-110, D-112):
 * <ul>
 *   <li>SOAP ports ({@code /ws/…}): POST only (GET/HEAD only for {@code ?wsdl} / {@code ?xsd}, otherwise 405),
 *   Content-Type {@code text/xml} (SOAP 1.1), {@code application/soap+xml} (SOAP 1.2) or {@code multipart/related}
 *   (MTOM), otherwise 415 — both answered with a SOAP fault;</li>
 *   <li>every request body of the SOAP ports and the APIs ({@code /authority/api/…}, {@code /api/…}) is counted while
 *   it streams: above {@link RequestLimits#getRequestBody()} (multipart: {@link RequestLimits#getMultipartBody()})
 *   the request is refused with 413 naming the limit — a SOAP fault on the SOAP ports, application/problem+json
 *   (RFC 9457) on the APIs. A declared Content-Length above the limit is refused before a byte is read.</li>
 * </ul>
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class RequestGate extends OncePerRequestFilter {

    /** Thrown into the reader of a body that exceeds its limit. */
    public static final class TooLarge extends IOException {
        private final String en;
        private final String ru;

        TooLarge(long limit, String property) {
            super("request body above " + RequestLimits.human(limit));
            this.en = "the request body exceeds " + RequestLimits.human(limit) + " (pmm03.limits." + property + ")";
            this.ru = "тело запроса превышает " + RequestLimits.human(limit) + " (pmm03.limits." + property + ")";
        }

        public String en() {
            return en;
        }

        public String ru() {
            return ru;
        }
    }

    private static final String TRIPPED = RequestGate.class.getName() + ".tripped";

    private final RequestLimits limits;

    public RequestGate(RequestLimits limits) {
        this.limits = limits;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest req) {
        String p = path(req);
        return !(p.startsWith("/ws/") || p.startsWith("/authority/api/") || p.startsWith("/api/"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
            throws ServletException, IOException {
        String path = path(req);
        boolean soap = path.startsWith("/ws/");
        String method = req.getMethod().toUpperCase(Locale.ROOT);
        if (soap && (method.equals("GET") || method.equals("HEAD"))) {
            String q = req.getQueryString() == null ? "" : req.getQueryString().toLowerCase(Locale.ROOT);
            if (q.startsWith("wsdl") || q.startsWith("xsd") || q.contains("&wsdl") || q.contains("&xsd") || path.equals("/ws/")
                    || path.equals("/ws/services")) {
                chain.doFilter(req, res);
                return;
            }
            res.setHeader("Allow", "POST");
            soapFault(res, path, null, TransportError.METHOD, method + " " + path, method + " " + path);
            return;
        }
        if (soap && !method.equals("POST")) {
            res.setHeader("Allow", "POST");
            soapFault(res, path, null, TransportError.METHOD, method + " " + path, method + " " + path);
            return;
        }
        String ct = req.getContentType() == null ? "" : req.getContentType().toLowerCase(Locale.ROOT).trim();
        String mime = ct.contains(";") ? ct.substring(0, ct.indexOf(';')).trim() : ct;
        if (soap && !(mime.equals("text/xml") || mime.equals("application/soap+xml") || mime.equals("multipart/related"))) {
            String shown = mime.isEmpty() ? "(none)" : mime.length() > 80 ? mime.substring(0, 80) + "…" : mime;
            soapFault(res, path, null, TransportError.MEDIA_TYPE, "'" + shown
                            + "'; expected text/xml (SOAP 1.1), application/soap+xml (SOAP 1.2) or multipart/related (MTOM)",
                    "'" + shown + "'; ожидается text/xml (SOAP 1.1), application/soap+xml (SOAP 1.2) или multipart/related (MTOM)");
            return;
        }
        boolean multipart = mime.startsWith("multipart/");
        long limit = (multipart ? limits.getMultipartBody() : limits.getRequestBody()).toBytes();
        String property = multipart ? "multipart-body" : "request-body";
        long declared = req.getContentLengthLong();
        if (declared > limit) {
            res.setHeader("Connection", "close");
            tooLarge(res, path, soap, mime, new TooLarge(limit, property));
            return;
        }
        Counting counting = new Counting(req, limit, property);
        if (!soap && !multipart && !method.equals("GET") && !method.equals("HEAD")) {
            // the APIs read their (JSON/XML) body whole anyway: read it here, at most the limit, and answer 413 ourselves
            byte[] body;
            try {
                body = counting.getInputStream().readAllBytes();
            } catch (TooLarge e) {
                res.setHeader("Connection", "close");
                tooLarge(res, path, false, mime, e);
                return;
            }
            chain.doFilter(new Buffered(req, body), res);
            return;
        }
        try {
            chain.doFilter(counting, res);
        } catch (IOException | ServletException | RuntimeException e) {
            if (counting.tripped == null || res.isCommitted()) {
                throw e;
            }
        }
        if (counting.tripped != null && !soap && !res.isCommitted()) {
            res.reset();
            res.setHeader("Connection", "close");
            tooLarge(res, path, false, mime, counting.tripped);
        }
    }

    private void tooLarge(HttpServletResponse res, String path, boolean soap, String mime, TooLarge e) throws IOException {
        if (soap) {
            soapFault(res, path, mime, TransportError.TOO_LARGE, e.en(), e.ru());
        } else {
            problem(res, 413, "Payload Too Large", TransportError.TOO_LARGE.text(e.en(), e.ru()));
        }
    }

    /** An application/problem+json (RFC 9457) answer. */
    public static void problem(HttpServletResponse res, int status, String title, String detail) throws IOException {
        res.setStatus(status);
        res.setContentType("application/problem+json");
        res.setCharacterEncoding("UTF-8");
        res.getWriter().write("{\"type\":\"about:blank\",\"title\":" + json(title) + ",\"status\":" + status
                + ",\"detail\":" + json(detail) + "}");
    }

    /** A SOAP fault written without CXF: SOAP 1.2 for application/soap+xml or the 1.2 ports, else SOAP 1.1. */
    private static void soapFault(HttpServletResponse res, String path, String mime, TransportError e, String en, String ru)
            throws IOException {
        boolean soap12 = "application/soap+xml".equals(mime) || (mime == null || !"text/xml".equals(mime))
                && (path.endsWith("12") || path.contains("/eec/"));
        String text = xml(e.text(en, ru));
        String body;
        if (soap12) {
            body = "<env:Envelope xmlns:env=\"http://www.w3.org/2003/05/soap-envelope\"><env:Body><env:Fault>"
                    + "<env:Code><env:Value>env:Sender</env:Value><env:Subcode><env:Value xmlns:pmm=\"" + Faults.NS
                    + "\">pmm:" + e.code() + "</env:Value></env:Subcode></env:Code>"
                    + "<env:Reason><env:Text xml:lang=\"en\">" + text + "</env:Text></env:Reason>"
                    + "</env:Fault></env:Body></env:Envelope>";
            res.setContentType("application/soap+xml; charset=UTF-8");
        } else {
            body = "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body><soap:Fault>"
                    + "<faultcode>soap:Client</faultcode><faultstring>" + text + "</faultstring>"
                    + "<detail><pmm:code xmlns:pmm=\"" + Faults.NS + "\">" + e.code() + "</pmm:code></detail>"
                    + "</soap:Fault></soap:Body></soap:Envelope>";
            res.setContentType("text/xml; charset=UTF-8");
        }
        res.setStatus(e.status());
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        res.setContentLength(b.length);
        res.getOutputStream().write(b);
    }

    private static String path(HttpServletRequest req) {
        String uri = req.getRequestURI();
        String ctx = req.getContextPath();
        return ctx != null && !ctx.isEmpty() && uri.startsWith(ctx) ? uri.substring(ctx.length()) : uri;
    }

    private static String xml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String json(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    /** The request with its body already read (at most the limit). */
    private static final class Buffered extends HttpServletRequestWrapper {
        private final byte[] body;

        Buffered(HttpServletRequest req, byte[] body) {
            super(req);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            java.io.ByteArrayInputStream in = new java.io.ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener l) {
                    throw new UnsupportedOperationException();
                }
            };
        }

        @Override
        public java.io.BufferedReader getReader() throws IOException {
            return new java.io.BufferedReader(new java.io.InputStreamReader(getInputStream(),
                    getCharacterEncoding() == null ? "UTF-8" : getCharacterEncoding()));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }

    /** The request with its body counted: the read that crosses the limit fails with {@link TooLarge}. */
    private static final class Counting extends HttpServletRequestWrapper {
        private final long limit;
        private final String property;
        private ServletInputStream stream;
        TooLarge tripped;

        Counting(HttpServletRequest req, long limit, String property) {
            super(req);
            this.limit = limit;
            this.property = property;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                ServletInputStream in = super.getInputStream();
                stream = new ServletInputStream() {
                    long count;

                    private void add(long n) throws TooLarge {
                        count += n;
                        if (count > limit) {
                            tripped = new TooLarge(limit, property);
                            throw tripped;
                        }
                    }

                    @Override
                    public int read() throws IOException {
                        int b = in.read();
                        if (b >= 0) {
                            add(1);
                        }
                        return b;
                    }

                    @Override
                    public int read(byte[] b, int off, int len) throws IOException {
                        int n = in.read(b, off, len);
                        if (n > 0) {
                            add(n);
                        }
                        return n;
                    }

                    @Override
                    public boolean isFinished() {
                        return in.isFinished();
                    }

                    @Override
                    public boolean isReady() {
                        return in.isReady();
                    }

                    @Override
                    public void setReadListener(ReadListener l) {
                        in.setReadListener(l);
                    }
                };
            }
            return stream;
        }

        @Override
        public java.io.BufferedReader getReader() throws IOException {
            return new java.io.BufferedReader(new java.io.InputStreamReader(getInputStream(),
                    getCharacterEncoding() == null ? "UTF-8" : getCharacterEncoding()));
        }
    }

}
