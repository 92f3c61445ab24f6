package eaeu.pmm03.server.db;

import com.zaxxer.hikari.HikariDataSource;
import eaeu.pmm03.server.config.Pmm03Properties;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.nio.file.Path;
import java.util.List;

/**
 * The default database: a real MariaDB server run by the node itself ({@link EmbeddedMariaDb}, decision D-120), its
 * data kept in {@code pmm03.db.data-dir} across restarts wherever that lies. Switch it off
 * ({@code pmm03.db.embedded=false}) and set {@code spring.datasource.*} to use an external MariaDB server instead.
 */
@Configuration
@ConditionalOnProperty(name = "pmm03.db.embedded", havingValue = "true", matchIfMissing = true)
public class EmbeddedMariaDbConfig {

    @Bean(destroyMethod = "release")
    public EmbeddedMariaDb embeddedMariaDb(Pmm03Properties props,
                                           @Value("${pmm03.db.embedded-buffer-pool:512M}") String bufferPool) {
        EmbeddedMariaDb db = EmbeddedMariaDb.acquire(Path.of(props.db().dataDir()), props.db().port(), props.db().name(),
                List.of("--character-set-server=utf8mb4", "--collation-server=utf8mb4_unicode_ci",
                        "--max-allowed-packet=256M",
                        // the portal's search keeps its rows and FULLTEXT indexes in memory (MariaDB's default is 128M)
                        "--innodb-buffer-pool-size=" + bufferPool));
        return db;
    }

    /**
     * The pool of the embedded server. {@code spring.datasource.hikari.*} (application.yml) is bound onto it as onto
     * an external server's pool: the timeouts that turn a database outage into a quick retryable fault (D-121)
     * live there, once for both.
     */
    @Bean
    @ConfigurationProperties("spring.datasource.hikari")
    public HikariDataSource dataSource(EmbeddedMariaDb db) {
        HikariDataSource ds = new HikariDataSource();
        ds.setJdbcUrl(db.jdbcUrl());
        ds.setUsername(db.username());
        ds.setPassword(db.password());
        ds.setMaximumPoolSize(16);
        ds.setPoolName("pmm03-embedded");
        return ds;
    }
}
