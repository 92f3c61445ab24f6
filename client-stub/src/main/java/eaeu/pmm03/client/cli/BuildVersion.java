package eaeu.pmm03.client.cli;

import picocli.CommandLine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** {@code pmm03 --version}: the version the library was built as (the Maven project version, D-200), not a copy. */
public final class BuildVersion implements CommandLine.IVersionProvider {

    /** The version of pmm03-client-stub on the class path, e.g. 0.2.0 or 0.2.0-SNAPSHOT. */
    public static String version() {
        try (InputStream in = BuildVersion.class.getResourceAsStream("/eaeu/pmm03/client/pmm03-client.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String[] getVersion() {
        return new String[]{"pmm03 " + version()};
    }
}
