package eaeu.pmm03.server.config;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code pmm03.environment=production} refuses to start with what only a development machine may have (D-162): the
 * development passwords of application.yml ({@code *-dev-password}), the demonstration records of the portal, the
 * TEST-ONLY PKI's password. It runs before anything else (no database is started), and the failure names every
 * offending setting and how to replace it. In development (the default) it logs a loud warning instead.
 */
public class ProductionGuard implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

    static final String DEV_PASSWORD_SUFFIX = "-dev-password";
    static final String TEST_PKI_PASSWORD = "pmm03-test-only";
    private static final Logger log = LoggerFactory.getLogger(ProductionGuard.class);

    /** Thrown when a production node is configured with development settings. */
    public static class ProductionRefused extends RuntimeException {
        final List<String> problems;

        ProductionRefused(List<String> problems) {
            super("pmm03.environment=production refuses to start: " + String.join("; ", problems));
            this.problems = problems;
        }
    }

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        ConfigurableEnvironment env = event.getEnvironment();
        String environment = env.getProperty("pmm03.environment", "development").trim().toLowerCase(Locale.ROOT);
        List<String> problems = problems(env);
        switch (environment) {
            case "production" -> {
                if (!problems.isEmpty()) {
                    throw new ProductionRefused(problems);
                }
            }
            case "development" -> {
                log.warn("*****************************************************************************************");
                log.warn("* DEVELOPMENT MODE (pmm03.environment=development): NOT FOR REAL DATA.                     *");
                log.warn("* Development passwords and demonstration data are allowed. Start a real node with     *");
                log.warn("* pmm03.environment=production (PMM03_ENVIRONMENT=production); see docs/operations.md. *");
                log.warn("*****************************************************************************************");
                problems.forEach(p -> log.warn("development setting: {}", p));
            }
            default -> throw new ProductionRefused(List.of("pmm03.environment is '" + environment
                    + "'; allowed: development, production"));
        }
    }

    /** Every development-only setting in the environment, each named with what to do instead. */
    static List<String> problems(ConfigurableEnvironment env) {
        Binder binder = Binder.get(env);
        List<String> problems = new ArrayList<>();
        List<Pmm03Properties.ParticipantConfig> participants = binder.bind("pmm03.participants",
                Bindable.listOf(Pmm03Properties.ParticipantConfig.class)).orElse(List.of());
        for (Pmm03Properties.ParticipantConfig p : participants) {
            for (Pmm03Properties.UserConfig u : p.users() == null ? List.<Pmm03Properties.UserConfig>of() : p.users()) {
                if (isDevPassword(u.password())) {
                    problems.add("user '" + u.username() + "' of " + p.id() + " has the development password (set "
                            + passwordVariable(u.username()) + " or a secret file of that name)");
                }
            }
        }
        for (String key : List.of("pmm03.eec.password", "pmm03.authority.commission.password")) {
            if (isDevPassword(env.getProperty(key))) {
                problems.add(key + " is a development password");
            }
        }
        binder.bind("pmm03.authority.peers", Bindable.listOf(Pmm03Properties.Peer.class)).orElse(List.of())
                .forEach(peer -> {
                    if (isDevPassword(peer.password())) {
                        problems.add("pmm03.authority.peers (" + peer.participant() + ") has a development password");
                    }
                });
        if (Boolean.parseBoolean(env.getProperty("pmm03.portal.demo-data", "false"))) {
            problems.add("pmm03.portal.demo-data=true would include demonstration records (set it to false)");
        }
        for (String key : List.of("pmm03.security.keystore.password", "pmm03.security.truststore.password")) {
            if (TEST_PKI_PASSWORD.equals(env.getProperty(key))) {
                problems.add(key + " is the TEST-ONLY PKI's password (scripts/test-pki.sh): use the real keys");
            }
        }
        return problems;
    }

    static boolean isDevPassword(String password) {
        return password != null && password.endsWith(DEV_PASSWORD_SUFFIX);
    }

    /** The environment variable application.yml reads a user's password from: PMM03_KZ_PASSWORD for kz. */
    public static String passwordVariable(String username) {
        return "PMM03_" + username.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_") + "_PASSWORD";
    }

    /** "APPLICATION FAILED TO START" with the list instead of a stack trace. */
    public static class Analyzer extends AbstractFailureAnalyzer<ProductionRefused> {
        @Override
        protected FailureAnalysis analyze(Throwable root, ProductionRefused cause) {
            return new FailureAnalysis("pmm03.environment=production, but this configuration is for development:\n  - "
                    + String.join("\n  - ", cause.problems),
                    "Give every user a real password (environment variable PMM03_<USER>_PASSWORD, or a file of that "
                            + "name in the secrets directory PMM03_SECRETS_DIR, default /run/secrets/pmm03), set "
                            + "pmm03.portal.demo-data=false and configure the real keystores; see docs/operations.md.",
                    cause);
        }
    }
}
