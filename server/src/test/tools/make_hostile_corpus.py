#!/usr/bin/env python3
"""Generates the hostile corpus of issue #12 item 7(d): server/src/test/resources/hostile/ (one file per input)
and its index.tsv (per input: endpoint, method, Content-Type, SOAPAction, expected HTTP status, fault subcode,
substring of the fault text). Run from the repository root:  python3 server/src/test/tools/make_hostile_corpus.py

Files are kept small: the runner (HostileCorpusTest) expands tokens before sending:
  {{WSSE ...}}       a fresh UsernameToken (user=ru, correct digest, new nonce, created=now); options
                     user=, pw=, created=<seconds offset>, nonce=<literal>, digest=<literal>, type=text
  {{EDOCID}}         a fresh UUID
  {{REPEAT:n:text}}  text repeated n times (huge inputs are generated, not committed)
  {{OPEN:n:name}} / {{CLOSE:n:name}}  n nested start / end tags; {{ATTRS:n}} n attributes a1="x" …
                     WSSE option ts=<seconds offset of wsu:Created of a wsu:Timestamp, expiring 5 min later, or a literal>
Bytes \\xNN in a file are written raw (invalid encodings, control characters).
"""
import os, re, json

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", "..", ".."))
OUT = os.path.join(ROOT, 'server', 'src', 'test', 'resources', 'hostile')
SAMPLES = os.path.join(ROOT, 'wsdl', 'src', 'main', 'resources', 'eaeu', 'pmm03', 'samples')

S11 = 'http://schemas.xmlsoap.org/soap/envelope/'
S12 = 'http://www.w3.org/2003/05/soap-envelope'
CWS = 'urn:pmm03:ws:Commission:v1.0.0'
ACT = 'int://CP/P.MM.03/1.0.0/P.MM.03.PRC.00{p}/P.MM.03.TRN.00{p}/P.MM.03.MSG.00{m}'
A001, A005, A007 = ACT.format(p=1, m=1), ACT.format(p=4, m=5), ACT.format(p=5, m=7)


def sample(name, fresh_id=True):
    s = open(os.path.join(SAMPLES, name), encoding='utf-8').read()
    s = re.sub(r'<\?xml[^>]*\?>', '', s)
    s = re.sub(r'<!--.*?-->', '', s, flags=re.S).strip()
    if fresh_id:
        s = re.sub(r'(<csdo:EDocId>)[^<]*(</csdo:EDocId>)', r'\1{{EDOCID}}\2', s, count=1)
    return s


DOC1 = sample('dmd-msg001-include.xml')
DOC7 = sample('rsd-msg007-records-request.xml')
DOC5 = sample('rsd-msg005-update-time-request.xml')


def wrap(op, doc):
    return '<cws:%s xmlns:cws="%s">%s</cws:%s>' % (op, CWS, doc, op)


def env(body, v=11, header='{{WSSE}}', prefix='soap'):
    ns = S11 if v == 11 else S12
    h = '' if header is None else '<%s:Header>%s</%s:Header>' % (prefix, header, prefix)
    return '<%s:Envelope xmlns:%s="%s">%s<%s:Body>%s</%s:Body></%s:Envelope>' % (prefix, prefix, ns, h, prefix, body,
                                                                                  prefix, prefix)


INCLUDE = wrap('IncludeRecord', DOC1)
CT11, CT12 = 'text/xml; charset=UTF-8', 'application/soap+xml; charset=UTF-8'
EP = {11: '/commission', 12: '/commission12'}
rows = []


def add(name, content, status, code, message, v=11, ep=None, method='POST', ct=None, action=None):
    if isinstance(content, str):
        content = content.encode('utf-8')
    ep = ep or EP[v]
    ct = ct if ct is not None else (CT11 if v == 11 else CT12)
    if action is None:
        action = '-'
    fname = name + '.xml'
    with open(os.path.join(OUT, fname), 'wb') as f:
        f.write(content)
    rows.append([fname, ep, method, ct or '-', action, str(status), code, message])


def sender(v):
    """HTTP status of a Sender fault: SOAP 1.1 requires 500, SOAP 1.2 gives 400 (D-111)."""
    return 500 if v == 11 else 400


os.makedirs(OUT, exist_ok=True)
for f in os.listdir(OUT):  # only this script's files: sub-folders belong to other suites
    if os.path.isfile(os.path.join(OUT, f)) and (f.endswith('.xml') or f == 'index.tsv'):
        os.remove(os.path.join(OUT, f))

# characters, encodings and DOCTYPEs are refused by the raw-byte check before any parser (D-100): ERR_SCHEMA
BYTES, BYTES_TEXT = 'ERR_SCHEMA', 'input XML refused'

# ---- A. not well-formed XML ------------------------------------------------------------------------------------
for v in (11, 12):
    full = env(INCLUDE, v)
    for i, frac in enumerate((0.02, 0.1, 0.25, 0.4, 0.5, 0.6, 0.75, 0.9, 0.98)):
        add('xml-truncated-%d-%02d' % (v, i), full[:int(len(full) * frac)], sender(v), 'ERR_XML', 'not well-formed', v)
    add('xml-empty-%d' % v, '', sender(v), 'ERR_XML', 'not well-formed', v)
    add('xml-whitespace-%d' % v, '   \n\t  ', sender(v), 'ERR_XML', 'not well-formed', v)
    add('xml-garbage-%d' % v, 'this is not xml at all', sender(v), 'ERR_XML', 'not well-formed', v)
    add('xml-mismatched-tags-%d' % v, env('<cws:IncludeRecord xmlns:cws="%s"><a></b></cws:IncludeRecord>' % CWS, v),
        sender(v), 'ERR_XML', 'not well-formed', v)
    add('xml-undeclared-prefix-%d' % v, env('<zz:IncludeRecord/>', v), sender(v), 'ERR_XML', 'not well-formed', v)
for i, ch in enumerate(('&#x1;', '&#x0;', '&#x1F;', '&#xB;', '&#xFFFE;', '&#xD800;')):
    add('xml-control-charref-%d' % i, env(INCLUDE.replace('Ибупрофен</hcsdo:DrugName>', 'Ибу%sпрофен</hcsdo:DrugName>' % ch)),
        500, BYTES, BYTES_TEXT, 11)
for i, b in enumerate((b'\x01', b'\x00', b'\x08', b'\x0b', b'\x1f')):
    raw = env(INCLUDE).encode('utf-8').replace('Ибупрофен</hcsdo:DrugName>'.encode(), b'Ibu' + b + b'</hcsdo:DrugName>')
    add('xml-control-raw-%d' % i, raw, 500, BYTES, BYTES_TEXT, 11)
# invalid UTF-8 (overlong forms, surrogates) and the encoding declaration are the byte check's (hostile/integrity)
for i, b in enumerate((b'\x80', b'\xf8\x88\x80\x80\x80', b'\xff\xfe', b'\xd0')):
    raw = env(INCLUDE).encode('utf-8').replace('Ибупрофен</hcsdo:DrugName>'.encode(), b'Ibu' + b + b'x</hcsdo:DrugName>')
    add('xml-bad-utf8-%d' % i, raw, 500, BYTES, BYTES_TEXT, 11)
add('xml-duplicate-attribute', env('<cws:IncludeRecord xmlns:cws="%s" a="1" a="2"/>' % CWS), 500, 'ERR_XML', 'not well-formed')
add('xml-raw-ampersand', env(INCLUDE.replace('Ибупрофен</hcsdo:DrugName>', 'A & B</hcsdo:DrugName>')), 500, 'ERR_XML', 'not well-formed')
add('xml-lt-in-attribute', env('<cws:IncludeRecord xmlns:cws="%s" a="<"/>' % CWS), 500, 'ERR_XML', 'not well-formed')
add('xml-two-roots', env(INCLUDE) + env(INCLUDE), 500, 'ERR_XML', 'not well-formed')
add('xml-text-after-root', env(INCLUDE) + 'trailing', 500, 'ERR_', '')
add('xml-unterminated-comment', env(INCLUDE).replace('<soap:Body>', '<soap:Body><!-- open'), 500, 'ERR_XML', 'not well-formed')
add('xml-unterminated-cdata', env(INCLUDE).replace('<soap:Body>', '<soap:Body><![CDATA[ open'), 500, 'ERR_XML', 'not well-formed')
add('xml-pi-in-middle', env(INCLUDE).replace('<soap:Body>', '<soap:Body><?xml version="1.0"?>'), 500, 'ERR_XML', 'not well-formed')
add('xml-bom-garbage', b'\xef\xbb\xbf\x00\x00garbage', 500, BYTES, BYTES_TEXT)
add('xml-bad-name-start', env('<cws:1IncludeRecord xmlns:cws="%s"/>' % CWS), 500, 'ERR_XML', 'not well-formed')
add('xml-unclosed-attribute', env('<cws:IncludeRecord xmlns:cws="%s" a="1/>' % CWS), 500, 'ERR_XML', 'not well-formed')
add('xml-undefined-entity', env(INCLUDE.replace('Ибупрофен</hcsdo:DrugName>', '&nbsp;</hcsdo:DrugName>')), 500, 'ERR_XML', 'not well-formed')

# ---- B. DTD, entities, XInclude --------------------------------------------------------------------------------
dtds = {
    'xxe-file': '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>',
    'xxe-http': '<!DOCTYPE x [<!ENTITY e SYSTEM "http://127.0.0.1:1/x">]>',
    'xxe-parameter': '<!DOCTYPE x [<!ENTITY % p SYSTEM "http://127.0.0.1:1/p.dtd"> %p;]>',
    'billion-laughs': '<!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
                      '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY e "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>',
    'quadratic-blowup': '<!DOCTYPE q [<!ENTITY e "{{REPEAT:50000:x}}">]>',
    'dtd-system': '<!DOCTYPE soap:Envelope SYSTEM "http://127.0.0.1:1/soap.dtd">',
    'dtd-internal-only': '<!DOCTYPE soap:Envelope [<!ELEMENT soap:Envelope ANY>]>',
    'dtd-attribute-default': '<!DOCTYPE soap:Envelope [<!ATTLIST soap:Envelope injected CDATA "yes">]>',
}
for v in (11, 12):
    for k, d in dtds.items():
        body = INCLUDE.replace('Ибупрофен</hcsdo:DrugName>', '&e;</hcsdo:DrugName>') if '&' in d or 'ENTITY e' in d else INCLUDE
        add('dtd-%s-%d' % (k, v), '<?xml version="1.0"?>' + d + env(body, v), sender(v), BYTES, 'DOCTYPE', v)
XI = 'xmlns:xi="http://www.w3.org/2001/XInclude"'
add('xinclude-instead-of-document', env('<cws:IncludeRecord xmlns:cws="%s"><xi:include %s href="file:///etc/passwd"/>'
                                        '</cws:IncludeRecord>' % (CWS, XI)), 200, 'ERR_SCHEMA', '')
add('xinclude-as-second-body-child', env(INCLUDE + '<xi:include %s href="file:///etc/passwd"/>' % XI), 500,
    'ERR_ENVELOPE', 'exactly one is allowed')
add('xinclude-inside-document', env(INCLUDE.replace('<hcsdo:DrugName>', '<hcsdo:DrugName><xi:include %s href="file:///etc/passwd" parse="text"/>' % XI)),
    200, 'ERR_SCHEMA', '')
add('xop-include-url', env(INCLUDE.replace('<hcsdo:DrugName>', '<hcsdo:DrugName><xop:Include xmlns:xop="http://www.w3.org/2004/08/xop/include" href="http://127.0.0.1:1/x"/>')),
    500, 'ERR_SCHEMA', 'MTOM/XOP')

# ---- C. envelope shape -----------------------------------------------------------------------------------------
for v in (11, 12):
    s = sender(v)
    add('env-empty-body-%d' % v, env('', v), s, 'ERR_ENVELOPE', 'soap:Body is empty', v)
    add('env-text-in-body-%d' % v, env('just some text', v), s, 'ERR_ENVELOPE', 'text is not allowed', v)
    add('env-text-beside-operation-%d' % v, env(INCLUDE + 'tail text', v), s, 'ERR_ENVELOPE', 'text is not allowed', v)
    add('env-two-operations-%d' % v, env(INCLUDE + INCLUDE.replace('{{EDOCID}}', '{{EDOCID}}'), v), s, 'ERR_ENVELOPE',
        'exactly one is allowed', v)
    add('env-operation-and-junk-%d' % v, env(INCLUDE + '<junk/>', v), s, 'ERR_ENVELOPE', 'exactly one is allowed', v)
    add('env-junk-before-operation-%d' % v, env('<junk xmlns="urn:x"/>' + INCLUDE, v), s, 'ERR_ENVELOPE', 'exactly one is allowed', v)
    add('env-extra-after-document-%d' % v, env(wrap('IncludeRecord', DOC1 + '<extra xmlns="urn:x"/>'), v), s, 'ERR_ENVELOPE',
        'exactly one EEC document', v)
    add('env-second-document-%d' % v, env(wrap('IncludeRecord', DOC1 + DOC1), v), s, 'ERR_ENVELOPE', 'exactly one EEC document', v)
    add('env-text-after-document-%d' % v, env(wrap('IncludeRecord', DOC1 + 'stray'), v), s, 'ERR_ENVELOPE', 'text is not allowed', v)
    add('env-unknown-operation-%d' % v, env('<cws:DeleteEverything xmlns:cws="%s"/>' % CWS, v), s, 'ERR_ENVELOPE',
        'is not an operation of this port', v)
    add('env-operation-wrong-namespace-%d' % v, env(INCLUDE.replace(CWS, 'urn:pmm03:ws:Commission:v9.9.9'), v), s,
        'ERR_ENVELOPE', 'is not an operation of this port', v)
    add('env-operation-no-namespace-%d' % v, env('<IncludeRecord>%s</IncludeRecord>' % DOC1, v), s, 'ERR_ENVELOPE',
        'is not an operation of this port', v)
    add('env-response-as-request-%d' % v, env('<cws:IncludeRecordResponse xmlns:cws="%s"/>' % CWS, v), s, 'ERR_ENVELOPE',
        'is not an operation of this port', v)
    add('env-document-without-wrapper-%d' % v, env(DOC1, v), s, 'ERR_ENVELOPE', 'is not an operation of this port', v)
    add('env-no-body-%d' % v, env('', v).replace('<soap:Body></soap:Body>', ''), s, 'ERR_ENVELOPE', '', v)
    add('env-root-not-envelope-%d' % v, INCLUDE, s, 'ERR_ENVELOPE', '', v)
    add('env-unknown-envelope-namespace-%d' % v, env(INCLUDE, v).replace(S11 if v == 11 else S12, 'http://example.com/soap'),
        s, 'ERR_ENVELOPE', 'SOAP version', v)
    add('env-header-after-body-%d' % v, env(INCLUDE, v, header=None).replace('</soap:Body>', '</soap:Body><soap:Header>{{WSSE}}</soap:Header>'),
        s, 'ERR_ENVELOPE', '', v)
    add('env-two-bodies-%d' % v, env(INCLUDE, v).replace('</soap:Envelope>', '<soap:Body/></soap:Envelope>'), s, 'ERR_ENVELOPE', '', v)
# SOAP 1.1 / 1.2 mixups
# the fault is written in the envelope's own SOAP version (1.1: HTTP 500, 1.2: HTTP 400); a SOAP 1.1 port answers
# a 1.2 envelope with its own SOAP 1.1 VersionMismatch
add('mix-12-envelope-on-11-port', env(INCLUDE, 12), 500, 'ERR_ENVELOPE', 'SOAP version', 11, ct=CT11)
add('mix-11-envelope-on-12-port', env(INCLUDE, 11), 500, 'ERR_ENVELOPE', 'SOAP version', 12, ct=CT12)
add('mix-11-envelope-soap12-content-type', env(INCLUDE, 11), 500, 'ERR_ENVELOPE', 'SOAP version', 11, ct=CT12)
add('mix-12-envelope-text-xml-on-12-port', env(INCLUDE, 12), 400, 'ERR_ENVELOPE', 'SOAP version', 12, ct=CT11)
# SOAPAction
add('action-other-operation-11', env(INCLUDE), 500, 'ERR_ENVELOPE', 'does not belong to the operation IncludeRecord', action=A007)
add('action-query-for-include-11', env(INCLUDE), 500, 'ERR_ENVELOPE', 'does not belong to the operation', action=A005)
add('action-garbage-11', env(INCLUDE), 500, 'ERR_ENVELOPE', 'does not belong to the operation', action='urn:whatever')
add('action-other-operation-12', env(INCLUDE, 12), 400, 'ERR_ENVELOPE', 'does not belong to the operation', 12,
    ct='application/soap+xml; charset=UTF-8; action="%s"' % A007)
add('action-query-wrapper-include-action-12', env(wrap('GetRecords', DOC7), 12), 400, 'ERR_ENVELOPE', 'does not belong to the operation GetRecords', 12,
    ct='application/soap+xml; charset=UTF-8; action="%s"' % A001)
add('action-wsa-mismatch-12', env(INCLUDE, 12, header='{{WSSE}}<wsa:Action xmlns:wsa="http://www.w3.org/2005/08/addressing">%s</wsa:Action>' % A007),
    400, 'ERR_ENVELOPE', 'differs from wsa:Action', 12, ct='application/soap+xml; charset=UTF-8; action="%s"' % A001)

# ---- D. content types and methods ------------------------------------------------------------------------------
for i, ct in enumerate(('text/plain', 'application/json', 'application/x-www-form-urlencoded', 'text/html',
                        'multipart/form-data; boundary=x', 'application/octet-stream', 'image/png', 'application/xml', '')):
    for v in (11, 12):
        add('ct-%d-%d' % (i, v), env(INCLUDE, v), 415, 'ERR_MEDIA_TYPE', 'Content-Type', v, ct=ct if ct else '')
for i, (m, q) in enumerate((('GET', ''), ('GET', '?foo=bar'), ('PUT', ''), ('DELETE', ''), ('PATCH', ''))):
    for v in (11, 12):
        add('method-%s-%d-%d' % (m.lower(), i, v), '' if m in ('GET', 'DELETE') else env(INCLUDE, v), 405, 'ERR_METHOD',
            'only POST', v, ep=EP[v] + q, method=m)

# ---- E. limits ---------------------------------------------------------------------------------------------------
LIM = 'ERR_TOO_LARGE'
for v in (11, 12):
    add('limit-header-200k-elements-%d' % v, env(INCLUDE, v, header='{{WSSE}}<h:x xmlns:h="urn:h">{{REPEAT:200000:<h:e/>}}</h:x>'),
        413, LIM, 'child elements', v)
    add('limit-header-2000-blocks-%d' % v, env(INCLUDE, v, header='{{WSSE}}{{REPEAT:2000:<h:b xmlns:h="urn:h">1</h:b>}}'),
        413, LIM, 'header-elements', v)
    add('limit-element-name-1mb-%d' % v, env(wrap('IncludeRecord', '<{{REPEAT:1048576:n}}/>'), v), 413, LIM, 'name-length', v)
    add('limit-element-name-in-header-%d' % v, env(INCLUDE, v, header='{{WSSE}}<{{REPEAT:5000:h}}/>'), 413, LIM, 'name-length', v)
    add('limit-attribute-name-%d' % v, env('<cws:IncludeRecord xmlns:cws="%s" {{REPEAT:10000:a}}="1"/>' % CWS, v), 413, LIM,
        'name-length', v)
    add('limit-attribute-value-1mb-%d' % v, env('<cws:IncludeRecord xmlns:cws="%s" a="{{REPEAT:1048576:v}}"/>' % CWS, v),
        413, LIM, 'attribute size', v)
    add('limit-attribute-count-%d' % v, env('<cws:IncludeRecord xmlns:cws="%s" {{ATTRS:200}}/>' % CWS, v), 413, LIM,
        'attribute', v)
    for depth in (60, 1000, 100000):
        add('limit-depth-%d-%d' % (depth, v), env(wrap('IncludeRecord', '{{OPEN:%d:d}}{{CLOSE:%d:d}}' % (depth, depth)), v),
            413, LIM, 'depth', v)
    add('limit-depth-in-header-%d' % v, env(INCLUDE, v, header='{{WSSE}}{{OPEN:500:h}}{{CLOSE:500:h}}'), 413, LIM, 'depth', v)
    add('limit-body-17mb-%d' % v, env(wrap('IncludeRecord', DOC1.replace('Ибупрофен</hcsdo:DrugName>',
                                                                          '{{REPEAT:17825792:A}}</hcsdo:DrugName>')), v),
        413, LIM, '16 MB', v)
add('limit-picture-50mb-base64', env(wrap('IncludeRecord', DOC1.replace('</hccdo:DrugMonitoringDetails>',
                                                                        '<hcsdo:PictureBinaryText>{{REPEAT:17476267:QUJD}}</hcsdo:PictureBinaryText></hccdo:DrugMonitoringDetails>'))),
    413, LIM, '16 MB')
add('limit-text-node-12m-chars', env(wrap('IncludeRecord', DOC1.replace('Ибупрофен</hcsdo:DrugName>', '{{REPEAT:12000000:t}}</hcsdo:DrugName>'))),
    413, LIM, 'text')
add('limit-children-150k', env(wrap('IncludeRecord', '<k>{{REPEAT:150000:<c/>}}</k>')), 413, LIM, 'child')

# ---- F. WS-Security ----------------------------------------------------------------------------------------------
SEC = [
    ('no-security-header', env(INCLUDE, header=''), 'ERR_NOT_AUTHENTICATED', 'not authenticated'),
    ('no-header-at-all', env(INCLUDE, header=None), 'ERR_NOT_AUTHENTICATED', 'not authenticated'),
    ('wrong-password', env(INCLUDE, header='{{WSSE pw=wrong}}'), 'ERR_NOT_AUTHENTICATED', 'not authenticated'),
    ('unknown-user', env(INCLUDE, header='{{WSSE user=nobody}}'), 'ERR_NOT_AUTHENTICATED', 'not authenticated'),
    ('empty-user', env(INCLUDE, header='{{WSSE user=}}'), 'ERR_NOT_AUTHENTICATED', ''),
    ('stale-created', env(INCLUDE, header='{{WSSE created=-3600}}'), 'ERR_STALE_CREATED', 'UsernameToken'),
    ('future-created', env(INCLUDE, header='{{WSSE created=3600}}'), 'ERR_STALE_CREATED', 'UsernameToken'),
    ('garbled-nonce', env(INCLUDE, header='{{WSSE nonce=%%%not-base64%%%}}'), 'ERR_SECURITY', 'base64'),
    ('garbled-digest', env(INCLUDE, header='{{WSSE digest=%%%not-base64%%%}}'), 'ERR_SECURITY', 'base64'),
    ('password-text', env(INCLUDE, header='{{WSSE type=text}}'), 'ERR_NOT_AUTHENTICATED', ''),
    ('created-not-a-date', env(INCLUDE, header='{{WSSE created=x}}'), 'ERR_SECURITY', ''),
    ('security-header-text', env(INCLUDE, header='<wsse:Security xmlns:wsse="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd">garbage</wsse:Security>'),
     'ERR_NOT_AUTHENTICATED', ''),
    ('security-unknown-child', env(INCLUDE, header='<wsse:Security xmlns:wsse="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd"><wsse:Bogus/></wsse:Security>'),
     'ERR_NOT_AUTHENTICATED', ''),
    ('usernametoken-empty', env(INCLUDE, header='<wsse:Security xmlns:wsse="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd"><wsse:UsernameToken/></wsse:Security>'),
     'ERR_SECURITY', ''),
    ('timestamp-expired', env(INCLUDE, header='{{WSSE ts=-7200}}'), 'ERR_STALE_TIMESTAMP', 'wsu:Timestamp'),
    ('timestamp-garbled', env(INCLUDE, header='{{WSSE ts=x}}'), 'ERR_SECURITY', ''),
]
for name, content, code, msg in SEC:
    add('sec-%s' % name, content, 500, code, msg)
    add('sec-%s-12' % name, content.replace('soap:', 'env:').replace('xmlns:soap="%s"' % S11, 'xmlns:env="%s"' % S12)
        .replace('xmlns:env="%s"' % S11, 'xmlns:env="%s"' % S12)
        # a nonce of its own (the same undecodable base64): the replay cache (D-122) records every nonce it is asked
        # about, also an undecodable one, so the SOAP 1.1 input's nonce sent again would rightly be a replay
        .replace('nonce=%%%not-base64%%%', 'nonce=%%%not-base64!%%%'), 400, code, msg, 12)

# ---- G. documents that parse but break the contract ------------------------------------------------------------
index = json.load(open(os.path.join(SAMPLES, 'index.json'), encoding='utf-8'))
for smp in index['samples']:
    if smp['valid'] or not smp['file'].startswith('invalid-') or 'prd' in smp['file'] or 'rsd' in smp['file'] or 'cdr' in smp['file']:
        continue
    doc = sample(smp['file'], fresh_id='missing-edocid' not in smp['file'] and 'edocid-not-uuid' not in smp['file'])
    # refused documents are answered with the operation's own R.006 (MSG.004 …), HTTP 200, as the seed says
    add('doc-%s' % smp['file'][:-4], env(wrap('IncludeRecord', doc)), 200, 'ERR_', '')
add('doc-query-in-include-wrapper', env(wrap('IncludeRecord', DOC7)), 200, 'ERR_', '')
add('doc-include-in-query-wrapper', env(wrap('GetRecords', DOC1)), 500, 'ERR_', '')
add('doc-empty-wrapper', env(wrap('IncludeRecord', '')), 500, 'ERR_SCHEMA', 'no EEC document')
add('doc-text-in-wrapper', env(wrap('IncludeRecord', 'text only')), 500, 'ERR_ENVELOPE', 'text is not allowed')
add('doc-wrong-root-namespace', env(wrap('IncludeRecord', DOC1.replace('urn:EEC:R:HC:MM:03:DrugMonitoringDetails:v1.0.0',
                                                                       'urn:EEC:R:HC:MM:03:DrugMonitoringDetails:v9'))), 200, 'ERR_SCHEMA', '')

with open(os.path.join(OUT, 'index.tsv'), 'w', encoding='utf-8') as f:
    f.write('# file\tendpoint\tmethod\tcontent-type\tsoapaction\tstatus\tfault-code\tmessage-substring\n')
    for r in rows:
        f.write('\t'.join(r) + '\n')
print(len(rows), 'inputs ->', OUT)
