package eaeu.pmm03.server.config;

import eaeu.pmm03.server.Pmm03Application;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** D-162: production refuses development settings before anything starts; passwords from environment or files. */
class ProductionGuardTest {

    /** Stops the application right after the environment was prepared (and ProductionGuard ran). */
    private static final class Stop extends RuntimeException {}

    private static ConfigurableEnvironment prepare(String... args) {
        AtomicReference<ConfigurableEnvironment> env = new AtomicReference<>();
        SpringApplication app = new SpringApplication(Pmm03Application.class);
        app.addListeners((ApplicationListener<ApplicationEnvironmentPreparedEvent>) e -> {
            env.set(e.getEnvironment());
            throw new Stop();
        });
        try {
            app.run(args);
        } catch (Stop expected) {
            return env.get();
        }
        throw new AssertionError("the application did not stop");
    }

    @Test
    void productionWithTheDevelopmentDefaultsRefusesToStartNamingEverySetting() {
        assertThatThrownBy(() -> prepare("--pmm03.environment=production",
                "--pmm03.portal.demo-data=true"))   // application.yml's default (the tests' config turns it off)
                .isInstanceOf(ProductionGuard.ProductionRefused.class)
                .hasMessageContaining("user 'kz' of KZ-MOH has the development password (set PMM03_KZ_PASSWORD")
                .hasMessageContaining("user 'eec' of EEC")
                .hasMessageContaining("pmm03.portal.demo-data=true");
    }

    @Test
    void anUnknownEnvironmentIsRefused() {
        assertThatThrownBy(() -> prepare("--pmm03.environment=prod"))
                .isInstanceOf(ProductionGuard.ProductionRefused.class)
                .hasMessageContaining("allowed: development, production");
    }

    @Test
    void productionStartsWithPasswordsFromEnvironmentAndSecretFiles(@TempDir Path secrets) throws Exception {
        Files.writeString(secrets.resolve("PMM03_KZ_PASSWORD"), "kz-from-a-secret-file");
        List<String> args = new ArrayList<>(List.of("--pmm03.environment=production", "--pmm03.portal.demo-data=false",
                "--PMM03_SECRETS_DIR=" + secrets));
        for (String user : List.of("eec", "am", "by", "kg", "ru",
                "am-test", "by-test", "kz-test", "kg-test", "ru-test")) { // the test participants too (D-156)
            args.add("--" + ProductionGuard.passwordVariable(user) + "=" + user + "-real-secret");
        }
        ConfigurableEnvironment env = prepare(args.toArray(String[]::new));
        assertThat(ProductionGuard.problems(env)).isEmpty();
        assertThat(env.getProperty("pmm03.participants[3].users[0].password")).isEqualTo("kz-from-a-secret-file");
        assertThat(env.getProperty("pmm03.participants[5].users[0].password")).isEqualTo("ru-real-secret");
    }

    @Test
    void developmentStartsWithTheDefaultsAndListsThem() {
        ConfigurableEnvironment env = prepare();
        assertThat(env.getProperty("pmm03.environment")).isEqualTo("development");
        assertThat(ProductionGuard.problems(env)).hasSize(11);   // six users and the five test participants (D-156)
    }
}
