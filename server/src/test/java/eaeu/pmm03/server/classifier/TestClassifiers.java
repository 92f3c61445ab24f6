package eaeu.pmm03.server.classifier;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.LocalDate;

/** The bundled classifiers with the test versions of {@code src/test/resources/classifiers} (each has «другое»). */
public final class TestClassifiers {

    private TestClassifiers() {}

    public static Path dir() {
        try {
            return Path.of(TestClassifiers.class.getClassLoader().getResource("classifiers").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Classifiers loaded() {
        return Classifiers.defaults().with(ClassifierFiles.read(dir()), LocalDate.now());
    }
}
