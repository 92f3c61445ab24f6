#!/usr/bin/env python3
"""Generates server/src/main/resources/eaeu/pmm03/rules/fill-rules.json from shared/spec/rules.json.

Run once from the repository root:  python3 server/tools/gen_fill_rules.py /work/shared/spec/rules.json
The Russian texts are copied (text_ru_repaired); the English short texts, decisions and notes are
written here. The Java code (eaeu.pmm03.server.rules) reads the generated file for every rule text.
"""
import json, re, sys

SRC = sys.argv[1] if len(sys.argv) > 1 else "/work/shared/spec/rules.json"
OUT = "server/src/main/resources/eaeu/pmm03/rules/fill-rules.json"

# English short texts of tables 12/13 (identical requirements, except rule 4 of table 13 -> D-30)
EN_12 = {
 1: "exactly one hccdo:DrugMonitoringItemDetails is filled in the message",
 2: "csdo:StartDateTime in ccdo:ResourceItemStatusDetails is mandatory",
 3: "csdo:EndDateTime in ccdo:ResourceItemStatusDetails is not filled",
 4: "the unified database must not hold an active record (no csdo:EndDateTime) with the same country, hcsdo:StatusLowQualityCode, hcsdo:DrugTradeName, hccdo:DrugNameDetails and hccdo:OfficialDocDetails",
 5: "@codeListId of csdo:UnifiedCountryCode must designate the world countries classifier of section VII (P.CLS.019)",
 6: "csdo:UnifiedCountryCode must be an ISO 3166-1 country code of the world countries classifier",
 7: "a filled hccdo:DrugNameDetails must contain hcsdo:DrugCode or hcsdo:DrugName",
 8: "a filled hccdo:ActiveSubstanceDetails must contain hcsdo:ActiveSubstanceCode or hcsdo:ActiveSubstanceName",
 9: "a filled hccdo:AuxiliarySubstanceDetails must contain hcsdo:AuxiliarySubstanceCode or hcsdo:AuxiliarySubstanceName",
 10: "a filled hccdo:AuxiliarySubstanceDetails must contain hcsdo:FunctionalPurposeCode or hcsdo:FunctionalPurposeName",
 11: "@SubstanceMeasureTypeCode, if filled, must be one of 01-05",
 12: "a filled hccdo:DosageUnitDetails must contain hcsdo:DosageUnitKindCode or hcsdo:DosageUnitKindName",
 13: "hcsdo:DosageUnitKindCode, if filled, must be one of 01-09",
 14: "if the substance role is 'active substance', hccdo:SubstanceDetails must contain hccdo:ActiveSubstanceDetails",
 15: "if the substance role is 'active substance', hccdo:AuxiliarySubstanceDetails and hcsdo:ReagentName are not filled",
 16: "if the substance role is 'auxiliary substance', hccdo:SubstanceDetails must contain hccdo:AuxiliarySubstanceDetails",
 17: "if the substance role is 'auxiliary substance', hccdo:ActiveSubstanceDetails and hcsdo:ReagentName are not filled",
 18: "if the substance role is 'reagent', hccdo:SubstanceDetails must contain hcsdo:ReagentName",
 19: "if the substance role is 'reagent', hccdo:ActiveSubstanceDetails and hccdo:AuxiliarySubstanceDetails are not filled",
 20: "if hcsdo:StatusLowQualityCode is 'substandard' (01), hccdo:LowQualityDetails must contain hcsdo:LowQualityCode and/or hcsdo:LowQualityName, and hccdo:FalsificationSignDetails is not filled",
 21: "if hcsdo:StatusLowQualityCode is 'counterfeit' (02) or 'falsified' (03), hccdo:FalsificationSignDetails is mandatory and hccdo:LowQualityDetails is not filled",
 22: "hccdo:DrugMonitoringDetails must contain hcsdo:DrugTradeName or hccdo:DrugNameDetails",
 23: "csdo:UnifiedCountryCode in hccdo:ManufacturingAuthorizationHolderDetailsV2 is mandatory",
 24: "csdo:UnifiedCountryCode in hccdo:ManufacturingAuthorizationHolderDetailsV2 must be an ISO 3166-1 country code",
 25: "@codeListId of csdo:UnifiedCountryCode in hccdo:ManufacturingAuthorizationHolderDetailsV2 must designate the world countries classifier (P.CLS.019)",
 26: "hccdo:ManufacturingAuthorizationHolderDetailsV2 must contain csdo:BusinessEntityName and/or csdo:BusinessEntityBriefName",
 27: "a filled hccdo:RegistrationCertificateHolderDetails must contain csdo:UnifiedCountryCode",
 28: "csdo:UnifiedCountryCode in hccdo:RegistrationCertificateHolderDetails must be an ISO 3166-1 country code",
 29: "@codeListId of csdo:UnifiedCountryCode in hccdo:RegistrationCertificateHolderDetails must designate the world countries classifier (P.CLS.019)",
 30: "a filled hccdo:DistributorDetails must contain csdo:UnifiedCountryCode",
 31: "csdo:UnifiedCountryCode in hccdo:DistributorDetails must be an ISO 3166-1 country code",
 32: "@codeListId of csdo:UnifiedCountryCode in hccdo:DistributorDetails must designate the world countries classifier (P.CLS.019)",
 33: "@measurementUnitCode of csdo:UnifiedCommodityMeasure and hcsdo:CounterfeitPackageQuantity must be a UN/ECE Recommendation 20 unit code",
 34: "a filled hcsdo:SubstanceMeasure must carry @SubstanceMeasureCode and/or @SubstanceMeasureName",
 35: "if @SubstanceMeasureCode is 'other', @SubstanceMeasureName is mandatory",
 36: "hccdo:PackageDetails must contain hcsdo:DrugPackageKindCode or hcsdo:DrugPackageKindName",
 37: "if hcsdo:DrugPackageKindCode is 'other', hcsdo:DrugPackageKindName is mandatory",
 38: "hcsdo:DrugSecondaryPackageKindCode or hcsdo:DrugSecondaryPackageKindName must be filled",
 39: "a filled hccdo:ComponentDetails must contain hcsdo:ComponentCode and/or hcsdo:ComponentName",
 40: "@measurementUnitCode of hcsdo:PackageMeasure must belong to the unit classifier named by its @measurementUnitCodeListId",
 41: "@measurementUnitCodeListId of hcsdo:PackageMeasure must designate the UN unit classifier (P.CLS.009)",
 42: "if hcsdo:ComponentCode is 'other', hcsdo:ComponentName is mandatory",
 43: "@mediaTypeCode of hcsdo:FalsificationSignPicture may be application/pdf, image/tiff, image/png or image/jpeg",
 44: "if hcsdo:OrganizationRestrictionKindCode is 'other', hcsdo:OrganizationRestrictionKindName is mandatory",
 45: "if hcsdo:OrganizationRestrictionKindCode is 'customs authority', csdo:AuthorityName is mandatory",
 46: "if hcsdo:LowQualityCode is 'other', hcsdo:LowQualityName is mandatory",
 47: "csdo:DocCreationDate in hccdo:OfficialDocDetails is mandatory",
}
EN_13 = dict(EN_12)
EN_13[4] = "the unified database must hold an active record (no csdo:EndDateTime) with the same country, hcsdo:StatusLowQualityCode, hcsdo:DrugTradeName, hccdo:DrugNameDetails and hccdo:OfficialDocDetails (the record to change)"
EN_14 = {
 1: "exactly one hccdo:DrugMonitoringItemDetails is filled in the message",
 2: "the unified database must hold an active record (no csdo:EndDateTime) with the same country, hcsdo:StatusLowQualityCode, hcsdo:DrugTradeName, hccdo:DrugNameDetails and hccdo:OfficialDocDetails (the record to exclude)",
 3: "csdo:EndDateTime and csdo:StartDateTime in ccdo:ResourceItemStatusDetails are mandatory",
 4: "csdo:EndDateTime must be greater than or equal to csdo:StartDateTime",
 5: "hcsdo:DrugTradeName or hccdo:DrugNameDetails must be filled",
}
EN_8 = {1: "hccdo:OfficialDocDetails is mandatory in the message"}
EN_9 = {1: "hccdo:CounterfeitDrugAnswerDetails must be filled",
        2: "at least one of csdo:NoteText, hcsdo:PdfBinaryText, hccdo:AnyDetails must be filled"}
EN = {12: EN_12, 13: EN_13, 14: EN_14, 8: EN_8, 9: EN_9}

# decision per (table, number); the same decision applies to tables 12 and 13 unless stated
DEC_1213 = {1: "D-41", 4: "D-31", 5: "D-32", 6: "D-32", 10: "D-43", 14: "D-35", 15: "D-35", 16: "D-35",
            17: "D-35", 18: "D-35", 19: "D-35", 20: "D-36", 21: "D-36", 30: "D-44", 31: "D-44", 32: "D-44",
            33: "D-40", 35: "D-38", 37: "D-33", 38: "D-37", 40: "D-39", 41: "D-39", 42: "D-33", 43: "D-46",
            44: "D-33", 45: "D-34", 46: "D-33"}
DECISIONS = {(t, n): d for t in (12, 13) for n, d in DEC_1213.items()}
DECISIONS[(13, 4)] = "D-30"
DECISIONS[(14, 1)] = "D-41"
DECISIONS[(14, 2)] = "D-31"
DECISIONS[(8, 1)] = "D-44"
DECISIONS[(9, 2)] = "D-42"

NOTES = {
 (12, 4): "key = eaeu.pmm03.server.rules.RecordKey (D-31); the database is asked through RegistryView.hasActiveRecord",
 (13, 4): "applied text inverts the printed one (D-30); key = RecordKey (D-31)",
 (14, 2): "key = RecordKey (D-31)",
 (12, 37): "'other' = code 99 of P.CLS.069 (D-33)", (13, 37): "'other' = code 99 of P.CLS.069 (D-33)",
 (12, 42): "'other' = code 99 of P.CLS.044 (D-33)", (13, 42): "'other' = code 99 of P.CLS.044 (D-33)",
 (12, 44): "'other' = code 99 of P.MM.03.CLS.002 (D-33)", (13, 44): "'other' = code 99 of P.MM.03.CLS.002 (D-33)",
 (12, 46): "'other' = code 99 of P.MM.03.CLS.001 (D-33)", (13, 46): "'other' = code 99 of P.MM.03.CLS.001 (D-33)",
 (12, 5): "general rule: item-level and address country codes only (D-32)", (13, 5): "general rule: item-level and address country codes only (D-32)",
 (12, 6): "general rule: item-level and address country codes only (D-32)", (13, 6): "general rule: item-level and address country codes only (D-32)",
 (12, 35): "'other' = code 99 of P.CLS.039 (D-33); checked on @SubstanceMeasureCode of hcsdo:SubstanceMeasure and of hcsdo:DosageUnitMeasure (D-38)",
 (13, 35): "'other' = code 99 of P.CLS.039 (D-33); checked on @SubstanceMeasureCode of hcsdo:SubstanceMeasure and of hcsdo:DosageUnitMeasure (D-38)",
}

DECISION_TEXTS = [
 {"id": "D-30", "seedLines": [13115, 13118],
  "text": "Table 13 rule 4 (MSG.002 change) is printed as a copy of table 12 rule 4 ('the unified database must NOT contain an active record with the same key'), which contradicts the change semantics. Implemented as: the unified database MUST contain an active record with that key."},
 {"id": "D-31", "seedLines": [12861, 12863, 13361, 13363],
  "text": "Record key (RecordKey) of rules 12.4/13.4/14.2: one record per hccdo:DrugMonitoringItemDetails. Key = item csdo:UnifiedCountryCode + hcsdo:StatusLowQualityCode, hcsdo:DrugTradeName and the non-empty hccdo:DrugNameDetails (code@codeListId:name, sorted) of the FIRST hccdo:DrugMonitoringDetails + csdo:DocId, csdo:DocCreationDate, csdo:AuthorityId/csdo:AuthorityName of the hccdo:OfficialDocDetails of the FIRST hccdo:AuthorityActionDetails. Names are compared after Unicode NFC, whitespace collapsing, lower-casing and ё→е; codes and DocId after trimming; the date as yyyy-MM-dd. csdo:AuthorityId (optional) is not part of the key. Canonical string: k1|country|status|tradeName|names(;)|docId|docDate|authority with \\, | and ; escaped; SHA-256 of it for a fixed-length index. Further hccdo:DrugMonitoringDetails / hccdo:AuthorityActionDetails are content of the record, not key."},
 {"id": "D-32", "seedLines": [12865, 12871, 12975, 12983, 12994, 13001, 13007, 13014],
  "text": "Rules 5 and 6 (any csdo:UnifiedCountryCode) overlap with the specific rules 24/25 (manufacturer), 28/29 (registration certificate holder) and 31/32 (distributor). To report each fault once, rules 5/6 check the item-level csdo:UnifiedCountryCode and those inside ccdo:SubjectAddressDetails; the country code of the manufacturer, holder and distributor themselves is checked by the specific rules only."},
 {"id": "D-33", "seedLines": [13024, 13026, 13033, 13035, 13057, 13060, 13070, 13072, 13078, 13081, 15576],
  "text": "'другое' (other): the seed gives no values for P.CLS.039, P.CLS.069, P.CLS.044, P.MM.03.CLS.001, P.MM.03.CLS.002. The code 99 is taken as 'другое', following the convention of the same structure (seed line 15576: '99 – другое' of hcsdo:DegreeRefinementRawMaterialCode). The value is data (classifiers/designated-values.json) and can be changed when the real classifiers are loaded."},
 {"id": "D-34", "seedLines": [13074, 13076],
  "text": "'таможенный орган' (customs authority) of P.MM.03.CLS.002: the seed gives no code. The designated code is data (classifiers/designated-values.json, null until known); rule 45 applies when hcsdo:OrganizationRestrictionKindCode equals that code or hcsdo:OrganizationRestrictionKindName is 'таможенный орган' (normalized, case-insensitive)."},
 {"id": "D-35", "seedLines": [12920, 12955, 15779, 15792],
  "text": "Substance role (rules 14-19): 'действующее вещество' = code 01 or name 'действующее вещество'; 'вспомогательное вещество' = 02 or that name; 'реагент' = 03 or that name (enumeration of hcsdo:DrugSubstanceRoleCode); names compared normalized, case-insensitive."},
 {"id": "D-36", "seedLines": [12957, 12964, 15144, 15159],
  "text": "hcsdo:StatusLowQualityCode 01 = 'не соответствующее требованиям по качеству', 02 = 'контрафактное', 03 = 'фальсифицированное'. Rule 20: at least one hccdo:LowQualityDetails, each with hcsdo:LowQualityCode and/or hcsdo:LowQualityName, and no hccdo:FalsificationSignDetails. Rule 21: at least one hccdo:FalsificationSignDetails and no hccdo:LowQualityDetails."},
 {"id": "D-37", "seedLines": [13037, 13039],
  "text": "Rule 38 names hccdo:PackageDetails as the container, but hcsdo:DrugSecondaryPackageKindCode/Name belong to hccdo:PackageFormDetails; checked per hccdo:PackageFormDetails."},
 {"id": "D-38", "seedLines": [13020, 13026],
  "text": "Rule 35: @SubstanceMeasureCode/@SubstanceMeasureName exist on hcsdo:SubstanceMeasure (context of rule 34) and on hcsdo:DosageUnitMeasure (the path printed for rule 35); the rule is applied to both."},
 {"id": "D-39", "seedLines": [13047, 13055],
  "text": "Rules 40/41 (hcsdo:PackageMeasure): rule 41 requires @measurementUnitCodeListId = P.CLS.009; rule 40 requires @measurementUnitCode to belong to the classifier named by @measurementUnitCodeListId and is evaluated only when that classifier is known (otherwise rule 41 reports it)."},
 {"id": "D-40", "seedLines": [13016, 13018],
  "text": "Rule 33 ('measurement' = @measurementUnitCode, README) applies to every csdo:UnifiedCommodityMeasure (hccdo:ConsignmentDetails and hccdo:BatchDetails) and to hcsdo:CounterfeitPackageQuantity; only the unit code is checked against UN/ECE Rec. 20."},
 {"id": "D-41", "seedLines": [12849, 12851, 13357, 13359],
  "text": "'заполняется 1 реквизит hccdo:DrugMonitoringItemDetails' is read as exactly one (the XSD allows 1..*)."},
 {"id": "D-42", "seedLines": [14063, 14068],
  "text": "Table 9 rule 2 'должен быть заполнен один из следующих реквизитов' is read as at least one of csdo:NoteText, hcsdo:PdfBinaryText, hccdo:AnyDetails."},
 {"id": "D-43", "seedLines": [12887, 12891],
  "text": "Rule 10 prints hcsdo:AuxiliarySubstanceName where hcsdo:FunctionalPurposeName is meant (spec README); implemented with hcsdo:FunctionalPurposeName."},
 {"id": "D-44", "seedLines": [13003, 13014, 14038, 14042],
  "text": "Printed names repaired (spec README): rules 30-32 hccdo:DistributeDetails = hccdo:DistributorDetails; table 8 rule 1 'hccdo:tails' = hccdo:OfficialDocDetails."},
 {"id": "D-45", "seedLines": [9280, 9424],
  "text": "Classifiers P.CLS.038/039/041/044/046/069/109/110/111/112/113 and P.MM.03.CLS.001/002 have no values in the seed; they are kept as empty versioned lists. No rule checks a code against them (only the 'other' code of D-33 is used), so any code is accepted."},
 {"id": "D-46", "seedLines": [13062, 13068],
  "text": "Rule 43: @mediaTypeCode is optional; when present it must be one of the four media types, compared case-insensitively (RFC 2046)."},
]

def main():
    d = json.load(open(SRC, encoding="utf-8"))
    rules = []
    for t in d["tables"]:
        tab = t["table"]
        for r in t["rules"]:
            n = r["number"]
            text = re.sub(r"\s+", " ", r["text_ru_repaired"]).strip()
            lines = r["source_lines"]["ru"]
            printed = None
            if (tab, n) == (13, 4):  # D-30: the printed text is a copy of 12.4; the applied text inverts it
                printed = text
                text = text.replace("не должны содержаться", "должны содержаться", 1)
                assert text != printed
            rules.append({
                "table": tab, "number": n, "message": t["message"], "structure": t["structure"],
                "textRu": text, "textEn": EN[tab][n],
                **({"textRuPrinted": printed} if printed else {}),
                "sourceLine": lines[0], "sourceLines": lines,
                "decision": DECISIONS.get((tab, n)),
                "enforcedBySchema": False,
                **({"notes": NOTES[(tab, n)]} if (tab, n) in NOTES else {}),
            })
    out = {
        "source": "shared/spec/rules.json (seed 002_9eebd79b04a3e1de.txt, EEC Collegium Decision No. 124 of 25.10.2016); generated by server/tools/gen_fill_rules.py",
        "notes": [
            "Every requirement of tables 12, 13, 14 (R.HC.MM.03.001 in MSG.001/002/003) and 8, 9 (R.HC.MM.03.002 in MSG.014/016).",
            "enforcedBySchema is false for all 102: no requirement is already enforced by the XSDs (all concern optional elements, values inside a wider XSD type, or cross-field conditions), so every rule is checked by the engine eaeu.pmm03.server.rules.FillRules.",
            "Record key of rules 12.4, 13.4, 14.2: see D-31 and eaeu.pmm03.server.rules.RecordKey.",
            "Decision ids D-30..D-46 are the rule engine's; D-30 was assigned by the project, D-31..D-46 are proposed ids to merge into docs/spec-decisions.md."
        ],
        "decisions": DECISION_TEXTS,
        "rules": rules,
    }
    with open(OUT, "w", encoding="utf-8") as f:
        json.dump(out, f, ensure_ascii=False, indent=1)
        f.write("\n")
    print(len(rules), "rules ->", OUT)

main()
