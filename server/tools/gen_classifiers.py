#!/usr/bin/env python3
"""Generates the classifier data files under server/src/main/resources/eaeu/pmm03/classifiers/.

Inputs (prepared by hand, see the headers written into the data files):
  countries.tsv  code<TAB>alpha3<TAB>English name<TAB>Russian name, produced on OpenJDK 17.0.15 with
                 java.util.Locale.getISOCountries() and Locale#getDisplayCountry(Locale.ENGLISH / "ru")
                 (CLDR short names; 249 officially assigned ISO 3166-1 alpha-2 codes)
  rec20.json     {"l1": [...], "l2": [...], "l3": [...], "x": [...]} dumped from the npm package
                 un-ece-recommendation@0.1.1 (MIT): REC_20_1, REC_20_2, REC_20_3 and REC_21_3 lists
Usage: python3 server/tools/gen_classifiers.py countries.tsv rec20.json
"""
import json, sys
OUT = "server/src/main/resources/eaeu/pmm03/classifiers/"

def countries(path):
    entries = []
    for line in open(path, encoding="utf-8"):
        code, a3, en, ru = line.rstrip("\n").split("\t")
        entries.append({"code": code, "alpha3": a3, "nameEn": en, "nameRu": ru})
    assert len(entries) == 249, len(entries)
    return {
        "designation": "P.CLS.019",
        "nameRu": "классификатор стран мира",
        "standard": "ISO 3166-1 alpha-2",
        "version": "ISO 3166-1 state as shipped in OpenJDK 17.0.15 (CLDR 39 display names), extracted 2026-11-22",
        "source": "java.util.Locale.getISOCountries() (249 officially assigned alpha-2 codes) with Locale#getISO3Country and Locale#getDisplayCountry(en / ru); names are CLDR short names, not the ISO/OKSM official names",
        "seedLine": 9312,
        "count": len(entries),
        "entries": entries,
    }

def units(path):
    d = json.load(open(path, encoding="utf-8"))
    by = {}
    for lvl, key in (("rec20", "l2"), ("rec20", "l1"), ("rec20", "l3")):
        for x in d[key]:
            by.setdefault(x["code"], {"code": x["code"], "name": x["name"], "lists": []})
    for key in ("l1", "l2", "l3"):
        for x in d[key]:
            by[x["code"]]["lists"].append("REC_20_" + key[1])
    for x in d["x"]:
        if x["code"] not in by:
            by[x["code"]] = {"code": x["code"], "name": x["name"], "lists": ["REC_21_X"]}
    entries = sorted(by.values(), key=lambda e: e["code"])
    return {
        "designation": "P.CLS.009",
        "nameRu": "международный классификатор единиц измерения",
        "standard": "UN/ECE Recommendation No. 20 (Codes for Units of Measure Used in International Trade), with the X-prefixed Recommendation No. 21 package codes that Rec. 20 admits as units",
        "version": "un-ece-recommendation@0.1.1 (npm, MIT licence), lists REC_20_1, REC_20_2, REC_20_3 and REC_21_3; extracted 2026-11-22",
        "source": "npm package un-ece-recommendation 0.1.1 (dist/esm/20/{1,2,3}, dist/esm/21/3); codes of all three Rec. 20 lists (union) plus Rec. 21 X-codes",
        "coverage": "complete Rec. 20 code list as published in that package (Annex I and Annex II/III codes, including codes the package keeps from older revisions); 'lists' tells in which of REC_20_1/2/3 a code occurs",
        "seedLine": 9304,
        "count": len(entries),
        "entries": entries,
    }

def main():
    c = countries(sys.argv[1]); u = units(sys.argv[2])
    for name, data in (("P.CLS.019.json", c), ("P.CLS.009.json", u)):
        with open(OUT + name, "w", encoding="utf-8") as f:
            json.dump(data, f, ensure_ascii=False, indent=0)
            f.write("\n")
        print(name, data["count"])

main()
