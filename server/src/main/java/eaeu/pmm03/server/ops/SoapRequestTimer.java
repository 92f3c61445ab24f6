package eaeu.pmm03.server.ops;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.time.Duration;

/**
 * {@code pmm03_soap_requests_seconds{endpoint,status}}: latency histogram of the SOAP requests (POST) of every
 * endpoint below the CXF servlet, from the first byte read to the last written (D-163).
 */
public class SoapRequestTimer extends OncePerRequestFilter {

    private final MeterRegistry registry;

    public SoapRequestTimer(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long start = System.nanoTime();
        try {
            chain.doFilter(request, response);
        } finally {
            String endpoint = request.getPathInfo() == null ? "" : request.getPathInfo();
            Timer.builder("pmm03.soap.requests").description("SOAP requests by endpoint and HTTP status")
                    // an address nobody serves (404) is not a tag of its own: callers cannot grow the metric
                    .tag("endpoint", response.getStatus() == 404 || endpoint.length() > 60 ? "unknown" : endpoint)
                    .tag("status", String.valueOf(response.getStatus()))
                    .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
                    .maximumExpectedValue(Duration.ofSeconds(60))
                    .register(registry).record(Duration.ofNanos(System.nanoTime() - start));
        }
    }
}
