package eaeu.pmm03.server.portal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * The portal's pages are static HTML + vanilla JavaScript (src/main/resources/static/portal) that call the JSON API
 * and put every value into the page as text, never as markup. A strict Content-Security-Policy (scripts from this
 * origin only, no inline script) is a second line of defence against hostile content in records.
 */
@Controller
public class PortalPages {

    @GetMapping("/portal")
    public String portal() {
        return "redirect:/portal/";
    }

    @GetMapping("/portal/")
    public String index() {
        return "forward:/portal/index.html";
    }

    @GetMapping("/")
    public String root() {
        return "redirect:/portal/";
    }

    @Bean
    public FilterRegistrationBean<OncePerRequestFilter> portalHeaders() {
        FilterRegistrationBean<OncePerRequestFilter> r = new FilterRegistrationBean<>(new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
                    throws ServletException, IOException {
                res.setHeader("Content-Security-Policy", "default-src 'self'; img-src 'self' data: blob:;"
                        + " media-src 'self' blob: mediastream:; object-src 'none'; frame-ancestors 'none'; base-uri 'none';"
                        + " form-action 'self'");
                res.setHeader("X-Content-Type-Options", "nosniff");
                res.setHeader("Referrer-Policy", "no-referrer");
                res.setHeader("Permissions-Policy", "camera=(self)");
                chain.doFilter(req, res);
            }
        });
        r.addUrlPatterns("/portal/*");
        return r;
    }
}
