package eaeu.pmm03.security.policy;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SignaturePolicyTest {

    @Test
    void defaultIsAllOff() {
        SignaturePolicy p = SignaturePolicy.of(Map.of());
        for (int i = 1; i <= 16; i++) {
            assertThat(p.mode(String.format("MSG.%03d", i))).isEqualTo(SignaturePolicy.Mode.OFF);
        }
        assertThat(p.anySigning()).isFalse();
    }

    @Test
    void perMessageEntriesByFullOrShortCodeOverrideTheDefault() {
        SignaturePolicy p = SignaturePolicy.of(Map.of("default", "sign", "P.MM.03.MSG.001", "require",
                "msg.005", "OFF", "[P.MM.03.MSG.004]", "Sign"));
        assertThat(p.mode("P.MM.03.MSG.001")).isEqualTo(SignaturePolicy.Mode.REQUIRE);
        assertThat(p.mode("MSG.001")).isEqualTo(SignaturePolicy.Mode.REQUIRE);
        assertThat(p.mode("P.MM.03.MSG.005")).isEqualTo(SignaturePolicy.Mode.OFF);
        assertThat(p.mode("MSG.004")).isEqualTo(SignaturePolicy.Mode.SIGN);
        assertThat(p.mode("MSG.016")).isEqualTo(SignaturePolicy.Mode.SIGN);
    }

    @Test
    void theStrictestOfTheCandidateCodesApplies() {
        SignaturePolicy p = SignaturePolicy.of(Map.of("MSG.001", "require", "MSG.007", "off"));
        assertThat(p.strictest(List.of("P.MM.03.MSG.007", "P.MM.03.MSG.001"))).isEqualTo(SignaturePolicy.Mode.REQUIRE);
        assertThat(p.strictest(List.of())).isEqualTo(SignaturePolicy.Mode.OFF);
    }

    @Test
    void unknownMessagesAndModesAreConfigurationErrors() {
        assertThatThrownBy(() -> SignaturePolicy.of(Map.of("MSG.017", "sign"))).hasMessageContaining("MSG.017");
        assertThatThrownBy(() -> SignaturePolicy.of(Map.of("MSG.001", "yes"))).hasMessageContaining("off, sign or require");
    }

    @Test
    void readsTheSamePropertiesFormatAsTheServer() {
        Properties pr = new Properties();
        pr.setProperty("pmm03.security.signature-policy.default", "off");
        pr.setProperty("pmm03.security.signature-policy.P.MM.03.MSG.013", "require");
        pr.setProperty("pmm03.other", "ignored");
        SignaturePolicy p = SignaturePolicy.fromProperties(pr);
        assertThat(p.mode("MSG.013")).isEqualTo(SignaturePolicy.Mode.REQUIRE);
        assertThat(p.entries()).containsOnlyKeys("P.MM.03.MSG.013");
    }

    @Test
    void aPolicyFileIsReReadWhenItChangesAndABrokenOneKeepsTheLastGoodPolicy() throws Exception {
        Path f = Files.createTempFile("policy", ".properties");
        Files.writeString(f, "pmm03.security.signature-policy.default=off\n");
        Properties baseline = new Properties();
        baseline.setProperty("pmm03.security.signature-policy.MSG.002", "sign");
        SignaturePolicySource s = SignaturePolicySource.of(baseline, f);
        assertThat(s.get().mode("MSG.001")).isEqualTo(SignaturePolicy.Mode.OFF);
        assertThat(s.get().mode("MSG.002")).isEqualTo(SignaturePolicy.Mode.SIGN);

        Files.writeString(f, "pmm03.security.signature-policy.MSG.001=require\n");
        Files.setLastModifiedTime(f, FileTime.fromMillis(System.currentTimeMillis() + 5000));
        assertThat(s.get().mode("MSG.001")).isEqualTo(SignaturePolicy.Mode.REQUIRE);

        Files.writeString(f, "pmm03.security.signature-policy.MSG.001=maybe\n");
        Files.setLastModifiedTime(f, FileTime.fromMillis(System.currentTimeMillis() + 10000));
        assertThat(s.get().mode("MSG.001")).isEqualTo(SignaturePolicy.Mode.REQUIRE);
    }
}
