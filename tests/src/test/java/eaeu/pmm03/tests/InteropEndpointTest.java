package eaeu.pmm03.tests;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Foreign clients against running services: tests/interop/zeep_endpoint.py (Debian python3-zeep) and
 * tests/interop/node/endpoint.js (node-soap) load ?wsdl from this Commission node and from a real authority node
 * ({@link AuthorityNodes}, KZ-MOH, called as ru) and call every operation of both services. They need /usr/bin/python3 with zeep and `npm ci` in tests/interop/node
 * (scripts/prerequisites.sh installs both); without them this test fails and says so. -Dpmm03.interop=false skips it.
 */
class InteropEndpointTest extends NodeTestBase {

    private static final Path INTEROP = Path.of("interop").toAbsolutePath();

    @Test
    void zeepCallsEveryOperationOfBothServices() throws Exception {
        run(List.of(System.getProperty("pmm03.zeep.python", "/usr/bin/python3"), INTEROP.resolve("zeep_endpoint.py").toString()),
                INTEROP.toFile());
    }

    @Test
    void nodeSoapCallsEveryOperationOfBothServices() throws Exception {
        assertThat(INTEROP.resolve("node/node_modules/soap")).as("node-soap is not installed: (cd tests/interop/node && npm ci)")
                .exists();
        run(List.of(System.getProperty("pmm03.node", "node"), "endpoint.js"), INTEROP.resolve("node").toFile());
    }

    private void run(List<String> command, File dir) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeFalse("false".equals(System.getProperty("pmm03.interop")),
                "foreign-client tests switched off with -Dpmm03.interop=false");
        {
            // the Authority service of a real authority node (KZ-MOH) called as ru; its operator first asks RU for
            // additional information, which the clients' MSG.016 answer
            AuthorityNodes kz = AuthorityNodes.get();
            List<String> cmd = new ArrayList<>(command);
            cmd.addAll(List.of("--endpoint", base(), "--authority-endpoint", kz.base(), "--answer-to", kz.requestFromCaller(),
                    "--user", "ru"));
            Path log = Files.createTempFile("pmm03-interop", ".log");
            Process p = new ProcessBuilder(cmd).directory(dir).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            assertThat(p.waitFor(5, TimeUnit.MINUTES)).as("finished in time").isTrue();
            String out = Files.readString(log, StandardCharsets.UTF_8);
            assertThat(p.exitValue()).as(out).isZero();
            assertThat(out).contains(" 0 failed").doesNotContain("FAIL ")
                    .contains("IncludeRecord (MSG.001 -> MSG.004 INCLUDED)").contains("ExcludeRecord (MSG.003 -> MSG.004 EXCLUDED)")
                    .contains("GetChanges (MSG.010 -> MSG.011)").contains("NotifyInclusion (MSG.013, one-way)")
                    .contains("RequestAdditionalInfo (MSG.014 -> MSG.015 RECEIVED)")
                    .contains("SendAdditionalInfo without content (negative: table 9, rule 2)")
                    .contains("NotifyInclusion of a record of AM (negative: SOAP fault ERR_NOT_AUTHORIZED)")
                    .contains("SendAdditionalInfo answering a MSG.014 the node did not send (negative: ERR_HEADER)")
                    .contains("SendAdditionalInfo cdr-msg016-pdf.xml (MSG.016 -> MSG.015 RECEIVED)")
                    .doesNotContain("SKIP ");
            assertThat(out.lines().filter(l -> l.startsWith("PASS "))).hasSizeGreaterThanOrEqualTo(21);
        }
    }
}
