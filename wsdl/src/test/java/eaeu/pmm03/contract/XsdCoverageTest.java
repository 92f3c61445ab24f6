package eaeu.pmm03.contract;

import eaeu.pmm03.contract.process.ProcessTable;
import eaeu.pmm03.contract.xml.ContractSchemas;
import org.apache.xerces.impl.xs.XMLSchemaLoader;
import org.apache.xerces.impl.xs.util.StringListImpl;
import org.apache.xerces.xs.StringList;
import org.apache.xerces.xs.XSAttributeUse;
import org.apache.xerces.xs.XSComplexTypeDefinition;
import org.apache.xerces.xs.XSConstants;
import org.apache.xerces.xs.XSElementDeclaration;
import org.apache.xerces.xs.XSModel;
import org.apache.xerces.xs.XSModelGroup;
import org.apache.xerces.xs.XSNamedMap;
import org.apache.xerces.xs.XSObjectList;
import org.apache.xerces.xs.XSParticle;
import org.apache.xerces.xs.XSSimpleTypeDefinition;
import org.apache.xerces.xs.XSTypeDefinition;
import org.apache.xerces.xs.XSWildcard;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every one of the 261 rows of spec/structures.json (after spec/corrections.json) exists in the generated XSDs at its
 * place: same parent, same position, same multiplicity, same type, the value domain's facets; attributes with their
 * use and type. Read with Xerces' XSModel from the classpath copies of the XSDs.
 */
class XsdCoverageTest {

    private static final Map<String, Short> BDT_BUILTINS = Map.of(
            "bdt:DateTimeType", XSConstants.DATETIME_DT,
            "bdt:DateType", XSConstants.DATE_DT,
            "bdt:IndicatorType", XSConstants.BOOLEAN_DT,
            "bdt:DurationType", XSConstants.DURATION_DT,
            "bdt:BinaryTextType", XSConstants.BASE64BINARY_DT);

    private static XSModel model;

    private int rows;
    private int elements;
    private int attributes;
    private final List<String> problems = new ArrayList<>();
    private final Set<String> rowNames = new HashSet<>();

    @BeforeAll
    static void load() {
        List<ProcessTable.Structure> structures = ProcessTable.get().structures();
        String[] uris = structures.stream().map(s -> ContractSchemas.xsd(s.file()).toExternalForm())
                .toArray(String[]::new);
        model = new XMLSchemaLoader().loadURIList(new StringListImpl(uris, uris.length));
        assertThat(model).isNotNull();
    }

    @Test
    void everyRowExistsAtItsPlace() {
        for (SpecRows.Structure s : SpecRows.structures()) {
            XSElementDeclaration root = model.getElementDeclaration(s.rootElement(), s.namespace());
            assertThat(root).as("root element of " + s.id()).isNotNull();
            assertThat(root.getTypeDefinition().getAnonymous()).as("anonymous type of " + s.rootElement()).isTrue();
            checkChildren((XSComplexTypeDefinition) root.getTypeDefinition(), s.rows(), "/" + s.rootElement());
        }
        assertThat(problems).isEmpty();
        assertThat(rows).isEqualTo(261);
        assertThat(elements).isEqualTo(227);
        assertThat(attributes).isEqualTo(34);
    }

    @Test
    void everyGlobalElementOfTheCommonNamespacesIsSomeRow() {
        everyRowExistsAtItsPlace();
        Set<String> orphans = new TreeSet<>();
        XSNamedMap all = model.getComponents(XSConstants.ELEMENT_DECLARATION);
        Set<String> structureNs = new HashSet<>();
        ProcessTable.get().structures().forEach(s -> structureNs.add(s.namespace()));
        for (int i = 0; i < all.getLength(); i++) {
            XSElementDeclaration e = (XSElementDeclaration) all.item(i);
            if (structureNs.contains(e.getNamespace())) {
                continue;
            }
            if (!rowNames.contains("{" + e.getNamespace() + "}" + e.getName())) {
                orphans.add("{" + e.getNamespace() + "}" + e.getName());
            }
        }
        assertThat(orphans).as("global elements that no row uses").isEmpty();
    }

    private void checkChildren(XSComplexTypeDefinition ct, List<SpecRows.Row> rowsOfParent, String where) {
        if (ct.getContentType() != XSComplexTypeDefinition.CONTENTTYPE_ELEMENT) {
            problems.add(where + ": not element-only content");
            return;
        }
        XSModelGroup group = (XSModelGroup) ct.getParticle().getTerm();
        if (group.getCompositor() != XSModelGroup.COMPOSITOR_SEQUENCE) {
            problems.add(where + ": not a sequence");
        }
        XSObjectList particles = group.getParticles();
        if (particles.getLength() != rowsOfParent.size()) {
            problems.add(where + ": " + particles.getLength() + " particles, " + rowsOfParent.size() + " rows");
        }
        if (ct.getAttributeUses().getLength() != 0) {
            problems.add(where + ": attributes on a complex type");
        }
        for (int i = 0; i < rowsOfParent.size(); i++) {
            SpecRows.Row r = rowsOfParent.get(i);
            if (i >= particles.getLength()) {
                problems.add(r.path() + " (" + r.number() + "): no particle at position " + i);
                continue;
            }
            checkElement((XSParticle) particles.item(i), r);
        }
    }

    private void checkElement(XSParticle p, SpecRows.Row r) {
        rows++;
        elements++;
        String at = r.path() + " (" + r.structure() + " " + r.number() + ")";
        if (p.getMinOccurs() != r.minOccurs()) {
            problems.add(at + ": minOccurs " + p.getMinOccurs() + " != " + r.multiplicity());
        }
        if (r.maxOccurs() < 0 ? !p.getMaxOccursUnbounded()
                : p.getMaxOccursUnbounded() || p.getMaxOccurs() != r.maxOccurs()) {
            problems.add(at + ": maxOccurs " + (p.getMaxOccursUnbounded() ? "unbounded" : p.getMaxOccurs())
                    + " != " + r.multiplicity());
        }
        if (r.xmlName().equals(SpecRows.ANY)) {
            if (!(p.getTerm() instanceof XSWildcard)) {
                problems.add(at + ": not a wildcard");
            }
            return;
        }
        if (!(p.getTerm() instanceof XSElementDeclaration e)) {
            problems.add(at + ": not an element particle");
            return;
        }
        rowNames.add("{" + r.namespace() + "}" + r.localName());
        if (!e.getName().equals(r.localName()) || !r.namespace().equals(e.getNamespace())) {
            problems.add(at + ": element is {" + e.getNamespace() + "}" + e.getName());
            return;
        }
        if (e.getScope() != XSConstants.SCOPE_GLOBAL) {
            problems.add(at + ": not a reference to a global element");
        }
        XSTypeDefinition t = e.getTypeDefinition();
        checkTypeName(t, r.type(), at);
        if (r.complex()) {
            if (t instanceof XSComplexTypeDefinition ct) {
                checkChildren(ct, r.children(), r.path());
            } else {
                problems.add(at + ": simple type for a complex row");
            }
            if (!r.attributes().isEmpty()) {
                problems.add(at + ": complex row with attributes");
            }
        } else if (!r.attributes().isEmpty()) {
            if (!(t instanceof XSComplexTypeDefinition ct)
                    || ct.getContentType() != XSComplexTypeDefinition.CONTENTTYPE_SIMPLE) {
                problems.add(at + ": expected simple content with attributes");
                return;
            }
            checkValue(ct.getSimpleType(), r, at);
            XSObjectList uses = ct.getAttributeUses();
            if (uses.getLength() != r.attributes().size()) {
                problems.add(at + ": " + uses.getLength() + " attributes, " + r.attributes().size() + " rows");
            }
            for (SpecRows.Row a : r.attributes()) {
                checkAttribute(uses, a);
            }
        } else if (t instanceof XSSimpleTypeDefinition st) {
            checkValue(st, r, at);
        } else {
            problems.add(at + ": complex type for a simple row");
        }
    }

    private void checkAttribute(XSObjectList uses, SpecRows.Row a) {
        rows++;
        attributes++;
        String at = a.path() + " (" + a.structure() + " " + a.number() + ")";
        XSAttributeUse use = null;
        for (int i = 0; i < uses.getLength(); i++) {
            XSAttributeUse u = (XSAttributeUse) uses.item(i);
            if (u.getAttrDeclaration().getName().equals(a.xmlName()) && u.getAttrDeclaration().getNamespace() == null) {
                use = u;
            }
        }
        if (use == null) {
            problems.add(at + ": no unqualified attribute " + a.xmlName());
            return;
        }
        if (use.getRequired() != (a.minOccurs() == 1)) {
            problems.add(at + ": use " + (use.getRequired() ? "required" : "optional") + " for " + a.multiplicity());
        }
        if (a.maxOccurs() != 1) {
            problems.add(at + ": attribute row with multiplicity " + a.multiplicity());
        }
        XSSimpleTypeDefinition st = use.getAttrDeclaration().getTypeDefinition();
        checkTypeName(st, a.type(), at);
        checkValue(st, a, at);
    }

    private void checkTypeName(XSTypeDefinition t, String qname, String at) {
        if (qname == null) {
            problems.add(at + ": row without a data type");
            return;
        }
        String prefix = qname.substring(0, qname.indexOf(':'));
        String local = qname.substring(qname.indexOf(':') + 1);
        if (t.getAnonymous() || !local.equals(t.getName()) || !SpecRows.NS.get(prefix).equals(t.getNamespace())) {
            problems.add(at + ": type {" + t.getNamespace() + "}" + t.getName() + " != " + qname);
        }
    }

    private void checkValue(XSSimpleTypeDefinition st, SpecRows.Row r, String at) {
        SpecRows.Facets f = r.facets();
        if (f.pattern() != null && !contains(st.getLexicalPattern(), f.pattern())) {
            problems.add(at + ": pattern " + f.pattern() + " missing");
        }
        List<String> own = ownPatterns(st);
        if (own.size() != (f.pattern() == null ? 0 : 1)) {
            problems.add(at + ": patterns " + own + " != " + f.pattern());
        }
        facet(st, XSSimpleTypeDefinition.FACET_MINLENGTH, f.minLength(), "minLength", at, true);
        facet(st, XSSimpleTypeDefinition.FACET_MAXLENGTH, f.maxLength(), "maxLength", at, true);
        facet(st, XSSimpleTypeDefinition.FACET_TOTALDIGITS, f.totalDigits(), "totalDigits", at, false);
        facet(st, XSSimpleTypeDefinition.FACET_FRACTIONDIGITS, f.fractionDigits(), "fractionDigits", at, false);
        List<String> enumeration = new ArrayList<>();
        StringList lex = st.getLexicalEnumeration();
        for (int i = 0; i < lex.getLength(); i++) {
            enumeration.add(lex.item(i));
        }
        if (!enumeration.equals(f.enumeration())) {
            problems.add(at + ": enumeration " + enumeration + " != " + f.enumeration());
        }
        if (f.bool() && st.getBuiltInKind() != XSConstants.BOOLEAN_DT) {
            problems.add(at + ": not a boolean");
        }
        Short builtin = BDT_BUILTINS.get(r.type());
        if (builtin != null && st.getBuiltInKind() != builtin) {
            problems.add(at + ": " + r.type() + " is not built on builtin kind " + builtin);
        }
    }

    private void facet(XSSimpleTypeDefinition st, short facet, Integer expected, String name, String at,
                       boolean exact) {
        boolean defined = st.isDefinedFacet(facet);
        if (expected == null) {
            if (exact && defined) {
                problems.add(at + ": unexpected " + name + " " + st.getLexicalFacetValue(facet));
            }
            return;
        }
        if (!defined || !String.valueOf(expected).equals(st.getLexicalFacetValue(facet))) {
            problems.add(at + ": " + name + " " + (defined ? st.getLexicalFacetValue(facet) : "absent") + " != "
                    + expected);
        }
    }

    /** The patterns of a type without those of its XML Schema built-in ancestor (xs:integer has one). */
    private static List<String> ownPatterns(XSSimpleTypeDefinition st) {
        XSTypeDefinition builtin = st;
        while (builtin != null && !javax.xml.XMLConstants.W3C_XML_SCHEMA_NS_URI.equals(builtin.getNamespace())) {
            builtin = builtin.getBaseType();
        }
        List<String> inherited = new ArrayList<>();
        if (builtin instanceof XSSimpleTypeDefinition b) {
            for (int i = 0; i < b.getLexicalPattern().getLength(); i++) {
                inherited.add(b.getLexicalPattern().item(i));
            }
        }
        List<String> own = new ArrayList<>();
        for (int i = 0; i < st.getLexicalPattern().getLength(); i++) {
            if (!inherited.contains(st.getLexicalPattern().item(i))) {
                own.add(st.getLexicalPattern().item(i));
            }
        }
        return own;
    }

    private static boolean contains(StringList list, String value) {
        for (int i = 0; i < list.getLength(); i++) {
            if (list.item(i).equals(value)) {
                return true;
            }
        }
        return false;
    }
}
