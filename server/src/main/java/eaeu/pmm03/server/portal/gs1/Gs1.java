package eaeu.pmm03.server.portal.gs1;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parser of the GS1 element strings carried by the Data Matrix of a medicine pack (GS1 General Specifications,
 * section 3 and 7.8): the raw form as a scanner delivers it (optional symbology identifier {@code ]d2}, FNC1
 * transmitted as the GS character U+001D between variable-length fields) and the human-readable form
 * {@code (01)04601234567893(21)ABC(17)281130(10)X1}.
 *
 * <p>Pharmaceutical packs need (01) GTIN, (21) serial number, (17) expiry date and (10) batch/lot; other
 * application identifiers are read with their length (fixed or variable) and kept but not interpreted.
 */
public final class Gs1 {

    /** The group separator: FNC1 as transmitted inside the data. */
    public static final char GS = '\u001d';

    private Gs1() {}

    /** One problem with a code, in Russian and English. */
    public record Problem(String code, String ru, String en) {}

    /** The result: the element strings in order, the four pharma fields, and the problems (empty if valid). */
    public record Parsed(String input, Map<String, String> elements, String gtin, String serial, String expiry,
                         LocalDate expiryDate, String batch, List<Problem> problems) {
        public boolean valid() {
            return problems.isEmpty();
        }
    }

    /** Length rules of an AI: fixed length (digits counted after the AI) or variable up to max. */
    record Ai(String ai, int fixed, int max, boolean numeric, String title) {
        boolean variable() {
            return fixed == 0;
        }
    }

    private static final Map<String, Ai> AIS = new LinkedHashMap<>();

    private static void fixed(String ai, int length, String title) {
        AIS.put(ai, new Ai(ai, length, length, true, title));
    }

    private static void variable(String ai, int max, boolean numeric, String title) {
        AIS.put(ai, new Ai(ai, 0, max, numeric, title));
    }

    static {
        fixed("00", 18, "SSCC");
        fixed("01", 14, "GTIN");
        fixed("02", 14, "CONTENT");
        variable("10", 20, false, "BATCH/LOT");
        fixed("11", 6, "PROD DATE");
        fixed("12", 6, "DUE DATE");
        fixed("13", 6, "PACK DATE");
        fixed("15", 6, "BEST BEFORE");
        fixed("16", 6, "SELL BY");
        fixed("17", 6, "USE BY / EXPIRY");
        fixed("20", 2, "VARIANT");
        variable("21", 20, false, "SERIAL");
        variable("22", 20, false, "CPV");
        variable("240", 30, false, "ADDITIONAL ID");
        variable("241", 30, false, "CUST. PART No.");
        variable("30", 8, true, "VAR. COUNT");
        variable("37", 8, true, "COUNT");
        variable("710", 20, false, "NHRN PZN");
        variable("711", 20, false, "NHRN CIP");
        variable("712", 20, false, "NHRN CN");
        variable("713", 20, false, "NHRN DRN");
        variable("714", 20, false, "NHRN AIM");
        variable("90", 30, false, "INTERNAL");
        for (int i = 91; i <= 99; i++) {
            variable(String.valueOf(i), 90, false, "INTERNAL");
        }
    }

    private static final Pattern HUMAN = Pattern.compile("\\((\\d{2,4})\\)([^()]*)");
    private static final Pattern SYMBOLOGY = Pattern.compile("^\\][A-Za-z][0-9A-Za-z]");

    /** Parses a code as pasted or scanned. Never throws: problems are reported in the result. */
    public static Parsed parse(String input) {
        List<Problem> problems = new ArrayList<>();
        Map<String, String> elements = new LinkedHashMap<>();
        String s = normalize(input == null ? "" : input);
        if (s.isEmpty()) {
            problems.add(new Problem("EMPTY", "Код пуст: вставьте или отсканируйте содержимое Data Matrix.",
                    "The code is empty: paste or scan the content of the Data Matrix."));
        } else if (s.startsWith("(")) {
            human(s, elements, problems);
        } else {
            raw(s, elements, problems);
        }
        return finish(input, elements, problems);
    }

    /** Scanner and keyboard-wedge spellings of FNC1/GS become U+001D; a symbology identifier is dropped. */
    static String normalize(String in) {
        String s = in.strip();
        s = s.replace("<GS>", "\u001d").replace("{GS}", "\u001d").replace("[GS]", "\u001d")
                .replace("\\u001d", "\u001d").replace("\\u001D", "\u001d").replace("\\x1d", "\u001d")
                .replace("\\x1D", "\u001d").replace("<FNC1>", "\u001d");
        Matcher m = SYMBOLOGY.matcher(s);
        if (m.find()) {
            s = s.substring(m.end());
        }
        while (!s.isEmpty() && s.charAt(0) == GS) {
            s = s.substring(1);
        }
        while (!s.isEmpty() && s.charAt(s.length() - 1) == GS) {
            s = s.substring(0, s.length() - 1);
        }
        return s.replace("\r", "").replace("\n", "");
    }

    private static void human(String s, Map<String, String> elements, List<Problem> problems) {
        Matcher m = HUMAN.matcher(s);
        int at = 0;
        while (m.find()) {
            if (m.start() != at) {
                problems.add(unreadable(s.substring(at, m.start()), at));
            }
            String ai = m.group(1);
            String value = m.group(2).strip().replace(String.valueOf(GS), "");
            Ai rule = AIS.get(ai);
            if (rule == null) {
                problems.add(unknown(ai, m.start()));
            } else if (checkLength(rule, value, problems)) {
                put(elements, ai, value, problems);
            }
            // the parentheses delimit every element: a defective one is reported and the next ones still read
            at = m.end();
        }
        if (at != s.length()) {
            problems.add(unreadable(s.substring(at), at));
        }
    }

    private static void raw(String s, Map<String, String> elements, List<Problem> problems) {
        int i = 0;
        while (i < s.length()) {
            if (s.charAt(i) == GS) {
                i++;
                continue;
            }
            Ai rule = null;
            for (int n = 2; n <= 4 && i + n <= s.length() && rule == null; n++) {
                rule = AIS.get(s.substring(i, i + n));
            }
            if (rule == null) {
                String ai = s.substring(i, Math.min(s.length(), i + 2));
                problems.add(unknown(ai, i));
                // the length of an unknown element is unknown: read on after the next separator, if there is one
                int next = s.indexOf(GS, i);
                if (next < 0) {
                    return;
                }
                i = next + 1;
                continue;
            }
            int start = i + rule.ai().length();
            String value;
            if (!rule.variable()) {
                if (start + rule.fixed() > s.length() || s.substring(start, start + rule.fixed()).indexOf(GS) >= 0) {
                    String got = s.substring(start, Math.min(s.length(), start + rule.fixed()));
                    int gs = got.indexOf(GS);
                    int have = gs >= 0 ? gs : got.length();
                    problems.add(new Problem("TRUNCATED",
                            "Поле (" + rule.ai() + ") обрезано: ожидалось " + rule.fixed() + " знаков, получено " + have + ".",
                            "Field (" + rule.ai() + ") is truncated: " + rule.fixed() + " characters expected, " + have + " found."));
                    return;
                }
                value = s.substring(start, start + rule.fixed());
                i = start + rule.fixed();
            } else {
                int end = s.indexOf(GS, start);
                if (end < 0) {
                    end = s.length();
                }
                value = s.substring(start, end);
                if (value.length() > rule.max()) {
                    problems.add(new Problem("TOO_LONG",
                            "Поле (" + rule.ai() + ") длиннее " + rule.max() + " знаков: вероятно, пропущен разделитель GS (FNC1) после него.",
                            "Field (" + rule.ai() + ") is longer than " + rule.max() + " characters: the GS (FNC1) separator after it is probably missing."));
                    return;
                }
                i = end;
            }
            if (checkLength(rule, value, problems)) {
                put(elements, rule.ai(), value, problems);
            }
        }
    }

    private static boolean checkLength(Ai rule, String value, List<Problem> problems) {
        if (value.isEmpty() || (!rule.variable() && value.length() != rule.fixed()) || value.length() > rule.max()) {
            String want = rule.variable() ? "1–" + rule.max() : String.valueOf(rule.fixed());
            problems.add(new Problem("BAD_LENGTH",
                    "Поле (" + rule.ai() + ") должно содержать " + want + " знаков, а содержит " + value.length() + ".",
                    "Field (" + rule.ai() + ") must have " + want + " characters, it has " + value.length() + "."));
            return false;
        }
        if ((rule.numeric() || !rule.variable()) && !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            problems.add(new Problem("NOT_NUMERIC", "Поле (" + rule.ai() + ") должно состоять из цифр: «" + value + "».",
                    "Field (" + rule.ai() + ") must be digits only: \"" + value + "\"."));
            return false;
        }
        if (value.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            problems.add(new Problem("BAD_CHARACTER", "Поле (" + rule.ai() + ") содержит управляющие символы.",
                    "Field (" + rule.ai() + ") contains control characters."));
            return false;
        }
        return true;
    }

    private static void put(Map<String, String> elements, String ai, String value, List<Problem> problems) {
        if (elements.containsKey(ai) && !elements.get(ai).equals(value)) {
            problems.add(new Problem("REPEATED_AI", "Поле (" + ai + ") встречается дважды с разными значениями.",
                    "Field (" + ai + ") occurs twice with different values."));
        }
        elements.putIfAbsent(ai, value);
    }

    private static Parsed finish(String input, Map<String, String> elements, List<Problem> problems) {
        String gtin = elements.get("01");
        if (gtin == null) {
            if (!elements.isEmpty()) {
                problems.add(new Problem("MISSING_01", "Нет поля (01) GTIN: это не полный код упаковки лекарственного препарата GS1.",
                        "Field (01) GTIN is missing: this is not a complete GS1 medicine pack code."));
            }
        } else {
            gtinProblem(gtin).ifPresent(problems::add);
        }
        // no (10) is not a defect: national marking codes carry (01)(21) and a crypto tail only (D-150)
        String expiry = elements.get("17");
        LocalDate expiryDate = null;
        if (expiry != null) {
            expiryDate = date(expiry);
            if (expiryDate == null) {
                problems.add(new Problem("BAD_DATE", "Поле (17) «" + expiry + "» — не дата ГГММДД.",
                        "Field (17) \"" + expiry + "\" is not a YYMMDD date."));
            }
        }
        return new Parsed(input, elements, gtin, elements.get("21"), expiry, expiryDate, elements.get("10"),
                List.copyOf(problems));
    }

    /** The defect of a GTIN typed or scanned, if any (its mod-10 check digit). */
    public static java.util.Optional<Problem> gtinProblem(String gtin) {
        if (!gtin.matches("\\d{14}")) {
            return java.util.Optional.of(new Problem("BAD_LENGTH", "GTIN должен состоять из 14 цифр: «" + gtin + "».",
                    "A GTIN must be 14 digits: \"" + gtin + "\"."));
        }
        if (checkDigitOk(gtin)) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new Problem("CHECK_DIGIT",
                "Неверная контрольная цифра GTIN " + gtin + ": ожидалась " + checkDigit(gtin.substring(0, 13)) + ", указана " + gtin.charAt(13) + ".",
                "Wrong GTIN check digit in " + gtin + ": " + checkDigit(gtin.substring(0, 13)) + " expected, " + gtin.charAt(13) + " found."));
    }

    /** YYMMDD with the GS1 century rule (7.12) and DD = 00 meaning the last day of the month. */
    public static LocalDate date(String yymmdd) {
        if (yymmdd == null || !yymmdd.matches("\\d{6}")) {
            return null;
        }
        int yy = Integer.parseInt(yymmdd.substring(0, 2));
        int mm = Integer.parseInt(yymmdd.substring(2, 4));
        int dd = Integer.parseInt(yymmdd.substring(4, 6));
        int now = LocalDate.now().getYear();
        int century = now / 100 * 100;
        int diff = yy - now % 100;
        if (diff >= 51) {
            century -= 100;
        } else if (diff <= -50) {
            century += 100;
        }
        if (mm < 1 || mm > 12) {
            return null;
        }
        YearMonth ym = YearMonth.of(century + yy, mm);
        if (dd == 0) {
            return ym.atEndOfMonth();
        }
        return dd <= ym.lengthOfMonth() ? ym.atDay(dd) : null;
    }

    /** The GS1 mod-10 check digit of the digits given (all but the check digit). */
    public static int checkDigit(String digits) {
        int sum = 0;
        for (int i = 0; i < digits.length(); i++) {
            int d = digits.charAt(digits.length() - 1 - i) - '0';
            sum += i % 2 == 0 ? d * 3 : d;
        }
        return (10 - sum % 10) % 10;
    }

    public static boolean checkDigitOk(String gtin) {
        return gtin.matches("\\d{8,14}") && checkDigit(gtin.substring(0, gtin.length() - 1)) == gtin.charAt(gtin.length() - 1) - '0';
    }

    private static Problem unknown(String ai, int at) {
        return new Problem("UNKNOWN_AI",
                "Неизвестный идентификатор применения (" + ai + ") в позиции " + (at + 1) + ": код не в формате GS1 или повреждён.",
                "Unknown application identifier (" + ai + ") at position " + (at + 1) + ": the code is not GS1 or is damaged.");
    }

    private static Problem unreadable(String text, int at) {
        return new Problem("UNREADABLE", "Не удалось разобрать текст «" + text + "» в позиции " + (at + 1) + ".",
                "Cannot read \"" + text + "\" at position " + (at + 1) + ".");
    }
}
