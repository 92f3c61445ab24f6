package eaeu.pmm03.security.wss;

import org.apache.wss4j.common.ext.WSPasswordCallback;
import org.apache.wss4j.dom.handler.WSHandlerConstants;

import javax.security.auth.callback.CallbackHandler;
import java.util.HashMap;
import java.util.Map;

/** Outgoing WS-Security properties of a caller: UsernameToken with password digest, nonce and created. */
public final class ClientCredentials {

    private ClientCredentials() {}

    public static Map<String, Object> usernameToken(String username, String password) {
        Map<String, Object> props = new HashMap<>();
        props.put(WSHandlerConstants.ACTION, WSHandlerConstants.USERNAME_TOKEN);
        props.put(WSHandlerConstants.USER, username);
        props.put(WSHandlerConstants.PASSWORD_TYPE, "PasswordDigest");
        props.put(WSHandlerConstants.ADD_USERNAMETOKEN_NONCE, "true");
        props.put(WSHandlerConstants.ADD_USERNAMETOKEN_CREATED, "true");
        CallbackHandler cb = callbacks -> {
            for (var c : callbacks) {
                if (c instanceof WSPasswordCallback pc && username.equals(pc.getIdentifier())) {
                    pc.setPassword(password);
                }
            }
        };
        props.put(WSHandlerConstants.PW_CALLBACK_REF, cb);
        return props;
    }
}
