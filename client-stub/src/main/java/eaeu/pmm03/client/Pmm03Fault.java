package eaeu.pmm03.client;

import eaeu.pmm03.contract.processingresult.ProcessingResultDetails;
import eaeu.pmm03.security.wss.SecurityError;

import java.util.Arrays;

/**
 * A refusal by the other side as a SOAP fault: the pmm03 subcode (the R.006 result code, e.g. ERR_NOT_AUTHORIZED),
 * the fault string and, when the fault detail carries it, the R.006 document with the rule and path.
 */
public class Pmm03Fault extends RuntimeException {

    private final String resultCode;
    private final String faultCode;
    private final ProcessingResultDetails detail;

    public Pmm03Fault(String faultCode, String resultCode, String text, ProcessingResultDetails detail,
                      Throwable cause) {
        super(text, cause);
        this.faultCode = faultCode;
        this.resultCode = resultCode;
        this.detail = detail;
    }

    /** The result code of the table (ERR_SCHEMA, ERR_HEADER, ERR_RULE, ERR_NOT_AUTHORIZED, ...), or null. */
    public String resultCode() { return resultCode; }

    /** The SOAP fault code as sent (e.g. soap:Client, soap:Sender, wsse:FailedAuthentication). */
    public String faultCode() { return faultCode; }

    /** The R.006 ProcessingResultDetails of the fault detail, or null. */
    public ProcessingResultDetails detail() { return detail; }

    /** The rule the server named ("table 12, rule 4"), from the detail or the fault text, or null. */
    public String rule() {
        String r = detail == null ? null : Results.rule(detail.getDescriptionText());
        return r != null ? r : Results.rule(getMessage());
    }

    /**
     * Whether this is a WS-Security refusal (unknown user, wrong password, replay; a node's pmm:ERR_SIGNATURE_*,
     * ERR_CERT_*, ERR_REPLAY, ERR_STALE_TIMESTAMP, ERR_NOT_AUTHENTICATED, ERR_SECURITY).
     */
    public boolean security() {
        return securityCode() || faultCode != null && (faultCode.contains("FailedAuthentication") || faultCode.contains("SecurityError") || faultCode.contains("InvalidSecurity")
                || faultCode.contains("SecurityTokenUnavailable"))
                || getMessage() != null && getMessage().toLowerCase().contains("security");
    }

    /** Whether the result code is one of a node's WS-Security refusals ({@link SecurityError}). */
    public boolean securityCode() {
        return resultCode != null && Arrays.stream(SecurityError.values()).anyMatch(e -> e.code().equals(resultCode));
    }
}
