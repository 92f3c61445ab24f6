package eaeu.pmm03.server.rules;

import java.text.Normalizer;
import java.util.Locale;

/** Text helpers shared by the rules and {@link RecordKey}. */
final class Text {

    private Text() {}

    static boolean filled(String s) { return s != null && !s.isBlank(); }

    /** Code comparison form: trimmed, or "" for null. */
    static String code(String s) { return s == null ? "" : s.trim(); }

    /** Name comparison form: Unicode NFC, whitespace runs collapsed to one blank, trimmed, lower case. */
    static String name(String s) {
        if (s == null) {
            return "";
        }
        String n = Normalizer.normalize(s, Normalizer.Form.NFC).replaceAll("\\s+", " ").trim();
        return n.toLowerCase(Locale.ROOT).replace('ё', 'е');
    }

    static boolean sameName(String a, String b) { return a != null && b != null && name(a).equals(name(b)); }
}
