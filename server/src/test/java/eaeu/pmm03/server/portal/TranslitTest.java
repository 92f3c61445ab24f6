package eaeu.pmm03.server.portal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** D-190: Latin queries find Cyrillic names and the other way round. */
class TranslitTest {

    @Test
    void latinToCyrillicAndBack() {
        assertThat(Translit.other("ibuprofen")).isEqualTo("ибупрофен");
        assertThat(Translit.other("Amoxicillin")).isEqualTo("амоксициллин");
        assertThat(Translit.other("paracetamol")).isEqualTo("парацетамол");
        assertThat(Translit.other("Shchuchinsk")).startsWith("щуч");
        assertThat(Translit.other("Ибупрофен")).isEqualTo("ibuprofen");
        assertThat(Translit.other("IB40")).isNull();
        assertThat(Translit.other("mixedКириллица")).isNull();
    }

    @Test
    void termsArePrefixesInBothAlphabets() {
        assertThat(Translit.term("omeprazole")).isEqualTo("+(omeprazole* омепр*)");
        assertThat(Translit.term("ибупрофен")).isEqualTo("+(ибупрофен* ibupr*)");
        assertThat(Translit.term("IB40")).isEqualTo("+IB40*");
    }
}
