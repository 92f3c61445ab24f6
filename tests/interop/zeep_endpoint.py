#!/usr/bin/python3
"""Python zeep against RUNNING pmm03 services: load ?wsdl from the node, call every operation of the Commission
service (and of an authority's service with --authority-endpoint), asserting the R.006 result codes.

    /usr/bin/python3 tests/interop/zeep_endpoint.py --endpoint http://localhost:8080 \
        [--authority-endpoint http://localhost:9090 [--answer-to EDOCID]] [--user ru --password ru-dev-password] [-v]

The authority endpoint is the Authority service of ANOTHER authority's node (e.g. a node of KZ-MOH called as ru):
a refused MSG.013 (one-way) is a SOAP fault, a refused MSG.014/016 a MSG.015 carrying the error code (D-142); the
MSG.016 cases answer --answer-to, the EDocId of a MSG.014 that node sent to the user.

Requests are the project's sample documents (wsdl/src/main/resources/eaeu/pmm03/samples), read into zeep objects
by zeep itself from the served WSDL, with a new EDocId, a unique trade name and current dates. WS-Security:
zeep.wsse.username.UsernameToken(use_digest=True). Output as zeep_wsdl_load.py: PASS/FAIL lines, "N passed, M failed".
"""
import argparse
import datetime
import os
import sys
import traceback
import uuid
import warnings

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    import zeep
    from zeep.exceptions import Fault
    from zeep.wsse.username import UsernameToken
    from lxml import etree

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
SAMPLES = os.path.join(REPO, "wsdl/src/main/resources/eaeu/pmm03/samples")
CWS = "urn:pmm03:ws:Commission:v1.0.0"
AWS = "urn:pmm03:ws:Authority:v1.0.0"
DMD = "{urn:EEC:R:HC:MM:03:DrugMonitoringDetails:v1.0.0}DrugMonitoringDetails"
RSD = "{urn:EEC:R:ResourceStatusDetails:v0.4.11}ResourceStatusDetails"
CDR = "{urn:EEC:R:HC:MM:03:CounterfeitDrugRequestDetails:v1.0.0}CounterfeitDrugCorrespondenceDetails"


class Checks:
    def __init__(self, verbose=False):
        self.passed = 0
        self.failed = 0
        self.verbose = verbose

    def check(self, name, fn):
        try:
            detail = fn()
            self.passed += 1
            print(f"PASS zeep {name}" + (f" -- {detail}" if detail else ""))
            return True
        except Exception as e:  # noqa: BLE001 - every failure is a FAIL line
            self.failed += 1
            print(f"FAIL zeep {name} -- {type(e).__name__}: {e}")
            if self.verbose:
                traceback.print_exc()
            return False


def now(**delta):
    return datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0) + datetime.timedelta(**delta)


def client(wsdl_url, user, password):
    return zeep.Client(wsdl_url, wsse=UsernameToken(user, password, use_digest=True))


def document(c, element, sample, message):
    """A sample read by zeep into its own object model, with a fresh EDocHeader."""
    doc = c.get_element(element).parse(etree.parse(os.path.join(SAMPLES, sample)).getroot(), c.wsdl.types)
    doc.EDocHeader.InfEnvelopeCode = message
    doc.EDocHeader.EDocId = str(uuid.uuid4())
    doc.EDocHeader.EDocDateTime = now()
    return doc


def expect(result, code, rule=None):
    got = result.ProcessingResultV2Code
    assert got == code, f"ProcessingResultV2Code {got}, expected {code}: {result.DescriptionText}"
    if rule:
        assert rule.lower() in (result.DescriptionText or "").lower(), f"{rule} not named in: {result.DescriptionText}"
    return f"{result.EDocHeader.InfEnvelopeCode} {got}" + (f" ({rule})" if rule else "")


def commission(checks, base, user, password, country):
    wsdl = f"{base}/ws/commission?wsdl"
    c = client(wsdl, user, password)
    svc = c.service   # the WSDL's first port, whose address the node wrote for us (D-160): no bind by hand
    name = "zeep-" + uuid.uuid4().hex[:8]

    def record(message, start, end=None):
        d = document(c, DMD, "dmd-msg001-include.xml", message)
        item = d.DrugMonitoringItemDetails[0]
        item.UnifiedCountryCode._value_1 = country  # zeep's name for the simple content of an element
        item.DrugMonitoringDetails[0].DrugTradeName = name
        item.ResourceItemStatusDetails.ValidityPeriodDetails.StartDateTime = start
        item.ResourceItemStatusDetails.ValidityPeriodDetails.EndDateTime = end
        return d

    def query(message, at=None):
        q = c.get_element(RSD)
        return q(EDocHeader={"InfEnvelopeCode": message, "EDocCode": "R.007", "EDocId": str(uuid.uuid4()),
                             "EDocDateTime": now(), "LanguageCode": "ru"},
                 UpdateDateTime=at, UnifiedCountryCode=[{"_value_1": country, "codeListId": "P.CLS.019"}])

    def names(answer):
        if answer is None:
            return []
        return [i.DrugMonitoringDetails[0].DrugTradeName for i in answer.DrugMonitoringItemDetails]

    t0, t1 = now(days=-2), now(days=-1)
    checks.check(f"commission: {wsdl} loads", lambda: ", ".join(sorted(
        op for op in c.wsdl.bindings[f"{{{CWS}}}CommissionSoap11Binding"]._operations)))
    checks.check("IncludeRecord (MSG.001 -> MSG.004 INCLUDED)",
                 lambda: expect(svc.IncludeRecord(DrugMonitoringDetails=record("P.MM.03.MSG.001", t0)), "INCLUDED"))
    checks.check("IncludeRecord of the same record again (negative: table 12, rule 4)",
                 lambda: expect(svc.IncludeRecord(DrugMonitoringDetails=record("P.MM.03.MSG.001", t0)),
                                "ERR_RULE", "table 12, rule 4"))
    checks.check("ChangeRecord (MSG.002 -> MSG.004 CHANGED)",
                 lambda: expect(svc.ChangeRecord(DrugMonitoringDetails=record("P.MM.03.MSG.002", t1)), "CHANGED"))

    def update_time():
        r = svc.GetUpdateTime(ResourceStatusDetails=query("P.MM.03.MSG.005"))
        assert r.EDocHeader.InfEnvelopeCode == "P.MM.03.MSG.006", r.EDocHeader.InfEnvelopeCode
        assert r.UpdateDateTime is not None and r.UpdateDateTime >= now(hours=-1), f"UpdateDateTime {r.UpdateDateTime}"
        return f"MSG.006 UpdateDateTime {r.UpdateDateTime.isoformat()}"
    checks.check("GetUpdateTime (MSG.005 -> MSG.006)", update_time)

    def records():
        r = svc.GetRecords(ResourceStatusDetails=query("P.MM.03.MSG.007"))
        assert r.DrugMonitoringDetails is not None, f"no MSG.008: {r.ProcessingResultDetails}"
        assert r.DrugMonitoringDetails.EDocHeader.InfEnvelopeCode == "P.MM.03.MSG.008"
        assert names(r.DrugMonitoringDetails).count(name) == 1, f"{name} not exactly once"
        return f"MSG.008 with {len(r.DrugMonitoringDetails.DrugMonitoringItemDetails)} records, {name} among them"
    checks.check("GetRecords (MSG.007 -> MSG.008)", records)

    def changes():
        r = svc.GetChanges(ResourceStatusDetails=query("P.MM.03.MSG.010", now(hours=-1)))
        assert r.DrugMonitoringDetails is not None, f"no MSG.011: {r.ProcessingResultDetails}"
        assert r.DrugMonitoringDetails.EDocHeader.InfEnvelopeCode == "P.MM.03.MSG.011"
        assert name in names(r.DrugMonitoringDetails), f"{name} not among the changes"
        return f"MSG.011 with {len(r.DrugMonitoringDetails.DrugMonitoringItemDetails)} versions"
    checks.check("GetChanges (MSG.010 -> MSG.011)", changes)
    checks.check("ExcludeRecord (MSG.003 -> MSG.004 EXCLUDED)", lambda: expect(
        svc.ExcludeRecord(DrugMonitoringDetails=record("P.MM.03.MSG.003", t1, now(hours=-1))), "EXCLUDED"))

    def no_data():
        r = svc.GetRecords(ResourceStatusDetails=query("P.MM.03.MSG.007", datetime.datetime(1990, 1, 1, tzinfo=datetime.timezone.utc)))
        assert r.DrugMonitoringDetails is None
        assert r.ProcessingResultDetails.EDocHeader.InfEnvelopeCode == "P.MM.03.MSG.009"
        return expect(r.ProcessingResultDetails, "NO_DATA")
    checks.check("GetRecords as of 1990 (MSG.009 NO_DATA)", no_data)

    def not_authorized():
        eec = client(wsdl, "eec", "eec-dev-password").service
        try:
            eec.GetRecords(ResourceStatusDetails=query("P.MM.03.MSG.007"))
        except Fault as f:
            said = (f.code or "") + str(f.subcodes or "") + (etree.tostring(f.detail).decode() if f.detail is not None else "")
            assert "ERR_NOT_AUTHORIZED" in said, f"fault {f.code}: {f.message}"
            return f"SOAP fault {f.code}: {f.message[:60]}"
        raise AssertionError("no SOAP fault")
    checks.check("GetRecords as the Commission's user (negative: SOAP fault ERR_NOT_AUTHORIZED)", not_authorized)

    def wrong_password():
        bad = client(wsdl, user, password + "-wrong").service
        try:
            bad.GetUpdateTime(ResourceStatusDetails=query("P.MM.03.MSG.005"))
        except Fault as f:
            return f"SOAP fault {f.code}"
        raise AssertionError("no SOAP fault")
    checks.check("a wrong password (negative: WS-Security fault)", wrong_password)


def refused(fn, code, rule=None):
    """A refusal: a SOAP fault carrying the result code (pmm:<code> subcode, R.006 in the detail), as an authority
    node refuses, or an R.006 answer document with the code."""
    try:
        r = fn()
    except Fault as f:
        detail = etree.tostring(f.detail).decode() if f.detail is not None else ""
        said = (f.code or "") + str(f.subcodes or "") + detail
        assert code in said, f"fault {f.code}: {f.message}"
        if rule:
            assert rule.lower() in (detail + (f.message or "")).lower(), f"{rule} not named in: {f.message}"
        return f"SOAP fault {code}" + (f" ({rule})" if rule else "")
    if r is None:
        raise AssertionError(f"accepted (no fault), expected a refusal {code}")
    return expect(r, code, rule)


def authority(checks, base, user, password, country, answer_to):
    """The Authority service of ANOTHER authority's node, called as the user's authority (records of country)."""
    wsdl = f"{base}/ws/authority?wsdl"
    c = client(wsdl, user, password)
    svc = c.service
    checks.check(f"authority: {wsdl} loads", lambda: ", ".join(sorted(
        c.wsdl.bindings[f"{{{AWS}}}AuthoritySoap11Binding"]._operations)))

    def notice(of):
        d = document(c, DMD, "dmd-msg013-notify-inclusion.xml", "P.MM.03.MSG.013")
        for item in d.DrugMonitoringItemDetails:
            item.UnifiedCountryCode._value_1 = of
        return d

    def notify():
        r = svc.NotifyInclusion(DrugMonitoringDetails=notice(country))
        assert r is None, r
        return "one-way, accepted"
    checks.check("NotifyInclusion (MSG.013, one-way)", notify)
    other = "AM" if country != "AM" else "BY"
    checks.check(f"NotifyInclusion of a record of {other} (negative: SOAP fault ERR_NOT_AUTHORIZED)",
                 lambda: refused(lambda: svc.NotifyInclusion(DrugMonitoringDetails=notice(other)), "ERR_NOT_AUTHORIZED"))
    request = document(c, CDR, "cdr-msg014-request.xml", "P.MM.03.MSG.014")
    checks.check("RequestAdditionalInfo (MSG.014 -> MSG.015 RECEIVED)",
                 lambda: expect(svc.RequestAdditionalInfo(CounterfeitDrugCorrespondenceDetails=request), "RECEIVED"))

    def without_official_doc():
        d = document(c, CDR, "cdr-msg014-request.xml", "P.MM.03.MSG.014")
        d.OfficialDocDetails = None
        return svc.RequestAdditionalInfo(CounterfeitDrugCorrespondenceDetails=d)
    checks.check("RequestAdditionalInfo without OfficialDocDetails (negative: table 8, rule 1)",
                 lambda: expect(without_official_doc(), "ERR_RULE", "table 8, rule 1"))

    def answer(sample, ref, strip=False):
        d = document(c, CDR, sample, "P.MM.03.MSG.016")
        d.EDocHeader.EDocRefId = ref
        if strip:
            d.NoteText = []
        return svc.SendAdditionalInfo(CounterfeitDrugCorrespondenceDetails=d)
    # a MSG.016 answers a MSG.014 that the receiving authority sent to this user (--answer-to); the request this
    # user just sent is not one
    checks.check("SendAdditionalInfo answering a MSG.014 the node did not send (negative: ERR_HEADER)",
                 lambda: expect(answer("cdr-msg016-note.xml", request.EDocHeader.EDocId), "ERR_HEADER"))
    if answer_to:
        for s in ("cdr-msg016-note.xml", "cdr-msg016-pdf.xml", "cdr-msg016-xml.xml"):
            checks.check(f"SendAdditionalInfo {s} (MSG.016 -> MSG.015 RECEIVED)",
                         lambda s=s: expect(answer(s, answer_to), "RECEIVED"))
    else:
        print("SKIP zeep SendAdditionalInfo (MSG.016 -> MSG.015 RECEIVED) -- no --answer-to")
    checks.check("SendAdditionalInfo without content (negative: table 9, rule 2)",
                 lambda: expect(answer("cdr-msg016-note.xml", answer_to or request.EDocHeader.EDocId, strip=True),
                                "ERR_RULE", "table 9, rule 2"))


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--endpoint", required=True, help="base URL of the node, e.g. http://localhost:8080")
    ap.add_argument("--authority-endpoint", help="base URL serving /ws/authority (optional)")
    ap.add_argument("--user", default="ru")
    ap.add_argument("--password", default=None, help="default <user>-dev-password")
    ap.add_argument("--country", default=None, help="country of the user's authority (default: the user, upper case)")
    ap.add_argument("--answer-to", default=None,
                    help="EDocId of a MSG.014 the authority endpoint's node sent to the user: answered by MSG.016")
    ap.add_argument("-v", "--verbose", action="store_true")
    a = ap.parse_args(argv)
    password = a.password or f"{a.user}-dev-password"
    checks = Checks(a.verbose)
    print(f"zeep {zeep.__version__}, python {sys.version.split()[0]}, endpoint {a.endpoint}")
    commission(checks, a.endpoint.rstrip("/"), a.user, password, (a.country or a.user).upper())
    if a.authority_endpoint:
        authority(checks, a.authority_endpoint.rstrip("/"), a.user, password, (a.country or a.user).upper(), a.answer_to)
    print(f"{checks.passed} passed, {checks.failed} failed")
    return 0 if checks.failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
