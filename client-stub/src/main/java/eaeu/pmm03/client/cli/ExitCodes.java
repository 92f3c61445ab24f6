package eaeu.pmm03.client.cli;

/** Exit codes of the pmm03 command-line tool (documented in README.md). */
public final class ExitCodes {
    /** The transaction succeeded (including a "no data" answer); conformance: every case passed. */
    public static final int OK = 0;
    /** conformance: at least one case failed. */
    public static final int CONFORMANCE_FAILED = 1;
    /** Wrong command line (unknown option, missing argument). */
    public static final int USAGE = 2;
    /** The other side refused the document: an error result code (ERR_*) in the answer, or a SOAP fault with one. */
    public static final int REFUSED = 3;
    /** The other side could not be reached or did not answer with SOAP (connection, HTTP error, time-out). */
    public static final int COMMUNICATION = 4;
    /** The other side refused the message by WS-Security: credentials, a missing/invalid signature, a certificate. */
    public static final int AUTHENTICATION = 5;
    /** A local file is missing or is not the expected document. */
    public static final int INPUT = 6;

    private ExitCodes() {}
}
