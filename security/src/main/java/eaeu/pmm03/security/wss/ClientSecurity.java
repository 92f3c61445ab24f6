package eaeu.pmm03.security.wss;

import eaeu.pmm03.security.identity.ParticipantRegistry;
import eaeu.pmm03.security.xml.XmlLimits;
import org.apache.cxf.configuration.jsse.TLSClientParameters;
import org.apache.cxf.endpoint.Client;
import org.apache.cxf.frontend.ClientProxy;
import org.apache.cxf.transport.http.HTTPConduit;
import org.apache.wss4j.common.ext.WSPasswordCallback;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;
import javax.security.auth.callback.CallbackHandler;
import java.security.GeneralSecurityException;

/**
 * The WS-Security of a pmm03 client — the client stub, an authority node calling the Commission, the Commission
 * calling an authority — configured from the same {@link WsSecuritySettings} (policy table + keystores) as the
 * nodes:
 * <ul>
 *   <li>outgoing: UsernameToken (if a user is given) and, where the policy of the message says sign/require, a
 *   Timestamp and an XML Signature ({@link SigningOutInterceptor});</li>
 *   <li>incoming answers: a signature, if present, is verified against the truststore; where the policy of the
 *   answer says require, an unsigned answer is refused ({@link VerifyingInInterceptor},
 *   {@link SecurityCheckInInterceptor});</li>
 *   <li>the hardened XML limits of {@link XmlLimits} on the answers; optional mutual TLS ({@link #tls}).</li>
 * </ul>
 * Usage: {@code ClientSecurity.apply(ClientProxy.getClient(port), settings, "kz", password)}.
 */
public final class ClientSecurity {

    /**
     * CXF reads a SOAP fault sent with HTTP 400 (how a node answers a sender's mistake on SOAP 1.2, D-111) only with
     * this property; without it the caller sees "HTTP response '400'" instead of the fault.
     */
    public static final String READ_FAULTS_ON_HTTP_400 = "org.apache.cxf.transport.process_fault_on_http_400";

    private ClientSecurity() {}

    /** Makes a CXF client read SOAP faults sent with HTTP 400 (see {@link #READ_FAULTS_ON_HTTP_400}). */
    public static void readFaultsOnHttp400(Client client) {
        client.getRequestContext().put(READ_FAULTS_ON_HTTP_400, Boolean.TRUE);
        client.getEndpoint().put(READ_FAULTS_ON_HTTP_400, Boolean.TRUE);
    }

    /** Configures a JAX-WS proxy (as created by JaxWsProxyFactoryBean or a generated Service). */
    public static <T> T apply(T port, WsSecuritySettings settings, String username, String password) {
        apply(ClientProxy.getClient(port), settings, username, password, null, null);
        return port;
    }

    /**
     * Configures a CXF client.
     *
     * @param username       UsernameToken user, or null to send none (identity from the certificate only)
     * @param registry       participants; with {@code expectedSigner}, a signed answer must be signed by that
     *                       participant's registered certificate (null: any certificate the truststore trusts)
     * @param expectedSigner participant id of the peer, e.g. "EEC"
     */
    public static void apply(Client client, WsSecuritySettings settings, String username, String password,
                             ParticipantRegistry registry, String expectedSigner) {
        settings.registerJcaProvider();
        client.getRequestContext().putAll(XmlLimits.defaults().cxfProperties());
        client.getEndpoint().putAll(XmlLimits.defaults().cxfProperties());
        readFaultsOnHttp400(client);
        CallbackHandler cb = passwords(settings, username, password);
        client.getOutInterceptors().add(new SigningOutInterceptor(settings, username, cb));
        client.getInInterceptors().add(new VerifyingInInterceptor(settings, null, SecurityAudit.NONE));
        client.getInInterceptors().add(new SecurityCheckInInterceptor(settings,
                expectedSigner == null ? null : registry, expectedSigner, SecurityAudit.NONE));
    }

    /** The callback that gives WSS4J the UsernameToken password and the signing key's password. */
    public static CallbackHandler passwords(WsSecuritySettings settings, String username, String password) {
        return callbacks -> {
            for (var c : callbacks) {
                if (c instanceof WSPasswordCallback pc) {
                    if (username != null && username.equals(pc.getIdentifier())
                            && pc.getUsage() != WSPasswordCallback.SIGNATURE) {
                        pc.setPassword(password);
                    } else if (settings.keystore() != null && pc.getIdentifier() != null
                            && pc.getIdentifier().equals(settings.keystore().alias())) {
                        pc.setPassword(settings.keystore().effectiveKeyPassword());
                    }
                }
            }
        };
    }

    /**
     * Mutual TLS: our keystore's key as the TLS client certificate and the truststore for the server's. Call it on
     * an https:// client; the server then sees the same certificate that signs (mapped to the same participant).
     */
    public static void tls(Client client, WsSecuritySettings settings) {
        try {
            TLSClientParameters p = new TLSClientParameters();
            if (settings.keystore() != null) {
                KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(settings.keystore().load(), settings.keystore().effectiveKeyPassword().toCharArray());
                p.setKeyManagers(kmf.getKeyManagers());
            }
            if (settings.truststore() != null) {
                TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(settings.truststore().load());
                p.setTrustManagers(tmf.getTrustManagers());
            }
            p.setDisableCNCheck(false);
            ((HTTPConduit) client.getConduit()).setTlsClientParameters(p);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot configure TLS: " + e.getMessage(), e);
        }
    }
}
