package eaeu.pmm03.server.portal;

import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Human labels (Russian, English) of the XML elements and attributes of R.HC.MM.03.001, read from the project
 * glossary (docs/glossary.md, generated from the specification; copied onto the classpath by the build), so the
 * portal never types a label twice.
 */
@Component
public class Labels {

    public static final String RESOURCE = "eaeu/pmm03/portal/glossary.md";
    private static final Pattern ROW = Pattern.compile("^\\| `([A-Za-z]+:)?([A-Za-z0-9]+)` \\| ([^|]+) \\| ([^|]+) \\|");

    public record Label(String ru, String en) {}

    private final Map<String, Label> byLocalName = new HashMap<>();

    public Labels() {
        try (InputStream in = Labels.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing " + RESOURCE + " (copied from docs/glossary.md by the build)");
            }
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                Matcher m = ROW.matcher(line);
                if (m.find()) {
                    byLocalName.putIfAbsent(m.group(2), new Label(m.group(3).strip(), m.group(4).strip()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The label of an element or attribute by local name; the name itself when the glossary lacks it. */
    public Label of(String localName) {
        Label l = byLocalName.get(localName);
        return l != null ? l : new Label(localName, localName);
    }

    public boolean knows(String localName) {
        return byLocalName.containsKey(localName);
    }

    public int size() {
        return byLocalName.size();
    }
}
