package eaeu.pmm03.client;

import eaeu.pmm03.contract.authority.AuthorityPortType;
import eaeu.pmm03.contract.commission.CommissionPortType;
import org.apache.cxf.endpoint.Client;
import org.apache.cxf.frontend.ClientProxy;
import org.apache.cxf.jaxws.JaxWsProxyFactoryBean;
import org.apache.cxf.transport.http.HTTPConduit;
import org.apache.cxf.transports.http.configuration.HTTPClientPolicy;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Entry point of the client library: where the services are, which SOAP version, which security step, time-outs.
 * <pre>{@code
 * Pmm03Client pmm03 = Pmm03Client.builder()
 *         .commission("https://eec.example/ws/commission")
 *         .security(ClientSecurityConfigurer.usernameToken("kz", "secret"))
 *         .build();
 * ProcessingResultDetails r = pmm03.commission().include(document);   // MSG.001 -> MSG.004
 * }</pre>
 * To sign (XML signature by the per-message policy, keystore and truststore of a {@code pmm03.security.*}
 * properties file — the keys a node reads):
 * <pre>{@code
 *         .security(ClientSecurityConfigurer.wsSecurity(Path.of("kz-security.properties"), "kz", "secret"))
 * }</pre>
 */
public final class Pmm03Client implements AutoCloseable {

    public static final String SOAP12_BINDING = "http://www.w3.org/2003/05/soap/bindings/HTTP/";

    private final Builder b;
    private final ExecutorService async;
    private CommissionClient commission;
    private AuthorityClient authority;

    private Pmm03Client(Builder b) {
        this.b = b;
        this.async = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "pmm03-client-async");
            t.setDaemon(true);
            return t;
        });
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The Commission's service (TRN.001–006). */
    public synchronized CommissionClient commission() {
        if (commission == null) {
            if (b.commissionUrl == null) {
                throw new IllegalStateException("no Commission endpoint configured");
            }
            commission = new CommissionClient(port(CommissionPortType.class, b.commissionUrl), b.language, async,
                    b.commissionUrl, b.security, b.soap12);
        }
        return commission;
    }

    /** An authority's service (TRN.007–009). */
    public synchronized AuthorityClient authority() {
        if (authority == null) {
            if (b.authorityUrl == null) {
                throw new IllegalStateException("no authority endpoint configured");
            }
            authority = new AuthorityClient(port(AuthorityPortType.class, b.authorityUrl), b.language, async);
        }
        return authority;
    }

    /** A raw payload client of the Commission's service (for documents the typed API cannot hold). */
    public RawSoap rawCommission() {
        return RawSoap.commission(b.commissionUrl, b.soap12, b.security, b.timeout);
    }

    public RawSoap rawAuthority() {
        return RawSoap.authority(b.authorityUrl, b.soap12, b.security, b.timeout);
    }

    private <T> T port(Class<T> type, String url) {
        JaxWsProxyFactoryBean f = new JaxWsProxyFactoryBean();
        f.setServiceClass(type);
        f.setAddress(url);
        if (b.soap12) {
            f.setBindingId(SOAP12_BINDING);
        }
        T port = type.cast(f.create());
        Client client = ClientProxy.getClient(port);
        timeouts(client, b.timeout);
        b.security.configure(client);
        return port;
    }

    static void timeouts(Client client, Duration timeout) {
        // a node answers a sender's mistake on SOAP 1.2 with HTTP 400 and a SOAP fault: read it as a fault
        eaeu.pmm03.security.wss.ClientSecurity.readFaultsOnHttp400(client);
        HTTPConduit conduit = (HTTPConduit) client.getConduit();
        HTTPClientPolicy p = new HTTPClientPolicy();
        p.setConnectionTimeout(Math.min(timeout.toMillis(), 15_000));
        p.setReceiveTimeout(timeout.toMillis());
        p.setAllowChunking(false);
        conduit.setClient(p);
    }

    @Override
    public void close() {
        async.shutdownNow();
    }

    public static final class Builder {
        private String commissionUrl;
        private String authorityUrl;
        private boolean soap12;
        private String language = "ru";
        private Duration timeout = Duration.ofSeconds(120);
        private ClientSecurityConfigurer security = ClientSecurityConfigurer.none();

        /** e.g. http://localhost:8080/ws/commission (SOAP 1.1) or .../commission12 with {@link #soap12()}. */
        public Builder commission(String url) { this.commissionUrl = url; return this; }

        /** e.g. http://localhost:8080/ws/authority. */
        public Builder authority(String url) { this.authorityUrl = url; return this; }

        public Builder soap12(boolean on) { this.soap12 = on; return this; }

        /** LanguageCode of the EDocHeaders this client builds (default ru). */
        public Builder language(String lang) { this.language = lang; return this; }

        public Builder timeout(Duration t) { this.timeout = t; return this; }

        /**
         * The security step applied to every CXF client made: {@link ClientSecurityConfigurer#usernameToken} or, to
         * sign by configuration, {@link ClientSecurityConfigurer#wsSecurity}.
         */
        public Builder security(ClientSecurityConfigurer s) { this.security = s; return this; }

        public Pmm03Client build() {
            return new Pmm03Client(this);
        }
    }
}
