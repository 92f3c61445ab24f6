package eaeu.pmm03.client;

import eaeu.pmm03.security.wss.ClientCredentials;
import org.apache.cxf.endpoint.Client;
import org.apache.cxf.ws.security.wss4j.WSS4JOutInterceptor;

/**
 * The one pluggable step that puts a security policy on a CXF client of pmm03: UsernameToken now; the XML
 * signature policy of the security module plugs in the same way ({@code client -> ClientSecurity.apply(client, ...)}).
 */
@FunctionalInterface
public interface ClientSecurityConfigurer {

    void configure(Client client);

    /** WS-Security UsernameToken with password digest, nonce and created (what every pmm03 node requires). */
    static ClientSecurityConfigurer usernameToken(String user, String password) {
        return client -> client.getOutInterceptors().add(
                new WSS4JOutInterceptor(ClientCredentials.usernameToken(user, password)));
    }

    /** No WS-Security header (for tests of an endpoint's refusal). */
    static ClientSecurityConfigurer none() {
        return client -> {};
    }

    default ClientSecurityConfigurer andThen(ClientSecurityConfigurer next) {
        return client -> { configure(client); next.configure(client); };
    }
}
