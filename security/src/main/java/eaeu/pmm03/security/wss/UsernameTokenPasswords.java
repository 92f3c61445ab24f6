package eaeu.pmm03.security.wss;

import eaeu.pmm03.security.identity.ParticipantRegistry;
import org.apache.wss4j.common.ext.WSPasswordCallback;

import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.UnsupportedCallbackException;

/**
 * Gives WSS4J the password of a UsernameToken user from the participant registry, so that it can check the
 * password digest (nonce + created + password). An unknown user gets no password and is refused by WSS4J.
 */
public final class UsernameTokenPasswords implements CallbackHandler {

    private final ParticipantRegistry registry;

    public UsernameTokenPasswords(ParticipantRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void handle(Callback[] callbacks) throws UnsupportedCallbackException {
        for (Callback c : callbacks) {
            if (!(c instanceof WSPasswordCallback pc)) {
                throw new UnsupportedCallbackException(c);
            }
            registry.user(pc.getIdentifier()).ifPresent(u -> pc.setPassword(u.password()));
        }
    }
}
