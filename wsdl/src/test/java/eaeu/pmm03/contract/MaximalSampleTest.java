package eaeu.pmm03.contract;

import eaeu.pmm03.contract.samples.Samples;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The maximal R.HC.MM.03.001 sample uses every element and attribute row of the structure (after corrections), and
 * the minimal one exactly the mandatory rows; computed from spec/structures.json, not from the XSDs.
 */
class MaximalSampleTest {

    static final String MAXIMAL = "dmd-msg008-maximal.xml";
    static final String MINIMAL = "dmd-minimal.xml";

    static Set<String> specPaths(String structure, boolean mandatoryOnly) {
        Set<String> out = new TreeSet<>();
        SpecRows.Structure s = SpecRows.structure(structure);
        out.add("/" + s.rootElement());
        for (SpecRows.Row r : SpecRows.flatten(s)) {
            if (!mandatoryOnly || mandatory(r)) {
                out.add(r.path());
            }
        }
        return out;
    }

    private static boolean mandatory(SpecRows.Row r) {
        for (SpecRows.Row x = r; x != null; x = x.parent()) {
            if (x.minOccurs() == 0) {
                return false;
            }
        }
        return true;
    }

    @Test
    void maximalSampleUsesEveryRowOfTheStructure() {
        Set<String> expected = specPaths("R.HC.MM.03.001", false);
        assertThat(expected).hasSize(212 + 1);
        Set<String> actual = new TreeSet<>(Dom.paths(Dom.parse(Samples.byFile(MAXIMAL).bytes())));
        assertThat(missing(expected, actual)).as("rows of R.HC.MM.03.001 the maximal sample does not use").isEmpty();
        assertThat(missing(actual, expected)).as("paths of the maximal sample that are no row").isEmpty();
    }

    @Test
    void maximalSampleRepeatsWhatMayRepeat() {
        String text = Samples.byFile(MAXIMAL).text();
        for (SpecRows.Row r : SpecRows.flatten(SpecRows.structure("R.HC.MM.03.001"))) {
            if (!r.attribute() && r.maxOccurs() != 1) {
                List<String> occurrences = Dom.paths(Dom.parse(Samples.byFile(MAXIMAL).bytes())).stream()
                        .filter(p -> p.equals(r.path())).toList();
                assertThat(occurrences).as(r.path()).isNotEmpty();
                assertThat(count(text, "<" + r.xmlName() + ">") + count(text, "<" + r.xmlName() + " "))
                        .as("occurrences of repeatable " + r.xmlName()).isGreaterThanOrEqualTo(2);
            }
        }
    }

    @Test
    void minimalSampleUsesExactlyTheMandatoryRows() {
        Set<String> expected = specPaths("R.HC.MM.03.001", true);
        Set<String> actual = new TreeSet<>(Dom.paths(Dom.parse(Samples.byFile(MINIMAL).bytes())));
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void correspondenceSamplesTogetherUseEveryRowOfTheirStructure() {
        Set<String> expected = specPaths("R.HC.MM.03.002", false);
        Set<String> actual = new LinkedHashSet<>();
        Samples.forStructure("R.HC.MM.03.002").stream().filter(Samples.Sample::valid)
                .forEach(s -> actual.addAll(Dom.paths(Dom.parse(s.bytes()))));
        assertThat(missing(expected, actual)).isEmpty();
        assertThat(missing(actual, expected)).isEmpty();
    }

    private static Set<String> missing(Set<String> from, Set<String> in) {
        return from.stream().filter(p -> !in.contains(p)).collect(Collectors.toCollection(TreeSet::new));
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }
}
