package eaeu.pmm03.server.rules;

import eaeu.pmm03.contract.counterfeitdrug.CounterfeitDrugCorrespondenceDetails;

/**
 * Fill requirements for R.HC.MM.03.002 (CounterfeitDrugCorrespondenceDetails): table 8 (MSG.014, request for
 * additional information) and table 9 (MSG.016, additional information). Texts come from fill-rules.json.
 */
final class CorrespondenceRules {

    static final String ROOT = "/CounterfeitDrugCorrespondenceDetails";

    private CorrespondenceRules() {}

    /** Table 8 (MSG.014). */
    static RuleSet<CounterfeitDrugCorrespondenceDetails> request() {
        return new RuleSet<>(8, CounterfeitDrugCorrespondenceDetails.class)
            // D-44: the printed 'hccdo:tails' is hccdo:OfficialDocDetails
            .rule(1, (d, c) -> {
                if (d.getOfficialDocDetails() == null) {
                    c.report(ROOT + "/OfficialDocDetails");
                }
            });
    }

    /** Table 9 (MSG.016). */
    static RuleSet<CounterfeitDrugCorrespondenceDetails> answer() {
        return new RuleSet<>(9, CounterfeitDrugCorrespondenceDetails.class)
            .rule(1, (d, c) -> {
                if (d.getCounterfeitDrugAnswerDetails().isEmpty()) {
                    c.report(ROOT + "/CounterfeitDrugAnswerDetails");
                }
            })
            // D-42: at least one of the three
            .rule(2, (d, c) -> {
                boolean note = d.getNoteText().stream().anyMatch(Text::filled);
                if (!note && d.getPdfBinaryText().isEmpty() && d.getAnyDetails().isEmpty()) {
                    c.report(ROOT);
                }
            });
    }
}
