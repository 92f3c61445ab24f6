package eaeu.pmm03.server.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The fill requirements as data: {@code classpath:eaeu/pmm03/rules/fill-rules.json}. Code never repeats a rule text. */
public final class RuleCatalog {

    public static final String RESOURCE = "eaeu/pmm03/rules/fill-rules.json";
    private static volatile RuleCatalog defaults;

    private final Map<RuleId, RuleText> rules;

    private RuleCatalog(Map<RuleId, RuleText> rules) { this.rules = Collections.unmodifiableMap(rules); }

    public static RuleCatalog defaults() {
        RuleCatalog c = defaults;
        if (c == null) {
            synchronized (RuleCatalog.class) {
                if (defaults == null) {
                    defaults = load(RESOURCE);
                }
                c = defaults;
            }
        }
        return c;
    }

    public static RuleCatalog load(String resource) {
        try (InputStream in = RuleCatalog.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("rule table not found: " + resource);
            }
            JsonNode root = new ObjectMapper().readTree(in);
            Map<RuleId, RuleText> m = new TreeMap<>();
            for (JsonNode r : root.path("rules")) {
                RuleId id = RuleId.of(r.path("table").asInt(), r.path("number").asInt());
                RuleText t = new RuleText(id, r.path("message").asText(), r.path("textRu").asText(),
                        r.path("textEn").asText(), r.path("sourceLine").asInt(),
                        r.hasNonNull("decision") ? r.path("decision").asText() : null,
                        r.path("enforcedBySchema").asBoolean(false));
                if (m.put(id, t) != null) {
                    throw new IllegalStateException("duplicate rule " + id + " in " + resource);
                }
            }
            return new RuleCatalog(m);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** All requirements, ordered by table and number. */
    public Map<RuleId, RuleText> all() { return rules; }

    public Optional<RuleText> find(RuleId id) { return Optional.ofNullable(rules.get(id)); }

    public RuleText get(RuleId id) {
        RuleText t = rules.get(id);
        if (t == null) {
            throw new IllegalArgumentException("no text for " + id + " in " + RESOURCE);
        }
        return t;
    }

    /** Builds the violation of {@code id} at {@code path}; {@code value} (may be null) is the offending value. */
    public Violation violation(RuleId id, String path, String value) {
        RuleText t = get(id);
        String ru = "Таблица " + id.table() + ", требование " + id.number() + ": " + t.textRu();
        String en = "Table " + id.table() + ", rule " + id.number() + ": " + t.textEn();
        if (value != null) {
            ru += " (значение: «" + value + "»)";
            en += " (value: '" + value + "')";
        }
        return new Violation(id, path, ru, en);
    }
}
