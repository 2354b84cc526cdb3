'use strict';
// The MIME parser behind Message.rawBody (set), importFromFile and retrieved mail: byte-exact round
// trips, a corpus of odd real-world shapes (never throws, readable results), and agreement with an
// independent parser (npm mailparser) on the well-formed ones.
const assert = require('assert');
const crypto = require('crypto');
const fs = require('fs');
const { simpleParser } = require('mailparser');
const { mailhive, tmpFile, parseMail } = require('./helpers');

const CRLF = (s) => s.replace(/\r?\n/g, '\r\n');
const b64 = (buf, width = 76) => buf.toString('base64').replace(new RegExp(`(.{${width}})`, 'g'), '$1\r\n').replace(/\r\n$/, '');

function parse(raw) {
  const { Message } = mailhive();
  const m = new Message();
  m.rawBody = raw;
  return m;
}
/** The plain text of a parsed message: altBodyText for HTML mail, else bodyText. */
function plainText(m) {
  const { Message } = mailhive();
  return m.bodyFormat === Message.FORMAT_HTML ? m.altBodyText : m.bodyText;
}
const norm = (s) => String(s || '').replace(/\r\n/g, '\n').replace(/\s+$/, '');

// ---------------------------------------------------------------------------------------------
// The corpus. Binary parts use fixed pseudo-random bytes so failures are reproducible.
const PNG = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), crypto.createHash('sha512').update('png').digest()]);
const PDF = Buffer.concat([Buffer.from('%PDF-1.4\n'), crypto.createHash('sha512').update('pdf').digest(),
  crypto.createHash('sha512').update('pdf2').digest()]);
const BIN = Buffer.concat(Array.from({ length: 40 }, (_, k) => crypto.createHash('sha256').update(`bin${k}`).digest()));

const corpus = {
  nested: {
    wellFormed: true,
    raw: CRLF(`Received: from mx2.example.org by mx1.example.org; Tue, 1 Oct 2024 10:00:01 +0000
Received: from client.example.org by mx2.example.org; Tue, 1 Oct 2024 10:00:00 +0000
From: "Nested Sender" <nested@example.org>
To: test@localhost
Subject: nested mixed > alternative > related
Date: Tue, 1 Oct 2024 10:00:00 +0000
Message-ID: <nested.1@example.org>
X-Folded: first part
  second part
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="outer"

This is a multi-part message in MIME format.
--outer
Content-Type: multipart/alternative; boundary="alt"

--alt
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: quoted-printable

Plain text with =C3=BC and a soft=
 break.
--alt
Content-Type: multipart/related; boundary="rel"

--rel
Content-Type: text/html; charset=utf-8
Content-Transfer-Encoding: 7bit

<html><body><p>HTML part</p><img src="cid:logo@example"></body></html>
--rel
Content-Type: image/png; name="logo.png"
Content-Transfer-Encoding: base64
Content-ID: <logo@example>
Content-Disposition: inline; filename="logo.png"

${b64(PNG)}
--rel--
--alt--
--outer
Content-Type: application/pdf; name="report.pdf"
Content-Transfer-Encoding: base64
Content-Disposition: attachment; filename="report.pdf"

${b64(PDF)}
--outer--
`),
    subject: 'nested mixed > alternative > related',
    text: 'Plain text with ü and a soft break.',
    html: /<p>HTML part<\/p>/,
    attachments: { 'logo.png': PNG, 'report.pdf': PDF },
  },
  unknownCharset: {
    wellFormed: false,
    raw: CRLF(`From: a@example.org
To: test@localhost
Subject: unknown charset
MIME-Version: 1.0
Content-Type: text/plain; charset="x-unknown"

hello from an unknown charset
`),
    subject: 'unknown charset',
    text: 'hello from an unknown charset',
    attachments: {},
  },
  latin1: {
    wellFormed: true,
    raw: Buffer.concat([Buffer.from(CRLF(`From: =?ISO-8859-1?Q?J=F6rg?= <joerg@example.org>
To: test@localhost
Subject: =?ISO-8859-1?Q?Gr=FC=DFe?=
MIME-Version: 1.0
Content-Type: text/plain; charset=ISO-8859-1
Content-Transfer-Encoding: 8bit

`)), Buffer.from('Gr\xfc\xdfe aus K\xf6ln\r\n', 'latin1')]),
    subject: 'Grüße',
    text: 'Grüße aus Köln',
    from: /Jörg/,
    attachments: {},
  },
  raw8bit: {
    wellFormed: true,
    raw: Buffer.from(CRLF(`From: Jörg Müller <j@example.org>
To: Zoë <z@example.org>
Subject: Grüße 日本 raw UTF-8
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: 8bit

Körper ✓ 日本
`), 'utf8'),
    subject: 'Grüße 日本 raw UTF-8',
    text: 'Körper ✓ 日本',
    from: /Jörg Müller/,
    attachments: {},
  },
  missingFinalBoundary: {
    wellFormed: false,
    raw: CRLF(`From: a@example.org
To: test@localhost
Subject: missing final boundary
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="b1"

--b1
Content-Type: text/plain; charset=utf-8

the text part
--b1
Content-Type: application/octet-stream; name="data.bin"
Content-Transfer-Encoding: base64
Content-Disposition: attachment; filename="data.bin"

${b64(BIN)}
`),
    subject: 'missing final boundary',
    text: 'the text part',
    attachments: { 'data.bin': BIN },
  },
  noBoundary: {
    wellFormed: false,
    raw: CRLF(`From: a@example.org
To: test@localhost
Subject: no boundary parameter
MIME-Version: 1.0
Content-Type: multipart/mixed

--whatever
Content-Type: text/plain

text in a multipart without a boundary
--whatever--
`),
    subject: 'no boundary parameter',
    textIncludes: 'text in a multipart without a boundary',
    attachments: null, // anything goes, as long as it does not throw
  },
  truncatedBase64: {
    wellFormed: false,
    raw: CRLF(`From: a@example.org
To: test@localhost
Subject: truncated base64
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="tb"

--tb
Content-Type: text/plain

see attachment
--tb
Content-Type: application/octet-stream; name="cut.bin"
Content-Transfer-Encoding: base64
Content-Disposition: attachment; filename="cut.bin"

${b64(BIN).slice(0, 1001)}
--tb--
`),
    subject: 'truncated base64',
    text: 'see attachment',
    attachmentNames: ['cut.bin'],
  },
  bareLf: {
    wellFormed: true,
    raw: `From: "LF Only" <lf@example.org>
To: test@localhost
Subject: bare LF line ends
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="lf"

--lf
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: quoted-printable

line one
line two =E2=9C=93
--lf
Content-Type: application/octet-stream
Content-Transfer-Encoding: base64
Content-Disposition: attachment; filename="lf.bin"

${b64(BIN).replace(/\r\n/g, '\n')}
--lf--
`,
    subject: 'bare LF line ends',
    text: 'line one\nline two ✓',
    attachments: { 'lf.bin': BIN },
  },
  rfc2231: {
    wellFormed: true,
    raw: CRLF(`From: a@example.org
To: test@localhost
Subject: RFC 2231 continuation
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="r2231"

--r2231
Content-Type: text/plain; charset=us-ascii

cv attached
--r2231
Content-Type: application/pdf
Content-Transfer-Encoding: base64
Content-Disposition: attachment;
 filename*0*=utf-8''r%C3%A9;
 filename*1*=sum%C3%A9.pdf

${b64(PDF)}
--r2231--
`),
    subject: 'RFC 2231 continuation',
    text: 'cv attached',
    attachments: { 'résumé.pdf': PDF },
  },
};

describe('MIME parser (Message.rawBody, importFromFile)', function () {
  describe('round trips', function () {
    it('an unmodified parsed message gives back exactly the input bytes', function () {
      for (const [name, c] of Object.entries(corpus)) {
        const input = Buffer.isBuffer(c.raw) ? c.raw : Buffer.from(c.raw, 'utf8');
        const m = parse(input);
        assert.ok(Buffer.from(m.rawBody, Buffer.isBuffer(m.rawBody) ? undefined : 'utf8').equals(input)
          || Buffer.from(m.rawBody, 'latin1').equals(input),
        `${name}: rawBody differs from the input bytes`);
      }
    });

    it('a latin-1 8-bit message round trips byte for byte (no UTF-8 re-encoding)', function () {
      const input = corpus.latin1.raw;
      const m = parse(input);
      // rawBytes is the exact text; rawBody gives the same bytes as latin1 characters when it is not UTF-8.
      const out = m.rawBytes;
      const bytes = Buffer.isBuffer(out) ? out : Buffer.from(out, 'utf8');
      assert.ok(Buffer.from(m.rawBody, 'latin1').equals(input), 'rawBody as latin1 characters gives the input bytes');
      assert.ok(bytes.equals(input),
        `rawBody of a parsed ISO-8859-1 message: ${typeof out === 'string' ? 'a string' : 'a Buffer'} of `
        + `${bytes.length} bytes, input ${input.length} bytes; first difference at `
        + `${[...input].findIndex((b, k) => bytes[k] !== b)}`);
    });

    it('set/get/set: a built message parses back to the same fields, and rawBody is stable', function () {
      const { Message } = mailhive();
      const m = new Message();
      m.fromAddr = 'Jörg Müller <sender@example.org>';
      m.toAddr = 'Zoë <zoe@example.org>, bill@example.org';
      m.ccAddr = 'cc@example.org';
      m.replyToAddr = 'reply@example.org';
      m.subject = 'Grüße — 日本 ✓ round trip';
      m.bodyFormat = Message.FORMAT_HTML;
      m.bodyText = '<p>Hällo ✓</p>';
      m.altBodyText = 'Hällo ✓';
      m.setHeader('X-Custom', 'Wert ✓');
      m.addAttachmentData(BIN, 'daten €.bin', 'application/octet-stream');
      const raw1 = m.rawBody;
      const p = parse(raw1);
      assert.strictEqual(p.subject, m.subject);
      assert.match(p.fromAddr, /Jörg Müller/);
      assert.match(p.fromAddr, /sender@example\.org/);
      assert.match(p.toAddr, /zoe@example\.org/);
      assert.match(p.toAddr, /bill@example\.org/);
      assert.match(p.ccAddr, /cc@example\.org/);
      assert.match(p.replyToAddr, /reply@example\.org/);
      assert.strictEqual(p.bodyFormat, Message.FORMAT_HTML);
      assert.strictEqual(norm(p.bodyText), '<p>Hällo ✓</p>');
      assert.strictEqual(norm(p.altBodyText), 'Hällo ✓');
      assert.strictEqual(p.getHeader('X-Custom'), 'Wert ✓');
      assert.strictEqual(p.attachments.length, 1);
      assert.strictEqual(p.attachments[0].filename, 'daten €.bin');
      assert.ok(p.attachments[0].getData().equals(BIN));
      assert.strictEqual(p.messageId, m.messageId || p.messageId);
      // parsing the output again gives the same bytes
      assert.strictEqual(Buffer.from(parse(p.rawBody).rawBody).toString('utf8'), Buffer.from(p.rawBody).toString('utf8'));
      assert.strictEqual(Buffer.from(p.rawBody).toString('utf8'), Buffer.from(raw1).toString('utf8'));
    });

    it('a parsed message that is then modified is rebuilt with the change', function () {
      const p = parse(corpus.raw8bit.raw);
      p.subject = 'changed subject';
      const again = parse(p.rawBody);
      assert.strictEqual(again.subject, 'changed subject');
      assert.strictEqual(norm(again.bodyText), 'Körper ✓ 日本');
      assert.match(again.fromAddr, /Jörg Müller/);
    });

    it('saveMessage then importFromFile gives the same fields', function () {
      const { Message } = mailhive();
      const mismatches = [];
      for (const [name, c] of Object.entries(corpus)) {
        if (!c.wellFormed) continue;
        const src = parse(c.raw);
        const file = tmpFile(`${name}.eml`);
        assert.strictEqual(src.saveMessage(file), true, `${name}: saveMessage`);
        assert.ok(fs.statSync(file).size > 0);
        const m = new Message();
        assert.strictEqual(m.importFromFile(file), true, `${name}: importFromFile`);
        for (const f of ['subject', 'fromAddr', 'toAddr', 'ccAddr', 'messageId', 'date', 'bodyFormat', 'bodyText', 'altBodyText']) {
          if (m[f] !== src[f]) mismatches.push(`${name}.${f}: parsed ${JSON.stringify(src[f])}, re-imported ${JSON.stringify(m[f])}`);
        }
        for (const h of ['Received', 'X-Folded', 'Return-Path']) {
          if (m.getHeader(h) !== src.getHeader(h)) {
            mismatches.push(`${name}.getHeader(${h}): parsed ${JSON.stringify(src.getHeader(h))}, re-imported ${JSON.stringify(m.getHeader(h))}`);
          }
        }
        if (JSON.stringify(m.attachments.map((a) => a.filename)) !== JSON.stringify(src.attachments.map((a) => a.filename))) {
          mismatches.push(`${name}.attachments: names differ`);
        } else {
          m.attachments.forEach((a, k) => {
            if (!a.getData().equals(src.attachments[k].getData())) mismatches.push(`${name}: ${a.filename} bytes differ`);
          });
        }
      }
      assert.deepStrictEqual(mismatches, [], 'fields that changed through saveMessage -> importFromFile');
      // a file written by hand (bare LF) imports like rawBody = text
      const file = tmpFile('lf.eml', corpus.bareLf.raw);
      const m = new Message();
      assert.strictEqual(m.importFromFile(file), true);
      assert.strictEqual(m.subject, corpus.bareLf.subject);
      assert.ok(m.attachments[0].getData().equals(BIN));
    });

    it('an unmodified parsed message is saved verbatim (saveMessage writes what rawBody returns)', function () {
      for (const name of ['nested', 'raw8bit', 'rfc2231']) {
        const input = Buffer.from(corpus[name].raw, 'utf8');
        const file = tmpFile(`${name}-verbatim.eml`);
        parse(input).saveMessage(file);
        const saved = fs.readFileSync(file);
        assert.ok(saved.equals(input), `${name}: saved ${saved.length} bytes, input ${input.length}; saved starts `
          + JSON.stringify(saved.toString('utf8').slice(0, 120)));
      }
    });

    it('importFromFile of a missing file fails without crashing', function () {
      const { Message } = mailhive();
      const m = new Message();
      let r;
      try { r = m.importFromFile('/nonexistent/dir/none.eml'); } catch (e) { r = e; }
      assert.ok(r === false || r instanceof Error, `got ${r}`);
      assert.throws(() => m.importFromFile('a\nb.eml'), TypeError);
    });
  });

  describe('odd real-world shapes', function () {
    for (const [name, c] of Object.entries(corpus)) {
      it(`${name}: parses without throwing; subject, body and attachment names readable`, function () {
        let m;
        assert.doesNotThrow(() => { m = parse(c.raw); });
        assert.strictEqual(m.subject, c.subject);
        if (c.from) assert.match(m.fromAddr, c.from);
        const text = norm(plainText(m));
        if (c.text !== undefined) assert.strictEqual(text, c.text, `${name}: text ${JSON.stringify(text)}`);
        if (c.textIncludes) {
          const all = `${m.bodyText}\n${m.altBodyText}\n${m.attachments.map((a) => a.getData().toString('utf8')).join('\n')}`;
          assert.ok(all.includes(c.textIncludes), `${name}: text somewhere, got ${JSON.stringify(all.slice(0, 300))}`);
        }
        if (c.html) assert.match(m.bodyText, c.html);
        if (c.attachments) {
          const got = Object.fromEntries(m.attachments.map((a) => [a.filename, a]));
          assert.deepStrictEqual(Object.keys(got).sort(), Object.keys(c.attachments).sort(), `${name}: attachment names`);
          for (const [fn, data] of Object.entries(c.attachments)) {
            assert.ok(got[fn].getData().equals(data), `${name}: ${fn} bytes (${got[fn].getData().length} vs ${data.length})`);
            assert.strictEqual(got[fn].size, data.length, `${name}: ${fn} size`);
          }
        }
        if (c.attachmentNames) assert.deepStrictEqual(m.attachments.map((a) => a.filename), c.attachmentNames);
        // never a broken rawBody either
        assert.ok(String(m.rawBody).length > 0);
      });
    }

    it('nested: the inline image keeps its Content-ID, the PDF its type', function () {
      const m = parse(corpus.nested.raw);
      const logo = m.attachments.find((a) => a.filename === 'logo.png');
      const pdf = m.attachments.find((a) => a.filename === 'report.pdf');
      assert.ok(logo && pdf, JSON.stringify(m.attachments.map((a) => a.filename)));
      assert.strictEqual(logo.contentId.replace(/^<|>$/g, ''), 'logo@example');
      assert.strictEqual(logo.contentType, 'image/png');
      assert.strictEqual(pdf.contentType, 'application/pdf');
      assert.strictEqual(pdf.contentId, '');
      const out = tmpFile('report.pdf');
      assert.strictEqual(pdf.saveFile(out), true);
      assert.ok(fs.readFileSync(out).equals(PDF));
    });

    it('truncated base64: the decoded data is a prefix of the original', function () {
      const m = parse(corpus.truncatedBase64.raw);
      const a = m.attachments[0];
      const data = a.getData();
      assert.ok(data.length > 0 && data.length < BIN.length, `decoded ${data.length} of ${BIN.length}`);
      assert.ok(BIN.subarray(0, data.length - 3).equals(data.subarray(0, data.length - 3)), 'prefix of the original');
    });

    it('bare LF and CRLF versions of a message parse alike', function () {
      const lf = parse(corpus.bareLf.raw);
      const crlf = parse(CRLF(corpus.bareLf.raw));
      for (const f of ['subject', 'fromAddr', 'toAddr', 'bodyFormat']) assert.strictEqual(lf[f], crlf[f], f);
      assert.strictEqual(norm(lf.bodyText), norm(crlf.bodyText));
      assert.ok(lf.attachments[0].getData().equals(crlf.attachments[0].getData()));
    });

    it('garbage and edge inputs never throw', function () {
      const inputs = ['', '\r\n', 'no headers at all', 'Subject: only a header', ':\r\n\r\n', 'Subject: =?utf-8?B?####?=\r\n\r\nx',
        'Subject: =?unknown-charset?Q?abc?=\r\n\r\nx', 'Content-Type: multipart/mixed; boundary=""\r\n\r\n--\r\n--',
        `Content-Type: multipart/mixed; boundary=x\r\n\r\n${'--x\r\nContent-Type: multipart/mixed; boundary=x\r\n\r\n'.repeat(200)}`,
        'Content-Transfer-Encoding: quoted-printable\r\n\r\n=ZZ=\r\n=', Buffer.from([0xff, 0xfe, 0x00, 0x0d, 0x0a, 0x80])];
      for (const raw of inputs) {
        assert.doesNotThrow(() => parse(raw), `input ${JSON.stringify(String(raw).slice(0, 60))}`);
      }
      assert.strictEqual(parse('Subject: only a header').subject, 'only a header');
    });
  });

  describe('getHeader on parsed messages', function () {
    it('Received (first of several), folded headers, case-insensitive names, decoded Subject', function () {
      const m = parse(corpus.nested.raw);
      assert.strictEqual(m.getHeader('Received'), 'from mx2.example.org by mx1.example.org; Tue, 1 Oct 2024 10:00:01 +0000');
      assert.strictEqual(m.getHeader('received'), m.getHeader('RECEIVED'));
      assert.match(m.getHeader('X-Folded'), /^first part\s+second part$/);
      assert.strictEqual(m.getHeader('MIME-Version'), '1.0');
      assert.match(m.getHeader('Content-Type'), /^multipart\/mixed;\s*boundary="?outer"?$/);
      assert.strictEqual(m.getHeader('Subject'), 'nested mixed > alternative > related');
      assert.strictEqual(m.getHeader('Message-ID'), '<nested.1@example.org>');
      assert.strictEqual(m.getHeader('X-Not-There'), '');
      const l = parse(corpus.latin1.raw);
      assert.strictEqual(l.getHeader('Subject'), 'Grüße');
      assert.match(l.getHeader('From'), /Jörg/);
    });
  });

  describe('agreement with npm mailparser (well-formed messages)', function () {
    for (const [name, c] of Object.entries(corpus)) {
      if (!c.wellFormed) continue;
      it(`${name}: same subject, text and attachment bytes`, async function () {
        const input = Buffer.isBuffer(c.raw) ? c.raw : Buffer.from(c.raw, 'utf8');
        const ref = await simpleParser(input, { keepCidLinks: true });
        const m = parse(input);
        assert.strictEqual(m.subject, ref.subject);
        assert.strictEqual(norm(plainText(m)), norm(ref.text));
        if (ref.html) assert.strictEqual(norm(m.bodyText), norm(ref.html));
        const refAtt = Object.fromEntries(ref.attachments.map((a) => [a.filename, a.content]));
        const ours = Object.fromEntries(m.attachments.map((a) => [a.filename, a.getData()]));
        assert.deepStrictEqual(Object.keys(ours).sort(), Object.keys(refAtt).sort());
        for (const [fn, data] of Object.entries(refAtt)) assert.ok(ours[fn].equals(data), `${name}: ${fn}`);
        if (ref.from) assert.ok(m.fromAddr.includes(ref.from.value[0].address), `${m.fromAddr} vs ${ref.from.text}`);
      });
    }

    it('a message built by mailhive reads the same in mailparser and in mailhive', async function () {
      const { Message } = mailhive();
      const m = new Message();
      m.fromAddr = 'Jörg <j@example.org>';
      m.toAddr = 'test@localhost';
      m.subject = 'Ünïcödé ✓ 日本語 '.repeat(6).trim();
      m.bodyText = `${'Lange Zeile mit Ümlauten ✓ '.repeat(80)}\r\n.dot line\r\nend`;
      m.addAttachment(tmpFile('Überblick 2024 (final).pdf', PDF));
      m.addAttachmentData(BIN, 'x'.repeat(120) + '.bin');
      const raw = m.rawBody;
      const ref = await parseMail(Buffer.from(raw));
      const p = parse(raw);
      assert.strictEqual(p.subject, m.subject);
      assert.strictEqual(ref.subject, m.subject);
      assert.strictEqual(norm(p.bodyText), norm(m.bodyText));
      assert.strictEqual(norm(ref.text), norm(m.bodyText));
      assert.deepStrictEqual(p.attachments.map((a) => a.filename), ref.attachments.map((a) => a.filename));
      p.attachments.forEach((a, k) => assert.ok(a.getData().equals(ref.attachments[k].content), a.filename));
    });
  });
});
