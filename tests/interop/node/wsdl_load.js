#!/usr/bin/env node
/*
 * node-soap against the pmm03 contract: load both WSDLs from the local files, list every service, port and
 * operation, and build (serialise without sending) an IncludeRecord request on the Soap11, Soap12 and Eec ports.
 *
 *   cd tests/interop/node && npm ci && node wsdl_load.js [--wsdl-dir DIR] [-v]
 *
 * Prints one line per check ("PASS ..." / "FAIL ...") and a last line "N passed, M failed"; exits 1 on any failure.
 *
 * Nothing is sent: the client gets a stub httpClient that records the envelope and answers with an error. The
 * built XML is checked against the contract's XSDs by a small structural checker (element names, namespaces,
 * order, required children and attributes), since node has no XSD validator.
 *
 * Extension point: every check takes a client made by loadClient(). A later `--endpoint URL` option can create
 * clients from `URL?wsdl` with the real HTTP client (no stub) and add checks that call the operations.
 */
'use strict';

const fs = require('fs');
const path = require('path');
const sax = require('sax');
const soap = require('soap');

const REPO = path.resolve(__dirname, '..', '..', '..');
const CONTRACT = path.join(REPO, 'wsdl/src/main/resources/eaeu/pmm03/contract');
const SAMPLE = path.join(__dirname, '..', 'samples', 'include-record.json');

const SOAP11_ENV = 'http://schemas.xmlsoap.org/soap/envelope/';
const SOAP12_ENV = 'http://www.w3.org/2003/05/soap-envelope';
const INT = 'urn:EEC:Interaction:v1.0';
const DMD = 'urn:EEC:R:HC:MM:03:DrugMonitoringDetails:v1.0.0';
const CWS = 'urn:pmm03:ws:Commission:v1.0.0';
const ACTION_INCLUDE = 'int://CP/P.MM.03/1.0.0/P.MM.03.PRC.001/P.MM.03.TRN.001/P.MM.03.MSG.001';

// The expected contract, written out by hand (not read from the WSDL or the process table) so that it is an
// independent oracle. For the sync ports: operation -> [root element inside the request wrapper, one-way?].
const COMMISSION_SYNC = {
  IncludeRecord: ['DrugMonitoringDetails', false],
  ChangeRecord: ['DrugMonitoringDetails', false],
  ExcludeRecord: ['DrugMonitoringDetails', false],
  GetUpdateTime: ['ResourceStatusDetails', false],
  GetRecords: ['ResourceStatusDetails', false],
  GetChanges: ['ResourceStatusDetails', false],
};
const AUTHORITY_SYNC = {
  NotifyInclusion: ['DrugMonitoringDetails', true],
  RequestAdditionalInfo: ['CounterfeitDrugCorrespondenceDetails', false],
  SendAdditionalInfo: ['CounterfeitDrugCorrespondenceDetails', false],
};
const EXPECTED = {
  commission: {
    file: 'pmm03-commission.wsdl',
    services: {
      CommissionService: {
        CommissionSoap11: Object.keys(COMMISSION_SYNC),
        CommissionSoap12: Object.keys(COMMISSION_SYNC),
        CommissionEec: Object.keys(COMMISSION_SYNC),
      },
      CommissionEecReplyService: {
        CommissionEecReply: ['IncludeRecordAnswer', 'ChangeRecordAnswer', 'ExcludeRecordAnswer', 'GetUpdateTimeAnswer',
          'GetRecordsAnswer', 'GetRecordsNoData', 'GetChangesAnswer', 'GetChangesNoData'],
      },
    },
    sync: { ports: ['CommissionSoap11', 'CommissionSoap12'], ops: COMMISSION_SYNC },
    eec: ['CommissionEec', 'CommissionEecReply'],
  },
  authority: {
    file: 'pmm03-authority.wsdl',
    services: {
      AuthorityService: {
        AuthoritySoap11: Object.keys(AUTHORITY_SYNC),
        AuthoritySoap12: Object.keys(AUTHORITY_SYNC),
        AuthorityEec: Object.keys(AUTHORITY_SYNC),
      },
      AuthorityEecReplyService: {
        AuthorityEecReply: ['RequestAdditionalInfoAnswer', 'SendAdditionalInfoAnswer'],
      },
    },
    sync: { ports: ['AuthoritySoap11', 'AuthoritySoap12'], ops: AUTHORITY_SYNC },
    eec: ['AuthorityEec', 'AuthorityEecReply'],
  },
};

// ---------------------------------------------------------------------------------------------------------------
class Checks {
  constructor(verbose) { this.passed = 0; this.failed = 0; this.verbose = verbose; }

  async check(name, fn) {
    let ok; let detail = '';
    try {
      const r = await fn();
      ok = r !== false;
      if (typeof r === 'string') detail = r;
    } catch (e) {
      ok = false;
      detail = e && e.message ? e.message : String(e);
      if (this.verbose) console.error(e && e.stack);
    }
    if (ok) this.passed++; else this.failed++;
    console.log(`${ok ? 'PASS' : 'FAIL'} node-soap ${name}${detail ? ' -- ' + detail : ''}`);
    return ok;
  }
}

function assert(cond, msg) { if (!cond) throw new Error(msg); }
const sameList = (a, b) => JSON.stringify(a) === JSON.stringify(b);
const payloadKeys = (o) => Object.keys(o || {}).filter((k) => k !== 'targetNSAlias' && k !== 'targetNamespace');

/** A stub transport: records what would be sent and fails the call, so nothing leaves the process. */
function stubHttpClient() {
  const sent = [];
  return {
    sent,
    request(url, data, callback, headers) {
      sent.push({ url, data, headers });
      callback(new Error('stub transport: not sent'));
    },
  };
}

/**
 * Creates a client from a WSDL file and returns { client, http, problems }: problems are the process warnings and
 * anything node-soap writes to console.warn / console.error while reading the WSDL.
 */
async function loadClient(file, options = {}) {
  const problems = [];
  const onWarning = (w) => problems.push(`process warning: ${w.name}: ${w.message}`);
  const saved = { warn: console.warn, error: console.error };
  console.warn = (...a) => problems.push('console.warn: ' + a.join(' '));
  console.error = (...a) => problems.push('console.error: ' + a.join(' '));
  process.on('warning', onWarning);
  const http = stubHttpClient();
  try {
    const client = await soap.createClientAsync(file, { httpClient: http, ...options });
    await new Promise((r) => setImmediate(r)); // let emitted process warnings arrive
    return { client, http, problems };
  } finally {
    console.warn = saved.warn;
    console.error = saved.error;
    process.removeListener('warning', onWarning);
  }
}

/** Client-neutral sample (see samples/include-record.json) -> node-soap input (attributes / $value). */
function toNodeSoap(v) {
  if (Array.isArray(v)) return v.map(toNodeSoap);
  if (v && typeof v === 'object') {
    const out = {}; let attrs = null;
    for (const [k, x] of Object.entries(v)) {
      if (k.startsWith('_')) continue;
      if (k === '#text') out.$value = x;
      else if (k.startsWith('@')) { attrs = attrs || {}; attrs[k.slice(1)] = x; } else out[k] = toNodeSoap(x);
    }
    if (attrs) out.attributes = attrs;
    return out;
  }
  return v;
}

// ---------------------------------------------------------------------------------------------------------------
// XML parsing (namespace-aware) and a structural checker built from the contract's XSDs.

function parseXml(text) {
  const parser = sax.parser(true, { xmlns: true });
  const root = { children: [] }; const stack = [root];
  parser.onopentag = (t) => {
    const attrs = {};
    for (const a of Object.values(t.attributes)) {
      if (a.prefix === 'xmlns' || a.name === 'xmlns') continue;
      attrs[a.uri ? `{${a.uri}}${a.local}` : a.local] = a.value;
    }
    const el = { uri: t.uri, local: t.local, attrs, children: [], text: '', ns: t.ns };
    stack[stack.length - 1].children.push(el); stack.push(el);
  };
  parser.ontext = (s) => { stack[stack.length - 1].text += s; };
  parser.onclosetag = () => { stack.pop(); };
  parser.write(text).close();
  return root.children[0];
}

const qn = (uri, local) => `{${uri}}${local}`;

/** Reads every XSD of the contract into { elements: {qname: decl}, types: {qname: model} }. */
function loadSchemas(dir) {
  const elements = {}; const types = {};
  for (const f of fs.readdirSync(dir).filter((n) => n.endsWith('.xsd'))) {
    const doc = parseXml(fs.readFileSync(path.join(dir, f), 'utf8'));
    const tns = doc.attrs.targetNamespace;
    const resolve = (el, value) => {
      const [p, l] = value.includes(':') ? value.split(':') : ['', value];
      return qn(el.ns[p], l);
    };
    const model = (ct) => { // complexType -> { children: [{q, min, any}], attrs: [{name, required}], simple }
      const m = { children: [], attrs: [], simple: false };
      const walk = (n) => {
        for (const c of n.children) {
          if (c.local === 'element' && c.attrs.ref) {
            m.children.push({ q: resolve(c, c.attrs.ref), min: c.attrs.minOccurs === undefined ? 1 : +c.attrs.minOccurs });
          } else if (c.local === 'any') {
            m.children.push({ any: true, min: c.attrs.minOccurs === undefined ? 1 : +c.attrs.minOccurs });
          } else if (c.local === 'attribute') {
            m.attrs.push({ name: c.attrs.name, required: c.attrs.use === 'required' });
          } else if (c.local === 'simpleContent') {
            m.simple = true; walk(c);
          } else if (c.local !== 'annotation') {
            walk(c);
          }
        }
      };
      walk(ct);
      return m;
    };
    for (const c of doc.children) {
      if (c.local === 'element') {
        const anon = c.children.find((x) => x.local === 'complexType');
        elements[qn(tns, c.attrs.name)] = { type: c.attrs.type ? resolve(c, c.attrs.type) : null, model: anon ? model(anon) : null };
      } else if (c.local === 'complexType') {
        types[qn(tns, c.attrs.name)] = model(c);
      }
    }
  }
  return { elements, types };
}

/** Checks el against the global declaration of its own name; returns a list of problems (empty: conforms). */
function conforms(schemas, el, where = '') {
  const q = qn(el.uri, el.local);
  const here = `${where}/${el.local}`;
  const decl = schemas.elements[q];
  if (!decl) return [`${here}: no global element ${q}`];
  const m = decl.model || schemas.types[decl.type] || null;
  const problems = [];
  const kids = el.children;
  if (!m || m.simple) {
    if (kids.length) problems.push(`${here}: simple content expected, found child ${kids[0].local}`);
  }
  const attrNames = Object.keys(el.attrs).filter((a) => !a.startsWith('{http://www.w3.org/2001/XMLSchema-instance}'));
  const declared = m ? m.attrs : [];
  for (const a of attrNames) if (!declared.some((d) => d.name === a)) problems.push(`${here}: undeclared attribute ${a}`);
  for (const d of declared) if (d.required && !attrNames.includes(d.name)) problems.push(`${here}: missing attribute ${d.name}`);
  if (!m || m.simple) return problems;
  let pos = 0; const seen = new Array(m.children.length).fill(0);
  for (const k of kids) {
    const kq = qn(k.uri, k.local);
    let i = pos;
    while (i < m.children.length && !(m.children[i].any || m.children[i].q === kq)) i++;
    if (i === m.children.length) {
      const expected = m.children.slice(pos).map((c) => c.q || 'xs:any').join(', ');
      problems.push(`${here}: unexpected ${kq} (expected one of: ${expected})`);
      return problems;
    }
    pos = i; seen[i]++;
    if (!m.children[i].any) problems.push(...conforms(schemas, k, here));
  }
  m.children.forEach((c, i) => { if (seen[i] < c.min) problems.push(`${here}: missing ${c.q || 'xs:any'}`); });
  return problems;
}

// ---------------------------------------------------------------------------------------------------------------
async function checkService(checks, key, exp, wsdlDir, schemas) {
  const file = path.join(wsdlDir, exp.file);
  let loaded;
  const ok = await checks.check(`${key}: ${exp.file} loads without errors or warnings`, async () => {
    loaded = await loadClient(file);
    assert(loaded.problems.length === 0, loaded.problems.join('; '));
  });
  if (!ok) return;
  const { client } = loaded;
  const described = client.describe();
  const defs = client.wsdl.definitions;

  await checks.check(`${key}: services are exactly ${Object.keys(exp.services).sort().join(', ')}`, () => {
    const got = Object.keys(described).sort(); const want = Object.keys(exp.services).sort();
    assert(sameList(got, want), `services ${got}, expected ${want}`);
    return got.join(', ');
  });

  for (const [sname, ports] of Object.entries(exp.services)) {
    if (!described[sname]) continue;
    await checks.check(`${key}: ${sname} ports are exactly ${Object.keys(ports).sort().join(', ')}`, () => {
      const got = Object.keys(described[sname]).sort(); const want = Object.keys(ports).sort();
      assert(sameList(got, want), `ports ${got}, expected ${want}`);
      return got.join(', ');
    });
    for (const [pname, ops] of Object.entries(ports)) {
      if (!described[sname][pname]) continue;
      await checks.check(`${key}: ${sname}/${pname} lists its operations`, () => {
        const got = Object.keys(described[sname][pname]);
        assert(sameList([...got].sort(), [...ops].sort()), `operations ${got}, expected ${ops}`);
        const methods = defs.services[sname].ports[pname].binding.methods;
        for (const op of ops) {
          assert(methods[op].style === 'document', `${op}: style ${methods[op].style}`);
          assert(/^int:\/\/CP\/P\.MM\.03\/1\.0\.0\//.test(methods[op].soapAction || ''), `${op}: soapAction ${methods[op].soapAction}`);
        }
        return got.join(', ');
      });
    }
  }

  const mainService = Object.keys(exp.services)[0];
  await checks.check(`${key}: sync ports describe document/literal wrapped operations`, () => {
    for (const pname of exp.sync.ports) {
      const methods = defs.services[mainService].ports[pname].binding.methods;
      for (const [op, [root, oneWay]] of Object.entries(exp.sync.ops)) {
        const m = methods[op];
        assert(m.input.$name === op, `${pname}.${op}: input element ${m.input.$name}`);
        if (oneWay) assert(!m.output, `${pname}.${op}: has an output`);
        else assert(m.output && m.output.$name === op + 'Response', `${pname}.${op}: output ${m.output && m.output.$name}`);
        const inKeys = payloadKeys(described[mainService][pname][op].input);
        assert(sameList(inKeys, [root]), `${pname}.${op}: wrapper holds ${inKeys}, expected ${root}`);
        const docKeys = payloadKeys(described[mainService][pname][op].input[root]);
        assert(docKeys[0] === 'EDocHeader', `${pname}.${op}: ${root} starts with ${docKeys[0]}, expected EDocHeader`);
      }
    }
  });

  await checks.check(`${key}: Eec operations are one-way and describe the bare EEC document`, () => {
    for (const [sname, ports] of Object.entries(exp.services)) {
      for (const pname of Object.keys(ports).filter((p) => exp.eec.includes(p))) {
        for (const [op, d] of Object.entries(described[sname][pname])) {
          assert(!defs.services[sname].ports[pname].binding.methods[op].output, `${pname}.${op}: has an output`);
          const keys = payloadKeys(d.input);
          // node-soap 1.13 described these inputs as {} before the WSDL root declared the data-model prefixes.
          assert(keys[0] === 'EDocHeader', `${pname}.${op}: input ${JSON.stringify(keys)}, expected EDocHeader first`);
        }
      }
    }
  });

  if (key === 'commission') await checkBuildInclude(checks, wsdlDir, schemas);
}

function bodyOf(env, envNs) {
  assert(env.uri === envNs && env.local === 'Envelope', `envelope {${env.uri}}${env.local}, expected {${envNs}}Envelope`);
  const body = env.children.find((c) => c.uri === envNs && c.local === 'Body');
  assert(body, 'no soap Body');
  return body;
}

async function checkBuildInclude(checks, wsdlDir, schemas) {
  const sample = toNodeSoap(JSON.parse(fs.readFileSync(SAMPLE, 'utf8')));
  const file = path.join(wsdlDir, EXPECTED.commission.file);

  // node-soap does not take the SOAP version from the binding: a SOAP 1.2 port needs forceSoap12Headers.
  for (const [pname, envNs, options] of [['CommissionSoap11', SOAP11_ENV, {}],
    ['CommissionSoap12', SOAP12_ENV, { forceSoap12Headers: true }]]) {
    await checks.check(`commission: ${pname} builds an IncludeRecord request`, async () => {
      const { client, http } = await loadClient(file, options);
      const port = client.CommissionService[pname];
      const err = await new Promise((r) => port.IncludeRecord({ DrugMonitoringDetails: JSON.parse(JSON.stringify(sample)) }, (e) => r(e)));
      assert(http.sent.length === 1, `nothing reached the transport (${err && err.message})`);
      const { data, headers } = http.sent[0];
      const action = envNs === SOAP11_ENV ? headers.SOAPAction : headers['Content-Type'];
      assert(action.includes(ACTION_INCLUDE), `action header ${action}`);
      const body = bodyOf(parseXml(data), envNs);
      assert(sameList(body.children.map((c) => qn(c.uri, c.local)), [qn(CWS, 'IncludeRecord')]),
        `Body children ${body.children.map((c) => qn(c.uri, c.local))}`);
      const inner = body.children[0].children;
      assert(sameList(inner.map((c) => qn(c.uri, c.local)), [qn(DMD, 'DrugMonitoringDetails')]),
        `IncludeRecord children ${inner.map((c) => qn(c.uri, c.local))}`);
      const problems = conforms(schemas, inner[0]);
      assert(problems.length === 0, `DrugMonitoringDetails does not match the XSDs: ${problems.slice(0, 3).join('; ')}`);
      return `${data.length} chars, dmd:DrugMonitoringDetails inside cws:IncludeRecord, matches the XSDs`;
    });
  }

  await checks.check('commission: CommissionEec builds a bare IncludeRecord document (MSG.001)', async () => {
    const { client, http } = await loadClient(file, { forceSoap12Headers: true });
    // node-soap does not serialise the WSDL's soap12:header parts itself; the caller adds them.
    client.addSoapHeader({ ProcedureID: '0f8fad5b-d9cb-469f-a165-70867728950e' }, '', 'int', INT);
    client.addSoapHeader({ ConversationID: '7c9e6679-7425-40de-944b-e07fc1f90ae7' }, '', 'int', INT);
    const port = client.CommissionService.CommissionEec;
    await new Promise((r) => port.IncludeRecord(JSON.parse(JSON.stringify(sample)), (e) => r(e)));
    assert(http.sent.length === 1, 'nothing reached the transport');
    const env = parseXml(http.sent[0].data);
    const body = bodyOf(env, SOAP12_ENV);
    assert(sameList(body.children.map((c) => qn(c.uri, c.local)), [qn(DMD, 'DrugMonitoringDetails')]),
      `Body children ${body.children.map((c) => qn(c.uri, c.local))}`);
    const problems = conforms(schemas, body.children[0]);
    assert(problems.length === 0, `DrugMonitoringDetails does not match the XSDs: ${problems.slice(0, 3).join('; ')}`);
    const header = env.children.find((c) => c.local === 'Header');
    for (const h of ['ProcedureID', 'ConversationID']) {
      assert(header && header.children.some((c) => c.uri === INT && c.local === h), `no int:${h} header`);
    }
    return 'bare dmd:DrugMonitoringDetails as the Body child, int: headers, matches the XSDs';
  });
}

async function main(argv) {
  const args = { wsdlDir: path.join(CONTRACT, 'wsdl'), verbose: false };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--wsdl-dir') args.wsdlDir = path.resolve(argv[++i]);
    else if (argv[i] === '-v' || argv[i] === '--verbose') args.verbose = true;
    else { console.error(`usage: node wsdl_load.js [--wsdl-dir DIR] [-v]  (unknown argument ${argv[i]})`); return 2; }
  }
  const version = JSON.parse(fs.readFileSync(require.resolve('soap/package.json'), 'utf8')).version;
  console.log(`node-soap ${version}, node ${process.versions.node}, WSDLs from ${args.wsdlDir}`);
  const checks = new Checks(args.verbose);
  let schemas = null;
  await checks.check('contract XSDs parse for the structural checker', () => {
    schemas = loadSchemas(path.join(args.wsdlDir, '..', 'xsd'));
    assert(schemas.elements[qn(DMD, 'DrugMonitoringDetails')], 'no dmd:DrugMonitoringDetails declaration');
    return `${Object.keys(schemas.elements).length} global elements, ${Object.keys(schemas.types).length} complex types`;
  });
  for (const [key, exp] of Object.entries(EXPECTED)) await checkService(checks, key, exp, args.wsdlDir, schemas);
  console.log(`${checks.passed} passed, ${checks.failed} failed`);
  return checks.failed === 0 ? 0 : 1;
}

main(process.argv.slice(2)).then((code) => { process.exitCode = code; }, (e) => {
  console.error(e && e.stack);
  console.log('0 passed, 1 failed');
  process.exitCode = 1;
});
