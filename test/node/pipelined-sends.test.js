'use strict';
// Sends queued back to back on one SMTP object go to the engine as one batch, which pipelines them
// (RFC 2920): the envelope of message n+1 follows the final dot of message n. Each send() keeps its
// own promise, result and error. Checked against the private Postfix (real delivery over STARTTLS)
// and against a small SMTP server of our own that records when each command arrived.
const assert = require('assert');
const net = require('net');
const { mailhive, postfixSmtp, scriptedSmtp, waitForMail, uniq, describeError, sleep } = require('./helpers');

/**
 * A plain-text SMTP server (PIPELINING) for one test. It answers every final dot `dotDelayMs` late and
 * notes, for each dot, whether the next MAIL had already arrived before it answered. Recipients whose
 * address contains "refuse" get 550 (and a pipelined DATA after them 554); `stallOnMail` makes it
 * go silent at that MAIL command (1-based).
 */
function startServer({ dotDelayMs = 30, stallOnMail = 0 } = {}) {
  const state = { connections: 0, mails: 0, dots: [], messages: [], log: [] };
  const sockets = new Set();
  const server = net.createServer((sock) => {
    state.connections++;
    sockets.add(sock);
    sock.on('close', () => sockets.delete(sock));
    let buf = '';
    let inData = false;
    let data = '';
    let validRcpts = 0;
    let pendingDot = null;
    // Replies leave in order, even when the one to a final dot is held back.
    let chain = Promise.resolve();
    const write = (s, delayMs = 0, then = null) => {
      chain = chain.then(() => (delayMs ? sleep(delayMs) : null)).then(() => {
        if (then) then();
        if (!sock.destroyed) sock.write(s);
      });
    };
    sock.write('220 pipeline.test ESMTP\r\n');
    const handle = (line) => {
      if (inData) {
        if (line !== '.') { data += `${line}\r\n`; return; }
        inData = false;
        state.messages.push(data);
        data = '';
        const dot = { nextMailBeforeReply: false };
        state.dots.push(dot);
        pendingDot = dot;
        write('250 2.0.0 queued\r\n', dotDelayMs, () => { if (pendingDot === dot) pendingDot = null; });
        return;
      }
      state.log.push(line);
      const verb = line.split(/[ :]/)[0].toUpperCase();
      if (verb === 'EHLO') return write('250-pipeline.test\r\n250-PIPELINING\r\n250 8BITMIME\r\n');
      if (verb === 'MAIL') {
        if (pendingDot) pendingDot.nextMailBeforeReply = true;
        state.mails++;
        if (state.mails === stallOnMail) { buf = ''; sock.removeAllListeners('data'); return undefined; }
        validRcpts = 0;
        return write('250 2.1.0 ok\r\n');
      }
      if (verb === 'RCPT') {
        if (/refuse/.test(line)) return write('550 5.1.1 refused\r\n');
        validRcpts++;
        return write('250 2.1.5 ok\r\n');
      }
      if (verb === 'DATA') {
        if (!validRcpts) return write('554 5.5.1 no valid recipients\r\n');
        inData = true;
        return write('354 go ahead\r\n');
      }
      if (verb === 'RSET') return write('250 2.0.0 reset\r\n');
      if (verb === 'QUIT') { write('221 bye\r\n'); return sock.end(); }
      return write('502 5.5.2 unknown\r\n');
    };
    sock.on('data', (d) => {
      buf += d.toString('latin1');
      let i;
      while ((i = buf.indexOf('\r\n')) >= 0) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 2);
        handle(line);
      }
    });
    sock.on('error', () => {});
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
    state.port = server.address().port;
    state.close = () => new Promise((r) => { server.close(() => r()); for (const s of sockets) s.destroy(); });
    resolve(state);
  }));
}

function plainSmtp(port) {
  const smtp = scriptedSmtp(port);
  smtp.serverName = '127.0.0.1';
  smtp.ssl.enabled = false;
  smtp.ssl.autosetPortAndSsl = false;
  smtp.timeout = 5;
  return smtp;
}

function queue(smtp, subjects) {
  return subjects.map((s) => {
    smtp.message.subject = s;
    return smtp.send();
  });
}

describe('queued sends are pipelined', function () {
  this.timeout(60000);

  it('50 queued sends through Postfix (STARTTLS + AUTH): all delivered, one connection, each promise true', async function () {
    const smtp = postfixSmtp();
    const id = uniq('batch');
    smtp.message.fromAddr = 'sender@localhost';
    smtp.message.toAddr = 'test@localhost';
    smtp.message.bodyText = `batch body ${id}`;
    const subjects = Array.from({ length: 50 }, (_, i) => `${id}-${i}`);
    const results = await Promise.all(queue(smtp, subjects));
    assert.deepStrictEqual(results, subjects.map(() => true), describeError(smtp));
    assert.strictEqual(smtp.errCode, 0);
    assert.strictEqual(smtp.connected, true);
    assert.strictEqual(smtp.ssl.negotiatedProtocol.startsWith('TLS'), true);
    assert.ok(smtp.ssl.serverCert && smtp.ssl.serverCert.subject, 'server certificate kept after a batch');
    // Every message arrived with its own subject (spot checks: first, middle, last).
    for (const i of [0, 25, 49]) {
      const raw = await waitForMail(`Subject: ${subjects[i]}\n`, 20000); // Maildir files use LF
      assert.ok(raw.includes(`batch body ${id}`));
    }
    assert.strictEqual(await smtp.disconnect(), true);
  });

  it('the next envelope follows the final dot without waiting for its reply; no RSET between good messages', async function () {
    const srv = await startServer({ dotDelayMs: 40 });
    try {
      const smtp = plainSmtp(srv.port);
      const results = await Promise.all(queue(smtp, ['a', 'b', 'c', 'd', 'e']));
      assert.deepStrictEqual(results, [true, true, true, true, true], describeError(smtp));
      assert.strictEqual(srv.connections, 1);
      assert.strictEqual(srv.messages.length, 5);
      assert.deepStrictEqual(srv.dots.map((d) => d.nextMailBeforeReply), [true, true, true, true, false]);
      assert.ok(!srv.log.includes('RSET'), srv.log.join(' | '));
      assert.deepStrictEqual(srv.messages.map((m) => /^Subject: (.*)$/m.exec(m)[1].trim()), ['a', 'b', 'c', 'd', 'e']);
    } finally { await srv.close(); }
  });

  it('sends awaited one at a time are not batched (nothing to pipeline behind the dot)', async function () {
    const srv = await startServer({ dotDelayMs: 20 });
    try {
      const smtp = plainSmtp(srv.port);
      for (const s of ['x', 'y', 'z']) assert.strictEqual(await smtp.send(), true, describeError(smtp));
      assert.deepStrictEqual(srv.dots.map((d) => d.nextMailBeforeReply), [false, false, false]);
      assert.strictEqual(srv.connections, 1);
    } finally { await srv.close(); }
  });

  it('a refused message in the middle fails alone; the others are delivered, results stay in order', async function () {
    const srv = await startServer();
    try {
      const smtp = plainSmtp(srv.port);
      const ps = [];
      const settled = [];
      for (let i = 0; i < 5; i++) {
        smtp.message.subject = `m${i}`;
        smtp.message.toAddr = i === 2 ? 'refuse-me@example.com' : 'test@localhost';
        const p = smtp.send();
        p.then(() => settled.push(i));
        ps.push(p);
      }
      const results = await Promise.all(ps);
      assert.deepStrictEqual(results, [true, true, false, true, true]);
      assert.deepStrictEqual(settled, [0, 1, 2, 3, 4]);
      assert.strictEqual(srv.messages.length, 4);
      assert.deepStrictEqual(srv.messages.map((m) => /^Subject: (.*)$/m.exec(m)[1].trim()), ['m0', 'm1', 'm3', 'm4']);
      // After the failed transaction the next one starts with RSET (pipelined with its MAIL).
      assert.strictEqual(srv.log.filter((l) => l === 'RSET').length, 1, srv.log.join(' | '));
      assert.strictEqual(srv.connections, 1);
    } finally { await srv.close(); }
  });

  it('throwExceptions: only the refused message rejects, with its own errCode and refusedRecipients', async function () {
    const srv = await startServer();
    try {
      const smtp = plainSmtp(srv.port);
      smtp.throwExceptions = true;
      const ps = [];
      for (let i = 0; i < 3; i++) {
        smtp.message.toAddr = i === 1 ? 'refuse-me@example.com' : 'test@localhost';
        ps.push(smtp.send());
      }
      const out = await Promise.allSettled(ps);
      assert.deepStrictEqual(out.map((o) => o.status), ['fulfilled', 'rejected', 'fulfilled']);
      const err = out[1].reason;
      assert.strictEqual(err.name, 'MailError');
      assert.notStrictEqual(err.errCode, 0);
      assert.match(err.serverResponse, /550/);
      assert.strictEqual(srv.messages.length, 2);
    } finally { await srv.close(); }
  });

  it('a message that fails its local checks does not stop the batch and sends nothing of its own', async function () {
    const srv = await startServer();
    try {
      const smtp = plainSmtp(srv.port);
      const ps = [];
      for (let i = 0; i < 3; i++) {
        smtp.message.subject = `l${i}`;
        smtp.message.toAddr = i === 1 ? '' : 'test@localhost';
        ps.push(smtp.send());
      }
      const results = await Promise.all(ps);
      assert.deepStrictEqual(results, [true, false, true]);
      assert.strictEqual(srv.mails, 2);
      assert.deepStrictEqual(srv.messages.map((m) => /^Subject: (.*)$/m.exec(m)[1].trim()), ['l0', 'l2']);
    } finally { await srv.close(); }
  });

  it('abort() during a batch ends every queued send with errCode 102 and nothing more is sent', async function () {
    const srv = await startServer({ stallOnMail: 2 });
    try {
      const smtp = plainSmtp(srv.port);
      const ps = queue(smtp, ['s0', 's1', 's2', 's3']);
      const codes = [];
      ps.forEach((p, i) => p.then(() => { codes[i] = smtp.errCode; }));
      await sleep(300);
      smtp.abort();
      const results = await Promise.all(ps);
      assert.deepStrictEqual(results, [true, false, false, false]);
      assert.strictEqual(smtp.errCode, 102);
      assert.strictEqual(srv.mails, 2);
      assert.strictEqual(srv.messages.length, 1);
      assert.strictEqual(smtp.busy, false);
    } finally { await srv.close(); }
  });

  it('a call queued between sends keeps its place: sends after disconnect() use a new connection', async function () {
    const srv = await startServer();
    try {
      const smtp = plainSmtp(srv.port);
      const ps = [...queue(smtp, ['p0', 'p1']), smtp.disconnect(), ...queue(smtp, ['p2', 'p3'])];
      const results = await Promise.all(ps);
      assert.deepStrictEqual(results, [true, true, true, true, true]);
      assert.strictEqual(srv.connections, 2);
      assert.strictEqual(srv.log.filter((l) => l === 'QUIT').length, 1);
      assert.deepStrictEqual(srv.messages.map((m) => /^Subject: (.*)$/m.exec(m)[1].trim()), ['p0', 'p1', 'p2', 'p3']);
    } finally { await srv.close(); }
  });

  it('onProgress set: sends run one by one and report progress as before', async function () {
    const srv = await startServer();
    try {
      const smtp = plainSmtp(srv.port);
      const seen = [];
      smtp.onProgress = (done, total) => seen.push([done, total]);
      const results = await Promise.all(queue(smtp, ['q0', 'q1']));
      assert.deepStrictEqual(results, [true, true]);
      assert.ok(seen.length >= 2, JSON.stringify(seen));
      assert.deepStrictEqual(srv.dots.map((d) => d.nextMailBeforeReply), [false, false]);
    } finally { await srv.close(); }
  });
});
