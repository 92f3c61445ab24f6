package eaeu.pmm03.server.portal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.filter.ShallowEtagHeaderFilter;

import java.io.IOException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;

/**
 * HTTP caching of the public answers that the public asks most (decision D-174): the pack check and the JSON API
 * records get an ETag computed from the answer (Spring's {@link ShallowEtagHeaderFilter}, or for the pack check a
 * checksum of the bytes it writes itself, D-240: a repeated request with If-None-Match gets 304 without a body) and
 * {@code Cache-Control: public, max-age=…} so that a cache in front of portal nodes (HAProxy's cache, a CDN, nginx)
 * may answer them for that long ({@code pmm03.portal.cache-max-age}, 60 s by default: a new record reaches the pack
 * check at most that late). The Atom feed sets its own ETag and Last-Modified (Feed). Stored files carry their
 * own, longer, Cache-Control (PortalApi).
 */
@Configuration
public class HttpCaching {

    /** The answers given Cache-Control (GET and HEAD). */
    static final String[] CACHED = {"/api/v1/pack-check", "/api/v1/records", "/api/v1/records/*", "/api/v1/meta"};
    /** Those whose ETag Spring's filter computes from the buffered body; the pack check makes its own (D-240). */
    static final String[] SHALLOW_ETAG = {"/api/v1/records", "/api/v1/records/*", "/api/v1/meta"};

    /**
     * The ETag of an answer already in bytes (D-240): two checksums of different polynomials over the body, CRC-32C
     * and CRC-32 (JDK intrinsics; MD5, which Spring's filter uses, was a fifth of the pack check's profile), 64 bits
     * together. It changes when the answer does (a stale 304 would need both to collide at once) and is the same on
     * every node (the same data gives the same bytes).
     */
    static String etag(byte[] body) {
        CRC32C c = new CRC32C();
        c.update(body);
        CRC32 d = new CRC32();
        d.update(body);
        return "\"" + HexFormat.of().toHexDigits(c.getValue() << 32 | d.getValue()) + "\"";
    }

    @Bean
    public FilterRegistrationBean<ShallowEtagHeaderFilter> portalEtags() {
        FilterRegistrationBean<ShallowEtagHeaderFilter> r = new FilterRegistrationBean<>(new ShallowEtagHeaderFilter());
        r.addUrlPatterns(SHALLOW_ETAG);
        r.setOrder(Ordered.LOWEST_PRECEDENCE - 10);
        return r;
    }

    @Bean
    public FilterRegistrationBean<OncePerRequestFilter> portalCacheControl(
            @Value("${pmm03.portal.cache-max-age:PT60S}") Duration maxAge) {
        String value = "public, max-age=" + maxAge.toSeconds();
        FilterRegistrationBean<OncePerRequestFilter> r = new FilterRegistrationBean<>(new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
                    throws ServletException, IOException {
                if ("GET".equals(req.getMethod()) || "HEAD".equals(req.getMethod())) {
                    res.setHeader(HttpHeaders.CACHE_CONTROL, value);
                }
                chain.doFilter(req, res);
            }
        });
        r.addUrlPatterns(CACHED);
        r.setOrder(Ordered.LOWEST_PRECEDENCE - 20);
        return r;
    }
}
