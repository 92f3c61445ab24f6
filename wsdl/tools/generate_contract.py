#!/usr/bin/env python3
"""Generates the pmm03 contract (XSDs and WSDLs) from the extracted specification.

Inputs (all inside the repository, so the build never needs ../shared):
  wsdl/src/test/resources/spec/structures.json   - mechanical extraction of the seed's structures (R.006, R.007,
                                                    R.HC.MM.03.001, R.HC.MM.03.002), copied from ../shared/spec
  wsdl/src/test/resources/spec/corrections.json  - the seed errors we correct, each tied to a decision in
                                                    docs/spec-decisions.md
  wsdl/src/main/resources/eaeu/pmm03/contract/pmm03-process.json
                                                  - the one table of namespaces, versions, messages, transactions

Outputs: wsdl/src/main/resources/eaeu/pmm03/contract/{xsd,wsdl}/*.

The outputs are committed. `generate_contract.py --check` regenerates into memory and fails if the committed
files differ, so the contract cannot drift from the spec (run by .ci/run).
"""
import json
import os
import re
import sys
from collections import OrderedDict
from xml.sax.saxutils import escape

HERE = os.path.dirname(os.path.abspath(__file__))
MODULE = os.path.dirname(HERE)
SPEC = os.path.join(MODULE, "src/test/resources/spec")
CONTRACT = os.path.join(MODULE, "src/main/resources/eaeu/pmm03/contract")

XS = "http://www.w3.org/2001/XMLSchema"

BDT_BASES = {
    "bdt:DateTimeType": "xs:dateTime",
    "bdt:DateType": "xs:date",
    "bdt:IndicatorType": "xs:boolean",
    "bdt:DurationType": "xs:duration",
    "bdt:BinaryTextType": "xs:base64Binary",
}


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f, object_pairs_hook=OrderedDict)


def parse_mult(m):
    if m in ("1",):
        return 1, "1"
    lo, hi = m.split("..")
    return int(lo), ("unbounded" if hi == "*" else hi)


def attr(v):
    return escape(str(v), {'"': "&quot;"})


class Model:
    """Global elements and named types per namespace prefix, collected from the structure rows."""

    def __init__(self, structures, corrections, process):
        self.process = process
        self.ns = OrderedDict((n["prefix"], n) for n in process["namespaces"])
        self.structs = OrderedDict((s["id"], s) for s in process["structures"])
        self.fix = {(r["structure"], r["number"]): r for r in corrections["rows"]}
        self.type_fix = {k: v for k, v in corrections["types"].items() if not k.startswith("_")}
        self.elements = OrderedDict()   # qname -> dict(type, doc)
        self.types = OrderedDict()      # qname -> dict(kind, ...)
        self.roots = OrderedDict()      # structure id -> list of (ref, min, max)
        self.used = set()
        for s in structures["structures"]:
            self.roots[s["id"]] = [self.row(s["id"], e) for e in s["elements"]]

    # -- rows ---------------------------------------------------------------------------------------------
    def fixed(self, sid, row):
        f = self.fix.get((sid, row["number"]), {})
        name = f.get("xml_name", row["xml_name"])
        mult = f.get("multiplicity", row["multiplicity"])
        tq = f.get("type", (row.get("data_type") or {}).get("qname"))
        return name, mult, tq

    def row(self, sid, row):
        name, mult, tq = self.fixed(sid, row)
        lo, hi = parse_mult(mult)
        if name == "xs:any":
            return ("xs:any", lo, hi)
        children = row.get("children") or []
        attrs = row.get("attributes") or []
        vd = row.get("value_domain") or {}
        if children:
            kids = [self.row(sid, c) for c in children]
            self.define_type(tq, {"kind": "complex", "children": kids, "doc": row["name_ru"]})
        elif attrs:
            at = []
            for a in attrs:
                an, am, atq = self.fixed(sid, a)
                alo, _ = parse_mult(am)
                self.define_simple(atq, a.get("value_domain") or {})
                at.append((an, atq, "required" if alo == 1 else "optional", a["name_ru"]))
            value_type = tq[:-len("Type")] + "VType" if tq.endswith("Type") else tq + "V"
            self.define_simple(value_type, vd)
            self.define_type(tq, {"kind": "simplecontent", "base": value_type, "attrs": at,
                                  "doc": vd.get("text", "")})
        else:
            self.define_simple(tq, vd)
        self.define_element(name, tq, row)
        return (name, lo, hi)

    def define_element(self, qname, tq, row):
        cur = self.elements.get(qname)
        if cur and cur["type"] != tq:
            raise SystemExit(f"element {qname} declared with two types: {cur['type']} and {tq}")
        if not cur:
            self.elements[qname] = {"type": tq, "doc": row["name_ru"], "model": row.get("model_id")}

    def define_type(self, tq, spec):
        cur = self.types.get(tq)
        if cur and cur != spec:
            if cur["kind"] == spec["kind"] == "complex" and cur["children"] == spec["children"]:
                return
            if cur["kind"] == spec["kind"] == "simplecontent" and \
                    [a[:3] for a in cur["attrs"]] == [a[:3] for a in spec["attrs"]]:
                return
            raise SystemExit(f"type {tq} defined twice differently:\n{cur}\n{spec}")
        if not cur:
            self.types[tq] = spec

    def define_simple(self, tq, vd):
        if tq in self.types:
            return
        facets = []
        text = vd.get("text", "")
        fix = self.type_fix.get(tq)
        if tq in BDT_BASES:
            base = BDT_BASES[tq]
        elif fix:
            base = fix["base"]
            vd = fix
        elif vd.get("boolean"):
            base = "xs:boolean"
        elif "enumeration" in vd:
            base = "xs:string"
        elif "total_digits" in vd or text.startswith("Число") or text.startswith("Целое"):
            base = "xs:nonNegativeInteger" if text.startswith("Целое") else "xs:decimal"
        elif text.startswith("Размер файла") or text.startswith("Конечная последовательность"):
            base = "xs:base64Binary"
        elif text.startswith("Строка символов"):
            base = "xs:string"
        else:
            base = "xs:normalizedString"
        for e in vd.get("enumeration", []):
            facets.append(("enumeration", e["code"], e["meaning"]))
        if "pattern" in vd:
            facets.append(("pattern", vd["pattern"], None))
        if "min_length" in vd:
            facets.append(("minLength", vd["min_length"], None))
        if "max_length" in vd:
            facets.append(("maxLength", vd["max_length"], None))
        if "total_digits" in vd:
            facets.append(("totalDigits", vd["total_digits"], None))
        if "fraction_digits" in vd:
            facets.append(("fractionDigits", vd["fraction_digits"], None))
        self.types[tq] = {"kind": "simple", "base": base, "facets": facets, "doc": text}

    # -- output -------------------------------------------------------------------------------------------
    def prefixes_in(self, prefix):
        """Prefixes referenced by the declarations of one namespace."""
        refs = set()
        for q, e in self.elements.items():
            if q.split(":")[0] == prefix:
                refs.add(e["type"].split(":")[0])
        for q, t in self.types.items():
            if q.split(":")[0] != prefix:
                continue
            if t["kind"] == "complex":
                refs.update(c[0].split(":")[0] for c in t["children"])
            elif t["kind"] == "simplecontent":
                refs.add(t["base"].split(":")[0])
                refs.update(a[1].split(":")[0] for a in t["attrs"])
        refs.discard("xs")
        refs.discard(prefix)
        return sorted(refs, key=list(self.ns).index)

    def header(self, target, prefixes, extra=""):
        out = ['<?xml version="1.0" encoding="UTF-8"?>',
               '<!-- Generated by wsdl/tools/generate_contract.py from the P.MM.03 specification. Do not edit. -->']
        decls = " ".join(f'xmlns:{p}="{self.ns[p]["namespace"]}"' for p in prefixes)
        out.append(f'<xs:schema xmlns:xs="{XS}" {decls}{extra}\n    targetNamespace="{target}"'
                   f' elementFormDefault="qualified" attributeFormDefault="unqualified">')
        for p in prefixes:
            out.append(f'  <xs:import namespace="{self.ns[p]["namespace"]}" schemaLocation="{self.ns[p]["file"]}"/>')
        return out

    def doc(self, text, indent):
        if not text:
            return []
        return [f"{indent}<xs:annotation><xs:documentation>{escape(text)}</xs:documentation></xs:annotation>"]

    def particle(self, ref, lo, hi, indent):
        occ = ("" if lo == 1 else f' minOccurs="{lo}"') + ("" if hi == "1" else f' maxOccurs="{hi}"')
        if ref == "xs:any":
            return f'{indent}<xs:any namespace="##any" processContents="lax"{occ}/>'
        return f'{indent}<xs:element ref="{ref}"{occ}/>'

    def simple_type(self, local, t, indent="  "):
        out = [f'{indent}<xs:simpleType name="{local}">']
        out += self.doc(t["doc"], indent + "  ")
        if t["facets"]:
            out.append(f'{indent}  <xs:restriction base="{t["base"]}">')
            for name, value, meaning in t["facets"]:
                if meaning:
                    out.append(f'{indent}    <xs:{name} value="{attr(value)}">'
                               f'<xs:annotation><xs:documentation>{escape(meaning)}</xs:documentation>'
                               f'</xs:annotation></xs:{name}>')
                else:
                    out.append(f'{indent}    <xs:{name} value="{attr(value)}"/>')
            out.append(f"{indent}  </xs:restriction>")
        else:
            out.append(f'{indent}  <xs:restriction base="{t["base"]}"/>')
        out.append(f"{indent}</xs:simpleType>")
        return out

    def namespace_schema(self, prefix):
        target = self.ns[prefix]["namespace"]
        out = self.header(target, self.prefixes_in(prefix), f' xmlns:{prefix}="{target}"')
        for q, e in sorted(self.elements.items()):
            p, local = q.split(":")
            if p != prefix:
                continue
            out.append(f'  <xs:element name="{local}" type="{e["type"]}">')
            out += self.doc(f'{e["doc"]} ({e["model"]})', "    ")
            out.append("  </xs:element>")
        for q, t in sorted(self.types.items()):
            p, local = q.split(":")
            if p != prefix:
                continue
            if t["kind"] == "simple":
                out += self.simple_type(local, t)
            elif t["kind"] == "simplecontent":
                out.append(f'  <xs:complexType name="{local}">')
                out += self.doc(t["doc"], "    ")
                out.append("    <xs:simpleContent>")
                out.append(f'      <xs:extension base="{t["base"]}">')
                for an, atq, use, adoc in t["attrs"]:
                    out.append(f'        <xs:attribute name="{an}" type="{atq}" use="{use}">')
                    out += self.doc(adoc, "          ")
                    out.append("        </xs:attribute>")
                out.append("      </xs:extension>")
                out.append("    </xs:simpleContent>")
                out.append("  </xs:complexType>")
            else:
                out.append(f'  <xs:complexType name="{local}">')
                out += self.doc(t["doc"], "    ")
                out.append("    <xs:sequence>")
                out += [self.particle(r, lo, hi, "      ") for r, lo, hi in t["children"]]
                out.append("    </xs:sequence>")
                out.append("  </xs:complexType>")
        out.append("</xs:schema>")
        return "\n".join(out) + "\n"

    def structure_schema(self, sid, header):
        s = self.structs[sid]
        refs = sorted({r.split(":")[0] for r, _, _ in self.roots[sid] if r != "xs:any"},
                      key=list(self.ns).index)
        out = self.header(s["namespace"], refs, f' xmlns:{s["prefix"]}="{s["namespace"]}"')
        out.append(f'  <xs:element name="{s["rootElement"]}">')
        out += self.doc(f'{header["name"]} ({sid})', "    ")
        out.append("    <xs:complexType>")
        out.append("      <xs:sequence>")
        out += [self.particle(r, lo, hi, "        ") for r, lo, hi in self.roots[sid]]
        out.append("      </xs:sequence>")
        out.append("    </xs:complexType>")
        out.append("  </xs:element>")
        out.append("</xs:schema>")
        return "\n".join(out) + "\n"


INTERACTION_XSD = """<?xml version="1.0" encoding="UTF-8"?>
<!-- Generated by wsdl/tools/generate_contract.py. The integrated system's own SOAP headers (EEC Collegium
     Decision No. 5 of 27 January 2015); see docs/spec-decisions.md (D-20). Do not edit. -->
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:int="urn:EEC:Interaction:v1.0"
    targetNamespace="urn:EEC:Interaction:v1.0" elementFormDefault="qualified">
  <xs:simpleType name="UuidType">
    <xs:restriction base="xs:string">
      <xs:pattern value="[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"/>
    </xs:restriction>
  </xs:simpleType>
  <xs:element name="ProcedureID">
    <xs:annotation><xs:documentation>Instance of a procedure of the common process: UUIDs (RFC 4122) separated by "/", one more for each nested procedure.</xs:documentation></xs:annotation>
    <xs:simpleType>
      <xs:restriction base="xs:string">
        <xs:pattern value="[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}(/[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})*"/>
      </xs:restriction>
    </xs:simpleType>
  </xs:element>
  <xs:element name="ConversationID" type="int:UuidType">
    <xs:annotation><xs:documentation>Instance of a transaction of the common process: request, signals and answer share it.</xs:documentation></xs:annotation>
  </xs:element>
</xs:schema>
"""


class Wsdl:
    """Builds one WSDL 1.1 document per service (Commission, Authority)."""

    WSDL = "http://schemas.xmlsoap.org/wsdl/"

    def __init__(self, process, model):
        self.p = process
        self.model = model
        self.msgs = {m["code"]: m for m in process["messages"]}
        self.structs = {s["id"]: s for s in process["structures"]}

    def action(self, trn, msg):
        pr = self.p["process"]
        return f'{pr["actionPrefix"]}/{pr["code"]}/{pr["version"]}/{trn["procedure"]}/{trn["code"]}/{msg}'

    def root(self, msg):
        s = self.structs[self.msgs[msg]["structure"]]
        return s["prefix"] + ":" + s["rootElement"]

    @staticmethod
    def short(code):
        return code.split(".", 3)[3]  # P.MM.03.MSG.001 -> MSG.001

    def schema_prefixes(self, used):
        """The common data-model namespaces (bdt, csdo, ccdo, hcsdo, hccdo, int) the used structures reach.

        They are declared on wsdl:definitions with the prefixes the XSDs use. XML-wise this is redundant (each
        XSD declares its own prefixes), but node-soap (1.x) resolves the type QName of an element declared in
        an imported schema against the xmlns declarations of the WSDL root, not of the schema: without these
        declarations it cannot find e.g. ccdo:EDocHeaderType, writes every nested element in its parent's
        namespace (ccdo:InfEnvelopeCode instead of csdo:InfEnvelopeCode) and describes the one-way Eec
        operations with an empty input. See tests/interop/README.md."""
        seen, todo = set(), {r.split(":")[0] for s in used for r, _, _ in self.model.roots[s] if r != "xs:any"}
        while todo:
            p = todo.pop()
            if p not in seen:
                seen.add(p)
                todo.update(self.model.prefixes_in(p))
        seen.add("int")
        return [p for p in self.model.ns if p in seen]

    def reply_op(self, trn, msg):
        """Name of the asynchronous answer operation of the EEC binding."""
        if len(trn["responses"]) > 1:
            return trn["operation"] + ("Answer" if msg == trn["responses"][0] else "NoData")
        return trn["operation"] + "Answer"

    def build(self, svc):
        trns = [t for t in self.p["transactions"] if t["service"] == svc["name"]]
        tns, tp, name = svc["namespace"], svc["prefix"], svc["name"]
        used = sorted({self.msgs[m]["structure"] for t in trns for m in [t["request"]] + t["responses"]},
                      key=list(self.structs).index)
        o = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<!-- Generated by wsdl/tools/generate_contract.py from wsdl/src/main/resources/eaeu/pmm03/contract/'
             'pmm03-process.json. Do not edit. -->']
        decl = " ".join(f'xmlns:{self.structs[s]["prefix"]}="{self.structs[s]["namespace"]}"' for s in used)
        common = " ".join(f'xmlns:{p}="{self.model.ns[p]["namespace"]}"' for p in self.schema_prefixes(used))
        o.append(f'<wsdl:definitions xmlns:wsdl="{self.WSDL}" xmlns:xs="{XS}"\n'
                 f'    xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/"\n'
                 f'    xmlns:soap12="http://schemas.xmlsoap.org/wsdl/soap12/"\n'
                 f'    xmlns:wsam="http://www.w3.org/2007/05/addressing/metadata"\n'
                 f'    xmlns:wsaw="http://www.w3.org/2006/05/addressing/wsdl"\n'
                 f'    {common}\n'
                 f'    xmlns:{tp}="{tns}" {decl}\n'
                 f'    name="{name}" targetNamespace="{tns}">')
        o.append(f'  <wsdl:documentation>P.MM.03 {name} service (EEC Collegium Decision No. 124 of 25 October 2016). '
                 f'Two families of bindings serve the same transactions: {name}Soap11/{name}Soap12 are synchronous '
                 f'document/literal wrapped (WS-I Basic Profile; for SoapUI and generated clients); {name}Eec is the '
                 f'integrated-system profile (SOAP 1.2, WS-Addressing, int: headers, the EEC document itself as '
                 f'the Body child, one-way messages dispatched by wsa:Action, answers sent to wsa:ReplyTo, which '
                 f'serves {name}EecReply). See docs/spec-decisions.md (D-20..D-24).</wsdl:documentation>')
        # types
        o.append("  <wsdl:types>")
        o.append(f'    <xs:schema targetNamespace="{tns}" elementFormDefault="qualified">')
        for s in used:
            st = self.structs[s]
            o.append(f'      <xs:import namespace="{st["namespace"]}" schemaLocation="../xsd/{st["file"]}"/>')
        o.append('      <xs:import namespace="urn:EEC:Interaction:v1.0" schemaLocation="../xsd/EEC_Interaction_v1.0.xsd"/>')
        for t in trns:
            o.append(f'      <xs:element name="{t["operation"]}">')
            o.append(f'        <xs:annotation><xs:documentation>{t["code"]} request: {t["request"]}'
                     f'</xs:documentation></xs:annotation>')
            o.append(f'        <xs:complexType><xs:sequence><xs:element ref="{self.root(t["request"])}"/>'
                     f'</xs:sequence></xs:complexType>')
            o.append("      </xs:element>")
            if not t["responses"]:
                continue
            o.append(f'      <xs:element name="{t["operation"]}Response">')
            o.append(f'        <xs:annotation><xs:documentation>{t["code"]} answer: {" or ".join(t["responses"])}'
                     f'</xs:documentation></xs:annotation>')
            if len(t["responses"]) == 1:
                o.append(f'        <xs:complexType><xs:sequence><xs:element ref="{self.root(t["responses"][0])}"/>'
                         f'</xs:sequence></xs:complexType>')
            else:
                o.append("        <xs:complexType><xs:choice>")
                for r in t["responses"]:
                    o.append(f'          <xs:element ref="{self.root(r)}"/>')
                o.append("        </xs:choice></xs:complexType>")
            o.append("      </xs:element>")
        o.append("    </xs:schema>")
        o.append("  </wsdl:types>")
        # messages
        for t in trns:
            o.append(f'  <wsdl:message name="{t["operation"]}Request">'
                     f'<wsdl:part name="parameters" element="{tp}:{t["operation"]}"/></wsdl:message>')
            if t["responses"]:
                o.append(f'  <wsdl:message name="{t["operation"]}Response">'
                         f'<wsdl:part name="parameters" element="{tp}:{t["operation"]}Response"/></wsdl:message>')
        eec_msgs = []
        for t in trns:
            for m in [t["request"]] + t["responses"]:
                if m not in eec_msgs:
                    eec_msgs.append(m)
        for m in eec_msgs:
            o.append(f'  <wsdl:message name="{m}"><wsdl:documentation>{escape(self.msgs[m]["nameRu"])} / '
                     f'{escape(self.msgs[m]["nameEn"])} ({self.msgs[m]["structure"]})</wsdl:documentation>'
                     f'<wsdl:part name="document" element="{self.root(m)}"/></wsdl:message>')
        o.append('  <wsdl:message name="InteractionHeaders">'
                 '<wsdl:part name="ProcedureID" element="int:ProcedureID"/>'
                 '<wsdl:part name="ConversationID" element="int:ConversationID"/></wsdl:message>')

        def doc(t, msgs):
            return (f'<wsdl:documentation>{t["code"]} ({t["procedure"]}): {escape(t["nameEn"])} / '
                    f'{escape(t["nameRu"])}. Messages: {", ".join(msgs)}.</wsdl:documentation>')

        # port types
        o.append(f'  <wsdl:portType name="{name}PortType">')
        for t in trns:
            o.append(f'    <wsdl:operation name="{t["operation"]}">')
            o.append("      " + doc(t, [t["request"]] + t["responses"]))
            o.append(f'      <wsdl:input message="{tp}:{t["operation"]}Request" '
                     f'wsam:Action="{self.action(t, t["request"])}"/>')
            if t["responses"]:
                o.append(f'      <wsdl:output message="{tp}:{t["operation"]}Response" '
                         f'wsam:Action="{self.action(t, t["responses"][0])}"/>')
            o.append("    </wsdl:operation>")
        o.append("  </wsdl:portType>")
        o.append(f'  <wsdl:portType name="{name}EecPortType">')
        for t in trns:
            o.append(f'    <wsdl:operation name="{t["operation"]}">')
            o.append("      " + doc(t, [t["request"]]))
            o.append(f'      <wsdl:input message="{tp}:{t["request"]}" wsam:Action="{self.action(t, t["request"])}"/>')
            o.append("    </wsdl:operation>")
        o.append("  </wsdl:portType>")
        replies = [(t, r) for t in trns for r in t["responses"]]
        if replies:
            o.append(f'  <wsdl:portType name="{name}EecReplyPortType">')
            for t, r in replies:
                o.append(f'    <wsdl:operation name="{self.reply_op(t, r)}">')
                o.append("      " + doc(t, [r]))
                o.append(f'      <wsdl:input message="{tp}:{r}" wsam:Action="{self.action(t, r)}"/>')
                o.append("    </wsdl:operation>")
            o.append("  </wsdl:portType>")
        # bindings
        for ver, sp, transport in (("11", "soap", "http://schemas.xmlsoap.org/soap/http"),
                                   ("12", "soap12", "http://schemas.xmlsoap.org/soap/http")):
            o.append(f'  <wsdl:binding name="{name}Soap{ver}Binding" type="{tp}:{name}PortType">')
            o.append('    <wsaw:UsingAddressing wsdl:required="false"/>')
            o.append(f'    <{sp}:binding style="document" transport="{transport}"/>')
            for t in trns:
                o.append(f'    <wsdl:operation name="{t["operation"]}">')
                o.append(f'      <{sp}:operation soapAction="{self.action(t, t["request"])}" style="document"/>')
                o.append(f'      <wsdl:input><{sp}:body use="literal"/></wsdl:input>')
                if t["responses"]:
                    o.append(f'      <wsdl:output><{sp}:body use="literal"/></wsdl:output>')
                o.append("    </wsdl:operation>")
            o.append("  </wsdl:binding>")

        def eec_binding(bname, ptype, ops):
            o.append(f'  <wsdl:binding name="{bname}" type="{tp}:{ptype}">')
            o.append('    <wsaw:UsingAddressing wsdl:required="true"/>')
            o.append('    <soap12:binding style="document" transport="http://schemas.xmlsoap.org/soap/http"/>')
            for opname, act in ops:
                o.append(f'    <wsdl:operation name="{opname}">')
                o.append(f'      <soap12:operation soapAction="{act}" soapActionRequired="false" style="document"/>')
                o.append('      <wsdl:input><soap12:body use="literal"/>'
                         f'<soap12:header message="{tp}:InteractionHeaders" part="ProcedureID" use="literal"/>'
                         f'<soap12:header message="{tp}:InteractionHeaders" part="ConversationID" use="literal"/>'
                         '</wsdl:input>')
                o.append("    </wsdl:operation>")
            o.append("  </wsdl:binding>")

        eec_binding(f"{name}EecSoap12Binding", f"{name}EecPortType",
                    [(t["operation"], self.action(t, t["request"])) for t in trns])
        if replies:
            eec_binding(f"{name}EecReplySoap12Binding", f"{name}EecReplyPortType",
                        [(self.reply_op(t, r), self.action(t, r)) for t, r in replies])
        path = name.lower()
        o.append(f'  <wsdl:service name="{name}Service">')
        o.append(f'    <wsdl:port name="{name}Soap11" binding="{tp}:{name}Soap11Binding">'
                 f'<soap:address location="http://localhost:8080/ws/{path}"/></wsdl:port>')
        o.append(f'    <wsdl:port name="{name}Soap12" binding="{tp}:{name}Soap12Binding">'
                 f'<soap12:address location="http://localhost:8080/ws/{path}12"/></wsdl:port>')
        o.append(f'    <wsdl:port name="{name}Eec" binding="{tp}:{name}EecSoap12Binding">'
                 f'<soap12:address location="http://localhost:8080/ws/eec/{path}"/></wsdl:port>')
        o.append("  </wsdl:service>")
        if replies:
            o.append(f'  <wsdl:service name="{name}EecReplyService">')
            o.append(f'    <wsdl:documentation>Served by the initiator of the {name} transactions: it receives '
                     f'the asynchronous answers of the {name}Eec binding at the address it gave in wsa:ReplyTo.'
                     f'</wsdl:documentation>')
            o.append(f'    <wsdl:port name="{name}EecReply" binding="{tp}:{name}EecReplySoap12Binding">'
                     f'<soap12:address location="http://localhost:8080/ws/eec/{path}-reply"/></wsdl:port>')
            o.append("  </wsdl:service>")
        o.append("</wsdl:definitions>")
        return "\n".join(o) + "\n"


def bindings(process):
    """JAXB package bindings for every schema file and JAX-WS bindings per WSDL, from the same table."""
    files = OrderedDict()
    msgs = {m["code"]: m["structure"] for m in process["messages"]}
    for svc in process["services"]:
        used = {msgs[m] for t in process["transactions"] if t["service"] == svc["name"]
                for m in [t["request"]] + t["responses"]}
        xjb = ['<?xml version="1.0" encoding="UTF-8"?>',
               '<!-- Generated by wsdl/tools/generate_contract.py. Do not edit. -->',
               '<jaxb:bindings xmlns:jaxb="https://jakarta.ee/xml/ns/jaxb" xmlns:xs="http://www.w3.org/2001/XMLSchema"'
               ' version="3.0">']
        for n in list(process["namespaces"]) + [s for s in process["structures"] if s["id"] in used]:
            xjb.append(f'  <jaxb:bindings schemaLocation="../resources/eaeu/pmm03/contract/xsd/{n["file"]}"'
                       ' node="/xs:schema">')
            xjb.append(f'    <jaxb:schemaBindings><jaxb:package name="{n["javaPackage"]}"/></jaxb:schemaBindings>')
            xjb.append("  </jaxb:bindings>")
        xjb.append("</jaxb:bindings>")
        files[f"../../../../bindings/jaxb-{svc['name'].lower()}.xjb"] = "\n".join(xjb) + "\n"
    for svc in process["services"]:
        files[f"../../../../bindings/jaxws-{svc['name'].lower()}.xml"] = f"""<?xml version="1.0" encoding="UTF-8"?>
<!-- Generated by wsdl/tools/generate_contract.py. One request object in, one response object out. Do not edit. -->
<jaxws:bindings xmlns:jaxws="https://jakarta.ee/xml/ns/jaxws" xmlns:jaxb="https://jakarta.ee/xml/ns/jaxb"
    xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" xmlns:xs="http://www.w3.org/2001/XMLSchema"
    wsdlLocation="../resources/eaeu/pmm03/contract/wsdl/{svc['file']}">
  <jaxws:package name="{svc['javaPackage']}"/>
  <jaxws:enableWrapperStyle>false</jaxws:enableWrapperStyle>
  <jaxws:bindings node="wsdl:definitions/wsdl:types/xs:schema[@targetNamespace='{svc['namespace']}']">
    <jaxb:schemaBindings><jaxb:package name="{svc['javaPackage']}"/></jaxb:schemaBindings>
  </jaxws:bindings>
</jaxws:bindings>
"""
    return files


def generate():
    structures = load(os.path.join(SPEC, "structures.json"))
    corrections = load(os.path.join(SPEC, "corrections.json"))
    process = load(os.path.join(CONTRACT, "pmm03-process.json"))
    model = Model(structures, corrections, process)
    files = OrderedDict()
    for p, n in model.ns.items():
        if p == "int":
            files["xsd/" + n["file"]] = INTERACTION_XSD
        else:
            files["xsd/" + n["file"]] = model.namespace_schema(p)
    headers = {s["id"]: s["header"] for s in structures["structures"]}
    for sid, s in model.structs.items():
        files["xsd/" + s["file"]] = model.structure_schema(sid, headers[sid])
    w = Wsdl(process, model)
    for svc in process["services"]:
        files["wsdl/" + svc["file"]] = w.build(svc)
    files.update(bindings(process))
    return files


def main():
    check = "--check" in sys.argv
    files = generate()
    stale = []
    for rel, text in files.items():
        path = os.path.join(CONTRACT, rel)
        old = open(path, encoding="utf-8").read() if os.path.exists(path) else None
        if old != text:
            stale.append(rel)
            if not check:
                os.makedirs(os.path.dirname(path), exist_ok=True)
                with open(path, "w", encoding="utf-8") as f:
                    f.write(text)
    if check and stale:
        print("contract out of date, run wsdl/tools/generate_contract.py: " + ", ".join(stale))
        sys.exit(1)
    print(("checked " if check else "wrote ") + f"{len(files)} files" + (f" ({len(stale)} changed)" if stale else ""))


if __name__ == "__main__":
    main()
