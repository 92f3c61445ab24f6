package eaeu.pmm03.server.rules;

/**
 * One row of {@code eaeu/pmm03/rules/fill-rules.json}.
 *
 * @param id               table and number
 * @param message          message code, e.g. {@code P.MM.03.MSG.001}
 * @param textRu           Russian text (XML names repaired; for D-30 the applied text)
 * @param textEn           short English text
 * @param sourceLine       first line of the requirement in the seed
 * @param decision         decision id where the implementation interprets or deviates, or {@code null}
 * @param enforcedBySchema whether the XSD already enforces the requirement
 */
public record RuleText(RuleId id, String message, String textRu, String textEn, int sourceLine, String decision,
                       boolean enforcedBySchema) {}
