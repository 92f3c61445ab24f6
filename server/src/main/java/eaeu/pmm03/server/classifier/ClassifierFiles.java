package eaeu.pmm03.server.classifier;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Classifier versions from files (D-144, format in docs/classifiers.md): every {@code *.csv} of a directory is one
 * version of one classifier, UTF-8, fields separated by ';':
 * <pre>
 * # designation: P.MM.03.CLS.001
 * # version: 2027-1
 * # validFrom: 2027-01-01
 * # validTo: 2027-12-31          (optional)
 * code;nameRu;nameEn             (nameEn optional)
 * L-17;несоответствие по описанию;description
 * </pre>
 * A malformed file is refused with its name, line and reason; nothing of it is used.
 */
public final class ClassifierFiles {

    private ClassifierFiles() {}

    /** All versions in {@code dir} (sorted by file name); an empty list when the directory has no CSV file. */
    public static List<Classifiers.Classifier> read(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("pmm03.classifiers.dir " + dir + " is not a directory");
        }
        try (Stream<Path> files = Files.list(dir)) {
            List<Classifiers.Classifier> out = new ArrayList<>();
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".csv")).sorted().toList()) {
                out.add(parse(f));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("classifier directory " + dir + " unreadable", e);
        }
    }

    /** One file: one version of one classifier. */
    public static Classifiers.Classifier parse(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("classifier file " + file + " unreadable", e);
        }
        String name = file.getFileName().toString();
        Map<String, String> head = new LinkedHashMap<>();
        Map<String, Classifiers.Entry> entries = new LinkedHashMap<>();
        boolean columns = false;
        int n = 0;
        for (String raw : lines) {
            n++;
            String line = n == 1 && raw.startsWith("\uFEFF") ? raw.substring(1) : raw;
            if (line.isBlank()) {
                continue;
            }
            if (line.startsWith("#")) {
                if (columns) {
                    throw bad(name, n, "header lines (# key: value) must come before the column line");
                }
                int colon = line.indexOf(':');
                if (colon < 0) {
                    throw bad(name, n, "a header line is '# key: value'");
                }
                head.put(line.substring(1, colon).trim(), line.substring(colon + 1).trim());
                continue;
            }
            String[] f = line.split(";", -1);
            if (!columns) {
                if (f.length < 2 || !f[0].trim().equals("code") || !f[1].trim().equals("nameRu")) {
                    throw bad(name, n, "the column line must be 'code;nameRu' or 'code;nameRu;nameEn'");
                }
                columns = true;
                continue;
            }
            if (f.length < 2 || f.length > 3) {
                throw bad(name, n, "expected 2 or 3 fields separated by ';', found " + f.length);
            }
            String code = f[0].trim();
            if (code.isEmpty()) {
                throw bad(name, n, "empty code");
            }
            if (entries.containsKey(code)) {
                throw bad(name, n, "code " + code + " appears twice");
            }
            entries.put(code, new Classifiers.Entry(code, blankToNull(f[1]), f.length == 3 ? blankToNull(f[2]) : null));
        }
        String designation = required(head, "designation", name);
        String version = required(head, "version", name);
        LocalDate from = date(head.get("validFrom"), "validFrom", name);
        LocalDate to = date(head.get("validTo"), "validTo", name);
        if (from == null) {
            throw new IllegalArgumentException("classifier file " + name + ": header '# validFrom: YYYY-MM-DD' is missing");
        }
        if (to != null && to.isBefore(from)) {
            throw new IllegalArgumentException("classifier file " + name + ": validTo " + to + " is before validFrom " + from);
        }
        if (!columns || entries.isEmpty()) {
            throw new IllegalArgumentException("classifier file " + name + ": no entries (a column line 'code;nameRu;nameEn' and"
                    + " at least one code)");
        }
        return new Classifiers.Classifier(designation, null, version, from, to, name, Collections.unmodifiableMap(entries));
    }

    private static String required(Map<String, String> head, String key, String file) {
        String v = head.get(key);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("classifier file " + file + ": header '# " + key + ": …' is missing");
        }
        return v;
    }

    private static LocalDate date(String v, String key, String file) {
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("classifier file " + file + ": " + key + " '" + v + "' is not a date YYYY-MM-DD");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static IllegalArgumentException bad(String file, int line, String why) {
        return new IllegalArgumentException("classifier file " + file + " line " + line + ": " + why);
    }
}
