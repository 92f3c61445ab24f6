package eaeu.pmm03.server.pipeline;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The check of an inbound XML document on its raw bytes, before any parser sees them (decision D-100): whatever is
 * accepted must be publishable again in the contract's XML 1.0.
 * <ul>
 *   <li>XML 1.0 only: an XML declaration with another version (1.1) is refused;</li>
 *   <li>encodings UTF-8 and UTF-16 only, decoded strictly: overlong UTF-8 forms, surrogates encoded in UTF-8,
 *       truncated sequences, code points above U+10FFFF and unpaired UTF-16 surrogates are refused, as is a
 *       declared encoding (or HTTP charset) that disagrees with the bytes;</li>
 *   <li>every character, and every character reference ({@code &#x1;}), must match the XML 1.0 {@code Char}
 *       production (#x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]);</li>
 *   <li>a DOCTYPE is refused (the parsers refuse it too; here it is named).</li>
 * </ul>
 * A refusal is a {@link Rejection} {@code ERR_SCHEMA} naming the byte offset (encoding errors) or the line and
 * column (characters), in Russian and English. The bytes are copied unchanged to an output while they are checked
 * (one pass, no document-sized buffer of our own).
 */
public final class XmlInputCheck {

    public static final String RESULT_CODE = "ERR_SCHEMA";

    private static final Pattern PSEUDO_ATTR = Pattern.compile("(version|encoding|standalone)\\s*=\\s*(['\"])([^'\"]*)\\2");

    private XmlInputCheck() {}

    /** Checks a whole document held in memory (the operator's submissions). */
    public static void check(byte[] document) {
        try {
            copy(new ByteArrayInputStream(document), null, OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new IllegalStateException(e); // not from a byte array
        }
    }

    /**
     * Copies {@code in} to {@code out}, checking the bytes on the way.
     *
     * @param httpCharset the charset of the HTTP Content-Type, or null when it names none
     * @return the number of bytes copied
     * @throws Rejection the first problem found (what was copied so far is then to be discarded)
     */
    public static long copy(InputStream in, String httpCharset, OutputStream out) throws IOException {
        String http = httpCharset == null || httpCharset.isBlank() ? null : family(httpCharset.trim());
        if (httpCharset != null && !httpCharset.isBlank() && http == null) {
            throw refusal("кодировка " + httpCharset + " в заголовке Content-Type не поддерживается: принимаются только"
                            + " UTF-8 и UTF-16",
                    "the charset " + httpCharset + " of the Content-Type is not supported: only UTF-8 and UTF-16 are");
        }
        byte[] buf = new byte[16 * 1024];
        int n = readHead(in, buf);
        if (n <= 0) {
            return 0;
        }
        out.write(buf, 0, n);
        Detected d = detect(buf, n);
        if (http != null && !http.equals(d.family)) {
            throw refusal("кодировка " + httpCharset + " в заголовке Content-Type не совпадает с кодировкой документа ("
                            + d.family + ")",
                    "the charset " + httpCharset + " of the Content-Type disagrees with the document's encoding ("
                            + d.family + ")");
        }
        Scanner s = new Scanner(d);
        CharsetDecoder decoder = d.charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer bytes = ByteBuffer.allocate(buf.length + 8);
        CharBuffer chars = CharBuffer.allocate(buf.length + 8);
        long offset = d.bomLength; // byte offset of bytes.position() within the document
        long total = n;
        bytes.put(buf, d.bomLength, n - d.bomLength);
        boolean eof = false;
        while (true) {
            bytes.flip();
            CoderResult r = decoder.decode(bytes, chars, eof);
            // what was decoded before a bad sequence is scanned first: a declaration naming another encoding
            // explains the bad bytes better than they do themselves
            chars.flip();
            s.scan(chars);
            chars.clear();
            if (r.isError()) {
                throw encodingError(d, offset + bytes.position(), r, bytes);
            }
            if (eof) {
                decoder.flush(chars);
            }
            offset += bytes.position();
            bytes.compact();
            if (eof) {
                break;
            }
            int m = in.read(buf, 0, Math.min(buf.length, bytes.remaining()));
            if (m < 0) {
                eof = true;
            } else if (m > 0) {
                out.write(buf, 0, m);
                total += m;
                bytes.put(buf, 0, m);
            }
        }
        if (bytes.position() > 0) {
            throw refusal("документ обрывается внутри последовательности " + d.family + " (смещение " + offset + " байт)",
                    "the document ends inside a " + d.family + " sequence (byte offset " + offset + ")");
        }
        s.end();
        return total;
    }

    private static int readHead(InputStream in, byte[] buf) throws IOException {
        int n = 0;
        while (n < 4) {
            int m = in.read(buf, n, buf.length - n);
            if (m < 0) {
                break;
            }
            n += m;
        }
        return n;
    }

    /** The encoding family a charset name belongs to, or null if it is neither UTF-8 nor UTF-16. */
    private static String family(String name) {
        String c = name.toUpperCase(Locale.ROOT).replace("\"", "").replace("'", "");
        if (c.equals("UTF-8") || c.equals("UTF8")) {
            return "UTF-8";
        }
        if (c.equals("UTF-16") || c.equals("UTF-16BE") || c.equals("UTF-16LE") || c.equals("UTF16")) {
            return "UTF-16";
        }
        return null;
    }

    private record Detected(String family, Charset charset, int bomLength) {}

    /** The encoding from the byte-order mark or the first characters (XML 1.0, appendix F). */
    private static Detected detect(byte[] b, int n) {
        int b0 = n > 0 ? b[0] & 0xFF : -1, b1 = n > 1 ? b[1] & 0xFF : -1, b2 = n > 2 ? b[2] & 0xFF : -1,
                b3 = n > 3 ? b[3] & 0xFF : -1;
        if ((b0 == 0 && b1 == 0) || (b0 == 0xFF && b1 == 0xFE && b2 == 0 && b3 == 0)) {
            throw refusal("кодировка UTF-32/UCS-4 не поддерживается: принимаются только UTF-8 и UTF-16",
                    "UTF-32/UCS-4 is not supported: only UTF-8 and UTF-16 are");
        }
        if (b0 == 0xEF && b1 == 0xBB && b2 == 0xBF) {
            return new Detected("UTF-8", StandardCharsets.UTF_8, 3);
        }
        if (b0 == 0xFE && b1 == 0xFF) {
            return new Detected("UTF-16", StandardCharsets.UTF_16BE, 2);
        }
        if (b0 == 0xFF && b1 == 0xFE) {
            return new Detected("UTF-16", StandardCharsets.UTF_16LE, 2);
        }
        if (b0 == 0 && b1 == 0x3C) {
            return new Detected("UTF-16", StandardCharsets.UTF_16BE, 0);
        }
        if (b0 == 0x3C && b1 == 0) {
            return new Detected("UTF-16", StandardCharsets.UTF_16LE, 0);
        }
        return new Detected("UTF-8", StandardCharsets.UTF_8, 0);
    }

    private static Rejection encodingError(Detected d, long offset, CoderResult r, ByteBuffer bytes) {
        StringBuilder hex = new StringBuilder();
        for (int i = 0; i < r.length() && bytes.position() + i < bytes.limit(); i++) {
            hex.append(String.format("%02X ", bytes.get(bytes.position() + i) & 0xFF));
        }
        String seq = hex.toString().trim();
        return refusal("недопустимая последовательность байтов " + d.family + " [" + seq + "] со смещения " + offset
                        + " байт (избыточная форма, закодированный суррогат, оборванная или неверная последовательность)",
                "invalid " + d.family + " byte sequence [" + seq + "] at byte offset " + offset
                        + " (overlong form, encoded surrogate, truncated or otherwise malformed sequence)");
    }

    static Rejection refusal(String ru, String en) {
        return new Rejection(RESULT_CODE, null, null, "входной XML отклонен: " + ru, "input XML refused: " + en);
    }

    static boolean isXml10Char(int c) {
        return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD)
                || (c >= 0x10000 && c <= 0x10FFFF);
    }

    /** Characters, markup that hides references (comments, CDATA, PIs), the XML declaration and references. */
    private static final class Scanner {
        private enum State { NORMAL, COMMENT, CDATA, PI, CHARREF }

        private final Detected detected;
        private State state = State.NORMAL;
        private final StringBuilder recent = new StringBuilder();
        private final StringBuilder capture = new StringBuilder();
        private boolean declaration;
        private long index; // characters seen (code points)
        private long line = 1;
        private long column;
        private char high; // pending high surrogate
        private long refLine;
        private long refColumn;

        Scanner(Detected detected) {
            this.detected = detected;
        }

        void scan(CharBuffer chars) {
            while (chars.hasRemaining()) {
                char c = chars.get();
                int cp;
                if (high != 0) {
                    cp = Character.toCodePoint(high, c); // the strict decoder only yields well-formed pairs
                    high = 0;
                } else if (Character.isHighSurrogate(c)) {
                    high = c;
                    continue;
                } else {
                    cp = c;
                }
                next(cp);
            }
        }

        private void next(int cp) {
            if (cp == '\n') {
                line++;
                column = 0;
            } else {
                column++;
            }
            index++;
            if (!isXml10Char(cp)) {
                throw refusal(String.format("символ U+%04X в строке %d, позиции %d не допускается в XML 1.0", cp, line,
                                column),
                        String.format("the character U+%04X at line %d, column %d is not allowed in XML 1.0", cp, line,
                                column));
            }
            switch (state) {
                case NORMAL -> normal(cp);
                case COMMENT -> until(cp, "-->");
                case CDATA -> until(cp, "]]>");
                case PI -> pi(cp);
                case CHARREF -> charRef(cp);
            }
        }

        private void normal(int cp) {
            recent.appendCodePoint(cp);
            if (recent.length() > 9) {
                recent.delete(0, recent.length() - 9);
            }
            if (cp == '#' && endsWith("&#")) {
                state = State.CHARREF;
                capture.setLength(0);
                refLine = line;
                refColumn = column - 1;
            } else if (cp == '?' && endsWith("<?")) {
                state = State.PI;
                declaration = index == 2;
                capture.setLength(0);
            } else if (cp == '-' && endsWith("<!--")) {
                enter(State.COMMENT);
            } else if (cp == '[' && endsWith("<![CDATA[")) {
                enter(State.CDATA);
            } else if (cp == 'E' && endsWith("<!DOCTYPE")) {
                throw refusal("объявление DOCTYPE (строка " + line + ") не допускается",
                        "a DOCTYPE declaration (line " + line + ") is not allowed");
            }
        }

        private boolean endsWith(String s) {
            int l = recent.length();
            return l >= s.length() && recent.lastIndexOf(s) == l - s.length();
        }

        private void enter(State s) {
            state = s;
            recent.setLength(0);
        }

        private void until(int cp, String end) {
            recent.appendCodePoint(cp);
            if (recent.length() > 3) {
                recent.delete(0, recent.length() - 3);
            }
            if (recent.toString().equals(end)) {
                state = State.NORMAL;
                recent.setLength(0);
            }
        }

        private void pi(int cp) {
            if (capture.length() < 512) {
                capture.appendCodePoint(cp);
            }
            int l = capture.length();
            if (cp == '>' && l >= 2 && capture.charAt(l - 2) == '?') {
                state = State.NORMAL;
                recent.setLength(0);
                if (declaration && capture.length() > 4 && capture.substring(0, 3).equals("xml")
                        && Character.isWhitespace(capture.charAt(3))) {
                    xmlDeclaration(capture.substring(3, l - 2));
                }
            }
        }

        private void xmlDeclaration(String pseudo) {
            Matcher m = PSEUDO_ATTR.matcher(pseudo);
            while (m.find()) {
                String value = m.group(3).trim();
                if (m.group(1).equals("version") && !value.equals("1.0")) {
                    throw refusal("XML версии " + value + " не принимается: контракт использует XML 1.0",
                            "XML version " + value + " is not accepted: the contract is XML 1.0");
                }
                if (m.group(1).equals("encoding")) {
                    String f = family(value);
                    if (f == null) {
                        throw refusal("кодировка " + value + " не поддерживается: принимаются только UTF-8 и UTF-16",
                                "the encoding " + value + " is not supported: only UTF-8 and UTF-16 are");
                    }
                    if (!f.equals(detected.family)) {
                        throw refusal("объявленная кодировка " + value + " не совпадает с кодировкой байтов документа ("
                                        + detected.family + ")",
                                "the declared encoding " + value + " disagrees with the document's bytes ("
                                        + detected.family + ")");
                    }
                }
            }
        }

        private void charRef(int cp) {
            if (cp != ';') {
                if (capture.length() > 12) { // not a reference the parser would accept either
                    state = State.NORMAL;
                    recent.setLength(0);
                } else {
                    capture.appendCodePoint(cp);
                }
                return;
            }
            state = State.NORMAL;
            recent.setLength(0);
            String ref = capture.toString();
            long value;
            try {
                value = ref.startsWith("x") ? Long.parseLong(ref.substring(1), 16) : Long.parseLong(ref);
            } catch (NumberFormatException e) {
                return; // malformed: the parser names it
            }
            if (value > Integer.MAX_VALUE || !isXml10Char((int) value)) {
                throw refusal("ссылка на символ &#" + ref + "; в строке " + refLine + ", позиции " + refColumn
                                + " обозначает символ, недопустимый в XML 1.0",
                        "the character reference &#" + ref + "; at line " + refLine + ", column " + refColumn
                                + " is not an XML 1.0 character");
            }
        }

        void end() {
            if (high != 0) {
                throw refusal("документ заканчивается половиной суррогатной пары", "the document ends with half a surrogate pair");
            }
        }
    }
}
