#!/usr/bin/python3
"""Python zeep against the pmm03 contract: load both WSDLs from the local files, list every service, port and
operation, and build (serialise without sending) an IncludeRecord request.

Run with Debian's interpreter, which sees `apt-get install python3-zeep` (python3 on PATH may be a pyenv shim):
    /usr/bin/python3 tests/interop/zeep_wsdl_load.py [--wsdl-dir DIR] [-v]

Prints one line per check ("PASS ..." / "FAIL ...") and a last line "N passed, M failed"; exits 1 on any failure.

Extension point: the checks only need a zeep.Client per service (`load_client`). A later `--endpoint URL` option
can load `URL/...?wsdl` instead of the files and add checks that call the operations.
"""
import argparse
import copy
import json
import logging
import os
import sys
import traceback
import warnings

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
CONTRACT = os.path.join(REPO, "wsdl/src/main/resources/eaeu/pmm03/contract")
SAMPLE = os.path.join(HERE, "samples/include-record.json")

# Importing zeep emits a DeprecationWarning of its own (the cgi module) that says nothing about our WSDLs.
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    import zeep
    from lxml import etree

SOAP11_ENV = "http://schemas.xmlsoap.org/soap/envelope/"
SOAP12_ENV = "http://www.w3.org/2003/05/soap-envelope"
INT = "urn:EEC:Interaction:v1.0"
DMD = "urn:EEC:R:HC:MM:03:DrugMonitoringDetails:v1.0.0"
ACTION_INCLUDE = "int://CP/P.MM.03/1.0.0/P.MM.03.PRC.001/P.MM.03.TRN.001/P.MM.03.MSG.001"

# The expected contract, written out by hand (not read from the WSDL or the process table) so that it is an
# independent oracle.
EXPECTED = {
    "commission": {
        "file": "pmm03-commission.wsdl",
        "tns": "urn:pmm03:ws:Commission:v1.0.0",
        "services": {
            "CommissionService": {
                "CommissionSoap11": ("1.1", ["IncludeRecord", "ChangeRecord", "ExcludeRecord", "GetUpdateTime",
                                             "GetRecords", "GetChanges"]),
                "CommissionSoap12": ("1.2", ["IncludeRecord", "ChangeRecord", "ExcludeRecord", "GetUpdateTime",
                                             "GetRecords", "GetChanges"]),
                "CommissionEec": ("1.2", ["IncludeRecord", "ChangeRecord", "ExcludeRecord", "GetUpdateTime",
                                          "GetRecords", "GetChanges"]),
            },
            "CommissionEecReplyService": {
                "CommissionEecReply": ("1.2", ["IncludeRecordAnswer", "ChangeRecordAnswer", "ExcludeRecordAnswer",
                                               "GetUpdateTimeAnswer", "GetRecordsAnswer", "GetRecordsNoData",
                                               "GetChangesAnswer", "GetChangesNoData"]),
            },
        },
        "sync": ["CommissionSoap11", "CommissionSoap12"],
        "eec": ["CommissionEec", "CommissionEecReply"],
    },
    "authority": {
        "file": "pmm03-authority.wsdl",
        "tns": "urn:pmm03:ws:Authority:v1.0.0",
        "services": {
            "AuthorityService": {
                "AuthoritySoap11": ("1.1", ["NotifyInclusion", "RequestAdditionalInfo", "SendAdditionalInfo"]),
                "AuthoritySoap12": ("1.2", ["NotifyInclusion", "RequestAdditionalInfo", "SendAdditionalInfo"]),
                "AuthorityEec": ("1.2", ["NotifyInclusion", "RequestAdditionalInfo", "SendAdditionalInfo"]),
            },
            "AuthorityEecReplyService": {
                "AuthorityEecReply": ("1.2", ["RequestAdditionalInfoAnswer", "SendAdditionalInfoAnswer"]),
            },
        },
        "sync": ["AuthoritySoap11", "AuthoritySoap12"],
        "eec": ["AuthorityEec", "AuthorityEecReply"],
    },
}


class Checks:
    def __init__(self, verbose=False):
        self.passed = 0
        self.failed = 0
        self.verbose = verbose

    def check(self, name, fn):
        """Runs fn(); a falsy return or an exception fails the check. A string return is printed as detail."""
        try:
            result = fn()
            ok = result is not False
            detail = result if isinstance(result, str) else ""
        except Exception as e:  # noqa: BLE001 - every failure is reported, never raised
            ok = False
            detail = f"{type(e).__name__}: {e}"
            if self.verbose:
                traceback.print_exc()
        if ok:
            self.passed += 1
        else:
            self.failed += 1
        print(f"{'PASS' if ok else 'FAIL'} zeep {name}" + (f" -- {detail}" if detail else ""), flush=True)
        return ok


class Captured(logging.Handler):
    """Collects the warnings zeep logs while it reads a WSDL (it logs misreadings, it does not raise them)."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.records = []

    def emit(self, record):
        self.records.append(record)


def load_client(path):
    """Returns (client, problems): problems are the Python warnings and zeep log records of WARNING or worse."""
    handler = Captured()
    root = logging.getLogger("zeep")
    root.addHandler(handler)
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            client = zeep.Client(path)
    finally:
        root.removeHandler(handler)
    problems = [f"warning {w.category.__name__}: {w.message}" for w in caught]
    problems += [f"log {r.levelname} {r.name}: {r.getMessage()}" for r in handler.records]
    return client, problems


def to_zeep(value):
    """Client-neutral sample (see samples/include-record.json) -> zeep keyword arguments."""
    if isinstance(value, list):
        return [to_zeep(v) for v in value]
    if isinstance(value, dict):
        out = {}
        for k, v in value.items():
            if k.startswith("_"):
                continue
            if k == "#text":
                out["_value_1"] = v
            elif k.startswith("@"):
                out[k[1:]] = v
            else:
                out[k] = to_zeep(v)
        return out
    return value


def q(ns, local):
    return f"{{{ns}}}{local}"


def element_children(el):
    return [c for c in el if isinstance(c.tag, str)]


def schema_for_dmd():
    return etree.XMLSchema(etree.parse(os.path.join(CONTRACT, "xsd/EEC_R_HC_MM_03_DrugMonitoringDetails_v1.0.0.xsd")))


def check_service(checks, key, exp, wsdl_dir):
    path = os.path.join(wsdl_dir, exp["file"])
    state = {}

    def load():
        state["client"], problems = load_client(path)
        if problems:
            raise AssertionError("; ".join(problems))
    if not checks.check(f"{key}: {exp['file']} loads without errors or warnings", load):
        return
    client = state["client"]
    wsdl = client.wsdl

    def services():
        got = sorted(wsdl.services)
        want = sorted(exp["services"])
        assert got == want, f"services {got}, expected {want}"
        return ", ".join(got)
    checks.check(f"{key}: services are exactly {', '.join(sorted(exp['services']))}", services)

    for sname, ports in exp["services"].items():
        if sname not in wsdl.services:
            continue
        service = wsdl.services[sname]

        def port_names(service=service, ports=ports):
            got, want = sorted(service.ports), sorted(ports)
            assert got == want, f"ports {got}, expected {want}"
            return ", ".join(got)
        checks.check(f"{key}: {sname} ports are exactly {', '.join(sorted(ports))}", port_names)

        for pname, (soap_version, ops) in ports.items():
            if pname not in service.ports:
                continue
            port = service.ports[pname]

            def operations(port=port, ops=ops, soap_version=soap_version):
                binding = port.binding
                got = sorted(binding._operations)
                assert got == sorted(ops), f"operations {got}, expected {sorted(ops)}"
                want_cls = "Soap11Binding" if soap_version == "1.1" else "Soap12Binding"
                assert type(binding).__name__ == want_cls, f"{type(binding).__name__}, expected {want_cls}"
                for name in ops:
                    op = binding.get(name)
                    assert op.style == "document", f"{name}: style {op.style}"
                    assert op.input is not None and op.input.body is not None, f"{name}: no input body"
                return f"SOAP {soap_version}: " + ", ".join(ops)
            checks.check(f"{key}: {sname}/{pname} lists its operations", operations)

    def sync_wrapped():
        for pname in exp["sync"]:
            binding = wsdl.services[next(iter(exp["services"]))].ports[pname].binding
            for name in binding._operations:
                op = binding.get(name)
                # document/literal wrapped: the input body element is named after the operation, in the WSDL's
                # own namespace, and the answer (where there is one) is <Operation>Response.
                assert op.input.body.qname == etree.QName(exp["tns"], name), f"{pname}.{name} input {op.input.body.qname}"
                if op.output is not None and op.output.body is not None:
                    assert op.output.body.qname == etree.QName(exp["tns"], name + "Response"), \
                        f"{pname}.{name} output {op.output.body.qname}"
                assert op.soapaction and op.soapaction.startswith("int://CP/P.MM.03/1.0.0/"), \
                    f"{pname}.{name} soapAction {op.soapaction!r}"
    checks.check(f"{key}: sync ports are document/literal wrapped with int://CP/... SOAP actions", sync_wrapped)

    def eec_one_way():
        for sname, ports in exp["services"].items():
            for pname in ports:
                if pname not in exp["eec"]:
                    continue
                binding = wsdl.services[sname].ports[pname].binding
                for name in binding._operations:
                    op = binding.get(name)
                    assert op.output is None, f"{pname}.{name} has an output"
                    hdr = [etree.QName(e.qname) for _, e in op.input.header.type.elements]
                    want = [etree.QName(INT, "ProcedureID"), etree.QName(INT, "ConversationID")]
                    assert hdr == want, f"{pname}.{name} headers {hdr}"
    checks.check(f"{key}: Eec operations are one-way with int:ProcedureID and int:ConversationID headers",
                 eec_one_way)

    if key == "commission":
        check_build_include(checks, client)
    return client


def check_build_include(checks, client):
    with open(SAMPLE, encoding="utf-8") as f:
        sample = to_zeep(json.load(f))
    schema = schema_for_dmd()

    for pname, env_ns in (("CommissionSoap11", SOAP11_ENV), ("CommissionSoap12", SOAP12_ENV)):
        def build(pname=pname, env_ns=env_ns):
            svc = client.bind("CommissionService", pname)
            env = client.create_message(svc, "IncludeRecord", DrugMonitoringDetails=copy.deepcopy(sample))
            assert env.tag == q(env_ns, "Envelope"), f"envelope {env.tag}"
            body = env.find(q(env_ns, "Body"))
            wrapper = element_children(body)
            assert [w.tag for w in wrapper] == [q("urn:pmm03:ws:Commission:v1.0.0", "IncludeRecord")], \
                f"Body children {[w.tag for w in wrapper]}"
            inner = element_children(wrapper[0])
            assert [i.tag for i in inner] == [q(DMD, "DrugMonitoringDetails")], \
                f"IncludeRecord children {[i.tag for i in inner]}"
            if not schema.validate(etree.ElementTree(copy.deepcopy(inner[0]))):
                raise AssertionError(f"DrugMonitoringDetails not valid: {schema.error_log.last_error}")
            action = env.find(f"{{{SOAP11_ENV if env_ns == SOAP11_ENV else SOAP12_ENV}}}Header/"
                              "{http://www.w3.org/2005/08/addressing}Action")
            if action is not None:
                assert action.text == ACTION_INCLUDE, f"wsa:Action {action.text}"
            return f"{len(etree.tostring(env))} bytes, dmd:DrugMonitoringDetails inside cws:IncludeRecord, schema-valid"
        checks.check(f"commission: {pname} builds an IncludeRecord request", build)

    def build_eec():
        svc = client.bind("CommissionService", "CommissionEec")
        doc = copy.deepcopy(sample)
        env = client.create_message(svc, "IncludeRecord", _soapheaders={
            "ProcedureID": "0f8fad5b-d9cb-469f-a165-70867728950e",
            "ConversationID": "7c9e6679-7425-40de-944b-e07fc1f90ae7"}, **doc)
        assert env.tag == q(SOAP12_ENV, "Envelope"), f"envelope {env.tag}"
        body = element_children(env.find(q(SOAP12_ENV, "Body")))
        assert [b.tag for b in body] == [q(DMD, "DrugMonitoringDetails")], f"Body children {[b.tag for b in body]}"
        if not schema.validate(etree.ElementTree(copy.deepcopy(body[0]))):
            raise AssertionError(f"DrugMonitoringDetails not valid: {schema.error_log.last_error}")
        header = env.find(q(SOAP12_ENV, "Header"))
        for name in ("ProcedureID", "ConversationID"):
            assert header is not None and header.find(q(INT, name)) is not None, f"no int:{name} header"
        return "bare dmd:DrugMonitoringDetails as the Body child, int: headers, schema-valid"
    checks.check("commission: CommissionEec builds a bare IncludeRecord document (MSG.001)", build_eec)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--wsdl-dir", default=os.path.join(CONTRACT, "wsdl"),
                    help="directory holding pmm03-commission.wsdl and pmm03-authority.wsdl (default: the contract)")
    ap.add_argument("-v", "--verbose", action="store_true", help="print tracebacks of failed checks")
    args = ap.parse_args(argv)
    checks = Checks(args.verbose)
    print(f"zeep {zeep.__version__}, python {sys.version.split()[0]}, WSDLs from {args.wsdl_dir}")
    for key, exp in EXPECTED.items():
        check_service(checks, key, exp, args.wsdl_dir)
    print(f"{checks.passed} passed, {checks.failed} failed")
    return 0 if checks.failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
