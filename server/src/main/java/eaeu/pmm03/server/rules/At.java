package eaeu.pmm03.server.rules;

import java.util.ArrayList;
import java.util.List;

/** A node of the document with its element path (prefixes omitted, 1-based positions of repeated elements). */
record At<T>(String path, T node) {

    /** The single (0..1 or 1) child element {@code name}; {@code null} node if absent. */
    <U> At<U> one(String name, U child) { return new At<>(path + "/" + name, child); }

    /** The repeated child elements {@code name}[1..n]. */
    <U> List<At<U>> many(String name, List<U> children) {
        List<At<U>> out = new ArrayList<>(children.size());
        for (int i = 0; i < children.size(); i++) {
            out.add(new At<>(path + "/" + name + "[" + (i + 1) + "]", children.get(i)));
        }
        return out;
    }

    /** Path of child element or attribute {@code name} (use "@x" for an attribute). */
    String at(String name) { return path + "/" + name; }

    boolean present() { return node != null; }
}
