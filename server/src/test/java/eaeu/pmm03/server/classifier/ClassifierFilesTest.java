package eaeu.pmm03.server.classifier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** D-144: classifier versions from CSV files, their validity, and the clear refusal of a malformed file. */
class ClassifierFilesTest {

    @TempDir
    Path dir;

    private Path write(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text);
    }

    private static String version(String v, String from, String to, String... rows) {
        return "# designation: P.MM.03.CLS.001\n# version: " + v + "\n# validFrom: " + from + "\n"
                + (to == null ? "" : "# validTo: " + to + "\n") + "code;nameRu;nameEn\n" + String.join("\n", rows) + "\n";
    }

    @Test
    void aVersionFileReplacesTheEmptyBundledClassifierWhileItIsValid() throws Exception {
        write("lq-2027.csv", version("2027-1", "2027-01-01", "2027-12-31", "L-1;описание;description", "L-99;другое;other"));
        write("lq-2028.csv", version("2028-1", "2028-01-01", null, "M-1;описание;description"));
        List<Classifiers.Classifier> files = ClassifierFiles.read(dir);
        assertThat(files).extracting(Classifiers.Classifier::version).containsExactly("2027-1", "2028-1");

        Classifiers in2027 = Classifiers.defaults().with(files, LocalDate.of(2027, 6, 1));
        Classifiers.Classifier c = in2027.classifier("P.MM.03.CLS.001").orElseThrow();
        assertThat(c.version()).isEqualTo("2027-1");
        assertThat(c.source()).isEqualTo("lq-2027.csv");
        assertThat(c.nameRu()).isEqualTo("классификатор показателей несоответствия качества лекарственных средств");
        assertThat(in2027.contains("P.MM.03.CLS.001", "L-1")).isTrue();
        assertThat(in2027.contains("P.MM.03.CLS.001", "M-1")).isFalse();
        assertThat(in2027.isOther("P.MM.03.CLS.001", "L-99")).isTrue();

        Classifiers in2028 = Classifiers.defaults().with(files, LocalDate.of(2028, 2, 1));
        assertThat(in2028.version("P.MM.03.CLS.001")).isEqualTo("2028-1");
        assertThat(in2028.isOther("P.MM.03.CLS.001", "L-99")).as("2028 has no «другое»").isFalse();

        Classifiers before = Classifiers.defaults().with(files, LocalDate.of(2026, 12, 31));
        assertThat(before.classifier("P.MM.03.CLS.001").orElseThrow().source()).isEqualTo("bundled");
    }

    @Test
    void aMalformedFileIsRefusedWithItsNameLineAndReason() throws Exception {
        Path f = write("bad.csv", version("1", "2027-01-01", null, "A;один", "A;снова"));
        assertThatThrownBy(() -> ClassifierFiles.parse(f)).hasMessageContaining("bad.csv line 6")
                .hasMessageContaining("code A appears twice");
        Path g = write("nodate.csv", "# designation: P.CLS.039\n# version: 1\ncode;nameRu\n01;мг\n");
        assertThatThrownBy(() -> ClassifierFiles.parse(g)).hasMessageContaining("nodate.csv").hasMessageContaining("validFrom");
        Path h = write("cols.csv", "# designation: P.CLS.039\n# version: 1\n# validFrom: 2027-01-01\nkod;name\n01;мг\n");
        assertThatThrownBy(() -> ClassifierFiles.parse(h)).hasMessageContaining("cols.csv line 4")
                .hasMessageContaining("code;nameRu");
        Path i = write("range.csv", version("1", "2027-01-01", "2026-01-01", "A;один"));
        assertThatThrownBy(() -> ClassifierFiles.parse(i)).hasMessageContaining("validTo 2026-01-01 is before validFrom");
    }

    @Test
    void aFileForSomethingThatIsNotAClassifierOfSectionViiIsRefused() throws Exception {
        write("x.csv", "# designation: P.CLS.020\n# version: 1\n# validFrom: 2020-01-01\ncode;nameRu\n01;x\n");
        List<Classifiers.Classifier> files = ClassifierFiles.read(dir);
        assertThatThrownBy(() -> Classifiers.defaults().with(files, LocalDate.now()))
                .hasMessageContaining("x.csv").hasMessageContaining("P.CLS.020 is not a classifier of section VII");
    }

    @Test
    void noCodeIsInventedForOtherOrCustoms() {
        Classifiers bundled = Classifiers.defaults();
        for (String d : List.of(Classifiers.DOSAGE_UNITS, Classifiers.PRIMARY_PACKAGE_KINDS, Classifiers.PACKAGE_COMPONENTS,
                Classifiers.LOW_QUALITY_INDICATORS, Classifiers.ORGANIZATION_KINDS)) {
            assertThat(bundled.designatedCode(d, Classifiers.OTHER)).as(d).isEmpty();
        }
        assertThat(bundled.designatedCode(Classifiers.ORGANIZATION_KINDS, Classifiers.CUSTOMS_AUTHORITY)).isEmpty();
        assertThat(bundled.codedBy("LowQualityCode")).contains(Classifiers.LOW_QUALITY_INDICATORS);
        assertThat(bundled.codedBy("SubstanceMeasureCode")).contains(Classifiers.DOSAGE_UNITS);
    }
}
