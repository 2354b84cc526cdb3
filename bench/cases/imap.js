// IMAP fetch against the private Dovecot (implicit TLS 10993, certificate verified against the test CA,
// user test). A dedicated mailbox "mailhive-bench" (Maildir++ folder Maildir/.mailhive-bench) is seeded
// with 10,000 messages of 3-5 KB written straight into cur/ (reused when it already holds them; --smoke
// uses "mailhive-bench-smoke" with 100, so a smoke run never destroys the big one), then Dovecot's index
// and cache are warmed by one untimed pass before any client is measured.
//  - envelopes: mailhive retrieveEnvelopes(1, -1) (one call); imapflow fetch('1:*', {envelope, uid,
//    flags, size}) collected into an array. Best of 3 timed passes after one warm-up pass.
//  - messages: 1,000 whole messages one by one (sequence numbers 1..1000): mailhive
//    retrieveSingleMessage(i) (which also parses it into a Message); imapflow fetchOne(i, {source: true}).
// Each client: one connection (connect + login + SELECT outside the timings), in its own child process.
'use strict';
const fs = require('fs');
const path = require('path');
const c = require('../lib/common');

const MAILDIR = path.join(c.TEST_DIR, 'dovecot', 'mail', 'test', 'Maildir');
const PORT = 10993;
const OWNER = 65534;

function message(n) {
  const words = 'lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore et dolore';
  const lines = [];
  const target = 3000 + ((n * 7919) % 2048); // 3.0-5.0 KB
  let size = 0;
  for (let i = 0; size < target; i++) {
    const l = `${n}.${i} ${words}`.slice(0, 60 + ((n + i) % 15));
    lines.push(l);
    size += l.length + 2;
  }
  const day = 1 + (n % 28);
  return [
    `Return-Path: <sender${n % 50}@example.com>`,
    `Date: ${['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'][n % 7]}, ${day} Nov 2024 ${String(n % 24).padStart(2, '0')}:${String(n % 60).padStart(2, '0')}:00 +0000`,
    `From: Sender ${n % 50} <sender${n % 50}@example.com>`,
    `To: Test User <test@localhost>, list${n % 5}@example.org`,
    ...(n % 3 === 0 ? [`Cc: "Copy, Person" <cc${n % 7}@example.net>`] : []),
    `Reply-To: reply${n % 9}@example.com`,
    `Subject: ${n % 4 === 0 ? '=?UTF-8?B?' + Buffer.from(`Grüße Nr. ${n}`).toString('base64') + '?=' : `bench message ${n} about ${words.split(' ')[n % 17]}`}`,
    `Message-ID: <bench-${n}@mailhive.test>`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 7bit',
    '',
    ...lines,
    '',
  ].join('\r\n');
}

// Seeds (or reuses) the folder; returns the number of messages in it.
function seed(folder, count) {
  const dir = path.join(MAILDIR, `.${folder}`);
  const cur = path.join(dir, 'cur');
  // Dovecot renames a file when its flags change (".bench:2,S"), so any flag suffix counts.
  const existing = fs.existsSync(cur) ? fs.readdirSync(cur).filter((f) => f.includes('.bench:2,')) : [];
  const others = fs.existsSync(cur) ? fs.readdirSync(cur).length - existing.length
    + (fs.existsSync(path.join(dir, 'new')) ? fs.readdirSync(path.join(dir, 'new')).length : 0) : 0;
  if (existing.length === count && others === 0) return { count, seeded: false };
  fs.rmSync(dir, { recursive: true, force: true }); // also drops Dovecot's index for the old contents
  for (const d of [dir, cur, path.join(dir, 'new'), path.join(dir, 'tmp')]) {
    fs.mkdirSync(d, { recursive: true, mode: 0o700 });
    fs.chownSync(d, OWNER, OWNER);
  }
  fs.writeFileSync(path.join(dir, 'maildirfolder'), '');
  fs.chownSync(path.join(dir, 'maildirfolder'), OWNER, OWNER);
  const t = Math.floor(Date.now() / 1000);
  for (let n = 1; n <= count; n++) {
    // The time part stays the same so names sort (and Dovecot assigns UIDs) in n order when it scans.
    const f = path.join(cur, `${t}.${String(n).padStart(6, '0')}.bench:2,`);
    fs.writeFileSync(f, message(n));
    fs.chownSync(f, OWNER, OWNER);
  }
  return { count, seeded: true };
}

function mailhiveImap() {
  const { IMAP4 } = c.mailhive();
  const m = new IMAP4();
  m.serverName = '127.0.0.1';
  m.portNumber = PORT;
  m.timeout = 300;
  m.ssl.enabled = true;
  m.ssl.useStartTls = false;
  m.ssl.autosetPortAndSsl = false;
  m.ssl.expectedHostName = 'localhost';
  if (!m.ssl.selectServerCertStore(c.CA, 1)) throw new Error(`mailhive: cannot load ${c.CA}`);
  m.userName = c.USER;
  m.password = c.PASS;
  return m;
}
const imapFail = (m, what) => new Error(`mailhive IMAP ${what} failed: errCode ${m.errCode} ${m.errDesc} sslError ${m.ssl.sslError} reply ${m.serverResponse}`);

function imapflowClient() {
  const { ImapFlow } = require('imapflow');
  return new ImapFlow({
    host: '127.0.0.1', port: PORT, secure: true, logger: false, auth: { user: c.USER, pass: c.PASS },
    tls: { ca: fs.readFileSync(c.CA), servername: 'localhost', rejectUnauthorized: true },
    disableAutoIdle: true, socketTimeout: 300000,
  });
}

async function timeEnvelopes(expected, fetchAll) {
  const passes = [];
  for (let p = 0; p < 4; p++) {
    const t0 = c.now();
    const n = await fetchAll();
    const ms = c.now() - t0;
    if (n !== expected) throw new Error(`envelopes: got ${n}, expected ${expected}`);
    if (p > 0) passes.push(ms); // pass 0 is the warm-up
  }
  return { envPasses: passes, envPerS: expected / (Math.min(...passes) / 1000) };
}
async function timeMessages(n, fetchOne) {
  await fetchOne(1); // warm-up
  let bytes = 0;
  const t0 = c.now();
  for (let i = 1; i <= n; i++) bytes += await fetchOne(i);
  const ms = c.now() - t0;
  return { msgN: n, msgBytes: bytes, msgMs: ms, msgPerS: n / (ms / 1000) };
}

// Reference for "one message per round trip" in Node: a bare Node TLS socket (TCP_NODELAY) sending
// "tN FETCH i BODY.PEEK[]" and waiting for the tagged reply, no IMAP parsing beyond finding the tag.
// (It is not a floor for mailhive, whose TLS and I/O are native: the gap is Node's own socket path.)
async function timeBatch(n, fetchAll) {
  const passes = [];
  for (let p = 0; p < 4; p++) {
    const t0 = c.now();
    await fetchAll();
    if (p > 0) passes.push(c.now() - t0); // pass 0 is the warm-up
  }
  return { batchPasses: passes, batchPerS: n / (Math.min(...passes) / 1000) };
}

async function rawFloor({ folder, fetchN }) {
  const tls = require('tls');
  const s = tls.connect({ host: '127.0.0.1', port: PORT, ca: fs.readFileSync(c.CA), servername: 'localhost', rejectUnauthorized: true });
  s.setNoDelay(true);
  let buf = Buffer.alloc(0), wake = null;
  s.on('data', (d) => { buf = buf.length ? Buffer.concat([buf, d]) : d; if (wake) wake(); });
  const reply = (tag) => new Promise((resolve, reject) => {
    const check = () => {
      const at = buf.indexOf(`${tag} `) === 0 ? 0 : buf.indexOf(`\r\n${tag} `) + 2;
      const end = at >= 0 && at !== 1 ? buf.indexOf('\r\n', at) : -1;
      if (end < 0) { wake = check; return; }
      const line = buf.toString('latin1', at, end);
      const len = end + 2;
      buf = buf.subarray(len); wake = null;
      if (!line.startsWith(`${tag} OK`)) reject(new Error(`raw: ${line}`)); else resolve(len);
    };
    check();
  });
  await new Promise((r, j) => { s.once('secureConnect', r); s.once('error', j); });
  await new Promise((r) => { const w = () => (buf.indexOf('\r\n') >= 0 ? (buf = Buffer.alloc(0), r()) : (wake = w)); w(); });
  s.write(`a LOGIN ${c.USER} ${c.PASS}\r\n`); await reply('a');
  s.write(`b SELECT ${folder}\r\n`); await reply('b');
  const r = await timeMessages(fetchN, async (i) => { s.write(`t${i} FETCH ${i} BODY.PEEK[]\r\n`); return reply(`t${i}`); });
  s.end();
  return r;
}

const clients = {
  raw: rawFloor,
  async seed({ folder, count }) { return seed(folder, count); },
  async mailhive({ folder, count, fetchN }) {
    const m = mailhiveImap();
    if (!(await m.connect())) throw imapFail(m, 'connect');
    if (!(await m.selectMailbox(folder))) throw imapFail(m, 'select');
    if (m.messageCount !== count) throw new Error(`mailhive: ${folder} has ${m.messageCount} messages, expected ${count}`);
    const env = await timeEnvelopes(count, async () => {
      const e = await m.retrieveEnvelopes(1, -1);
      if (!e) throw imapFail(m, 'retrieveEnvelopes');
      if (!e[e.length - 1].subject || !e[0].fromAddr) throw new Error('mailhive: empty envelope fields');
      return e.length;
    });
    const msg = await timeMessages(fetchN, async (i) => {
      const x = await m.retrieveSingleMessage(i);
      if (!x) throw imapFail(m, `retrieveSingleMessage(${i})`);
      return x.bodyText.length;
    });
    // At its best: every download queued at once (the engine pipelines the FETCH commands).
    const many = await timeBatch(fetchN, async () => {
      const all = [];
      for (let i = 1; i <= fetchN; i++) all.push(m.retrieveSingleMessage(i));
      const got = await Promise.all(all);
      let bytes = 0;
      got.forEach((x, i) => {
        if (!x) throw imapFail(m, `retrieveSingleMessage(${i + 1}) (queued)`);
        bytes += x.bodyText.length;
      });
      return bytes;
    });
    await m.disconnect();
    return { ...env, ...msg, ...many, tls: m.ssl.negotiatedProtocol };
  },
  async imapflow({ folder, count, fetchN }) {
    const cl = imapflowClient();
    await cl.connect();
    const box = await cl.mailboxOpen(folder);
    if (box.exists !== count) throw new Error(`imapflow: ${folder} has ${box.exists} messages, expected ${count}`);
    const env = await timeEnvelopes(count, async () => {
      const all = [];
      for await (const x of cl.fetch('1:*', { envelope: true, uid: true, flags: true, size: true })) all.push(x);
      if (!all[all.length - 1].envelope.subject || !all[0].envelope.from) throw new Error('imapflow: empty envelope fields');
      return all.length;
    });
    const msg = await timeMessages(fetchN, async (i) => {
      const x = await cl.fetchOne(String(i), { source: true });
      if (!x || !x.source) throw new Error(`imapflow: fetchOne(${i}) returned nothing`);
      return x.source.length;
    });
    // At its best: one FETCH 1:n with the sources, streamed (mailhive parses each into a Message on
    // top; imapflow hands over raw Buffers).
    const many = await timeBatch(fetchN, async () => {
      let bytes = 0, got = 0;
      for await (const x of cl.fetch(`1:${fetchN}`, { source: true })) {
        if (!x.source) throw new Error('imapflow: fetch without source');
        bytes += x.source.length;
        got++;
      }
      if (got !== fetchN) throw new Error(`imapflow: fetched ${got} of ${fetchN}`);
      return bytes;
    });
    // The same result as mailhive's (parsed messages: decoded text, headers, attachments): the same
    // FETCH, each source through mailparser's simpleParser, as imapflow's documentation suggests.
    const { simpleParser } = require('mailparser');
    const parsed = await timeBatch(fetchN, async () => {
      const sources = [];
      for await (const x of cl.fetch(`1:${fetchN}`, { source: true })) sources.push(x.source);
      let bytes = 0;
      for (const src of sources) bytes += ((await simpleParser(src, { skipTextToHtml: true })).text || '').length;
      return bytes;
    });
    await cl.logout();
    return { ...env, ...msg, ...many, parsedPerS: parsed.batchPerS, parsedPasses: parsed.batchPasses };
  },
};

async function rows(ctx) {
  const count = ctx.smoke ? 100 : 10000;
  const opts = { folder: ctx.smoke ? 'mailhive-bench-smoke' : 'mailhive-bench', count, fetchN: ctx.smoke ? 50 : 1000 };
  const s = await c.runCase(__filename, 'seed', opts);
  const mh = await c.runCase(__filename, 'mailhive', opts);
  const fl = await c.runCase(__filename, 'imapflow', opts);
  const raw = await c.runCase(__filename, 'raw', opts);
  const ms = (a) => a.map((x) => x.toFixed(0)).join('/');
  ctx.note(`imap: mailbox ${opts.folder} ${s.seeded ? 'seeded now' : 'reused'} (${count} messages of 3-5 KB), Dovecot over implicit TLS `
    + `(${mh.tls}); envelope passes (ms) mailhive ${ms(mh.envPasses)}, imapflow ${ms(fl.envPasses)}; ${opts.fetchN} messages: `
    + `mailhive ${mh.msgMs.toFixed(0)} ms, imapflow ${fl.msgMs.toFixed(0)} ms (mailhive also parses each into a Message); `
    + `bare Node TLS socket reference (one FETCH n BODY.PEEK[] per round trip, no parsing): ${raw.msgMs.toFixed(0)} ms = ${raw.msgPerS.toFixed(0)} msg/s `
    + `(${(raw.msgPerS / fl.msgPerS).toFixed(2)}x imapflow); ${opts.fetchN} messages at each one's best, passes (ms) mailhive ${ms(mh.batchPasses)}, imapflow ${ms(fl.batchPasses)}.`);
  return [
    ctx.row(`IMAP envelopes: ${count} in one FETCH 1:*, Dovecot TLS (envelopes/s)`, mh.envPerS, fl.envPerS, { higherIsBetter: true, target: 3, unit: 'env/s' }),
    ctx.row(`IMAP messages: ${opts.fetchN} whole messages, each at its best (mailhive: downloads queued, pipelined; imapflow: one FETCH 1:${opts.fetchN} with sources), Dovecot TLS (messages/s)`,
      mh.batchPerS, fl.batchPerS, { higherIsBetter: true, target: 3, unit: 'msg/s' }),
    ctx.row(`IMAP messages: ${opts.fetchN} whole messages parsed (mailhive: downloads queued, each a Message; imapflow: one FETCH 1:${opts.fetchN}, each source through mailparser simpleParser), Dovecot TLS (messages/s)`,
      mh.batchPerS, fl.parsedPerS, { higherIsBetter: true, unit: 'msg/s', targetText: '(report: same result)' }),
    ctx.row(`IMAP messages: ${opts.fetchN} whole messages one by one, each awaited (mailhive retrieveSingleMessage vs imapflow fetchOne), Dovecot TLS (messages/s)`,
      mh.msgPerS, fl.msgPerS, { higherIsBetter: true, unit: 'msg/s', targetText: '(report)' }),
  ];
}

module.exports = { id: 'imap', rows, clients };
if (require.main === module) c.childMain(clients);
