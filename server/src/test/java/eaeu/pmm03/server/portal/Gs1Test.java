package eaeu.pmm03.server.portal;

import eaeu.pmm03.server.portal.gs1.Gs1;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

class Gs1Test {

    static final String GS = "\u001d";
    /** 0460123456789 + check digit 3 (3·(9+7+5+3+1+6+4)... computed by hand below). */
    static final String GTIN = "04601234567893";

    @Test
    void checkDigitOfKnownGtins() {
        assertThat(Gs1.checkDigit("0460123456789")).isEqualTo(3);
        assertThat(Gs1.checkDigitOk("04006381333931")).isTrue(); // GS1's own example
        assertThat(Gs1.checkDigitOk("04006381333932")).isFalse();
    }

    @Test
    void rawWithSymbologyIdAndGroupSeparators() {
        Gs1.Parsed p = Gs1.parse("]d201" + GTIN + "21ABC123xyz" + GS + "17281130" + "10IB40-1125");
        assertThat(p.problems()).isEmpty();
        assertThat(p.gtin()).isEqualTo(GTIN);
        assertThat(p.serial()).isEqualTo("ABC123xyz");
        assertThat(p.expiryDate()).isEqualTo(LocalDate.of(2028, 11, 30));
        assertThat(p.batch()).isEqualTo("IB40-1125");
    }

    @Test
    void rawWithLeadingGsAndRussianCryptoTail() {
        // the layout of a Russian "Chestny ZNAK" medicine code: 01, 21, GS, 91 (4), GS, 92 (44)
        String code = GS + "01" + GTIN + "21" + "5NDK2T7XQ1P9W" + GS + "91" + "EE06" + GS + "92"
                + "dGVzdGNyeXB0b3RhaWxvZjQ0Y2hhcmFjdGVyc2xvbmc=" + GS + "17270500" + "10" + "SER-77";
        Gs1.Parsed p = Gs1.parse(code);
        assertThat(p.problems()).isEmpty();
        assertThat(p.elements()).containsKeys("01", "21", "91", "92", "17", "10");
        assertThat(p.expiryDate()).isEqualTo(LocalDate.of(2027, 5, 31)); // DD = 00: end of month
        assertThat(p.batch()).isEqualTo("SER-77");
    }

    @Test
    void humanReadableForm() {
        Gs1.Parsed p = Gs1.parse(" (01)" + GTIN + "(21)ABC123(17)281101(10)IB40-1125 ");
        assertThat(p.problems()).isEmpty();
        assertThat(p.batch()).isEqualTo("IB40-1125");
        assertThat(p.serial()).isEqualTo("ABC123");
        assertThat(p.expiryDate()).isEqualTo(LocalDate.of(2028, 11, 1));
    }

    @Test
    void textualSeparatorsAreAccepted() {
        Gs1.Parsed p = Gs1.parse("01" + GTIN + "21ABC<GS>10L1");
        assertThat(p.problems()).isEmpty();
        assertThat(p.batch()).isEqualTo("L1");
        assertThat(Gs1.parse("01" + GTIN + "21ABC\\u001d10L1").batch()).isEqualTo("L1");
    }

    @Test
    void otherDatesAndAdditionalIdAreSkippedWithTheirLengths() {
        Gs1.Parsed p = Gs1.parse("01" + GTIN + "11250101" + "15290101" + "240ABC" + GS + "10B7");
        assertThat(p.problems()).isEmpty();
        assertThat(p.elements()).containsEntry("11", "250101").containsEntry("15", "290101").containsEntry("240", "ABC");
        assertThat(p.batch()).isEqualTo("B7");
    }

    @Test
    void wrongCheckDigit() {
        Gs1.Parsed p = Gs1.parse("(01)04601234567894(21)A(17)281130(10)B");
        assertThat(p.valid()).isFalse();
        assertThat(p.problems()).extracting(Gs1.Problem::code).containsExactly("CHECK_DIGIT");
        assertThat(p.problems().get(0).en()).contains("3 expected, 4 found");
        assertThat(p.problems().get(0).ru()).contains("контрольная цифра");
    }

    @Test
    void missingGtin() {
        Gs1.Parsed p = Gs1.parse("(21)A(17)281130(10)B");
        assertThat(p.problems()).extracting(Gs1.Problem::code).containsExactly("MISSING_01");
    }

    @Test
    void noBatchIsNotADefect() {
        // national marking codes carry (01) and (21) and a crypto tail, no batch: nothing is wrong with them (D-150)
        Gs1.Parsed p = Gs1.parse("01" + GTIN + "21SERIAL");
        assertThat(p.problems()).isEmpty();
        assertThat(p.gtin()).isEqualTo(GTIN);
        assertThat(p.batch()).isNull();
    }

    @Test
    void nationalMarkingCodes() {
        // (01)(21)(91)(92): key id and 44-character crypto signature
        String crypto = "dGVzdGNyeXB0b3RhaWxmb3JhbWFya2luZ2NvZGVfXzEy";
        Gs1.Parsed long_ = Gs1.parse("]d2" + "01" + GTIN + "21sN5hKq2x%3Q#a" + GS + "91EE10" + GS + "92" + crypto);
        assertThat(long_.problems()).isEmpty();
        assertThat(long_.serial()).isEqualTo("sN5hKq2x%3Q#a");
        assertThat(long_.elements()).containsEntry("91", "EE10").containsEntry("92", crypto);
        // (01)(21)(93): the short form with a 4-character crypto code
        Gs1.Parsed short_ = Gs1.parse("01" + GTIN + "215'aBcD" + GS + "93dGVz");
        assertThat(short_.problems()).isEmpty();
        assertThat(short_.elements()).containsEntry("93", "dGVz");
        assertThat(short_.batch()).isNull();
    }

    @Test
    void theBatchIsReadBesideDefects() {
        // the wrong check digit is reported, the batch is still read
        Gs1.Parsed digit = Gs1.parse("(01)04601234567890(21)X(10)IB40-1125");
        assertThat(digit.problems()).extracting(Gs1.Problem::code).containsExactly("CHECK_DIGIT");
        assertThat(digit.batch()).isEqualTo("IB40-1125");
        // an unknown element in the human form, then the batch
        Gs1.Parsed human = Gs1.parse("(01)" + GTIN + "(88)X(10)IB40-1125");
        assertThat(human.problems()).extracting(Gs1.Problem::code).containsExactly("UNKNOWN_AI");
        assertThat(human.batch()).isEqualTo("IB40-1125");
        // an unknown element in the raw form: reading resumes after the next GS
        Gs1.Parsed raw = Gs1.parse("01" + GTIN + "55XYZ" + GS + "10IB40-1125");
        assertThat(raw.problems()).extracting(Gs1.Problem::code).containsExactly("UNKNOWN_AI");
        assertThat(raw.batch()).isEqualTo("IB40-1125");
        // junk before the first element
        Gs1.Parsed junk = Gs1.parse("(01)" + GTIN + "(10)B7)x(17)281130");
        assertThat(junk.batch()).isEqualTo("B7");
        assertThat(junk.expiry()).isEqualTo("281130");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "0104601234567|TRUNCATED",
            "01046012345678931728|TRUNCATED",
            "0104601234567893" + "99" + "|BAD_LENGTH",
            "0104601234567893" + "55XYZ|UNKNOWN_AI",
            "hello world|UNKNOWN_AI",
            "(01)04601234567893(88)X|UNKNOWN_AI",
            "(01)0460123456789(10)X|BAD_LENGTH",
            "(01)0460123456789A(10)X|NOT_NUMERIC",
            "(01)04601234567893(17)281345(10)X|BAD_DATE",
            "0104601234567893" + "10ABCDEFGHIJKLMNOPQRSTUVWXYZ|TOO_LONG",
            "(01)04601234567893(10)X)junk|UNREADABLE",
            "'   '|EMPTY",
    })
    void badCodesAreExplained(String code, String problem) {
        Gs1.Parsed p = Gs1.parse(code);
        assertThat(p.valid()).isFalse();
        assertThat(p.problems()).extracting(Gs1.Problem::code).contains(problem);
        assertThat(p.problems()).allSatisfy(x -> assertThat(x.ru()).isNotBlank());
    }

    @Test
    void centuryWindow() {
        assertThat(Gs1.date("990101").getYear()).isIn(1999, 2099);
        assertThat(Gs1.date("300229")).isNull(); // 2030 is not a leap year
        assertThat(Gs1.date("280200")).isEqualTo(LocalDate.of(2028, 2, 29));
    }
}
