package eaeu.pmm03.server.transport;

import eaeu.pmm03.server.registry.StoredVersion;
import org.codehaus.stax2.XMLStreamWriter2;

import javax.xml.stream.XMLStreamException;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * D-244: an export form (D-220) as the database sends it, UTF-8 bytes, copied to the answer's output stream as they
 * are: no decoding into a String by the JDBC driver and no encoding again by the XML writer (the two were most of
 * the export's CPU once the forms had replaced the parse). The check that {@link ExportForm#publishable(String)}
 * makes on characters is made here on the bytes: well-formed UTF-8 (no overlong form, no surrogate, nothing above
 * U+10FFFF) of characters XML 1.0 allows, the item's end tag where it must be; a form that fails it is skipped as
 * D-103 says.
 *
 * <p>The bytes go under the XML writer: {@link #stream} gives the output stream of a Woodstox writer that encodes
 * UTF-8 (the plain SOAP response), and the caller flushes the writer before it writes bytes there (only when the
 * writer wrote something since: the items follow one another without a flush).
 */
final class ExportBytes {

    private ExportBytes() {}

    /** The stream under a raw writer when it writes UTF-8 to one (the bytes can go there), else null. */
    static OutputStream stream(XMLStreamWriter2 w) {
        if (w == null || !"UTF-8".equalsIgnoreCase(w.getEncoding())) {
            return null;
        }
        try {
            return w.getProperty("com.ctc.wstx.outputUnderlyingStream") instanceof OutputStream o ? o : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Where the item root's end tag starts in a form (which must end with the end tag of its root), or -1. */
    static int end(byte[] form) {
        int n = form.length;
        if (n < 8 || form[0] != '<' || form[n - 1] != '>') {
            return -1;
        }
        int name = 1;
        while (name < n && form[name] != ' ' && form[name] != '>' && form[name] != '/') {
            name++;
        }
        int end = n - (name - 1) - 3;
        if (end <= name || form[end] != '<' || form[end + 1] != '/') {
            return -1;
        }
        for (int i = 1; i < name; i++) {
            if (form[end + 1 + i] != form[i]) {
                return -1;
            }
        }
        return end;
    }

    /** Eight bytes of a form at once, in the machine's order (only whether all are plain ASCII is asked). */
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.nativeOrder());
    private static final long HIGH = 0x8080808080808080L;
    private static final long SPACE = 0x2020202020202020L;

    /** {@link ExportForm#publishable(String)} on the form's UTF-8 bytes. */
    static boolean publishable(byte[] form) {
        if (form == null || end(form) < 0) {
            return false;
        }
        int n = form.length;
        int i = 0;
        while (i < n) {
            // most of a form is tags: eight bytes at once while none is a control or above ASCII (a word that might
            // hold one, the subtraction's borrow included, is looked at byte by byte below)
            while (i + 8 <= n) {
                long w = (long) LONGS.get(form, i);
                if (((w | (w - SPACE)) & HIGH) != 0) {
                    break;
                }
                i += 8;
            }
            if (i == n) {
                break;
            }
            int b = form[i];
            if (b >= 0x20) {             // ASCII other than the controls
                i++;
                continue;
            }
            if (b >= 0) {                // a control: only tab, new line, carriage return
                if (b != '\t' && b != '\n' && b != '\r') {
                    return false;
                }
                i++;
                continue;
            }
            if (b >= (byte) 0xC2 && b <= (byte) 0xDF) { // two bytes, U+0080..U+07FF (Cyrillic): never excluded
                if (i + 1 == n || (form[i + 1] & 0xC0) != 0x80) {
                    return false;
                }
                i += 2;
                continue;
            }
            int c;
            int len;
            if ((b & 0xF0) == 0xE0) {
                c = b & 0x0F;
                len = 3;
            } else if ((b & 0xF8) == 0xF0) {
                c = b & 0x07;
                len = 4;
            } else {
                return false;            // a continuation byte where a character starts, C0/C1 (overlong), F8..FF
            }
            if (i + len > n) {
                return false;
            }
            for (int k = 1; k < len; k++) {
                int cb = form[i + k];
                if ((cb & 0xC0) != 0x80) {
                    return false;
                }
                c = (c << 6) | (cb & 0x3F);
            }
            // the shortest form only; no surrogates; U+FFFE, U+FFFF and beyond U+10FFFF are not XML 1.0 characters
            if (len == 3 && c < 0x800 || len == 4 && (c < 0x10000 || c > 0x10FFFF)
                    || c >= 0xD800 && c <= 0xDFFF || c == 0xFFFE || c == 0xFFFF) {
                return false;
            }
            i += len;
        }
        return true;
    }

    /**
     * The forms of one answer on their way to the stream under the writer, gathered in 64 KB (D-246): each form is a
     * few KB, and written one by one they went to the servlet container's 8 KB response buffer, one socket write
     * and one HTTP chunk per ~8 KB; a write of a full 64 KB goes from here to the socket as it is. Drained (written,
     * not flushed) before the XML writer writes again and at the end of the items.
     */
    static final class Sink {
        static final int SIZE = 64 * 1024;
        private final OutputStream out;
        private final byte[] buffer = new byte[SIZE];
        private int length;

        Sink(OutputStream out) {
            this.out = out;
        }

        /**
         * Adds a version's form: the item up to its end tag, the database's ResourceItemStatusDetails
         * ({@link ExportForm#status}, ASCII), the end tag. The XML writer above the stream must have been flushed.
         */
        void write(byte[] form, StoredVersion v) throws XMLStreamException {
            int end = end(form);
            try {
                add(form, 0, end);
                byte[] status = ExportForm.status(v).getBytes(StandardCharsets.US_ASCII);
                add(status, 0, status.length);
                add(form, end, form.length - end);
            } catch (IOException e) {
                throw new XMLStreamException("cannot write the answer: " + e.getMessage(), e);
            }
        }

        private void add(byte[] b, int off, int len) throws IOException {
            while (len > 0) {
                if (length == SIZE) {
                    out.write(buffer, 0, SIZE);
                    length = 0;
                }
                int n = Math.min(len, SIZE - length);
                System.arraycopy(b, off, buffer, length, n);
                length += n;
                off += n;
                len -= n;
            }
        }

        /** Writes what is gathered to the stream (without flushing it). */
        void drain() throws XMLStreamException {
            if (length > 0) {
                try {
                    out.write(buffer, 0, length);
                } catch (IOException e) {
                    throw new XMLStreamException("cannot write the answer: " + e.getMessage(), e);
                }
                length = 0;
            }
        }
    }
}
