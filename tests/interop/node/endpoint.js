#!/usr/bin/env node
/*
 * Node soap (node-soap) against RUNNING pmm03 services: load ?wsdl from the node, call every operation of the
 * Commission service (and of an authority's service with --authority-endpoint), asserting the R.006 result codes.
 *
 *   node tests/interop/node/endpoint.js --endpoint http://localhost:8080 [--authority-endpoint URL [--answer-to EDOCID]]
 *        [--user ru] [--password ru-dev-password] [-v]
 *
 * The authority endpoint is the Authority service of ANOTHER authority's node (e.g. a node of KZ-MOH called as ru):
 * a refused MSG.013 is a SOAP fault, a refused MSG.014/016 a MSG.015 with the error code (D-142); the MSG.016 cases answer --answer-to, the EDocId of a MSG.014 that node sent to the user.
 *
 * Requests are the project's sample documents (wsdl/src/main/resources/eaeu/pmm03/samples), converted from XML to
 * node-soap's input convention (attributes / $value) by a small sax-based reader, with a new EDocId, a unique trade
 * name and current dates. WS-Security: soap.WSSecurity with passwordType 'PasswordDigest' and a nonce.
 * Output: PASS/FAIL lines and "N passed, M failed"; exit 1 on any failure.
 */
'use strict';
const fs = require('fs');
const path = require('path');
const crypto = require('crypto');
const sax = require('sax');
const soap = require('soap');

const REPO = path.resolve(__dirname, '..', '..', '..');
const SAMPLES = path.join(REPO, 'wsdl/src/main/resources/eaeu/pmm03/samples');

class Checks {
  constructor(verbose) { this.passed = 0; this.failed = 0; this.verbose = verbose; }
  async check(name, fn) {
    try {
      const detail = await fn();
      this.passed++;
      console.log(`PASS node-soap ${name}${detail ? ` -- ${detail}` : ''}`);
      return true;
    } catch (e) {
      this.failed++;
      console.log(`FAIL node-soap ${name} -- ${e && e.message ? e.message.split('\n')[0].slice(0, 300) : e}`);
      if (this.verbose) console.log(e && e.stack);
      return false;
    }
  }
}

function assert(cond, msg) { if (!cond) throw new Error(msg); }

/** A sample document as node-soap input: child elements by local name (arrays when repeated), attributes, $value. */
function sample(file) {
  const parser = sax.parser(true, { xmlns: true, trim: true });
  const stack = [{ children: [] }];
  parser.onopentag = (n) => {
    const attrs = {};
    for (const a of Object.values(n.attributes)) if (a.prefix !== 'xmlns' && a.name !== 'xmlns') attrs[a.local] = a.value;
    stack.push({ local: n.local, attrs, children: [], text: '' });
  };
  parser.ontext = (t) => { stack[stack.length - 1].text += t; };
  parser.oncdata = parser.ontext;
  parser.onclosetag = () => { const el = stack.pop(); stack[stack.length - 1].children.push(el); };
  parser.write(fs.readFileSync(path.join(SAMPLES, file), 'utf8')).close();
  const convert = (el) => {
    const hasAttrs = Object.keys(el.attrs).length > 0;
    if (el.children.length === 0) return hasAttrs ? { attributes: el.attrs, $value: el.text } : el.text;
    const o = hasAttrs ? { attributes: el.attrs } : {};
    for (const c of el.children) {
      const v = convert(c);
      if (o[c.local] === undefined) o[c.local] = v;
      else if (Array.isArray(o[c.local])) o[c.local].push(v);
      else o[c.local] = [o[c.local], v];
    }
    return o;
  };
  return convert(stack[0].children[0]);
}

const iso = (ms) => new Date(Date.now() + ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
const HOUR = 3600e3; const DAY = 24 * HOUR;
const list = (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

function fresh(doc, message) {
  doc.EDocHeader.InfEnvelopeCode = message;
  doc.EDocHeader.EDocId = crypto.randomUUID();
  doc.EDocHeader.EDocDateTime = iso(0);
  return doc;
}

/** A client as node-soap makes it by default: the address is the one the node wrote into its WSDL (D-160). */
async function client(wsdl, user, password) {
  const c = await soap.createClientAsync(wsdl);
  c.setSecurity(new soap.WSSecurity(user, password, { passwordType: 'PasswordDigest', hasNonce: true, hasTimeStamp: false }));
  return c;
}

/** Calls an operation of a port (port methods take a callback) and resolves with [result, rawResponse]. */
function call(port, op, args) {
  return new Promise((resolve, reject) => port[op](args, (err, result, raw) => (err ? reject(err) : resolve([result, raw]))));
}

function expectResult(r, code, rule) {
  assert(r && r.ProcessingResultV2Code === code, `ProcessingResultV2Code ${r && r.ProcessingResultV2Code}, expected ${code}: ${r && r.DescriptionText}`);
  if (rule) assert((r.DescriptionText || '').toLowerCase().includes(rule), `${rule} not named in: ${r.DescriptionText}`);
  return `${r.EDocHeader.InfEnvelopeCode} ${code}${rule ? ` (${rule})` : ''}`;
}

async function faultOf(promise) {
  try { await promise; } catch (e) {
    if (e.root && e.root.Envelope && e.root.Envelope.Body && e.root.Envelope.Body.Fault) return e.root.Envelope.Body.Fault;
    throw e;
  }
  throw new Error('no SOAP fault');
}

async function commission(checks, base, user, password, country) {
  const wsdl = `${base}/ws/commission?wsdl`;
  let c;
  const ok = await checks.check(`commission: ${wsdl} loads`, async () => {
    c = await client(wsdl, user, password);
    return Object.keys(c.describe().CommissionService.CommissionSoap11).sort().join(', ');
  });
  if (!ok) return;
  const port = c.CommissionService.CommissionSoap11;
  const name = `node-soap-${crypto.randomUUID().slice(0, 8)}`;
  const record = (message, start, end) => {
    const d = fresh(sample('dmd-msg001-include.xml'), message);
    const item = d.DrugMonitoringItemDetails;
    item.UnifiedCountryCode.$value = country;
    item.DrugMonitoringDetails.DrugTradeName = name;
    item.ResourceItemStatusDetails.ValidityPeriodDetails = end ? { StartDateTime: start, EndDateTime: end } : { StartDateTime: start };
    return { DrugMonitoringDetails: d };
  };
  const query = (message, at) => {
    const q = { EDocHeader: { InfEnvelopeCode: message, EDocCode: 'R.007', EDocId: crypto.randomUUID(), EDocDateTime: iso(0), LanguageCode: 'ru' } };
    if (at) q.UpdateDateTime = at;
    q.UnifiedCountryCode = { attributes: { codeListId: 'P.CLS.019' }, $value: country };
    return { ResourceStatusDetails: q };
  };
  const names = (dmd) => list(dmd && dmd.DrugMonitoringItemDetails).map((i) => list(i.DrugMonitoringDetails)[0].DrugTradeName);
  const t0 = iso(-2 * DAY); const t1 = iso(-DAY);

  await checks.check('IncludeRecord (MSG.001 -> MSG.004 INCLUDED)', async () => {
    const [r] = await call(port, 'IncludeRecord', record('P.MM.03.MSG.001', t0));
    return expectResult(r.ProcessingResultDetails, 'INCLUDED');
  });
  await checks.check('IncludeRecord of the same record again (negative: table 12, rule 4)', async () => {
    const [r] = await call(port, 'IncludeRecord', record('P.MM.03.MSG.001', t0));
    return expectResult(r.ProcessingResultDetails, 'ERR_RULE', 'table 12, rule 4');
  });
  await checks.check('ChangeRecord (MSG.002 -> MSG.004 CHANGED)', async () => {
    const [r] = await call(port, 'ChangeRecord', record('P.MM.03.MSG.002', t1));
    return expectResult(r.ProcessingResultDetails, 'CHANGED');
  });
  await checks.check('GetUpdateTime (MSG.005 -> MSG.006)', async () => {
    const [r] = await call(port, 'GetUpdateTime', query('P.MM.03.MSG.005'));
    const s = r.ResourceStatusDetails;
    assert(s.EDocHeader.InfEnvelopeCode === 'P.MM.03.MSG.006', s.EDocHeader.InfEnvelopeCode);
    assert(s.UpdateDateTime && new Date(s.UpdateDateTime).getTime() > Date.now() - HOUR, `UpdateDateTime ${s.UpdateDateTime}`);
    return `MSG.006 UpdateDateTime ${s.UpdateDateTime}`;
  });
  await checks.check('GetRecords (MSG.007 -> MSG.008)', async () => {
    const [r] = await call(port, 'GetRecords', query('P.MM.03.MSG.007'));
    assert(r.DrugMonitoringDetails, `no MSG.008: ${JSON.stringify(r.ProcessingResultDetails)}`);
    assert(r.DrugMonitoringDetails.EDocHeader.InfEnvelopeCode === 'P.MM.03.MSG.008', 'not MSG.008');
    assert(names(r.DrugMonitoringDetails).filter((n) => n === name).length === 1, `${name} not exactly once`);
    return `MSG.008 with ${names(r.DrugMonitoringDetails).length} records, ${name} among them`;
  });
  await checks.check('GetChanges (MSG.010 -> MSG.011)', async () => {
    const [r] = await call(port, 'GetChanges', query('P.MM.03.MSG.010', iso(-HOUR)));
    assert(r.DrugMonitoringDetails, `no MSG.011: ${JSON.stringify(r.ProcessingResultDetails)}`);
    assert(r.DrugMonitoringDetails.EDocHeader.InfEnvelopeCode === 'P.MM.03.MSG.011', 'not MSG.011');
    assert(names(r.DrugMonitoringDetails).includes(name), `${name} not among the changes`);
    return `MSG.011 with ${names(r.DrugMonitoringDetails).length} versions`;
  });
  await checks.check('ExcludeRecord (MSG.003 -> MSG.004 EXCLUDED)', async () => {
    const [r] = await call(port, 'ExcludeRecord', record('P.MM.03.MSG.003', t1, iso(-HOUR)));
    return expectResult(r.ProcessingResultDetails, 'EXCLUDED');
  });
  await checks.check('GetRecords as of 1990 (MSG.009 NO_DATA)', async () => {
    const [r] = await call(port, 'GetRecords', query('P.MM.03.MSG.007', '1990-01-01T00:00:00Z'));
    assert(!r.DrugMonitoringDetails, 'records as of 1990');
    assert(r.ProcessingResultDetails.EDocHeader.InfEnvelopeCode === 'P.MM.03.MSG.009', 'not MSG.009');
    return expectResult(r.ProcessingResultDetails, 'NO_DATA');
  });
  await checks.check("GetRecords as the Commission's user (negative: SOAP fault ERR_NOT_AUTHORIZED)", async () => {
    const eec = await client(wsdl, 'eec', 'eec-dev-password');
    const f = await faultOf(call(eec.CommissionService.CommissionSoap11, 'GetRecords', query('P.MM.03.MSG.007')));
    assert(JSON.stringify(f).includes('ERR_NOT_AUTHORIZED'), `fault ${JSON.stringify(f).slice(0, 200)}`);
    return `SOAP fault ${f.faultcode}`;
  });
  await checks.check('a wrong password (negative: WS-Security fault)', async () => {
    const bad = await client(wsdl, user, `${password}-wrong`);
    const f = await faultOf(call(bad.CommissionService.CommissionSoap11, 'GetUpdateTime', query('P.MM.03.MSG.005')));
    return `SOAP fault ${f.faultcode}`;
  });
}

/** A refusal: a SOAP fault carrying the result code (as an authority node refuses) or an R.006 with the code. */
async function refused(promise, code, rule) {
  let r;
  try {
    [r] = await promise;
  } catch (e) {
    if (!(e.root && e.root.Envelope && e.root.Envelope.Body && e.root.Envelope.Body.Fault)) throw e;
    const said = JSON.stringify(e.root.Envelope.Body.Fault);
    assert(said.includes(code), `fault ${said.slice(0, 300)}`);
    if (rule) assert(said.toLowerCase().includes(rule), `${rule} not named in: ${said.slice(0, 300)}`);
    return `SOAP fault ${code}${rule ? ` (${rule})` : ''}`;
  }
  assert(r && r.ProcessingResultDetails, `accepted (no fault), expected a refusal ${code}`);
  return expectResult(r.ProcessingResultDetails, code, rule);
}

/** The Authority service of ANOTHER authority's node, called as the user's authority (records of country). */
async function authority(checks, base, user, password, country, answerTo) {
  const wsdl = `${base}/ws/authority?wsdl`;
  let c;
  const ok = await checks.check(`authority: ${wsdl} loads`, async () => {
    c = await client(wsdl, user, password);
    return Object.keys(c.describe().AuthorityService.AuthoritySoap11).sort().join(', ');
  });
  if (!ok) return;
  const port = c.AuthorityService.AuthoritySoap11;
  const notice = (of) => {
    const d = fresh(sample('dmd-msg013-notify-inclusion.xml'), 'P.MM.03.MSG.013');
    for (const item of list(d.DrugMonitoringItemDetails)) item.UnifiedCountryCode.$value = of;
    return { DrugMonitoringDetails: d };
  };
  await checks.check('NotifyInclusion (MSG.013, one-way)', async () => {
    await call(port, 'NotifyInclusion', notice(country));
    return 'one-way, accepted';
  });
  const other = country === 'AM' ? 'BY' : 'AM';
  await checks.check(`NotifyInclusion of a record of ${other} (negative: SOAP fault ERR_NOT_AUTHORIZED)`,
    () => refused(call(port, 'NotifyInclusion', notice(other)), 'ERR_NOT_AUTHORIZED'));
  const request = fresh(sample('cdr-msg014-request.xml'), 'P.MM.03.MSG.014');
  await checks.check('RequestAdditionalInfo (MSG.014 -> MSG.015 RECEIVED)', async () => {
    const [r] = await call(port, 'RequestAdditionalInfo', { CounterfeitDrugCorrespondenceDetails: request });
    return expectResult(r.ProcessingResultDetails, 'RECEIVED');
  });
  await checks.check('RequestAdditionalInfo without OfficialDocDetails (negative: table 8, rule 1)', () => {
    const d = fresh(sample('cdr-msg014-request.xml'), 'P.MM.03.MSG.014');
    delete d.OfficialDocDetails;
    return refused(call(port, 'RequestAdditionalInfo', { CounterfeitDrugCorrespondenceDetails: d }), 'ERR_RULE', 'table 8, rule 1');
  });
  const answer = (file, ref, strip) => {
    const d = fresh(sample(file), 'P.MM.03.MSG.016');
    const h = d.EDocHeader; // EDocRefId goes after EDocId
    d.EDocHeader = { InfEnvelopeCode: h.InfEnvelopeCode, EDocCode: h.EDocCode, EDocId: h.EDocId,
      EDocRefId: ref, EDocDateTime: h.EDocDateTime, LanguageCode: h.LanguageCode };
    if (strip) delete d.NoteText;
    return call(port, 'SendAdditionalInfo', { CounterfeitDrugCorrespondenceDetails: d });
  };
  // a MSG.016 answers a MSG.014 that the receiving authority sent to this user (--answer-to); the request this
  // user just sent is not one
  await checks.check('SendAdditionalInfo answering a MSG.014 the node did not send (negative: ERR_HEADER)',
    () => refused(answer('cdr-msg016-note.xml', request.EDocHeader.EDocId, false), 'ERR_HEADER'));
  if (answerTo) {
    for (const f of ['cdr-msg016-note.xml', 'cdr-msg016-pdf.xml', 'cdr-msg016-xml.xml']) {
      await checks.check(`SendAdditionalInfo ${f} (MSG.016 -> MSG.015 RECEIVED)`, async () => {
        const [r] = await answer(f, answerTo, false);
        return expectResult(r.ProcessingResultDetails, 'RECEIVED');
      });
    }
  } else {
    console.log('SKIP node-soap SendAdditionalInfo (MSG.016 -> MSG.015 RECEIVED) -- no --answer-to');
  }
  await checks.check('SendAdditionalInfo without content (negative: table 9, rule 2)',
    () => refused(answer('cdr-msg016-note.xml', answerTo || request.EDocHeader.EDocId, true), 'ERR_RULE', 'table 9, rule 2'));
}

async function main(argv) {
  const a = { user: 'ru', verbose: false };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--endpoint') a.endpoint = argv[++i];
    else if (argv[i] === '--authority-endpoint') a.authority = argv[++i];
    else if (argv[i] === '--user') a.user = argv[++i];
    else if (argv[i] === '--password') a.password = argv[++i];
    else if (argv[i] === '--country') a.country = argv[++i];
    else if (argv[i] === '--answer-to') a.answerTo = argv[++i];
    else if (argv[i] === '-v' || argv[i] === '--verbose') a.verbose = true;
    else { console.error(`unknown argument ${argv[i]}`); return 2; }
  }
  if (!a.endpoint) { console.error('usage: node endpoint.js --endpoint URL [--authority-endpoint URL] [--user U] [--password P]'); return 2; }
  const password = a.password || `${a.user}-dev-password`;
  const version = JSON.parse(fs.readFileSync(require.resolve('soap/package.json'), 'utf8')).version;
  console.log(`node-soap ${version}, node ${process.versions.node}, endpoint ${a.endpoint}`);
  const checks = new Checks(a.verbose);
  await commission(checks, a.endpoint.replace(/\/$/, ''), a.user, password, (a.country || a.user).toUpperCase());
  if (a.authority) {
    await authority(checks, a.authority.replace(/\/$/, ''), a.user, password, (a.country || a.user).toUpperCase(), a.answerTo);
  }
  console.log(`${checks.passed} passed, ${checks.failed} failed`);
  return checks.failed === 0 ? 0 : 1;
}

main(process.argv.slice(2)).then((code) => { process.exitCode = code; }, (e) => {
  console.error(e && e.stack);
  console.log('0 passed, 1 failed');
  process.exitCode = 1;
});
