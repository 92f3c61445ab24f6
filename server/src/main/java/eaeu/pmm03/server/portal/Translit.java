package eaeu.pmm03.server.portal;

import java.util.Locale;
import java.util.Map;

/**
 * Transliteration for search (issue #14.3, D-190): a word typed in Latin letters also looks for its Cyrillic spelling
 * ("ibuprofen" finds «Ибупрофен», "amoxicillin" «Амоксициллин») and a Cyrillic word for its Latin one, so trade names
 * and INNs are found in either alphabet. Only a prefix of the converted word is used (endings differ between the
 * languages: paracetamol / парацетамол, omeprazole / омепразол).
 */
final class Translit {

    /** Letters of the converted word kept as a FULLTEXT prefix term. */
    static final int PREFIX = 5;

    private static final String[][] LATIN = {
            {"shch", "щ"}, {"sch", "щ"}, {"zh", "ж"}, {"kh", "х"}, {"ts", "ц"}, {"ch", "ч"}, {"sh", "ш"}, {"ya", "я"},
            {"yu", "ю"}, {"yo", "ё"}, {"ye", "е"}, {"ph", "ф"}, {"th", "т"}, {"qu", "кв"}, {"x", "кс"}, {"a", "а"},
            {"b", "б"}, {"c", "ц"}, {"d", "д"}, {"e", "е"}, {"f", "ф"}, {"g", "г"}, {"h", "х"}, {"i", "и"}, {"j", "й"},
            {"k", "к"}, {"l", "л"}, {"m", "м"}, {"n", "н"}, {"o", "о"}, {"p", "п"}, {"q", "к"}, {"r", "р"}, {"s", "с"},
            {"t", "т"}, {"u", "у"}, {"v", "в"}, {"w", "в"}, {"y", "и"}, {"z", "з"}};

    private static final Map<Character, String> CYRILLIC = Map.ofEntries(
            Map.entry('а', "a"), Map.entry('б', "b"), Map.entry('в', "v"), Map.entry('г', "g"), Map.entry('д', "d"),
            Map.entry('е', "e"), Map.entry('ё', "e"), Map.entry('ж', "zh"), Map.entry('з', "z"), Map.entry('и', "i"),
            Map.entry('й', "y"), Map.entry('к', "k"), Map.entry('л', "l"), Map.entry('м', "m"), Map.entry('н', "n"),
            Map.entry('о', "o"), Map.entry('п', "p"), Map.entry('р', "r"), Map.entry('с', "s"), Map.entry('т', "t"),
            Map.entry('у', "u"), Map.entry('ф', "f"), Map.entry('х', "h"), Map.entry('ц', "c"), Map.entry('ч', "ch"),
            Map.entry('ш', "sh"), Map.entry('щ', "shch"), Map.entry('ъ', ""), Map.entry('ы', "y"), Map.entry('ь', ""),
            Map.entry('э', "e"), Map.entry('ю', "yu"), Map.entry('я', "ya"), Map.entry('і', "i"), Map.entry('ә', "a"),
            Map.entry('ғ', "g"), Map.entry('қ', "k"), Map.entry('ң', "n"), Map.entry('ө', "o"), Map.entry('ұ', "u"),
            Map.entry('ү', "u"), Map.entry('һ', "h"));

    private Translit() {}

    /** The word in the other alphabet, or null when it is not purely Latin or purely Cyrillic letters. */
    static String other(String word) {
        String w = word.toLowerCase(Locale.ROOT);
        if (w.chars().allMatch(ch -> ch >= 'a' && ch <= 'z')) {
            StringBuilder b = new StringBuilder();
            int i = 0;
            next:
            while (i < w.length()) {
                for (String[] p : LATIN) {
                    if (w.startsWith(p[0], i)) {
                        b.append(p[1]);
                        i += p[0].length();
                        continue next;
                    }
                }
                i++;
            }
            return b.toString();
        }
        if (w.chars().allMatch(ch -> CYRILLIC.containsKey((char) ch))) {
            StringBuilder b = new StringBuilder();
            for (char ch : w.toCharArray()) {
                b.append(CYRILLIC.get(ch));
            }
            return b.toString();
        }
        return null;
    }

    /** A FULLTEXT boolean-mode term: the word as typed, or its spelling in the other alphabet, both as prefixes. */
    static String term(String word) {
        String o = other(word);
        if (o == null || o.length() < 3) {
            return "+" + word + "*";
        }
        return "+(" + word + "* " + o.substring(0, Math.min(o.length(), Math.max(PREFIX, 3))) + "*)";
    }
}
