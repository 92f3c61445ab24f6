package eaeu.pmm03.security.wss;

import jakarta.activation.DataHandler;
import jakarta.activation.DataSource;
import org.apache.cxf.attachment.AttachmentDataSource;
import org.apache.cxf.attachment.AttachmentImpl;
import org.apache.cxf.message.Attachment;
import org.apache.cxf.message.Message;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Collection;

/**
 * D-226: the MIME parts of a received message, kept in CXF's attachment cache (a temporary file above
 * {@code attachment-memory-threshold}), handed out as streams that support mark/reset by opening the cached part
 * again — so WSS4J's Attachment-Content-Signature-Transform, which marks the stream before digesting it and resets
 * it afterwards for the application, does not wrap the part in a {@code BufferedInputStream} that keeps every byte
 * read since the mark (25 MB of heap for a 25 MB PDF, growing by doubling).
 */
final class RereadableAttachments {

    private RereadableAttachments() {}

    /**
     * For a signed message only (an unsigned one streams its parts once, straight to the attachment store): caches
     * every part (if not yet) and gives each a data source whose streams can be reset.
     */
    static void prepare(Message msg, boolean signed) {
        Collection<Attachment> atts = msg.getAttachments();
        if (!signed || atts == null || atts.isEmpty()) {
            return;
        }
        for (Attachment a : atts) {
            DataHandler dh = a.getDataHandler();
            if (dh == null || !(a instanceof AttachmentImpl impl) || dh.getDataSource() instanceof Source) {
                continue;
            }
            DataSource ds = dh.getDataSource();
            if (!(ds instanceof AttachmentDataSource cxf)) {
                continue; // a part in memory or a file: its streams are what they are
            }
            try {
                cxf.cache(msg);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the MIME part " + a.getId(), e);
            }
            impl.setDataHandler(new DataHandler(new Source(cxf)));
        }
    }

    /** A cached part: every stream is a fresh one over the cache, with mark/reset by opening it again. */
    static final class Source implements DataSource {
        private final AttachmentDataSource cached;

        Source(AttachmentDataSource cached) {
            this.cached = cached;
        }

        @Override
        public InputStream getInputStream() {
            return new Rewinding(cached);
        }

        @Override
        public OutputStream getOutputStream() throws IOException {
            return cached.getOutputStream();
        }

        @Override
        public String getContentType() {
            return cached.getContentType();
        }

        @Override
        public String getName() {
            return cached.getName();
        }
    }

    /** Reads the cached part; {@link #reset()} opens it again and skips to the mark. */
    static final class Rewinding extends InputStream {
        private final AttachmentDataSource source;
        private InputStream in;
        private long pos;
        private long mark;

        Rewinding(AttachmentDataSource source) {
            this.source = source; // opened on first use: a stream asked for and never read holds no file open
        }

        private InputStream in() throws IOException {
            if (in == null) {
                in = open();
            }
            return in;
        }

        private InputStream open() throws IOException {
            InputStream s = source.getInputStream();
            if (s == null) {
                throw new IOException("the cached MIME part is no longer readable");
            }
            return s;
        }

        @Override
        public int read() throws IOException {
            int b = in().read();
            if (b >= 0) {
                pos++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in().read(b, off, len);
            if (n > 0) {
                pos += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long k = in().skip(n);
            pos += Math.max(0, k);
            return k;
        }

        @Override
        public int available() throws IOException {
            return in().available();
        }

        @Override
        public boolean markSupported() {
            return true;
        }

        @Override
        public synchronized void mark(int readlimit) {
            mark = pos;
        }

        @Override
        public synchronized void reset() throws IOException {
            if (in == null && mark == 0) {
                return; // never opened: already at the start
            }
            // the new stream first: CXF deletes its cache file when the last stream over it is closed
            InputStream old = in;
            in = open();
            if (old != null) {
                old.close();
            }
            pos = 0;
            while (pos < mark) {
                long k = in.skip(mark - pos);
                if (k <= 0) {
                    if (in.read() < 0) {
                        throw new IOException("the cached MIME part is shorter than the mark");
                    }
                    k = 1;
                }
                pos += k;
            }
        }

        @Override
        public void close() throws IOException {
            if (in != null) {
                in.close();
            }
        }
    }
}
