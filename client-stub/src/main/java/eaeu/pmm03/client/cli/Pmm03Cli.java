package eaeu.pmm03.client.cli;

import eaeu.pmm03.client.ClientSecurityConfigurer;
import eaeu.pmm03.client.Pmm03Client;
import eaeu.pmm03.client.Pmm03Fault;
import eaeu.pmm03.client.Results;
import eaeu.pmm03.contract.processingresult.ProcessingResultDetails;
import eaeu.pmm03.security.wss.WsSecuritySettings;
import jakarta.xml.ws.WebServiceException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * pmm03: the command-line tool of an authority's operator. Every transaction of P.MM.03 from the command line, a
 * local mirror (sync) and the conformance runner. See README.md, "Command-line tool".
 */
@Command(name = "pmm03", mixinStandardHelpOptions = true, versionProvider = BuildVersion.class,
        // --help and --version on every subcommand, also without its required parameters
        scope = ScopeType.INHERIT,
        description = {"P.MM.03 (EAEU unified database of substandard, falsified and counterfeit medicines): "
                + "client of the Commission and authority services.",
                "P.MM.03: клиент сервисов Комиссии и уполномоченных органов."},
        subcommands = {Commands.Include.class, Commands.Change.class, Commands.Exclude.class,
                Commands.UpdateTime.class, Commands.Records.class, Commands.Changes.class, Commands.Notify.class,
                Commands.RequestInfo.class, Commands.AnswerInfo.class, Sync.class, Conformance.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success (also a \"no data\" answer); conformance: all cases passed",
                "1:conformance: at least one case failed", "2:wrong command line",
                "3:refused by the other side (ERR_* result code or SOAP fault); the rule and field are printed",
                "4:cannot communicate (connection, HTTP, time-out)", "5:refused by WS-Security (credentials, signature missing or invalid, certificate)",
                "6:a local file is missing or is not the expected document"})
public class Pmm03Cli {

    @Option(names = {"-e", "--endpoint"}, scope = ScopeType.INHERIT, paramLabel = "URL",
            defaultValue = "${env:PMM03_ENDPOINT:-http://localhost:8080/ws/commission}",
            description = "Commission service (default ${DEFAULT-VALUE}; env PMM03_ENDPOINT)")
    String endpoint;

    @Option(names = {"-a", "--authority"}, scope = ScopeType.INHERIT, paramLabel = "URL",
            defaultValue = "${env:PMM03_AUTHORITY_ENDPOINT:-http://localhost:8080/ws/authority}",
            description = "an authority's service for notify, request-info, answer-info (env PMM03_AUTHORITY_ENDPOINT)")
    String authority;

    @Option(names = {"-u", "--user"}, scope = ScopeType.INHERIT, defaultValue = "${env:PMM03_USER}",
            description = "user of the WS-Security UsernameToken (env PMM03_USER)")
    String user;

    @Option(names = {"-p", "--password"}, scope = ScopeType.INHERIT, defaultValue = "${env:PMM03_PASSWORD}",
            description = "password (env PMM03_PASSWORD)")
    String password;

    @Option(names = "--security", scope = ScopeType.INHERIT, paramLabel = "FILE",
            defaultValue = "${env:PMM03_SECURITY}",
            description = {"WS-Security / XML signatures: a properties file with the pmm03.security.* keys a node reads"
                    + " (signature-policy.*, keystore.*, truststore.*; see docs/security.md); messages are signed as"
                    + " its policy says, signed answers verified (env PMM03_SECURITY). Without it: UsernameToken only.",
                    "With it --user/--password are optional: the signing certificate identifies you."})
    java.nio.file.Path security;

    @Option(names = "--soap12", scope = ScopeType.INHERIT, description = "use SOAP 1.2 (…/commission12)")
    boolean soap12;

    @Option(names = "--xml", description = "print the answer documents as XML (also accepted after the command)")
    boolean xml;

    @Option(names = "--lang", scope = ScopeType.INHERIT, defaultValue = "en",
            description = "language of the output: en or ru (default en); also the LanguageCode of documents built")
    String lang;

    @Option(names = "--timeout", scope = ScopeType.INHERIT, defaultValue = "120", paramLabel = "SECONDS",
            description = "answer time-out in seconds (default ${DEFAULT-VALUE})")
    int timeoutSeconds;

    @Option(names = "--progress", scope = ScopeType.INHERIT, negatable = true,
            description = "progress bar on stderr for syncs and exports (default: when stderr is a terminal)")
    Boolean progress;

    PrintStream out = System.out;
    PrintStream err = System.err;

    public static void main(String[] args) {
        java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING);
        for (var h : java.util.logging.Logger.getLogger("").getHandlers()) {
            h.setLevel(java.util.logging.Level.WARNING);
        }
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the tool with the given streams; returns the exit code (see {@link ExitCodes}). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Pmm03Cli top = new Pmm03Cli();
        top.out = out;
        top.err = err;
        CommandLine cl = new CommandLine(top);
        cl.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        cl.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        cl.setOverwrittenOptionsAllowed(true);
        cl.setExecutionExceptionHandler((e, c, parsed) -> top.failure(e));
        return cl.execute(args);
    }

    Text text() {
        return new Text(lang);
    }

    boolean progressOn() {
        return progress != null ? progress : System.console() != null;
    }

    Pmm03Client client() {
        if (security == null && (user == null || password == null)
                || security != null && user != null && password == null) {
            throw new CommandLine.ParameterException(new CommandLine(this),
                    text().t("--user and --password (or PMM03_USER, PMM03_PASSWORD) are required",
                            "нужны --user и --password (или PMM03_USER, PMM03_PASSWORD)"));
        }
        return Pmm03Client.builder().commission(endpoint).authority(authority).soap12(soap12)
                .language("ru".equalsIgnoreCase(lang) ? "ru" : "en").timeout(Duration.ofSeconds(timeoutSeconds))
                .security(securityStep()).build();
    }

    /** UsernameToken, or with --security the signature policy, keys and truststore of that file. */
    ClientSecurityConfigurer securityStep() {
        if (security == null) {
            return ClientSecurityConfigurer.usernameToken(user, password);
        }
        try {
            return ClientSecurityConfigurer.wsSecurity(WsSecuritySettings.load(security), user, password);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(text().t("cannot read the security settings ",
                    "не удалось прочитать настройки безопасности ") + security + ": " + e.getMessage(), e);
        }
    }

    /** Prints an R.006 answer; returns its exit code. */
    int result(ProcessingResultDetails r) {
        Text t = text();
        if (xml) {
            out.println(eaeu.pmm03.client.Documents.xml(r));
        } else {
            String code = r.getProcessingResultV2Code();
            out.println(r.getEDocHeader().getInfEnvelopeCode().replace("P.MM.03.", "") + " " + code + " — "
                    + Results.meaning(code, t.lang()));
            line(t.t("answer EDocId", "EDocId ответа"), r.getEDocHeader().getEDocId());
            line(t.t("answers EDocId", "ответ на EDocId"), r.getEDocHeader().getEDocRefId());
            line(t.t("event time", "время события"), r.getEventDateTime());
            if (!Results.success(code)) {
                line(t.t("rule", "требование"), Results.rule(r.getDescriptionText()));
                line(t.t("field", "реквизит"), Results.path(r.getDescriptionText()));
                line(t.t("text", "текст"), r.getDescriptionText());
            }
        }
        return Results.success(r) ? ExitCodes.OK : ExitCodes.REFUSED;
    }

    void line(String label, Object value) {
        if (value != null) {
            out.printf("  %-18s %s%n", label + ":", value);
        }
    }

    /**
     * One line for a node that cannot be reached at all ("cannot reach URL: connection refused"), instead of CXF's
     * chain of exceptions; null when the failure is something else.
     */
    String unreachable(Throwable e) {
        Text t = text();
        String reason = null;
        String url = null;
        for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (url == null && c.getMessage() != null) {
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("https?://[^\\s:]+(:\\d+)?[^\\s:]*")
                        .matcher(c.getMessage());
                if (m.find()) {
                    url = m.group();
                }
            }
            if (reason == null) {
                if (c instanceof java.net.ConnectException) {
                    reason = t.t("connection refused", "соединение отклонено");
                } else if (c instanceof java.net.UnknownHostException) {
                    reason = t.t("unknown host ", "неизвестный узел ") + c.getMessage();
                } else if (c instanceof java.net.http.HttpConnectTimeoutException
                        || c instanceof java.net.SocketTimeoutException) {
                    reason = t.t("no answer within the time-out", "нет ответа за отведенное время");
                } else if (c instanceof java.net.NoRouteToHostException) {
                    reason = t.t("no route to host", "нет маршрута к узлу");
                }
            }
        }
        return reason == null ? null : t.t("cannot reach ", "нет связи с ") + (url == null ? endpoint : url) + ": " + reason;
    }

    /** Maps what went wrong to a message and an exit code. */
    int failure(Exception e) {
        Text t = text();
        if (e instanceof Pmm03Fault f) {
            if (f.security() && (f.resultCode() == null || f.securityCode())) {
                err.println(t.t("refused: the credentials were not accepted (WS-Security): ",
                        "отказ: учетные данные не приняты (WS-Security): ") + f.getMessage());
                return ExitCodes.AUTHENTICATION;
            }
            err.println(t.t("refused", "отказ") + ": " + (f.resultCode() == null ? f.faultCode() : f.resultCode())
                    + (f.resultCode() == null ? "" : " — " + Results.meaning(f.resultCode(), t.lang())));
            String desc = f.detail() == null ? f.getMessage() : f.detail().getDescriptionText();
            if (f.rule() != null) {
                err.println("  " + t.t("rule", "требование") + ": " + f.rule());
            }
            if (Results.path(desc) != null) {
                err.println("  " + t.t("field", "реквизит") + ": " + Results.path(desc));
            }
            err.println("  " + t.t("text", "текст") + ": " + desc);
            if (xml && f.detail() != null) {
                out.println(eaeu.pmm03.client.Documents.xml(f.detail()));
            }
            return ExitCodes.REFUSED;
        }
        if (e instanceof CommandLine.ParameterException pe) {
            err.println(pe.getMessage());
            return ExitCodes.USAGE;
        }
        if (e instanceof IOException || e instanceof IllegalArgumentException) {
            err.println(t.t("input error: ", "ошибка входных данных: ")
                    + (e instanceof java.nio.file.NoSuchFileException ? t.t("no such file ", "нет файла ") : "")
                    + e.getMessage());
            return ExitCodes.INPUT;
        }
        String unreachable = unreachable(e);
        if (unreachable != null) {
            err.println(unreachable);
            return ExitCodes.COMMUNICATION;
        }
        if (e instanceof WebServiceException) {
            Throwable c = e;
            while (c.getCause() != null) {
                c = c.getCause();
            }
            err.println(t.t("cannot communicate with the service: ", "нет связи с сервисом: ") + e.getMessage()
                    + (c != e ? " (" + c + ")" : ""));
            return ExitCodes.COMMUNICATION;
        }
        err.println(t.t("error: ", "ошибка: ") + e);
        return ExitCodes.COMMUNICATION;
    }
}
