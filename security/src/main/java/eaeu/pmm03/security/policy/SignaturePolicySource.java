package eaeu.pmm03.security.policy;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Properties;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Where the signature policy comes from. Either fixed (from application.yml / properties at start), or a policy
 * file ({@code pmm03.security.signature-policy-file}) that is re-read when it changes, so that signing can be switched
 * on for a message on the day of a Collegium decision without a release and without a restart. The configured
 * entries (application.yml) are the baseline; entries of the file override them. A file that does not parse is logged and ignored: the
 * last good policy stays in force (a typo never switches verification off).
 */
public final class SignaturePolicySource implements Supplier<SignaturePolicy> {

    private static final Logger log = Logger.getLogger(SignaturePolicySource.class.getName());

    private final Properties inline;
    private final Path file;
    private volatile FileTime seen;
    private volatile SignaturePolicy current;

    private SignaturePolicySource(Properties inline, Path file) {
        this.inline = inline;
        this.file = file;
        this.current = SignaturePolicy.fromProperties(inline);
        if (file != null) {
            reload(true);
        }
    }

    public static SignaturePolicySource fixed(SignaturePolicy p) {
        SignaturePolicySource s = new SignaturePolicySource(new Properties(), null);
        s.current = p;
        return s;
    }

    /**
     * @param inline {@code pmm03.security.signature-policy.*} entries given directly (the file overrides them)
     * @param file   policy file with the same keys, or null
     */
    public static SignaturePolicySource of(Properties inline, Path file) {
        return new SignaturePolicySource(inline, file);
    }

    public Path file() {
        return file;
    }

    @Override
    public SignaturePolicy get() {
        if (file != null) {
            reload(false);
        }
        return current;
    }

    private synchronized void reload(boolean first) {
        try {
            FileTime t = Files.getLastModifiedTime(file);
            if (!first && t.equals(seen)) {
                return;
            }
            Properties fromFile = new Properties();
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                fromFile.load(r);
            }
            Properties p = new Properties();
            p.putAll(inline);
            p.putAll(fromFile); // the file is the operator's switch: it overrides the configured baseline
            SignaturePolicy next = SignaturePolicy.fromProperties(p);
            seen = t;
            if (!first && !next.toString().equals(current.toString())) {
                log.info("signature policy changed (" + file + "): " + next);
            }
            current = next;
        } catch (IOException | IllegalArgumentException e) {
            if (first) {
                throw new IllegalStateException("cannot read the signature policy file " + file + ": "
                        + e.getMessage(), e);
            }
            log.log(Level.WARNING, "signature policy file " + file + " not applied, keeping " + current, e);
            try {
                seen = Files.getLastModifiedTime(file);
            } catch (IOException ignored) {
                // the file vanished: keep the policy in force
            }
        }
    }
}
