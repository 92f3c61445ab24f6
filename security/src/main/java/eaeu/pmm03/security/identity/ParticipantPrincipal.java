package eaeu.pmm03.security.identity;

import java.security.Principal;

/**
 * The authenticated identity of a message sender after the WS-Security identity check: the participant, and how it
 * was established ("X509", "UsernameToken" or both, "TLS").
 *
 * @param participantId the participant the sender acts for
 * @param via           what proved it, e.g. "X509+UsernameToken"
 * @param credential    the certificate subject or user name that was presented (for logs and the journal)
 */
public record ParticipantPrincipal(String participantId, String via, String credential) implements Principal {

    @Override
    public String getName() {
        return participantId;
    }
}
