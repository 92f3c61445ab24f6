package eaeu.pmm03.bench.client;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Summary of a JFR recording (jdk.ExecutionSample, the "profile" settings: a Java stack every 10–20 ms per running
 * thread): the share of samples whose stack passes through each area of the work (inclusive: a sample can count in
 * several areas), the share by the area of the first classified frame from the top of the stack (exclusive: where
 * the time is actually spent, summing to 100 %) and the hottest methods by self time (the top frame).
 */
public final class Profile {

    /** Areas, in order: the first prefix of a frame's class that matches names the area of that frame. */
    static final List<String[]> AREAS = List.of(
            new String[] {"XML signature / WS-Security (WSS4J, xmlsec, JCA)", "org.apache.wss4j.", "org.apache.xml.security.",
                    "sun.security.", "java.security.", "javax.crypto.", "com.sun.crypto."},
            new String[] {"schema validation (XSD)", "eaeu.pmm03.server.pipeline.SchemaStage",
                    "com.sun.org.apache.xerces.internal.impl.xs.", "org.apache.xerces.impl.xs.",
                    "com.sun.org.apache.xerces.internal.jaxp.validation.", "org.apache.xerces.jaxp.validation."},
            new String[] {"fill rules", "eaeu.pmm03.server.rules."},
            new String[] {"JAXB (un)marshalling", "org.glassfish.jaxb.", "com.sun.xml.bind.", "jakarta.xml.bind."},
            new String[] {"MariaDB JDBC driver (incl. waiting for the server)", "org.mariadb.jdbc."},
            new String[] {"Hibernate / JPA", "org.hibernate."},
            new String[] {"journal", "eaeu.pmm03.server.journal."},
            new String[] {"portal search rows", "eaeu.pmm03.server.portal."},
            new String[] {"CXF / SAAJ / StAX (transport)", "org.apache.cxf.", "com.sun.xml.messaging.saaj.",
                    "com.ctc.wstx.", "org.codehaus.stax2."},
            new String[] {"Tomcat / HTTP", "org.apache.tomcat.", "org.apache.coyote.", "org.apache.catalina."},
            new String[] {"JDK XML (DOM, parsing, serialising)", "com.sun.org.apache.xerces.", "com.sun.org.apache.xml.",
                    "com.sun.org.apache.xalan.", "javax.xml.", "org.w3c.dom."},
            new String[] {"Spring", "org.springframework."},
            new String[] {"other pmm03 code", "eaeu.pmm03."});

    private Profile() {}

    public static Map<String, Object> summarize(Path file) throws Exception {
        Map<String, Integer> areas = new LinkedHashMap<>();
        Map<String, Integer> own = new LinkedHashMap<>();
        Map<String, Integer> self = new HashMap<>();
        Map<String, double[]> waits = new HashMap<>();
        int samples = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
            if (e.getEventType().getName().equals("jdk.SocketRead")) {
                wait(e, waits);
                continue;
            }
            if (!e.getEventType().getName().equals("jdk.ExecutionSample")) {
                continue;
            }
            RecordedStackTrace st = e.getStackTrace();
            if (st == null || st.getFrames().isEmpty()) {
                continue;
            }
            samples++;
            RecordedFrame top = st.getFrames().get(0);
            self.merge(name(top), 1, Integer::sum);
            Set<String> seen = new HashSet<>();
            String first = null;
            for (RecordedFrame f : st.getFrames()) {
                String area = area(f.getMethod().getType().getName());
                if (area != null) {
                    if (first == null) {
                        first = area;
                    }
                    if (seen.add(area)) {
                        areas.merge(area, 1, Integer::sum);
                    }
                }
            }
            own.merge(first == null ? "JDK / other" : first, 1, Integer::sum);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("samples", samples);
        Map<String, Double> share = new LinkedHashMap<>();
        int n = Math.max(1, samples);
        areas.entrySet().stream().sorted((x, y) -> y.getValue() - x.getValue())
                .forEach(x -> share.put(x.getKey(), Math.round(1000.0 * x.getValue() / n) / 10.0));
        m.put("areasPercent", share);
        Map<String, Double> ownShare = new LinkedHashMap<>();
        own.entrySet().stream().sorted((x, y) -> y.getValue() - x.getValue())
                .forEach(x -> ownShare.put(x.getKey(), Math.round(1000.0 * x.getValue() / n) / 10.0));
        m.put("areasSelfPercent", ownShare);
        Map<String, Double> hot = new LinkedHashMap<>();
        self.entrySet().stream().sorted((x, y) -> y.getValue() - x.getValue()).limit(15)
                .forEach(x -> hot.put(x.getKey(), Math.round(1000.0 * x.getValue() / n) / 10.0));
        m.put("hotMethodsSelfPercent", hot);
        Map<String, Map<String, Object>> w = new LinkedHashMap<>();
        waits.entrySet().stream().sorted((x, y) -> Double.compare(y.getValue()[0], x.getValue()[0])).limit(8)
                .forEach(x -> w.put(x.getKey(), Map.of("ms", Math.round(x.getValue()[0]), "reads", (long) x.getValue()[1])));
        m.put("socketReadWaits", w);
        return m;
    }

    /**
     * A socket read long enough for JFR to record it (the profile settings: 10 ms or more): in the node, a
     * database answer that was slow to come, by the innermost frame of the node's own code that waited for it
     * (e.g. a row lock held by another transaction).
     */
    private static void wait(RecordedEvent e, Map<String, double[]> waits) {
        RecordedStackTrace st = e.getStackTrace();
        if (st == null) {
            return;
        }
        String at = null;
        for (RecordedFrame f : st.getFrames()) {
            String cls = f.getMethod().getType().getName();
            if (cls.startsWith("eaeu.pmm03.") && !cls.contains("$$") && !f.getMethod().getName().startsWith("lambda$")) {
                at = name(f);
                break;
            }
        }
        if (at == null) {
            return;
        }
        double[] a = waits.computeIfAbsent(at, k -> new double[2]);
        a[0] += e.getDuration().toNanos() / 1e6;
        a[1]++;
    }

    /** The area of a class: the first area with a matching prefix (schema validation before other JDK XML). */
    static String area(String cls) {
        for (String[] a : AREAS) {
            for (int i = 1; i < a.length; i++) {
                if (cls.startsWith(a[i])) {
                    return a[0];
                }
            }
        }
        return null;
    }

    static String name(RecordedFrame f) {
        return f.getMethod().getType().getName() + "." + f.getMethod().getName();
    }

    public static void main(String[] args) throws Exception {
        System.out.println(Driver.JSON.writeValueAsString(summarize(Path.of(args[0]))));
    }
}
