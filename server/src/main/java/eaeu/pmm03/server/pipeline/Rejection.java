package eaeu.pmm03.server.pipeline;

/**
 * A message refused by a stage of the inbound pipeline, with the R.006 result code (see resultCodes in
 * pmm03-process.json), the rule that was violated if any ("table 12, rule 21"), the element path and a text in
 * Russian and English. Nothing of the message reaches the unified database; only its journal line is written.
 */
public class Rejection extends RuntimeException {

    private final String resultCode;
    private final String rule;
    private final String path;
    private final String textRu;
    private final String textEn;

    public Rejection(String resultCode, String rule, String path, String textRu, String textEn) {
        super(prefix(rule, textEn) + textEn + (path == null ? "" : " [" + path + "]"));
        this.resultCode = resultCode;
        this.rule = rule;
        this.path = path;
        this.textRu = textRu;
        this.textEn = textEn;
    }

    public String resultCode() { return resultCode; }
    public String rule() { return rule; }
    public String path() { return path; }
    public String textRu() { return textRu; }
    public String textEn() { return textEn; }

    /** The R.006 DescriptionText: rule, path, and the reason in both languages (at most 4000 characters). */
    public String description() {
        String s = prefix(rule, textEn) + textEn + (path == null ? "" : " [" + path + "]")
                + " / " + prefix(rule == null ? null : ruleRu(rule), textRu) + textRu;
        return s.length() <= 4000 ? s : s.substring(0, 3997) + "...";
    }

    /** "table 12, rule 21: " unless the text already starts with it. */
    private static String prefix(String rule, String text) {
        return rule == null || text.toLowerCase().startsWith(rule.toLowerCase()) ? "" : rule + ": ";
    }

    private static String ruleRu(String rule) {
        return rule.replace("table", "таблица").replace("rule", "требование");
    }
}
