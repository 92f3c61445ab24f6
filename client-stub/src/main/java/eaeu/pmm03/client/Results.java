package eaeu.pmm03.client;

import eaeu.pmm03.contract.process.ProcessTable;
import eaeu.pmm03.contract.processingresult.ProcessingResultDetails;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reading R.006 answers: the result code's meaning from the process table, the rule and path named. */
public final class Results {

    private static final Pattern RULE = Pattern.compile("(?i)\\b(table \\d+, rule \\d+|decision D-\\d+)");
    private static final Pattern PATH = Pattern.compile("\\[(/\\S+?)](?:\\s|$)");

    private Results() {}

    /** "table 12, rule 4" (lower case) as named in a description, or null. */
    public static String rule(String description) {
        if (description == null) {
            return null;
        }
        Matcher m = RULE.matcher(description);
        return m.find() ? m.group(1).toLowerCase().replace("decision d-", "decision D-") : null;
    }

    /** The element path named in square brackets, or null. */
    public static String path(String description) {
        if (description == null) {
            return null;
        }
        Matcher m = PATH.matcher(description);
        return m.find() ? m.group(1) : null;
    }

    public static boolean success(String resultCode) {
        return ProcessTable.get().resultCodes().stream()
                .anyMatch(c -> c.code().equals(resultCode) && c.success());
    }

    public static boolean success(ProcessingResultDetails r) {
        return r != null && success(r.getProcessingResultV2Code());
    }

    /** The meaning of a result code in "en" or "ru", or the code itself if it is not in the table. */
    public static String meaning(String resultCode, String lang) {
        return ProcessTable.get().resultCodes().stream().filter(c -> c.code().equals(resultCode)).findFirst()
                .map(c -> "ru".equals(lang) ? c.ru() : c.en()).orElse(resultCode);
    }
}
