package eaeu.pmm03.server.attachment;

import eaeu.pmm03.server.config.Pmm03Properties;
import eaeu.pmm03.server.pipeline.Rejection;
import jakarta.activation.DataHandler;
import jakarta.activation.FileDataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Binary attachments of EEC documents (the PDFs of MSG.016), kept as files named by their SHA-256 in
 * {@code pmm03.attachments.dir}, outside the database rows that would otherwise hold tens of megabytes of base64.
 * A document refers to its attachment with an {@code xop:Include href="cid:<sha256>@pmm03"} in place of the
 * base64 content (the XOP form), so what is stored, journaled and sent again is the same small XML plus files.
 * <p>
 * Storing streams: the bytes go from the request (an MTOM part or decoded base64) through the digest into a
 * temporary file that is forced to disk and then renamed; the size limit is checked while copying, so a part
 * above it is refused with {@code ERR_TOO_LARGE} without being kept. A file is written before the database
 * transaction that refers to it, so an acknowledged document always finds its attachments; a refused message can
 * leave an unreferenced file behind (harmless, same name for the same bytes).
 */
@Component
public class AttachmentStore {

    /** The Content-ID domain of our attachment references. */
    public static final String CID_SUFFIX = "@pmm03";
    private static final Pattern SHA = Pattern.compile("[0-9a-f]{64}");

    /** A stored attachment. */
    public record Stored(String sha256, long size) {
        public String contentId() {
            return sha256 + CID_SUFFIX;
        }
    }

    private final Path dir;
    private final long maxBytes;
    private final JdbcTemplate jdbc;

    public AttachmentStore(Pmm03Properties props, JdbcTemplate jdbc) {
        this.dir = Path.of(props.attachmentDir()).toAbsolutePath();
        this.maxBytes = props.attachments().maxSize().toBytes();
        this.jdbc = jdbc;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the attachment directory " + dir, e);
        }
    }

    /** The directory the attachments are kept in (metrics and readiness watch it). */
    public Path directory() {
        return dir;
    }

    public long maxBytes() {
        return maxBytes;
    }

    /**
     * Copies the stream into the store, refusing it above the limit.
     *
     * @param path the element the attachment belongs to, for the error text
     */
    public Stored store(InputStream in, String path) {
        MessageDigest sha = sha256();
        Path tmp = null;
        try {
            tmp = Files.createTempFile(dir, "incoming-", ".part");
            long size = 0;
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE);
                 OutputStream out = java.nio.channels.Channels.newOutputStream(ch)) {
                byte[] buf = new byte[64 * 1024];
                for (int n; (n = in.read(buf)) > 0; ) {
                    size += n;
                    if (size > maxBytes) {
                        throw tooLarge(path);
                    }
                    sha.update(buf, 0, n);
                    out.write(buf, 0, n);
                }
                out.flush();
                ch.force(true);
            }
            String hex = HexFormat.of().formatHex(sha.digest());
            Path target = dir.resolve(hex);
            if (Files.exists(target)) {
                Files.delete(tmp);
            } else {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            }
            tmp = null;
            jdbc.update("INSERT IGNORE INTO attachment (sha256, size_bytes, stored_at) VALUES (?, ?, ?)", hex, size,
                    Timestamp.from(Instant.now()));
            return new Stored(hex, size);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store an attachment in " + dir, e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // a leftover temporary part is removed on the next start
                }
            }
        }
    }

    /** Stores bytes already in memory (a small inline base64 attachment). */
    public Stored store(byte[] bytes, String path) {
        return store(new java.io.ByteArrayInputStream(bytes), path);
    }

    public Rejection tooLarge(String path) {
        long mb = maxBytes / (1024 * 1024);
        return new Rejection("ERR_TOO_LARGE", null, path,
                "вложение превышает допустимый размер " + mb + " МБ (pmm03.attachments.max-size)",
                "the attachment exceeds the size limit of " + mb + " MB (pmm03.attachments.max-size)");
    }

    /** The file of a stored attachment, by its SHA-256 or by its Content-ID. */
    public Path file(String shaOrCid) {
        String sha = shaOrCid.startsWith("cid:") ? shaOrCid.substring(4) : shaOrCid;
        if (sha.endsWith(CID_SUFFIX)) {
            sha = sha.substring(0, sha.length() - CID_SUFFIX.length());
        }
        if (!SHA.matcher(sha).matches()) {
            throw new IllegalArgumentException("not an attachment reference: " + shaOrCid);
        }
        Path p = dir.resolve(sha);
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException("attachment " + sha + " is missing from " + dir);
        }
        return p;
    }

    public DataHandler dataHandler(String shaOrCid, String mediaType) {
        FileDataSource ds = new FileDataSource(file(shaOrCid).toFile()) {
            @Override
            public String getContentType() {
                return mediaType == null ? "application/octet-stream" : mediaType;
            }
        };
        return new DataHandler(ds);
    }

    /**
     * A document in the XOP form goes out as MTOM: each xop:Include stays in the body and its stored file is
     * streamed as the MIME part of the same Content-ID (used by both delivery channels, sync and eec).
     */
    public void attachTo(jakarta.xml.ws.Dispatch<?> dispatch, org.w3c.dom.Document payload) {
        java.util.Map<String, org.w3c.dom.Element> refs = XopForm.references(payload);
        if (refs.isEmpty()) {
            return;
        }
        java.util.Map<String, DataHandler> parts = new java.util.LinkedHashMap<>();
        refs.keySet().forEach(cid -> parts.put(cid, dataHandler(cid, "application/pdf")));
        ((jakarta.xml.ws.soap.SOAPBinding) dispatch.getBinding()).setMTOMEnabled(true);
        dispatch.getRequestContext().put(jakarta.xml.ws.handler.MessageContext.OUTBOUND_MESSAGE_ATTACHMENTS, parts);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
