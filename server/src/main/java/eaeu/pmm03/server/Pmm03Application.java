package eaeu.pmm03.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * One application for every P.MM.03 node: the Commission (keeps the unified database), an authority of a member
 * state, or both; the roles come from configuration ({@code pmm03.roles}).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class Pmm03Application {

    public static void main(String[] args) {
        SpringApplication.run(Pmm03Application.class, args);
    }
}
