package eaeu.pmm03.server.classifier;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

class ClassifiersTest {

    private final Classifiers c = Classifiers.defaults();

    @Test
    void countriesAreTheCompleteIso3166Alpha2List() {
        assertThat(c.classifier(Classifiers.COUNTRIES)).get().satisfies(k -> {
            assertThat(k.entries()).hasSize(249);
            assertThat(k.entries().keySet()).containsExactlyInAnyOrder(Locale.getISOCountries());
            assertThat(k.version()).isNotBlank();
        });
        for (String code : List.of("AM", "BY", "KZ", "KG", "RU", "DE", "US", "CN", "AQ", "BV")) {
            assertThat(c.isCountry(code)).as(code).isTrue();
        }
        assertThat(c.country("KZ")).get().satisfies(e -> {
            assertThat(e.nameEn()).isEqualTo("Kazakhstan");
            assertThat(e.nameRu()).isEqualTo("Казахстан");
        });
    }

    @Test
    void unknownCountryCodesAreRejected() {
        for (String code : List.of("XX", "kz", "SU", "EU", "", " KZ")) {
            assertThat(c.isCountry(code)).as(code).isFalse();
        }
        assertThat(c.isCountry(null)).isFalse();
    }

    @Test
    void unitsOfRecommendation20() {
        for (String code : List.of("H87", "C62", "MGM", "GRM", "KGM", "MC", "MLT", "LTR", "NAR", "PK", "BX", "NIU", "ZZ", "XBX", "E48")) {
            assertThat(c.isUnit(code)).as(code).isTrue();
        }
        assertThat(c.unit("MC")).get().extracting(Classifiers.Entry::nameEn).isEqualTo("microgram");
        assertThat(c.unit("H87")).get().extracting(Classifiers.Entry::nameEn).isEqualTo("piece");
        assertThat(c.classifier(Classifiers.UNITS)).get().satisfies(k -> assertThat(k.entries().size()).isGreaterThan(2000));
        for (String code : List.of("QQQ", "mgm", "MCG", "")) {
            assertThat(c.isUnit(code)).as(code).isFalse();
        }
        assertThat(c.isUnit(null)).isFalse();
    }

    @Test
    void sectionViiClassifiersAreAllListed() {
        assertThat(c.designations()).containsExactly("P.CLS.009", "P.CLS.019", "P.CLS.038", "P.CLS.039", "P.CLS.041",
                "P.CLS.044", "P.CLS.046", "P.CLS.069", "P.CLS.109", "P.CLS.110", "P.CLS.111", "P.CLS.112", "P.CLS.113",
                "P.MM.03.CLS.001", "P.MM.03.CLS.002");
        // no values in the seed: empty, versioned, any code accepted (D-45)
        assertThat(c.classifier("P.MM.03.CLS.001")).get().satisfies(k -> {
            assertThat(k.isEmpty()).isTrue();
            assertThat(k.version()).isNotBlank();
        });
        assertThat(c.contains("P.MM.03.CLS.001", "L-17")).isTrue();
        assertThat(c.contains(Classifiers.UNITS, "QQQ")).isFalse();
        assertThat(c.isKnownClassifier("P.CLS.020")).isFalse();
    }

    @Test
    void fixedCodeListsOfTheRules() {
        assertThat(c.codeList(Classifiers.SUBSTANCE_MEASURE_TYPE_CODE)).containsExactly("01", "02", "03", "04", "05");
        assertThat(c.codeList(Classifiers.DOSAGE_UNIT_KIND_CODE))
                .containsExactly("01", "02", "03", "04", "05", "06", "07", "08", "09");
        assertThat(c.inCodeList(Classifiers.DOSAGE_UNIT_KIND_CODE, "10")).isFalse();
        assertThat(c.codeList(Classifiers.PICTURE_MEDIA_TYPE))
                .containsExactly("application/pdf", "image/tiff", "image/png", "image/jpeg");
        assertThat(c.codeListName(Classifiers.DRUG_SUBSTANCE_ROLE_CODE, "03")).contains("реагент");
    }

    @Test
    void designatedValues() {
        // D-33: the seed prints no code for «другое»; none is invented while no version is loaded
        assertThat(c.isOther(Classifiers.PRIMARY_PACKAGE_KINDS, "99")).isFalse();
        assertThat(c.designatedCode(Classifiers.PRIMARY_PACKAGE_KINDS, Classifiers.OTHER)).isEmpty();
        Classifiers loaded = TestClassifiers.loaded();
        assertThat(loaded.isOther(Classifiers.PRIMARY_PACKAGE_KINDS, "99")).isTrue();
        assertThat(loaded.isOther(Classifiers.PRIMARY_PACKAGE_KINDS, "01")).isFalse();
        assertThat(loaded.designatedCode(Classifiers.ORGANIZATION_KINDS, Classifiers.CUSTOMS_AUTHORITY)).contains("03");
        assertThat(c.isOther(Classifiers.LOW_QUALITY_INDICATORS, null)).isFalse();
        assertThat(c.designatedCode(Classifiers.ORGANIZATION_KINDS, Classifiers.CUSTOMS_AUTHORITY)).isEmpty();
        assertThat(c.designatedName(Classifiers.ORGANIZATION_KINDS, Classifiers.CUSTOMS_AUTHORITY)).contains("таможенный орган");
    }
}
