package eaeu.pmm03.security.policy;

import eaeu.pmm03.contract.process.ProcessTable;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Which messages of P.MM.03 are signed: a table "message code → mode" with a default. Data, not code: the same
 * keys are read by the server (application.yml / environment) and by the client stub (a properties file):
 * <pre>
 * pmm03.security.signature-policy.default=off
 * pmm03.security.signature-policy.P.MM.03.MSG.001=require
 * pmm03.security.signature-policy.MSG.004=sign
 * </pre>
 * Keys may name a message by full ("P.MM.03.MSG.001") or short ("MSG.001") code; values are off, sign or require
 * (case-insensitive). An unknown message code or mode is a configuration error, never silently ignored.
 */
public final class SignaturePolicy {

    /** The property prefix of the policy table. */
    public static final String PREFIX = "pmm03.security.signature-policy";

    /** What a node does with the signature of one message. */
    public enum Mode {
        /** Outgoing: not signed. Incoming: a signature, if present, is still verified (and must be valid). */
        OFF,
        /** Outgoing: signed. Incoming: a signature, if present, is verified; an unsigned message is accepted. */
        SIGN,
        /** Outgoing: signed. Incoming: an unsigned message, or one with an invalid signature, is rejected. */
        REQUIRE;

        public boolean signsOutgoing() {
            return this != OFF;
        }

        public static Mode parse(String s) {
            try {
                return valueOf(s.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new IllegalArgumentException("signature policy mode must be off, sign or require, not '" + s + "'");
            }
        }

        /** The stricter of two modes (off &lt; sign &lt; require). */
        public Mode max(Mode other) {
            return other.ordinal() > ordinal() ? other : this;
        }
    }

    private final Mode defaultMode;
    private final Map<String, Mode> byMessage;

    private SignaturePolicy(Mode defaultMode, Map<String, Mode> byMessage) {
        this.defaultMode = defaultMode;
        this.byMessage = Collections.unmodifiableMap(new TreeMap<>(byMessage));
    }

    /** Everything off: the seed's "признак ЭЦП: нет" until a Collegium decision. */
    public static SignaturePolicy allOff() {
        return new SignaturePolicy(Mode.OFF, Map.of());
    }

    /**
     * A policy from a table whose keys are "default" or message codes (full or short) and values off|sign|require.
     * This is what Spring binds from {@code pmm03.security.signature-policy.*}.
     */
    public static SignaturePolicy of(Map<String, String> table) {
        Mode def = Mode.OFF;
        Map<String, Mode> modes = new LinkedHashMap<>();
        if (table != null) {
            for (Map.Entry<String, String> e : table.entrySet()) {
                String key = e.getKey().trim();
                // Spring may hand over a bracketed key ("[P.MM.03.MSG.001]") when it was written so in YAML
                if (key.startsWith("[") && key.endsWith("]")) {
                    key = key.substring(1, key.length() - 1);
                }
                Mode m = Mode.parse(e.getValue());
                if (key.equalsIgnoreCase("default")) {
                    def = m;
                } else {
                    String code = normalize(key);
                    Mode before = modes.put(code, m);
                    if (before != null && before != m) {
                        throw new IllegalArgumentException("signature policy of " + code + " is given twice: "
                                + before + " and " + m);
                    }
                }
            }
        }
        return new SignaturePolicy(def, modes);
    }

    /** A policy from flat properties carrying the {@link #PREFIX} (other keys are ignored). */
    public static SignaturePolicy fromProperties(Properties p) {
        Map<String, String> table = new LinkedHashMap<>();
        for (String name : p.stringPropertyNames()) {
            if (name.startsWith(PREFIX + ".")) {
                table.put(name.substring(PREFIX.length() + 1), p.getProperty(name));
            }
        }
        return of(table);
    }

    /** A policy from a properties file (UTF-8), e.g. the client stub's security.properties. */
    public static SignaturePolicy load(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        return fromProperties(p);
    }

    private static String normalize(String key) {
        String k = key.toUpperCase(Locale.ROOT);
        ProcessTable table = ProcessTable.get();
        try {
            return table.message(k).code();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("signature policy names unknown message '" + key
                    + "' (expected P.MM.03.MSG.001 … P.MM.03.MSG.016 or MSG.001 … MSG.016)");
        }
    }

    public Mode defaultMode() {
        return defaultMode;
    }

    /** The mode of one message (full or short code); messages not in the table get the default. */
    public Mode mode(String messageCode) {
        Mode m = byMessage.get(normalize(messageCode));
        return m == null ? defaultMode : m;
    }

    /**
     * The strictest mode among the codes a message could be taken for (its operation, its wsa:Action, the
     * InfEnvelopeCode of its document): a sender cannot lower the policy by naming a laxer message. With no code at
     * all, the default.
     */
    public Mode strictest(Collection<String> messageCodes) {
        if (messageCodes.isEmpty()) {
            return defaultMode;
        }
        Mode m = Mode.OFF;
        for (String c : messageCodes) {
            m = m.max(mode(c));
        }
        return m;
    }

    /** The explicit entries of the table (full message codes). */
    public Map<String, Mode> entries() {
        return byMessage;
    }

    /** Whether any message can be signed or required (so keys must be configured). */
    public boolean anySigning() {
        return defaultMode != Mode.OFF || byMessage.values().stream().anyMatch(m -> m != Mode.OFF);
    }

    @Override
    public String toString() {
        return "SignaturePolicy{default=" + defaultMode + ", " + byMessage + "}";
    }
}
