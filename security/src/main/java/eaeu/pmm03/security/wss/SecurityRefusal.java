package eaeu.pmm03.security.wss;

import java.util.Set;

/**
 * A message refused by WS-Security, as reported to a {@link SecurityAudit}.
 *
 * @param error        the reason
 * @param detail       technical detail (WSS4J's message, the uncovered element, …)
 * @param messageCodes the P.MM.03 message codes the message was taken for (may be empty)
 * @param participant  the participant the sender claimed or proved to be, if known
 * @param credential   the certificate subject or user name presented, if any
 * @param action       the SOAP action / wsa:Action, if any
 * @param messageId    the wsa:MessageID, if any
 * @param peer         the remote address
 * @param signed       whether the message carried an XML signature
 */
public record SecurityRefusal(SecurityError error, String detail, Set<String> messageCodes, String participant,
                              String credential, String action, String messageId, String peer, boolean signed) {

    /** One message code for a journal line: the only one, or the first in order. */
    public String messageCode() {
        return messageCodes.isEmpty() ? null : messageCodes.stream().sorted().findFirst().orElse(null);
    }
}
