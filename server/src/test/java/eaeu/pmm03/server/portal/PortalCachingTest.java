package eaeu.pmm03.server.portal;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** D-174: the pack check can be absorbed by a cache in front of portal nodes. */
class PortalCachingTest extends PortalTestBase {

    @Test
    void packCheckCarriesAnEtagAndMayBeCachedPublicly() throws Exception {
        String path = "/api/v1/pack-check?code=" + enc("(01)04601234567893(21)ABC123(17)281101(10)IB40-1125");
        HttpResponse<String> first = get(path);
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.headers().firstValue("Cache-Control")).hasValue("public, max-age=60");
        String etag = first.headers().firstValue("ETag").orElseThrow();

        HttpResponse<String> again = http.send(HttpRequest.newBuilder(URI.create(base() + path))
                .header("If-None-Match", etag).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();

        HttpResponse<String> other = get("/api/v1/pack-check?code=" + enc("(01)04601234567893(21)X(17)281101(10)NO-SUCH"));
        assertThat(other.headers().firstValue("ETag")).isPresent().isNotEqualTo(java.util.Optional.of(etag));
    }

    @Test
    void aPostedPackCheckIsNotMarkedCacheable() throws Exception {
        HttpResponse<String> posted = http.send(HttpRequest.newBuilder(URI.create(base() + "/api/v1/pack-check"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"code\":\"(10)IB40-1125\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(posted.statusCode()).isEqualTo(200);
        assertThat(posted.headers().firstValue("Cache-Control").orElse("")).doesNotContain("public");
    }
}
