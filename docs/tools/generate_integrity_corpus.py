#!/usr/bin/env python3
"""Writes the hostile inputs of IntegrityTest (decision D-100) from the MSG.001 sample:
server/src/test/resources/integrity/template.xml (the valid envelope) and
server/src/test/resources/hostile/integrity/*.xml + expected.properties (file -> fragment of the English fault text).
Placeholders filled by the test: {{SECURITY}} (UsernameToken of user ru), {{EDOCID}}, {{NAME}}, {{START}}.
Run from the repository root: python3 docs/tools/generate_integrity_corpus.py"""
import os

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SAMPLE = os.path.join(ROOT, 'wsdl/src/main/resources/eaeu/pmm03/samples/dmd-msg001-include.xml')
RES = os.path.join(ROOT, 'server/src/test/resources')
OUT = os.path.join(RES, 'hostile/integrity')

sample = open(SAMPLE, encoding='utf-8').read()
doc = sample[sample.index('<dmd:DrugMonitoringDetails'):]
doc = doc.replace('0b7f4c2e-91d3-4a58-8e6f-3c2d1b0a9f87', '{{EDOCID}}', 1)
doc = doc.replace('<hcsdo:DrugTradeName>Ибупрофен-Велфарм Форте</hcsdo:DrugTradeName>',
                  '<hcsdo:DrugTradeName>{{NAME}}</hcsdo:DrugTradeName>')
doc = doc.replace('<csdo:StartDateTime>2026-10-20T10:15:00+03:00</csdo:StartDateTime>',
                  '<csdo:StartDateTime>{{START}}</csdo:StartDateTime>')
assert '{{NAME}}' in doc and '{{START}}' in doc and '{{EDOCID}}' in doc
env = ('<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Header>{{SECURITY}}</soap:Header>'
       '<soap:Body><IncludeRecord xmlns="urn:pmm03:ws:Commission:v1.0.0">' + doc.strip()
       + '</IncludeRecord></soap:Body></soap:Envelope>')
D10 = '<?xml version="1.0" encoding="UTF-8"?>\n'
os.makedirs(os.path.join(RES, 'integrity'), exist_ok=True)
os.makedirs(OUT, exist_ok=True)
open(os.path.join(RES, 'integrity/template.xml'), 'w', encoding='utf-8').write(D10 + env)

cases, exp = {}, {}


def add(fn, data, expected):
    cases[fn] = data if isinstance(data, bytes) else data.encode('utf-8')
    exp[fn] = expected


def name_mut(s, rep):
    return s.replace('{{NAME}}', '{{NAME}}' + rep)


def bytes_mut(b):
    return (D10 + env).encode('utf-8').replace(b'{{NAME}}', b'{{NAME}}' + b, 1)


def utf16_with(raw):
    text = ('<?xml version="1.0" encoding="UTF-16"?>\n' + env).replace('{{NAME}}', '{{NAME}}@@', 1)
    return b'\xff\xfe' + text.encode('utf-16-le').replace('@\x00@\x00'.encode('latin1'), raw)


add('xml11-charref-x1.xml', '<?xml version="1.1" encoding="UTF-8"?>\n' + name_mut(env, '&#x1;'), 'XML version 1.1 is not accepted')
add('xml11-plain.xml', '<?xml version="1.1"?>\n' + env, 'XML version 1.1 is not accepted')
add('xml11-nel.xml', '<?xml version="1.1"?>\n' + name_mut(env, '\u0085'), 'XML version 1.1 is not accepted')
add('xml20.xml', "<?xml version='2.0'?>\n" + env, 'XML version 2.0 is not accepted')
add('charref-x1.xml', D10 + name_mut(env, '&#x1;'), 'character reference &#x1;')
add('charref-decimal-0.xml', D10 + name_mut(env, '&#0;'), 'character reference &#0;')
add('charref-x1f.xml', D10 + name_mut(env, '&#x1F;'), 'character reference &#x1F;')
add('charref-fffe.xml', D10 + name_mut(env, '&#xFFFE;'), 'character reference &#xFFFE;')
add('charref-surrogate.xml', D10 + name_mut(env, '&#xD800;'), 'character reference &#xD800;')
add('charref-too-big.xml', D10 + name_mut(env, '&#x110000;'), 'character reference &#x110000;')
add('charref-in-attribute.xml', D10 + env.replace('codeListId="P.CLS.019"', 'codeListId="P.CLS.019&#x8;"', 1), 'character reference &#x8;')
add('charref-in-header.xml', D10 + env.replace('<soap:Header>', '<soap:Header><x:Note xmlns:x="urn:x">&#x7;</x:Note>', 1), 'character reference &#x7;')
add('raw-control-01.xml', D10 + name_mut(env, '\x01'), 'the character U+0001')
add('raw-control-1b-escape.xml', D10 + name_mut(env, '\x1b[31m'), 'the character U+001B')
add('raw-nul.xml', D10 + name_mut(env, '\x00'), 'the character U+0000')
add('raw-ffff.xml', D10 + name_mut(env, '\uffff'), 'the character U+FFFF')
add('raw-fffe.xml', D10 + name_mut(env, '\ufffe'), 'the character U+FFFE')
add('raw-control-in-attribute.xml', D10 + env.replace('codeListId="P.CLS.019"', 'codeListId="P.CLS\x02.019"', 1), 'the character U+0002')
add('raw-control-in-comment.xml', D10 + env.replace('<soap:Body>', '<soap:Body><!-- \x03 -->', 1), 'the character U+0003')
add('utf8-overlong-lt.xml', bytes_mut(b'\xc0\xbc'), 'invalid UTF-8 byte sequence [C0')
add('utf8-overlong-slash-3byte.xml', bytes_mut(b'\xe0\x80\xaf'), 'invalid UTF-8 byte sequence [E0')
add('utf8-overlong-nul-2byte.xml', bytes_mut(b'\xc0\x80'), 'invalid UTF-8 byte sequence [C0')
add('utf8-overlong-4byte.xml', bytes_mut(b'\xf0\x80\x80\xaf'), 'invalid UTF-8 byte sequence [F0')
add('utf8-encoded-surrogate.xml', bytes_mut(b'\xed\xa0\x80'), 'invalid UTF-8 byte sequence [ED')
add('utf8-cesu-pair.xml', bytes_mut(b'\xed\xa0\xbd\xed\xb8\x80'), 'invalid UTF-8 byte sequence [ED')
add('utf8-above-10ffff.xml', bytes_mut(b'\xf4\x90\x80\x80'), 'invalid UTF-8 byte sequence [F4')
add('utf8-five-byte.xml', bytes_mut(b'\xf8\x88\x80\x80\x80'), 'invalid UTF-8 byte sequence [F8')
add('utf8-lone-continuation.xml', bytes_mut(b'\x80'), 'invalid UTF-8 byte sequence [80')
add('utf8-truncated-middle.xml', bytes_mut(b'\xd0'), 'invalid UTF-8 byte sequence [D0')
add('utf8-byte-ff.xml', bytes_mut(b'\xff'), 'invalid UTF-8 byte sequence [FF')
add('utf8-truncated-at-end.xml', (D10 + env).encode('utf-8') + b'\xe2\x82', 'invalid UTF-8 byte sequence [E2')
add('latin1-bytes-declared-utf8.xml', bytes_mut('Ибупрофен'.encode('cp1251')), 'invalid UTF-8 byte sequence')
add('encoding-iso-8859-1.xml', ('<?xml version="1.0" encoding="ISO-8859-1"?>\n' + env).encode('utf-8'), 'the encoding ISO-8859-1 is not supported')
add('encoding-windows-1251.xml', ('<?xml version="1.0" encoding="windows-1251"?>\n' + env).encode('cp1251'), 'the encoding windows-1251 is not supported')
add('encoding-utf16-declared-utf8-bytes.xml', ('<?xml version="1.0" encoding="UTF-16"?>\n' + env).encode('utf-8'), 'the declared encoding UTF-16 disagrees')
add('encoding-utf8-declared-utf16-bytes.xml', ('<?xml version="1.0" encoding="UTF-8"?>\n' + env).encode('utf-16-le'), 'the declared encoding UTF-8 disagrees')
add('utf32-bom.xml', b'\xff\xfe\x00\x00' + (D10 + env).encode('utf-32-le'), 'UTF-32/UCS-4 is not supported')
add('utf16le-lone-high-surrogate.xml', utf16_with(b'\x00\xd8A\x00'), 'invalid UTF-16 byte sequence')
add('utf16le-lone-low-surrogate.xml', utf16_with(b'\x00\xdcA\x00'), 'invalid UTF-16 byte sequence')
add('doctype-internal-subset.xml', D10 + '<!DOCTYPE soap:Envelope [<!ENTITY x "y">]>' + env, 'a DOCTYPE declaration')
add('doctype-external.xml', D10 + '<!DOCTYPE soap:Envelope SYSTEM "http://127.0.0.1:1/x.dtd">' + env, 'a DOCTYPE declaration')

for fn, data in cases.items():
    open(os.path.join(OUT, fn), 'wb').write(data)
with open(os.path.join(OUT, 'expected.properties'), 'w', encoding='utf-8') as f:
    f.write('# hostile input -> a fragment of the English half of the fault it must get (Sender/Client, pmm:ERR_SCHEMA)\n')
    f.write('# Written by docs/tools/generate_integrity_corpus.py. The files carry {{SECURITY}} (a fresh UsernameToken of\n')
    f.write('# user ru), {{EDOCID}}, {{NAME}}, {{START}}: filled by IntegrityTest in the file\'s own encoding.\n')
    for fn in sorted(exp):
        f.write(fn + ' = ' + exp[fn] + '\n')
print(len(cases), 'inputs')
