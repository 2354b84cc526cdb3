// MIME parse: 2,000 varied messages (~50 MB: plain text, UTF-8 and latin1 QP text, html + plain
// alternative, base64 attachments of 5-100 KB, nested multiparts and forwarded message/rfc822 parts,
// RFC 2047 encoded-word subjects and names) are built once in memory with mailhive's builder (Message
// rawBytes) from a seeded PRNG, so every child parses the same corpus, then parsed one after the other.
// mailhive: m = new Message(); m.rawBody = buffer; touch subject, bodyText, altBodyText and every
// attachments[i].getData(). mailparser: await simpleParser(buffer) (its defaults); touch subject, text,
// html and every attachments[i].content. Figure: MB of raw message per second (best of 3 passes).
'use strict';
const c = require('../lib/common');

// xorshift32: deterministic across runs and processes.
function prng(seed) {
  let s = seed >>> 0 || 1;
  const next = () => { s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0; return s; };
  return { next, int: (lo, hi) => lo + (next() % (hi - lo + 1)), pick: (a) => a[next() % a.length], chance: (p) => next() / 4294967296 < p };
}

const WORDS = 'lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore et dolore magna aliqua'.split(' ');
const UTF8_WORDS = ['Grüße', 'naïve', 'café', 'Überraschung', 'déjà', 'crème', 'żółć', 'Straße', 'ça', 'façade', '日本語', 'Ελληνικά', 'Привет', '☃'];
const LATIN1_WORDS = ['Grüße', 'naïve', 'café', 'Überraschung', 'déjà', 'crème', 'Straße', 'ça', 'façade', 'señor', 'Ærø'];
const NAMES = ['Anna Schmidt', 'José Álvarez', 'Zoë Brontë', 'Bob Smith', '山田太郎', 'Ørjan Ødegård', 'Claire Dupont'];
const TYPES = [['report.pdf', 'application/pdf'], ['photo.jpg', 'image/jpeg'], ['data.bin', 'application/octet-stream'],
  ['archive.zip', 'application/zip'], ['Übersicht März.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'], ['scan.png', 'image/png']];

function text(r, bytes, extra) {
  const lines = [];
  let n = 0, line = '';
  while (n < bytes) {
    const w = extra && r.chance(0.15) ? r.pick(extra) : r.pick(WORDS);
    line += (line ? ' ' : '') + w;
    if (line.length > 60 + r.int(0, 15)) { lines.push(line); n += line.length + 2; line = ''; }
  }
  if (line) lines.push(line);
  return lines.join('\r\n') + '\r\n';
}
const html = (t) => `<!DOCTYPE html><html><body>${t.split('\r\n').filter(Boolean).map((l) => `<p style="margin:0">${l}</p>`).join('\r\n')}</body></html>\r\n`;
function bytesOf(r, n) {
  const b = Buffer.allocUnsafe(n + 3);
  for (let i = 0; i < n; i += 4) b.writeUInt32LE(r.next(), i);
  return b.subarray(0, n);
}

function build(i, r, Message) {
  const m = new Message();
  const kind = i % 8;
  const latin1 = kind === 3 || kind === 7;
  const extra = latin1 ? LATIN1_WORDS : kind === 0 ? null : UTF8_WORDS;
  m.fromAddr = `${r.pick(NAMES)} <sender${i}@example.com>`;
  m.toAddr = `${r.pick(NAMES)} <rcpt${r.int(1, 99)}@example.org>, other@example.net`;
  if (r.chance(0.3)) m.ccAddr = `${r.pick(NAMES)} <cc@example.org>`;
  m.subject = `${extra && r.chance(0.7) ? r.pick(extra) + ' ' : ''}message ${i} ${r.pick(WORDS)} ${extra ? r.pick(extra) : r.pick(WORDS)}`;
  m.date = `Thu, 28 Nov 2024 ${String(i % 24).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}:00 +0000`;
  m.messageId = `<bench-${i}@mailhive.test>`;
  if (latin1) m.charset = 'iso-8859-1';
  const body = text(r, r.int(1500, 10000), extra);
  if (kind === 2 || kind === 3 || kind === 5 || kind === 7) {
    m.bodyFormat = Message.FORMAT_HTML;
    m.bodyText = html(body);
    m.altBodyText = body;
  } else {
    m.bodyText = body;
  }
  // Attachments on kinds 4 and 6 (1-2) and on some of 5 and 7 (15%): 5-100 KB each, small ones more common.
  if (kind === 4 || kind === 6 || (kind >= 5 && r.chance(0.15))) {
    const count = r.int(1, kind === 6 ? 2 : 1);
    for (let k = 0; k < count; k++) {
      const [name, type] = r.pick(TYPES);
      const u = r.next() / 4294967296;
      m.addAttachmentData(bytesOf(r, Math.round((5 + 95 * u * u * u * u) * 1024)), name, type);
    }
  }
  // Nested: a forwarded message (itself multipart with a small attachment) as message/rfc822.
  if (kind === 5 || kind === 7) {
    const inner = new Message();
    inner.fromAddr = `${r.pick(NAMES)} <fwd@example.com>`;
    inner.toAddr = 'someone@example.org';
    inner.subject = `Fwd: ${r.pick(UTF8_WORDS)} ${i}`;
    inner.date = m.date;
    inner.messageId = `<bench-inner-${i}@mailhive.test>`;
    inner.bodyFormat = Message.FORMAT_HTML;
    const ib = text(r, r.int(500, 3000), UTF8_WORDS);
    inner.bodyText = html(ib);
    inner.altBodyText = ib;
    inner.addAttachmentData(bytesOf(r, r.int(5, 10) * 1024), 'inner.bin', 'application/octet-stream');
    m.addAttachmentData(inner.rawBytes, `forwarded-${i}.eml`, 'message/rfc822');
  }
  return m.rawBytes;
}

function corpus(n) {
  const { Message } = c.mailhive();
  const r = prng(0x6d61696c);
  const out = [];
  for (let i = 0; i < n; i++) out.push(build(i, r, Message));
  return out;
}

async function measure(n, parseOne) {
  const msgs = corpus(n);
  const bytes = msgs.reduce((a, b) => a + b.length, 0);
  let sink = 0;
  for (let i = 0; i < Math.min(100, n); i++) sink += await parseOne(msgs[i]); // warm-up
  const passes = [];
  for (let p = 0; p < 3; p++) {
    const t0 = c.now();
    for (const b of msgs) sink += await parseOne(b);
    passes.push(c.now() - t0);
  }
  const best = Math.min(...passes);
  return { n, MB: bytes / 1048576, passesMs: passes, MBps: bytes / 1048576 / (best / 1000), sink };
}

const clients = {
  async mailhive({ n }) {
    const { Message } = c.mailhive();
    return measure(n, (b) => {
      const m = new Message();
      m.rawBody = b;
      let t = m.subject.length + m.bodyText.length + m.altBodyText.length;
      for (const a of m.attachments) t += a.getData().length;
      return t;
    });
  },
  async mailparser({ n }) {
    const { simpleParser } = require('mailparser');
    return measure(n, async (b) => {
      const m = await simpleParser(b);
      let t = (m.subject || '').length + (m.text || '').length + (m.html || '').length;
      for (const a of m.attachments) t += a.content.length;
      return t;
    });
  },
};

async function rows(ctx) {
  const opts = { n: ctx.smoke ? 40 : 2000 };
  const mh = await c.runCase(__filename, 'mailhive', opts);
  const mp = await c.runCase(__filename, 'mailparser', opts);
  ctx.note(`parse: ${opts.n} messages, ${mh.MB.toFixed(1)} MB; passes (ms) mailhive ${mh.passesMs.map((x) => x.toFixed(0)).join('/')}, `
    + `mailparser ${mp.passesMs.map((x) => x.toFixed(0)).join('/')}; touched bytes mailhive ${mh.sink}, mailparser ${mp.sink}.`);
  return [ctx.row(`MIME parse: ${opts.n} varied messages (${mh.MB.toFixed(0)} MB) vs mailparser simpleParser (MB/s)`, mh.MBps, mp.MBps,
    { higherIsBetter: true, target: 5, unit: 'MB/s' })];
}

module.exports = { id: 'parse', rows, clients };
if (require.main === module) c.childMain(clients);
