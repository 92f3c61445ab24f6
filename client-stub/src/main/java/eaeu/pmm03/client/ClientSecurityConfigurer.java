package eaeu.pmm03.client;

import eaeu.pmm03.security.identity.ParticipantRegistry;
import eaeu.pmm03.security.wss.ClientCredentials;
import eaeu.pmm03.security.wss.ClientSecurity;
import eaeu.pmm03.security.wss.WsSecuritySettings;
import org.apache.cxf.endpoint.Client;
import org.apache.cxf.ws.security.wss4j.WSS4JOutInterceptor;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The one pluggable step that puts a security policy on a CXF client of pmm03:
 * <ul>
 *   <li>{@link #wsSecurity(Path, String, String)} — <b>the way to sign</b>: the XML-signature policy of the security
 *   module ({@link ClientSecurity}) configured from a properties file with the same {@code pmm03.security.*} keys a
 *   node reads (signature policy per message, keystore, truststore; see docs/security.md). Messages whose policy is
 *   sign/require are signed, signed answers are verified, the UsernameToken is sent as well (if a user is given);</li>
 *   <li>{@link #usernameToken} — UsernameToken only, never a signature (what every node accepts while the policy
 *   of a message is off or sign).</li>
 * </ul>
 * Use one of them, not both (each sends its own UsernameToken).
 */
@FunctionalInterface
public interface ClientSecurityConfigurer {

    void configure(Client client);

    /** WS-Security UsernameToken with password digest, nonce and created (what every pmm03 node requires). */
    static ClientSecurityConfigurer usernameToken(String user, String password) {
        return client -> client.getOutInterceptors().add(
                new WSS4JOutInterceptor(ClientCredentials.usernameToken(user, password)));
    }

    /**
     * WS-Security by the signature policy: a properties file with the {@code pmm03.security.*} keys, read by
     * {@link WsSecuritySettings#load(Path)} (a {@code signature-policy-file} named in it is re-read on change).
     *
     * @param user     UsernameToken user, or null to be identified by the signing certificate alone
     * @param password the user's password (ignored without a user)
     */
    static ClientSecurityConfigurer wsSecurity(Path settingsFile, String user, String password) throws IOException {
        return wsSecurity(WsSecuritySettings.load(settingsFile), user, password);
    }

    /** WS-Security by the signature policy of {@code settings}; signed answers are verified against its truststore. */
    static ClientSecurityConfigurer wsSecurity(WsSecuritySettings settings, String user, String password) {
        return wsSecurity(settings, user, password, null, null);
    }

    /**
     * As {@link #wsSecurity(WsSecuritySettings, String, String)}, and a signed answer must be signed by
     * {@code expectedSigner}'s registered certificate (e.g. "EEC"; null: any certificate the truststore trusts).
     */
    static ClientSecurityConfigurer wsSecurity(WsSecuritySettings settings, String user, String password,
                                               ParticipantRegistry registry, String expectedSigner) {
        return client -> ClientSecurity.apply(client, settings, user, user == null ? null : password, registry,
                expectedSigner);
    }

    /** No WS-Security header (for tests of an endpoint's refusal). */
    static ClientSecurityConfigurer none() {
        return client -> {};
    }

    default ClientSecurityConfigurer andThen(ClientSecurityConfigurer next) {
        return client -> { configure(client); next.configure(client); };
    }
}
