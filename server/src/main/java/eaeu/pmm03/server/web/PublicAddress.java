package eaeu.pmm03.server.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.apache.catalina.util.NetMask;
import org.springframework.web.util.ForwardedHeaderUtils;
import org.springframework.web.util.UriComponents;
import org.springframework.web.util.UriComponentsBuilder;

import java.net.URI;
import java.util.Collections;
import java.util.List;

/**
 * The address under which a client reached this node: scheme, host and port of the request, or — only when the
 * request comes from one of {@code pmm03.http.trusted-proxies} — as a reverse proxy states them in {@code Forwarded}
 * (RFC 7239) or {@code X-Forwarded-Proto/Host/Port/Prefix} (D-160). Headers from anyone else are ignored, so a
 * caller cannot make the node advertise somebody else's address.
 */
public final class PublicAddress {

    private final List<NetMask> trusted;

    /** @param trustedProxies IP addresses or CIDR ranges (e.g. 10.0.0.0/8, ::1) of the reverse proxies */
    public PublicAddress(List<String> trustedProxies) {
        this.trusted = (trustedProxies == null ? List.<String>of() : trustedProxies).stream()
                .map(String::trim).filter(s -> !s.isEmpty()).map(NetMask::new).toList();
    }

    boolean fromTrustedProxy(HttpServletRequest request) {
        String remote = request.getRemoteAddr();
        if (remote == null || trusted.isEmpty()) {
            return false;
        }
        try {
            java.net.InetAddress a = java.net.InetAddress.getByName(remote); // a literal address: no lookup
            return trusted.stream().anyMatch(m -> m.matches(a));
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    /** The base URL (scheme://host[:port]) with the context path, as the client sees it, without a trailing slash. */
    public String base(HttpServletRequest request) {
        URI own = URI.create(request.getRequestURL().toString());
        UriComponents u = UriComponentsBuilder.fromUri(own).replacePath(request.getContextPath()).replaceQuery(null).build();
        if (fromTrustedProxy(request)) {
            HttpHeaders headers = new HttpHeaders();
            for (String name : Collections.list(request.getHeaderNames())) {
                headers.addAll(name, Collections.list(request.getHeaders(name)));
            }
            u = ForwardedHeaderUtils.adaptFromForwardedHeaders(u.toUri(), headers).build();
            String prefix = headers.getFirst("X-Forwarded-Prefix");
            if (prefix != null && !prefix.isBlank()) {
                String p = prefix.trim().replaceAll("/+$", "");
                u = UriComponentsBuilder.fromUri(u.toUri()).replacePath(p + request.getContextPath()).build();
            }
        }
        String s = u.toUriString();
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
