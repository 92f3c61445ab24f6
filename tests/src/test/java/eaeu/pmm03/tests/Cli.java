package eaeu.pmm03.tests;

import eaeu.pmm03.client.cli.Pmm03Cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Runs the command-line tool in-process and keeps its exit code, stdout and stderr. */
public record Cli(int exit, String out, String err) {

    public static Cli run(String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int rc = Pmm03Cli.run(args, new PrintStream(o, true, StandardCharsets.UTF_8),
                new PrintStream(e, true, StandardCharsets.UTF_8));
        return new Cli(rc, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    }

    /** The tool as user/password against the endpoints, then the command. */
    public static Cli as(String endpoint, String authority, String user, String... command) {
        List<String> a = new ArrayList<>(List.of("--endpoint", endpoint, "--authority", authority, "--user", user,
                "--password", user + "-dev-password"));
        a.addAll(List.of(command));
        return run(a.toArray(String[]::new));
    }

    @Override
    public String toString() {
        return "exit " + exit + "\n--- out\n" + out + "--- err\n" + err;
    }
}
