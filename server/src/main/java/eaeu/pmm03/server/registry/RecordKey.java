package eaeu.pmm03.server.registry;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The identity of a record of the unified database (table 12 rule 4, table 13 rule 4): country, subsection code,
 * trade name, drug name details and official document, in a canonical string form. At most one version per key
 * is active at any time; the database enforces it with a unique index on the key's SHA-256.
 */
public record RecordKey(String canonical) {

    public String sha256() {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
