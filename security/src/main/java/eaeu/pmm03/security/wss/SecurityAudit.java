package eaeu.pmm03.security.wss;

/** Where refusals by WS-Security are recorded (the server writes them to its message journal). */
@FunctionalInterface
public interface SecurityAudit {

    SecurityAudit NONE = r -> {};

    void refused(SecurityRefusal refusal);
}
