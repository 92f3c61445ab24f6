package eaeu.pmm03.security.xml;

import org.junit.jupiter.api.Test;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The SAX reader of {@link HardenedXml}: namespace-aware, reusable, and as closed to DTD tricks as the DOM parser. */
class HardenedSaxReaderTest {

    private final HardenedXml xml = new HardenedXml(XmlLimits.defaults());

    @Test
    void reportsNamespacesAndCanBeReused() throws Exception {
        var reader = xml.newSaxReader();
        List<String> seen = new ArrayList<>();
        reader.setContentHandler(new DefaultHandler() {
            @Override
            public void startPrefixMapping(String prefix, String uri) {
                seen.add("xmlns:" + prefix + "=" + uri);
            }

            @Override
            public void startElement(String uri, String local, String qName, Attributes atts) {
                seen.add("{" + uri + "}" + local);
            }
        });
        reader.parse(new InputSource(new StringReader("<a:x xmlns:a='urn:a'><a:y/></a:x>")));
        reader.parse(new InputSource(new StringReader("<z xmlns='urn:b'/>")));
        assertEquals(List.of("xmlns:a=urn:a", "{urn:a}x", "{urn:a}y", "xmlns:=urn:b", "{urn:b}z"), seen);
    }

    @Test
    void refusesDoctypeAndExternalEntities() {
        var reader = xml.newSaxReader();
        reader.setContentHandler(new DefaultHandler());
        String xxe = "<!DOCTYPE x [<!ENTITY e SYSTEM 'file:///etc/passwd'>]><x>&e;</x>";
        assertThrows(SAXException.class, () -> reader.parse(new InputSource(new StringReader(xxe))));
        String bomb = "<!DOCTYPE x [<!ENTITY a 'aaaa'><!ENTITY b '&a;&a;&a;&a;'>]><x>&b;</x>";
        assertThrows(SAXException.class, () -> reader.parse(new InputSource(new StringReader(bomb))));
    }

    @Test
    void enforcesTheDepthLimit() {
        var reader = new HardenedXml(new XmlLimits(1 << 20, 3, 1000, 1000, 8, 1000)).newSaxReader();
        reader.setContentHandler(new DefaultHandler());
        assertThrows(SAXException.class,
                () -> reader.parse(new InputSource(new StringReader("<a><b><c><d/></c></b></a>"))));
    }
}
