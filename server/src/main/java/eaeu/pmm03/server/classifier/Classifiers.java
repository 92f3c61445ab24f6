package eaeu.pmm03.server.classifier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Classifiers (reference books) of the common process P.MM.03 (section VII of the rules, seed lines 9280-9424)
 * and the fixed code lists printed in the fill rules, loaded from versioned data files under
 * {@code classpath:eaeu/pmm03/classifiers/}.
 *
 * <p>Classifiers without values in the seed are empty lists until a version is loaded from files
 * ({@link ClassifierFiles}, {@code pmm03.classifiers.dir}, D-144); {@link #contains} of an empty classifier accepts
 * any code (D-45). The designated meanings («другое», «таможенный орган») are found by name in the loaded version;
 * no code is invented for them (D-33, D-34).
 */
public final class Classifiers {

    public static final String COUNTRIES = "P.CLS.019";
    public static final String UNITS = "P.CLS.009";
    public static final String DOSAGE_UNITS = "P.CLS.039";
    public static final String PRIMARY_PACKAGE_KINDS = "P.CLS.069";
    public static final String PACKAGE_COMPONENTS = "P.CLS.044";
    public static final String LOW_QUALITY_INDICATORS = "P.MM.03.CLS.001";
    public static final String ORGANIZATION_KINDS = "P.MM.03.CLS.002";

    /** Fixed code lists printed in the rules / the structure (keys of designated-values.json codeLists). */
    public static final String SUBSTANCE_MEASURE_TYPE_CODE = "SubstanceMeasureTypeCode";
    public static final String DOSAGE_UNIT_KIND_CODE = "DosageUnitKindCode";
    public static final String STATUS_LOW_QUALITY_CODE = "StatusLowQualityCode";
    public static final String DRUG_SUBSTANCE_ROLE_CODE = "DrugSubstanceRoleCode";
    public static final String PICTURE_MEDIA_TYPE = "FalsificationSignPictureMediaType";

    public static final String OTHER = "other";
    public static final String CUSTOMS_AUTHORITY = "customsAuthority";

    private static final String BASE = "eaeu/pmm03/classifiers/";
    private static volatile Classifiers defaults;

    private final Map<String, Classifier> classifiers;
    private final Map<String, Classifier> codeLists;
    private final Map<String, String> designated;
    private final Map<String, String> designatedNames;
    /** Local names of elements/attributes that carry a code of a classifier without naming it (index.json codedBy). */
    private final Map<String, String> codedBy;

    /**
     * One version of a classifier: designation, version, validity (null = open) and its entries (code to
     * Russian/English name); {@code source} is "bundled" or the file it was loaded from (D-144).
     */
    public record Classifier(String designation, String nameRu, String version, java.time.LocalDate validFrom,
                             java.time.LocalDate validTo, String source, Map<String, Entry> entries) {
        public Classifier(String designation, String nameRu, String version, Map<String, Entry> entries) {
            this(designation, nameRu, version, null, null, "bundled", entries);
        }

        public boolean isEmpty() { return entries.isEmpty(); }
        public boolean contains(String code) { return code != null && entries.containsKey(code); }

        /** Whether this version is valid on {@code day} (both ends inclusive, null = open). */
        public boolean validOn(java.time.LocalDate day) {
            return (validFrom == null || !day.isBefore(validFrom)) && (validTo == null || !day.isAfter(validTo));
        }
    }

    /** One entry of a classifier. */
    public record Entry(String code, String nameRu, String nameEn) {}

    private Classifiers(Map<String, Classifier> classifiers, Map<String, Classifier> codeLists,
                        Map<String, String> designated, Map<String, String> designatedNames,
                        Map<String, String> codedBy) {
        this.classifiers = Collections.unmodifiableMap(classifiers);
        this.codeLists = Collections.unmodifiableMap(codeLists);
        this.designated = Collections.unmodifiableMap(designated);
        this.designatedNames = Collections.unmodifiableMap(designatedNames);
        this.codedBy = Collections.unmodifiableMap(codedBy);
    }

    /**
     * These classifiers with the versions loaded from files (D-144): for each designation, the loaded version valid
     * on {@code day} with the latest start replaces the bundled one; versions not valid that day are ignored.
     * A version of a designation that is not a classifier of section VII is refused.
     */
    public Classifiers with(List<Classifier> loaded, java.time.LocalDate day) {
        Map<String, Classifier> cls = new LinkedHashMap<>(classifiers);
        for (Classifier v : loaded) {
            Classifier bundled = classifiers.get(v.designation());
            if (bundled == null) {
                throw new IllegalArgumentException(v.source() + ": " + v.designation()
                        + " is not a classifier of section VII of the rules (known: " + classifiers.keySet() + ")");
            }
            if (!v.validOn(day)) {
                continue;
            }
            Classifier cur = cls.get(v.designation());
            boolean curLoaded = !"bundled".equals(cur.source());
            if (!curLoaded || cur.validFrom() == null
                    || v.validFrom() != null && v.validFrom().isAfter(cur.validFrom())) {
                cls.put(v.designation(), new Classifier(v.designation(), bundled.nameRu(), v.version(), v.validFrom(),
                        v.validTo(), v.source(), v.entries()));
            }
        }
        return new Classifiers(cls, codeLists, designated, designatedNames, codedBy);
    }

    /** The classifier whose codes an element or attribute (local name) carries without a codeListId, if any. */
    public Optional<String> codedBy(String localName) {
        return Optional.ofNullable(codedBy.get(localName));
    }

    /** The classifiers shipped with the server (loaded once). */
    public static Classifiers defaults() {
        Classifiers c = defaults;
        if (c == null) {
            synchronized (Classifiers.class) {
                if (defaults == null) {
                    defaults = load();
                }
                c = defaults;
            }
        }
        return c;
    }

    /** Loads the classifiers from {@code classpath:eaeu/pmm03/classifiers/}. */
    public static Classifiers load() {
        ObjectMapper om = new ObjectMapper();
        Map<String, Classifier> cls = new LinkedHashMap<>();
        JsonNode index = read(om, "index.json");
        Map<String, String> codedBy = new LinkedHashMap<>();
        for (JsonNode c : index.path("classifiers")) {
            String designation = c.path("designation").asText();
            c.path("codedBy").forEach(n -> codedBy.put(n.asText().replaceAll(".*[:@]", ""), designation));
            JsonNode data = c.hasNonNull("file") ? read(om, c.path("file").asText()) : c;
            cls.put(designation, new Classifier(designation, c.path("nameRu").asText(),
                    data.path("version").asText(), entries(data.path("entries"))));
        }
        JsonNode dv = read(om, "designated-values.json");
        Map<String, Classifier> lists = new LinkedHashMap<>();
        dv.path("codeLists").fields().forEachRemaining(e -> lists.put(e.getKey(),
                new Classifier(e.getKey(), e.getKey(), dv.path("version").asText(), entries(e.getValue().path("entries")))));
        Map<String, String> designated = new LinkedHashMap<>();
        Map<String, String> designatedNames = new LinkedHashMap<>();
        for (JsonNode d : dv.path("designatedValues")) {
            designatedNames.put(key(d.path("classifier").asText(), d.path("meaning").asText()), d.path("nameRu").asText());
            if (d.hasNonNull("code")) {
                designated.put(key(d.path("classifier").asText(), d.path("meaning").asText()), d.path("code").asText());
            }
        }
        return new Classifiers(cls, lists, designated, designatedNames, codedBy);
    }

    private static Map<String, Entry> entries(JsonNode array) {
        Map<String, Entry> m = new LinkedHashMap<>();
        for (JsonNode e : array) {
            String code = e.path("code").asText();
            String en = e.hasNonNull("nameEn") ? e.path("nameEn").asText() : e.path("name").asText(null);
            m.put(code, new Entry(code, e.path("nameRu").asText(null), en));
        }
        return Collections.unmodifiableMap(m);
    }

    private static JsonNode read(ObjectMapper om, String file) {
        try (InputStream in = Classifiers.class.getClassLoader().getResourceAsStream(BASE + file)) {
            if (in == null) {
                throw new IllegalStateException("classifier data not found: " + BASE + file);
            }
            return om.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String key(String classifier, String meaning) { return classifier + "#" + meaning; }

    /** All classifiers of section VII, by designation (P.CLS.009 ...). */
    public Map<String, Classifier> all() { return classifiers; }

    public Optional<Classifier> classifier(String designation) {
        return Optional.ofNullable(designation).map(classifiers::get);
    }

    /** Whether the designation is a classifier of section VII (P.CLS.019, P.MM.03.CLS.001 ...). */
    public boolean isKnownClassifier(String designation) { return designation != null && classifiers.containsKey(designation); }

    /** Version of a classifier's data. */
    public String version(String designation) {
        return classifier(designation).map(Classifier::version).orElseThrow(
                () -> new IllegalArgumentException("unknown classifier " + designation));
    }

    /** Code of a classifier; an empty (unknown-values) classifier accepts any code (D-45). */
    public boolean contains(String designation, String code) {
        Classifier c = classifiers.get(designation);
        if (c == null) {
            throw new IllegalArgumentException("unknown classifier " + designation);
        }
        return c.isEmpty() ? code != null : c.contains(code);
    }

    /** ISO 3166-1 alpha-2 code of the world countries classifier P.CLS.019 (exact, upper case). */
    public boolean isCountry(String code) { return classifiers.get(COUNTRIES).contains(code); }

    /** UN/ECE Recommendation 20 unit code of P.CLS.009. */
    public boolean isUnit(String code) { return classifiers.get(UNITS).contains(code); }

    public Optional<Entry> country(String code) { return Optional.ofNullable(classifiers.get(COUNTRIES).entries().get(code)); }

    public Optional<Entry> unit(String code) { return Optional.ofNullable(classifiers.get(UNITS).entries().get(code)); }

    /** A fixed code list printed in the rules (see the constants, e.g. {@link #DOSAGE_UNIT_KIND_CODE}). */
    public Set<String> codeList(String name) {
        Classifier c = codeLists.get(name);
        if (c == null) {
            throw new IllegalArgumentException("unknown code list " + name);
        }
        return new LinkedHashSet<>(c.entries().keySet());
    }

    public boolean inCodeList(String name, String code) { return code != null && codeList(name).contains(code); }

    /** Russian name of a code of a fixed code list. */
    public Optional<String> codeListName(String name, String code) {
        return Optional.ofNullable(codeLists.get(name)).map(c -> c.entries().get(code)).map(Entry::nameRu);
    }

    /**
     * The code that carries a designated meaning ({@link #OTHER}, {@link #CUSTOMS_AUTHORITY}) in a classifier: the
     * entry of the loaded version whose Russian name is that meaning's name («другое», «таможенный орган»). The
     * seed prints no such codes, so none is invented: without a loaded version that has the entry there is none
     * (D-33, D-34).
     */
    public Optional<String> designatedCode(String classifier, String meaning) {
        String fixed = designated.get(key(classifier, meaning));
        if (fixed != null) {
            return Optional.of(fixed);
        }
        String name = designatedNames.get(key(classifier, meaning));
        Classifier c = classifiers.get(classifier);
        if (name == null || c == null) {
            return Optional.empty();
        }
        return c.entries().values().stream().filter(e -> sameName(name, e.nameRu())).map(Entry::code).findFirst();
    }

    private static boolean sameName(String a, String b) {
        return a != null && b != null && norm(a).equals(norm(b));
    }

    private static String norm(String s) {
        return java.text.Normalizer.normalize(s, java.text.Normalizer.Form.NFC).replaceAll("\\s+", " ").trim()
                .toLowerCase(java.util.Locale.ROOT).replace('ё', 'е');
    }

    /** The Russian name of a designated meaning, e.g. «таможенный орган» for {@link #CUSTOMS_AUTHORITY}. */
    public Optional<String> designatedName(String classifier, String meaning) {
        return Optional.ofNullable(designatedNames.get(key(classifier, meaning)));
    }

    /** Whether {@code code} is the "другое" (other) code of the classifier (D-33). */
    public boolean isOther(String classifier, String code) {
        return code != null && designatedCode(classifier, OTHER).map(o -> o.equals(code.trim())).orElse(false);
    }

    public List<String> designations() { return List.copyOf(classifiers.keySet()); }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Classifiers[");
        classifiers.values().forEach(c -> sb.append(c.designation()).append('=').append(c.entries().size()).append(' '));
        return sb.append(']').toString().replace(" ]", "]");
    }
}
