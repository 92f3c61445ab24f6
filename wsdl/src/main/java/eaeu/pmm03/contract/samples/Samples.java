package eaeu.pmm03.contract.samples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The P.MM.03 sample documents: the single source of example EEC documents that the contract tests, the server and
 * client tests, the SoapUI project and the documentation reuse. Read from the classpath folder
 * {@value #DIR}, described by its manifest {@value #INDEX}.
 */
public final class Samples {

    public static final String DIR = "eaeu/pmm03/samples/";
    public static final String INDEX = DIR + "index.json";

    /**
     * One manifest entry.
     *
     * @param file          file name inside {@link #DIR}
     * @param message       message code ("P.MM.03.MSG.001") the sample is an instance of, or {@code null} for a
     *                      structure-only sample
     * @param structure     structure id ("R.HC.MM.03.001")
     * @param valid         whether the sample is valid against the contract schemas
     * @param description   English description
     * @param expectedError for an invalid sample: a substring of the schema validator's error message
     */
    public record Sample(String file, String message, String structure, boolean valid, String description,
                         String expectedError) {

        public String resource() {
            return DIR + file;
        }

        public URL url() {
            URL url = Samples.class.getClassLoader().getResource(resource());
            if (url == null) {
                throw new IllegalStateException("missing sample " + resource());
            }
            return url;
        }

        public InputStream open() {
            try {
                return url().openStream();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public byte[] bytes() {
            try (InputStream in = open()) {
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** The document as text (the samples are UTF-8). */
        public String text() {
            return new String(bytes(), StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return file;
        }
    }

    private static final Samples INSTANCE = load();

    private final List<Sample> samples;

    private Samples(List<Sample> samples) {
        this.samples = List.copyOf(samples);
    }

    private static Samples load() {
        try (InputStream in = Samples.class.getClassLoader().getResourceAsStream(INDEX)) {
            if (in == null) {
                throw new IllegalStateException("missing " + INDEX + " on the classpath");
            }
            JsonNode root = new ObjectMapper().readTree(in);
            List<Sample> list = new ArrayList<>();
            for (JsonNode n : root.path("samples")) {
                list.add(new Sample(n.path("file").asText(), text(n, "message"), n.path("structure").asText(),
                        n.path("valid").asBoolean(), text(n, "description"), text(n, "expectedError")));
            }
            return new Samples(list);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    /** Every manifest entry, in manifest order. */
    public static List<Sample> all() {
        return INSTANCE.samples;
    }

    public static List<Sample> valid() {
        return all().stream().filter(Sample::valid).toList();
    }

    public static List<Sample> invalid() {
        return all().stream().filter(s -> !s.valid()).toList();
    }

    /** The valid samples of a message, by full ("P.MM.03.MSG.001") or short ("MSG.001") code. */
    public static List<Sample> forMessage(String code) {
        String full = code.startsWith("P.") ? code : "P.MM.03." + code;
        return valid().stream().filter(s -> full.equals(s.message())).toList();
    }

    /** The first valid sample of a message; fails if there is none. */
    public static Sample firstForMessage(String code) {
        return forMessage(code).stream().findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no valid sample of message " + code));
    }

    public static List<Sample> forStructure(String structureId) {
        return all().stream().filter(s -> s.structure().equals(structureId)).toList();
    }

    public static Optional<Sample> find(String file) {
        return all().stream().filter(s -> s.file().equals(file)).findFirst();
    }

    public static Sample byFile(String file) {
        return find(file).orElseThrow(() -> new IllegalArgumentException("no sample " + file + " in " + INDEX));
    }

    /**
     * The provisional table of csdo:ProcessingResultV2Code values (R.006) that the samples use: code to English
     * meaning. Kept in one place, {@value #INDEX}, until the final table is fixed.
     */
}
