package eaeu.pmm03.server.classifier;

import eaeu.pmm03.server.pipeline.DomPaths;
import eaeu.pmm03.server.pipeline.Rejection;
import eaeu.pmm03.server.rules.FillRules;
import eaeu.pmm03.server.rules.RuleCatalog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The classifier versions this node uses (D-144): the bundled data, with the versions found in
 * {@code pmm03.classifiers.dir} (one CSV file per version, {@link ClassifierFiles}) replacing them while valid.
 * The directory is read at start-up (a malformed file stops the start with its name, line and reason) and checked
 * again every {@code pmm03.classifiers.poll}; a malformed file found later is reported (log, /api/v1/classifiers)
 * and the versions in use stay as they were. Codes of a classifier loaded from a file are checked against it
 * ({@link #checkCodes}, ERR_CLASSIFIER).
 */
@Component
public class ClassifierRegistry {

    private static final Logger log = LoggerFactory.getLogger(ClassifierRegistry.class);

    /** What is in use: the classifiers, the fill rules over them, the versions read, and when. */
    public record State(Classifiers classifiers, FillRules rules, List<Classifiers.Classifier> files, LocalDate day,
                        String fingerprint, Instant loadedAt, String lastError) {}

    private final Path dir;
    private volatile State state;

    public ClassifierRegistry(@Value("${pmm03.classifiers.dir:}") String dir) {
        this.dir = dir == null || dir.isBlank() ? null : Path.of(dir);
        this.state = load(today(), fingerprint());
        log.info("classifiers: {}{}", state.classifiers(), this.dir == null ? " (bundled only)"
                : " with " + state.files().size() + " version file(s) from " + this.dir);
    }

    public State state() { return state; }

    public Classifiers classifiers() { return state.classifiers(); }

    public FillRules rules() { return state.rules(); }

    public Optional<Path> dir() { return Optional.ofNullable(dir); }

    /** Re-reads the directory when a file changed or the day changed (validity); keeps the state on errors. */
    @Scheduled(fixedDelayString = "${pmm03.classifiers.poll:PT1M}", initialDelayString = "${pmm03.classifiers.poll:PT1M}")
    public synchronized void refresh() {
        LocalDate day = today();
        String print;
        try {
            print = fingerprint();
        } catch (RuntimeException e) {
            fail(e);
            return;
        }
        if (day.equals(state.day()) && print.equals(state.fingerprint())) {
            return;
        }
        try {
            state = load(day, print);
            log.info("classifiers reloaded: {}", state.classifiers());
        } catch (RuntimeException e) {
            fail(e);
        }
    }

    private void fail(RuntimeException e) {
        State s = state;
        state = new State(s.classifiers(), s.rules(), s.files(), s.day(), s.fingerprint(), s.loadedAt(), e.getMessage());
        log.error("classifier files not loaded, the versions in use stay: {}", e.getMessage());
    }

    private State load(LocalDate day, String print) {
        List<Classifiers.Classifier> files = dir == null ? List.of() : ClassifierFiles.read(dir);
        Classifiers c = Classifiers.defaults().with(files, day);
        return new State(c, new FillRules(c, RuleCatalog.defaults()), files, day, print, Instant.now(), null);
    }

    private String fingerprint() {
        if (dir == null) {
            return "";
        }
        try (Stream<Path> s = Files.list(dir)) {
            StringBuilder sb = new StringBuilder();
            for (Path p : s.filter(f -> f.getFileName().toString().endsWith(".csv")).sorted().toList()) {
                sb.append(p.getFileName()).append(':').append(Files.size(p)).append(':')
                        .append(Files.getLastModifiedTime(p).toMillis()).append(';');
            }
            return sb.toString();
        } catch (IOException e) {
            throw new IllegalStateException("classifier directory " + dir + " unreadable: " + e.getMessage(), e);
        }
    }

    private static LocalDate today() {
        return LocalDate.now(ZoneOffset.UTC);
    }

    /**
     * Every code of a classifier loaded from a file must be in that version: elements naming it by
     * {@code codeListId}, units by {@code measurementUnitCodeListId}, and the elements/attributes bound to it in
     * index.json ({@code codedBy}). The first code that is not is refused with ERR_CLASSIFIER naming the classifier,
     * its version and the path. Bundled classifiers are left to the fill rules.
     */
    public void checkCodes(Document doc) {
        Classifiers c = classifiers();
        check(doc.getDocumentElement(), c);
    }

    private void check(Element e, Classifiers c) {
        String text = null;
        if (e.hasAttribute("codeListId")) {
            text = text(e);
            verify(c, e.getAttribute("codeListId").trim(), text, e, null);
        }
        if (e.hasAttribute("measurementUnitCodeListId")) {
            verify(c, e.getAttribute("measurementUnitCodeListId").trim(), e.getAttribute("measurementUnitCode").trim(), e,
                    "measurementUnitCode");
        }
        Optional<String> bound = c.codedBy(local(e));
        if (bound.isPresent()) {
            verify(c, bound.get(), text != null ? text : text(e), e, null);
        }
        NamedNodeMap attrs = e.getAttributes();
        for (int i = 0; i < attrs.getLength(); i++) {
            Attr a = (Attr) attrs.item(i);
            String name = a.getLocalName() != null ? a.getLocalName() : a.getName();
            c.codedBy(name).ifPresent(d -> verify(c, d, a.getValue().trim(), e, name));
        }
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element child) {
                check(child, c);
            }
        }
    }

    private static void verify(Classifiers c, String designation, String code, Element e, String attribute) {
        Classifiers.Classifier k = c.classifier(designation).orElse(null);
        if (k == null || "bundled".equals(k.source()) || k.isEmpty() || code == null || code.isEmpty() || k.contains(code)) {
            return;
        }
        String path = DomPaths.of(e) + (attribute == null ? "" : "/@" + attribute);
        String valid = (k.validFrom() == null ? "" : k.validFrom().toString()) + "…" + (k.validTo() == null ? "" : k.validTo().toString());
        throw new Rejection("ERR_CLASSIFIER", null, path,
                "код «" + code + "» отсутствует в классификаторе " + designation + " версии " + k.version() + " (действует " + valid + ")",
                "code '" + code + "' is not in classifier " + designation + " version " + k.version() + " (valid " + valid + ")");
    }

    private static String text(Element e) {
        return e.getTextContent() == null ? null : e.getTextContent().trim();
    }

    private static String local(Element e) {
        return e.getLocalName() != null ? e.getLocalName() : e.getNodeName();
    }
}
