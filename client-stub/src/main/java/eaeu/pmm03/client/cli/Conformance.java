package eaeu.pmm03.client.cli;

import eaeu.pmm03.client.conformance.ConformanceRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;

/** conformance: every transaction of a role against an endpoint, a PASS/FAIL table; exit 1 on any FAIL. */
@Command(name = "conformance", description = {"run every transaction of a role against an endpoint, with negative "
        + "cases; PASS/FAIL table by message code and rule", "проверка взаимодействия участника (порядок присоединения)"})
final class Conformance implements Callable<Integer> {

    @ParentCommand
    Pmm03Cli top;

    @Option(names = "--role", required = true, paramLabel = "commission|authority",
            description = "the role the endpoint plays: commission (uses --endpoint) or authority (uses --authority)")
    String role;

    @Option(names = {"-c", "--country"}, paramLabel = "CC",
            description = "the country of the authority you act for (default: the user name if it is a country code,"
                    + " or a test participant's user such as kz-test)")
    String country;

    @Option(names = "--answer-to", paramLabel = "EDOCID",
            description = "authority role: the EDocId of a MSG.014 the endpoint's authority sent to you; the MSG.016 "
                    + "cases answer it and expect RECEIVED (a MSG.016 must answer a request its receiver sent)")
    String answerTo;

    @Option(names = "--other-user", paramLabel = "USER",
            description = "commission role: a user of another participant; re-sends your document as that participant "
                    + "and expects ERR_NOT_AUTHORIZED, not your stored answer")
    String otherUser;

    @Option(names = "--other-password", paramLabel = "PASSWORD", description = "the password of --other-user")
    String otherPassword;

    @Override
    public Integer call() {
        ConformanceRunner.Role r = switch (role.toLowerCase(Locale.ROOT)) {
            case "commission" -> ConformanceRunner.Role.COMMISSION;
            case "authority" -> ConformanceRunner.Role.AUTHORITY;
            default -> throw new IllegalArgumentException("--role must be commission or authority");
        };
        top.client().close(); // checks that credentials are given
        if (top.user == null) {
            throw new IllegalArgumentException("conformance needs --user and --password");
        }
        // "kz" and the test participants' "kz-test" (D-156) act for KZ
        String cc = country != null ? country
                : top.user.matches("[A-Za-z]{2}(-test)?") ? top.user.substring(0, 2).toUpperCase(Locale.ROOT) : "RU";
        String url = r == ConformanceRunner.Role.COMMISSION ? top.endpoint : top.authority;
        ConformanceRunner.Report report = new ConformanceRunner(url, top.user, top.password, cc, top.soap12,
                Duration.ofSeconds(top.timeoutSeconds)).answering(answerTo).otherParticipant(otherUser, otherPassword).run(r);
        top.out.print(report.table());
        return report.passed() ? ExitCodes.OK : ExitCodes.CONFORMANCE_FAILED;
    }
}
