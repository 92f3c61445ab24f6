package eaeu.pmm03.server.classifier;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What classifier versions the node uses (D-144): {@code GET /api/v1/classifiers} lists every classifier of
 * section VII with its version in use and the version files read; {@code GET /api/v1/classifiers/{designation}}
 * adds its entries. Public, like the rest of /api/v1: classifiers are public reference data. (The fixed code lists
 * printed in the rules themselves are not classifiers and are not listed.)
 */
@RestController
public class ClassifierApi {

    private final ClassifierRegistry registry;

    public ClassifierApi(ClassifierRegistry registry) {
        this.registry = registry;
    }

    @GetMapping(path = "/api/v1/classifiers", produces = MediaType.APPLICATION_JSON_VALUE)
    public Map<String, Object> classifiers() {
        ClassifierRegistry.State s = registry.state();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("directory", registry.dir().map(Object::toString).orElse(null));
        out.put("day", s.day().toString());
        out.put("loadedAt", s.loadedAt().toString());
        out.put("lastError", s.lastError());
        List<Map<String, Object>> list = new ArrayList<>();
        for (Classifiers.Classifier c : s.classifiers().all().values()) {
            list.add(view(c, false));
        }
        out.put("classifiers", list);
        List<Map<String, Object>> files = new ArrayList<>();
        for (Classifiers.Classifier f : s.files()) {
            Map<String, Object> v = view(f, false);
            Classifiers.Classifier used = s.classifiers().all().get(f.designation());
            v.put("inUse", used != null && f.source().equals(used.source()));
            files.add(v);
        }
        out.put("files", files);
        return out;
    }

    @GetMapping(path = "/api/v1/classifiers/{designation}", produces = MediaType.APPLICATION_JSON_VALUE)
    public Map<String, Object> classifier(@PathVariable String designation) {
        return registry.classifiers().classifier(designation).map(c -> view(c, true))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                        "no classifier " + designation + " / классификатор " + designation + " не найден"));
    }

    private static Map<String, Object> view(Classifiers.Classifier c, boolean entries) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("designation", c.designation());
        v.put("nameRu", c.nameRu());
        v.put("version", c.version());
        v.put("validFrom", c.validFrom() == null ? null : c.validFrom().toString());
        v.put("validTo", c.validTo() == null ? null : c.validTo().toString());
        v.put("source", c.source());
        v.put("size", c.entries().size());
        if (entries) {
            v.put("entries", c.entries().values());
        }
        return v;
    }
}
