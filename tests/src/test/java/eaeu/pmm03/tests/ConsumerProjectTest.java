package eaeu.pmm03.tests;

import eaeu.pmm03.client.cli.BuildVersion;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Issue #15 item 4, D-201: a project outside this build (tests/consumer: the pmm03 BOM imported, pmm03-client-stub and
 * cxf-rt-ws-security by coordinates, no versions) builds OFFLINE against the installed artifacts and its program
 * reaches INCLUDED on a running node. It needs installed artifacts, so it runs only when given the local repository
 * holding them: scripts/test.sh runs it after `mvn install` with a private copy of that repository
 * (-Dpmm03.consumer.repo=DIR; -Dpmm03.consumer.version=X.Y.Z to try a release, default: this build's version).
 */
class ConsumerProjectTest extends NodeTestBase {

    @Test
    void aConsumerProjectBuildsOfflineFromTheBomAndCallsTheNode() throws Exception {
        String repo = System.getProperty("pmm03.consumer.repo");
        assumeTrue(repo != null && !repo.isBlank(), "needs installed artifacts: -Dpmm03.consumer.repo (scripts/test.sh)");
        String version = System.getProperty("pmm03.consumer.version", BuildVersion.version());

        Path project = Files.createTempDirectory("pmm03-consumer");
        NodeTestBase.deleteAtExit(project);
        copy(Path.of("consumer"), project);

        Run build = run(project, 300, "mvn", "-B", "-q", "-o", "-Dmaven.repo.local=" + repo,
                "-Dpmm03.version=" + version, "compile");
        assertThat(build.exit).as(build.out).isZero();

        String classpath = Files.readString(project.resolve("target/classpath.txt")).trim();
        List<String> jars = List.of(classpath.split(java.io.File.pathSeparator));
        assertThat(jars).as("the client of this build, by its coordinates")
                .anyMatch(j -> j.endsWith("pmm03-client-stub-" + version + ".jar") && j.startsWith(repo));
        assertThat(jars).as("managed by the BOM").anyMatch(j -> j.contains("cxf-rt-ws-security-"));
        assertThat(jars).as("the OpenSAML exclusion").noneMatch(j -> j.contains("opensaml"));

        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = project.resolve("target/classes") + java.io.File.pathSeparator + classpath;
        Run help = run(project, 60, javaBin, "-cp", cp, "example.consumer.Consumer", "--help");
        assertThat(help.exit).as(help.out).isZero();
        assertThat(help.out).contains("usage: Consumer COMMISSION_URL USER PASSWORD");

        Run call = run(project, 120, javaBin, "-cp", cp, "example.consumer.Consumer", commissionUrl(), "kz", "kz-dev-password");
        assertThat(call.exit).as(call.out).isZero();
        assertThat(call.out).contains("include: INCLUDED at ")
                .containsPattern("last update: \\d{4}-\\d\\d-\\d\\dT")
                .contains("changes: P.MM.03.MSG.011, ").contains("ours: true");
    }

    private record Run(int exit, String out) {}

    private static Run run(Path dir, int seconds, String... command) throws IOException, InterruptedException {
        Path log = Files.createTempFile(dir, "run", ".log");
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not end in " + seconds + " s:\n" + Files.readString(log));
        }
        return new Run(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    private static void copy(Path from, Path to) throws IOException {
        List<Path> all = new ArrayList<>();
        try (Stream<Path> s = Files.walk(from)) {
            s.filter(p -> !p.startsWith(from.resolve("target"))).forEach(all::add);
        }
        for (Path p : all) {
            Path t = to.resolve(from.relativize(p).toString());
            if (Files.isDirectory(p)) {
                Files.createDirectories(t);
            } else {
                Files.copy(p, t);
            }
        }
    }
}
