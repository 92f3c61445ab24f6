package eaeu.pmm03.server.pipeline;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The byte-level input check (D-100) on its own: what it copies, where it says the problem is. */
class XmlInputCheckTest {

    @Test
    void copiesAcceptedDocumentsUnchangedAcrossBufferBoundaries() throws Exception {
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?><a>");
        for (int i = 0; i < 20_000; i++) {
            sb.append("Ибупрофен \uD83D\uDE00 &#x10FFFF; <![CDATA[&#x1;]]><!-- &#0; -->");
        }
        byte[] doc = sb.append("</a>").toString().getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(XmlInputCheck.copy(new ByteArrayInputStream(doc), "UTF-8", out)).isEqualTo(doc.length);
        assertThat(out.toByteArray()).isEqualTo(doc);
        byte[] utf16 = sb.toString().replace("utf-8", "UTF-16").getBytes(StandardCharsets.UTF_16);
        out.reset();
        XmlInputCheck.copy(new ByteArrayInputStream(utf16), null, out);
        assertThat(out.toByteArray()).isEqualTo(utf16);
    }

    @Test
    void namesTheByteOffsetOfAnInvalidSequenceAndTheLineOfACharacter() {
        byte[] overlong = "<a>xyz\u00C0\u00AF</a>".getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> XmlInputCheck.check(overlong)).isInstanceOf(Rejection.class)
                .hasMessageContaining("[C0] at byte offset 6").extracting(e -> ((Rejection) e).resultCode())
                .isEqualTo("ERR_SCHEMA");
        assertThatThrownBy(() -> XmlInputCheck.check("<a>\n\n  \u0001</a>".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("U+0001 at line 3, column 3");
        assertThatThrownBy(() -> XmlInputCheck.check("<a b='&#x1;'/>".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("&#x1;");
    }

    @Test
    void onlyTheDeclarationAtTheStartIsTheDeclaration() {
        XmlInputCheck.check("<a><?xml-stylesheet version=\"1.1\"?></a>".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> XmlInputCheck.check("\uFEFF<?xml version=\"1.1\"?><a/>".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("XML version 1.1");
    }

    @Test
    void emptyInputIsLeftToTheParser() {
        XmlInputCheck.check(new byte[0]);
    }
}
