#!/usr/bin/env python3
"""Generates docs/glossary.md: Russian <-> English <-> XML name for the P.MM.03 terms.

Inputs (all in the repository):
  wsdl/src/test/resources/spec/structures.json   - the four structures (R.006, R.007, R.HC.MM.03.001,
                                                    R.HC.MM.03.002): name_ru, xml_name, model_id of every row
  wsdl/src/test/resources/spec/corrections.json  - XML-name corrections applied to those rows (as the contract
                                                    generator applies them)
  wsdl/src/main/resources/eaeu/pmm03/contract/pmm03-process.json
                                                  - message and transaction codes with their Russian/English names
The English names of the elements and attributes are written by hand below (ENGLISH); the script fails if an
XML name of the structures has no English name, or if ENGLISH holds a name the structures no longer use.

    python3 docs/tools/generate_glossary.py           # (re)writes docs/glossary.md
    python3 docs/tools/generate_glossary.py --check   # fails if docs/glossary.md is out of date
"""
import json
import os
import sys
from collections import OrderedDict

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
SPEC = os.path.join(REPO, "wsdl/src/test/resources/spec")
PROCESS = os.path.join(REPO, "wsdl/src/main/resources/eaeu/pmm03/contract/pmm03-process.json")
OUT = os.path.join(REPO, "docs/glossary.md")

# Terms of the common process itself: (Russian, English, code or XML name where there is one).
PROCESS_TERMS = [
    ("общий процесс", "common process", "P.MM.03"),
    ("единая база данных (о фальсифицированных, контрафактных и недоброкачественных лекарственных средствах)",
     "unified database (of falsified, counterfeit and substandard medicines)", "—"),
    ("Евразийская экономическая комиссия (Комиссия)", "Eurasian Economic Commission (the Commission)",
     "service `Commission` (`cws:`, `urn:pmm03:ws:Commission:v1.0.0`)"),
    ("уполномоченный орган (государства-члена)", "authority; authorised body (of a member state)",
     "service `Authority` (`aws:`, `urn:pmm03:ws:Authority:v1.0.0`); `csdo:AuthorityName`, `csdo:AuthorityId`"),
    ("государство-член", "member state", "`csdo:UnifiedCountryCode`"),
    ("участник общего процесса", "participant of the common process", "—"),
    ("инициатор", "initiator (the participant that starts a transaction)", "sender of the request; `wsa:ReplyTo`"),
    ("респондент", "respondent (the participant that answers)", "receiver of the request"),
    ("процедура", "procedure", "`P.MM.03.PRC.nnn`; instance: `int:ProcedureID`"),
    ("транзакция", "transaction", "`P.MM.03.TRN.nnn`; instance: `int:ConversationID`"),
    ("сообщение (общего процесса)", "message (of the common process)",
     "`P.MM.03.MSG.nnn`; `csdo:InfEnvelopeCode`"),
    ("электронный документ (сведения)", "electronic document (data)", "`csdo:EDocCode` (structure code `R...`)"),
    ("структура электронного документа (сведений)", "structure of an electronic document (data)",
     "`R.006`, `R.007`, `R.HC.MM.03.001`, `R.HC.MM.03.002`"),
    ("интегрированная информационная система (Союза)", "integrated information system (of the Union)",
     "the `Eec` binding profile"),
    ("запрос", "request", "—"),
    ("ответ", "answer; response", "`...Response` (sync), `...Answer` (Eec reply)"),
    ("уведомление", "notification", "—"),
    ("общий ресурс", "common (shared) resource", "`ccdo:ResourceItemStatusDetails`"),
    ("справочник (классификатор)", "reference book (classifier); code list", "`codeListId`"),
    ("лекарственное средство", "medicine; medicinal product (generic term)", "—"),
    ("лекарственный препарат", "medicinal product (finished dosage form)", "—"),
    ("фальсифицированное лекарственное средство", "falsified medicine", "`hcsdo:StatusLowQualityCode` = 03"),
    ("контрафактное лекарственное средство", "counterfeit medicine", "`hcsdo:StatusLowQualityCode` = 02"),
    ("лекарственное средство, не соответствующее требованиям по качеству (недоброкачественное)",
     "substandard medicine (not meeting quality requirements)", "`hcsdo:StatusLowQualityCode` = 01"),
    ("изъятие из обращения", "withdrawal from circulation", "—"),
    ("включение / изменение / исключение сведений", "inclusion / change / exclusion of data",
     "`IncludeRecord` / `ChangeRecord` / `ExcludeRecord`"),
]

STRUCTURE_EN = {
    "R.006": "processing result notification",
    "R.007": "common resource update status",
    "R.HC.MM.03.001": "data on the results of medicine quality control",
    "R.HC.MM.03.002": "additional information related to the detection of a falsified, counterfeit and/or "
                      "substandard medicine",
}

# English names of every distinct XML element and attribute name of the four structures (after corrections).
ENGLISH = {
    # csdo: common simple data objects
    "csdo:InfEnvelopeCode": "Common-process message code",
    "csdo:EDocCode": "Electronic document (data) code",
    "csdo:EDocId": "Electronic document (data) identifier",
    "csdo:EDocRefId": "Identifier of the source electronic document (data)",
    "csdo:EDocDateTime": "Electronic document (data) date and time",
    "csdo:LanguageCode": "Language code",
    "csdo:EventDateTime": "Date and time (of the event)",
    "csdo:ProcessingResultV2Code": "Processing result code",
    "csdo:DescriptionText": "Description",
    "csdo:UpdateDateTime": "Update date and time",
    "csdo:UnifiedCountryCode": "Country code",
    "csdo:UnifiedCommodityMeasure": "Quantity of goods",
    "csdo:BusinessEntityName": "Business entity name",
    "csdo:BusinessEntityBriefName": "Business entity short name",
    "csdo:BusinessEntityTypeCode": "Legal form code",
    "csdo:BusinessEntityTypeName": "Legal form name",
    "csdo:BusinessEntityId": "Business entity identifier",
    "csdo:UniqueCustomsNumberId": "Unique customs identification number",
    "csdo:TaxpayerId": "Taxpayer identifier",
    "csdo:TaxRegistrationReasonCode": "Tax registration reason code",
    "csdo:AddressKindCode": "Address type code",
    "csdo:TerritoryCode": "Territory code",
    "csdo:RegionName": "Region",
    "csdo:DistrictName": "District",
    "csdo:CityName": "City",
    "csdo:SettlementName": "Locality (settlement)",
    "csdo:StreetName": "Street",
    "csdo:BuildingNumberId": "Building number",
    "csdo:RoomNumberId": "Premises (room) number",
    "csdo:PostCode": "Postal code",
    "csdo:PostOfficeBoxId": "Post office box number",
    "csdo:CommunicationChannelCode": "Communication channel type code",
    "csdo:CommunicationChannelName": "Communication channel type name",
    "csdo:CommunicationChannelId": "Communication channel identifier (number or address)",
    "csdo:EndDate": "End date",
    "csdo:AuthorityName": "Name of the authorised body of the member state",
    "csdo:AuthorityId": "Identifier of the authorised body of the member state",
    "csdo:NoteText": "Note",
    "csdo:DocId": "Document number",
    "csdo:DocName": "Document title",
    "csdo:DocCreationDate": "Document date",
    "csdo:DocValidityDate": "Document expiry date",
    "csdo:DocBinaryText": "Document in binary form",
    "csdo:StartDateTime": "Start date and time",
    "csdo:EndDateTime": "End date and time",
    # ccdo: common complex data objects
    "ccdo:EDocHeader": "Electronic document (data) header",
    "ccdo:SubjectAddressDetails": "Address",
    "ccdo:CommunicationDetails": "Contact details",
    "ccdo:ResourceItemStatusDetails": "Technical attributes of a common resource record",
    "ccdo:ValidityPeriodDetails": "Validity period",
    # hcsdo: healthcare simple data objects
    "hcsdo:StatusLowQualityCode": "Code of the subsection of the unified database of medicines subject to a "
                                  "withdrawal-from-circulation decision (01 substandard, 02 counterfeit, "
                                  "03 falsified)",
    "hcsdo:DrugTradeName": "Trade name of the medicinal product",
    "hcsdo:DrugCode": "Medicine name code",
    "hcsdo:DrugName": "Medicine name",
    "hcsdo:ActiveSubstanceIndicator": "Active pharmaceutical ingredient indicator",
    "hcsdo:DosageFormCode": "Dosage form code",
    "hcsdo:DosageFormName": "Dosage form name",
    "hcsdo:DosedIndicator": "Dosed (metered) indicator",
    "hcsdo:ChildIndicator": "Paediatric use indicator",
    "hcsdo:SugarIndicator": "Sugar content indicator",
    "hcsdo:TasteAromaAdditiveText": "Flavouring additive description",
    "hcsdo:SolventText": "Nature of the solvent",
    "hcsdo:RawPartMaterialText": "Part of the plant used as herbal raw material",
    "hcsdo:DegreeRefinementRawMaterialCode": "Degree of comminution of the herbal raw material (code)",
    "hcsdo:DegreeRefinementRawMaterialName": "Degree of comminution of the herbal raw material (name)",
    "hcsdo:DosageUnitKindCode": "Code of the kind of unit in which the composition is expressed",
    "hcsdo:DosageUnitKindName": "Name of the kind of unit in which the composition is expressed",
    "hcsdo:DosageUnitMeasure": "Dosing (concentration) unit quantity",
    "hcsdo:DrugSubstanceRoleCode": "Code of the role of the substance (ingredient, material) in the product",
    "hcsdo:DrugSubstanceRoleName": "Name of the role of the substance (ingredient, material) in the product",
    "hcsdo:ActiveSubstanceCode": "Active pharmaceutical ingredient code",
    "hcsdo:ActiveSubstanceName": "Active pharmaceutical ingredient name",
    "hcsdo:AuxiliarySubstanceCode": "Excipient code",
    "hcsdo:AuxiliarySubstanceName": "Excipient name",
    "hcsdo:FunctionalPurposeCode": "Excipient function code",
    "hcsdo:FunctionalPurposeName": "Excipient function name",
    "hcsdo:ReagentName": "Name of a reagent contained in the product",
    "hcsdo:SubstanceMeasure": "Strength (concentration)",
    "hcsdo:SubstanceText": "Strength (concentration) description",
    "hcsdo:DrugPackageKindCode": "Primary packaging type code",
    "hcsdo:DrugPackageKindName": "Primary packaging type name",
    "hcsdo:PackageMaterialText": "Primary packaging material",
    "hcsdo:PackageMeasure": "Quantity per package",
    "hcsdo:ComponentPackageQuantity": "Number of packaged units in the secondary package",
    "hcsdo:ShelfLifeDuration": "Shelf life of the medicinal product",
    "hcsdo:MiddlePackageText": "Intermediate packaging description",
    "hcsdo:ComponentCode": "Accessory device code",
    "hcsdo:ComponentName": "Accessory device name",
    "hcsdo:DrugSecondaryPackageKindCode": "Secondary (consumer) packaging type code",
    "hcsdo:DrugSecondaryPackageKindName": "Secondary (consumer) packaging type name",
    "hcsdo:DrugSetIndicator": "Indicator that the secondary package holds a set of packaged units",
    "hcsdo:ConsignmentNumberId": "Consignment (lot) number of the medicinal product",
    "hcsdo:BatchNumberId": "Batch number of the medicinal product",
    "hcsdo:ManufacturingDate": "Date of manufacture",
    "hcsdo:CounterfeitPackageQuantity": "Number of packages of the substandard, falsified or counterfeit medicine "
                                        "detected",
    "hcsdo:OrganizationRestrictionKindCode": "Controlled organisation type code",
    "hcsdo:OrganizationRestrictionKindName": "Controlled organisation type name",
    "hcsdo:LowQualityCode": "Code of the non-compliant quality parameter",
    "hcsdo:LowQualityName": "Name of the non-compliant quality parameter",
    "hcsdo:FalsificationSignPicture": "Image of the sign of falsification or counterfeiting",
    "hcsdo:PdfBinaryText": "Document in PDF format",
    "hcsdo:ConfidentialityIndicator": "Confidentiality indicator",
    # hccdo: healthcare complex data objects
    "hccdo:DrugMonitoringItemDetails": "Medicine quality-control details (one reporting country)",
    "hccdo:DrugMonitoringDetails": "Quality-control results for a medicinal product",
    "hccdo:DrugNameDetails": "Medicine name details",
    "hccdo:DosageFormDetails": "Dosage form details",
    "hccdo:PackageFormDetails": "Presentation (pack form) of the medicinal product",
    "hccdo:PackageDetails": "Packaged unit of the medicinal product",
    "hccdo:DosageFormAdditionalFeaturesDetails": "Additional characteristics of the dosage form",
    "hccdo:DrugDosageDetails": "Strength of the medicinal product",
    "hccdo:DosageUnitDetails": "Unit in which the composition of the medicinal product is expressed",
    "hccdo:SubstanceDetails": "Ingredient of the medicinal product",
    "hccdo:ActiveSubstanceDetails": "Active pharmaceutical ingredient of the medicinal product",
    "hccdo:AuxiliarySubstanceDetails": "Excipient of the medicinal product",
    "hccdo:ComponentDetails": "Accessory device in the package",
    "hccdo:ConsignmentDetails": "Consignment (group of goods)",
    "hccdo:DistributorDetails": "Distributor (supplier)",
    "hccdo:BatchDetails": "Batch of the medicinal product",
    "hccdo:ManufacturingAuthorizationHolderDetailsV2": "Manufacturer",
    "hccdo:RegistrationCertificateHolderDetails": "Holder of (applicant for) the registration certificate",
    "hccdo:OrganizationRestrictionDetails": "Controlled organisation",
    "hccdo:LowQualityDetails": "Quality-standard parameter found non-compliant",
    "hccdo:FalsificationSignDetails": "Sign of falsification and/or counterfeit origin of the medicine",
    "hccdo:AuthorityActionDetails": "Action taken by the government executive authority",
    "hccdo:OfficialDocDetails": "Official document",
    "hccdo:CounterfeitDrugRequestDetails": "Request for additional information on a detected falsified, "
                                           "counterfeit and/or substandard medicine",
    "hccdo:CounterfeitDrugAnswerDetails": "Answer to a request for additional information on a detected "
                                          "falsified, counterfeit and/or substandard medicine",
    "hccdo:AnyDetails": "XML document",
    # attributes (unqualified)
    "codeListId": "Reference book (classifier) identifier",
    "measurementUnitCode": "Unit of measurement",
    "measurementUnitCodeListId": "Identifier of the classifier of units of measurement",
    "SubstanceMeasureCode": "Strength/concentration unit code",
    "SubstanceMeasureName": "Strength/concentration unit name",
    "SubstanceMeasureTypeCode": "Type of the strength (concentration) value",
    "ScaleNumber": "Scale",
    "kindId": "Identification method",
    "mediaTypeCode": "Data format (media type) code",
}

# Truncations in the extraction that no correct repeat outvotes (russian() picks the majority spelling otherwise).
RUSSIAN_FIXES = {
    "Сведения о серии лекарственного препарат": "Сведения о серии лекарственного препарата",
}

AREAS = [
    ("csdo", "Common simple data objects (`csdo:`, `urn:EEC:M:SimpleDataObjects:v0.4.11`)"),
    ("ccdo", "Common complex data objects (`ccdo:`, `urn:EEC:M:ComplexDataObjects:v0.4.11`)"),
    ("hcsdo", "Healthcare simple data objects (`hcsdo:`, `urn:EEC:M:HC:SimpleDataObjects:v1.0.17`)"),
    ("hccdo", "Healthcare complex data objects (`hccdo:`, `urn:EEC:M:HC:ComplexDataObjects:v1.0.17`)"),
]


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f, object_pairs_hook=OrderedDict)


def cell(text):
    return str(text).replace("|", "\\|").replace("\n", " ")


def table(header, rows):
    out = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    out += ["| " + " | ".join(cell(c) for c in r) + " |" for r in rows]
    return out


def collect(structures, corrections):
    """Distinct XML names -> {kind, ru: {name: count}, models, structures, owners} (corrections applied)."""
    fix = {(r["structure"], r["number"]): r for r in corrections["rows"]}
    names = OrderedDict()

    def walk(sid, row, kind, owner):
        xml = fix.get((sid, row["number"]), {}).get("xml_name", row["xml_name"])
        d = names.setdefault(xml, {"kind": kind, "ru": OrderedDict(), "models": [], "structures": [], "owners": []})
        if row.get("name_ru"):
            d["ru"][row["name_ru"]] = d["ru"].get(row["name_ru"], 0) + 1
        for key, value in (("models", row.get("model_id")), ("structures", sid), ("owners", owner)):
            if value and value not in d[key]:
                d[key].append(value)
        for a in row.get("attributes") or []:
            walk(sid, a, "attribute", xml)
        for c in row.get("children") or []:
            walk(sid, c, "element", xml)

    for s in structures["structures"]:
        for row in s["elements"]:
            walk(s["id"], row, "element", None)
    names.pop("xs:any", None)  # the wildcard of R.HC.MM.03.002 6.1 (decision D-13) is not a name
    return names


def russian(d):
    """The most frequent Russian name (the extraction has a few truncated/misspelt repeats), ties: the longest."""
    name = max(d["ru"].items(), key=lambda kv: (kv[1], len(kv[0])))[0] if d["ru"] else ""
    return RUSSIAN_FIXES.get(name, name)


def msg(code):
    return code.split(".", 3)[3]  # P.MM.03.MSG.001 -> MSG.001


def local(xml):
    return xml.split(":")[-1]


def generate():
    structures = load(os.path.join(SPEC, "structures.json"))
    corrections = load(os.path.join(SPEC, "corrections.json"))
    process = load(PROCESS)
    names = collect(structures, corrections)

    missing = [n for n in names if n not in ENGLISH]
    unused = [n for n in ENGLISH if n not in names]
    if missing or unused:
        raise SystemExit(f"ENGLISH is out of step with structures.json: missing {missing}, unused {unused}")
    msgs = {m["code"]: m for m in process["messages"]}
    structs = {s["id"]: s for s in process["structures"]}
    short = {"R.006": "R.006", "R.007": "R.007", "R.HC.MM.03.001": "HC.001", "R.HC.MM.03.002": "HC.002"}

    o = ["# P.MM.03 glossary — Russian ↔ English ↔ XML", "",
         "<!-- Generated by docs/tools/generate_glossary.py. Do not edit; change the script and rerun it. -->", "",
         "Terms of the common process P.MM.03 (EEC Decision No. 124: unified database of substandard, falsified",
         "and counterfeit medicines) and every distinct XML element and attribute name of its four structures",
         "(R.006, R.007, R.HC.MM.03.001, R.HC.MM.03.002), with the XML-name corrections of",
         "`wsdl/src/test/resources/spec/corrections.json` applied. Russian names are those of the specification",
         "(`wsdl/src/test/resources/spec/structures.json`; where the extraction repeats a name with a truncated or",
         "misspelt variant, the most frequent spelling is shown, and one lone truncation is completed); message and transaction names come from",
         "`pmm03-process.json`; the other English names are translations kept in the generator.", "",
         "Regenerate: `python3 docs/tools/generate_glossary.py` (`--check` fails if this file is out of date).", "",
         "Structure columns: R.006, R.007, HC.001 = R.HC.MM.03.001, HC.002 = R.HC.MM.03.002.", ""]

    o += ["## Process terms", ""]
    o += table(["Russian", "English", "Code / XML name"], PROCESS_TERMS)

    o += ["", "## Messages", ""]
    o += table(["Code", "Russian", "English", "Structure", "Root element"],
               [(m["code"], m["nameRu"], m["nameEn"], m["structure"],
                 f'{structs[m["structure"]]["prefix"]}:{structs[m["structure"]]["rootElement"]}')
                for m in process["messages"]])

    o += ["", "## Transactions", ""]
    o += table(["Code", "Procedure", "Russian", "English", "Service.operation", "Messages"],
               [(t["code"], t["procedure"], t["nameRu"], t["nameEn"], f'{t["service"]}.{t["operation"]}',
                 " → ".join([msg(t["request"])] + ([" / ".join(msg(r) for r in t["responses"])]
                                                   if t["responses"] else [])))
                for t in process["transactions"]])

    o += ["", "## Structures (root elements)", ""]
    rows = []
    for s in structures["structures"]:
        st = structs[s["id"]]
        rows.append((s["id"], s["header"]["name"], STRUCTURE_EN[s["id"]], f'`{st["prefix"]}:{st["rootElement"]}`',
                     f'`{st["namespace"]}`'))
    o += table(["Structure", "Russian", "English", "Root element", "Namespace"], rows)

    for prefix, title in AREAS:
        rows = [(f"`{n}`", russian(d), ENGLISH[n], ", ".join(d["models"]),
                 ", ".join(short[s] for s in d["structures"]))
                for n, d in sorted(names.items(), key=lambda kv: local(kv[0]).lower())
                if d["kind"] == "element" and n.split(":")[0] == prefix]
        o += ["", f"## {title}", ""]
        o += table(["XML name", "Russian", "English", "Model ID", "Structures"], rows)

    other = [n for n, d in names.items() if d["kind"] == "element" and n.split(":")[0] not in dict(AREAS)]
    if other:
        raise SystemExit(f"elements outside the known namespaces: {other}")

    rows = [(f"`{n}`", russian(d), ENGLISH[n], ", ".join(f"`{x}`" for x in d["owners"]),
             ", ".join(short[s] for s in d["structures"]))
            for n, d in sorted(names.items(), key=lambda kv: kv[0].lower()) if d["kind"] == "attribute"]
    o += ["", "## Attributes (unqualified)", ""]
    o += table(["XML name", "Russian", "English", "On elements", "Structures"], rows)

    counts = {k: sum(1 for d in names.values() if d["kind"] == k) for k in ("element", "attribute")}
    o += ["", f"{counts['element']} element names and {counts['attribute']} attribute names. R.HC.MM.03.002 row 6.1 "
          "(inside `hccdo:AnyDetails`) is an `xs:any` wildcard after correction D-13 and has no name of its own.", ""]
    return "\n".join(o)


def main():
    text = generate()
    old = open(OUT, encoding="utf-8").read() if os.path.exists(OUT) else None
    if "--check" in sys.argv:
        if old != text:
            print("docs/glossary.md is out of date: run python3 docs/tools/generate_glossary.py")
            sys.exit(1)
        print("docs/glossary.md is up to date")
        return
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w", encoding="utf-8") as f:
        f.write(text)
    print(f"wrote docs/glossary.md ({'changed' if old != text else 'unchanged'})")


if __name__ == "__main__":
    main()
