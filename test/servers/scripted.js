#!/usr/bin/env node
'use strict';
// Scripted SMTP servers for hostile and edge cases (module + CLI).
//
// Module:
//   const { startScripted, SCENARIOS } = require('../servers/scripted');
//   const srv = await startScripted('starttls-ok', { certDir, host, port, onData, onClientCert });
//   srv.port; srv.received() /* every byte the client sent (plaintext + decrypted TLS), in order */;
//   srv.connections() /* accepted TCP connections */; srv.messages() /* [{from, to: [], data: Buffer}] */;
//   srv.clientCertSubject /* CN of a presented client certificate or null */; await srv.close();
//
// CLI:
//   node test/servers/scripted.js --scenario NAME [--record FILE]
//   prints "PORT <n>" when ready, appends every received byte to FILE as it arrives, prints
//   "CLIENTCERT <CN>" when a client certificate is presented; exits on SIGTERM/SIGINT or stdin EOF.
//
// After the part of a scenario that matters, each server is a permissive SMTP server (250 to
// EHLO/HELO/MAIL/RCPT/RSET/NOOP, 235 to AUTH, 354/250 for DATA, 221 to QUIT), so that a client that
// wrongly carries on leaves evidence in received().

const net = require('net');
const tls = require('tls');
const fs = require('fs');
const path = require('path');
const crypto = require('crypto');
const { execFileSync } = require('child_process');

const TEST_USER = 'test';
const TEST_PASS = 'secret';

const SCENARIOS = {
  'no-starttls': { starttls: 'none', strictAuth: false },
  'starttls-refused': { starttls: 'refuse', strictAuth: false },
  'starttls-injection': { starttls: 'inject', strictAuth: true },
  'starttls-junk': { starttls: 'junk', strictAuth: true },
  'starttls-ok': { starttls: 'ok', strictAuth: true },
  'tls-good': { implicit: 'server', strictAuth: true },
  'tls-selfsigned': { implicit: 'selfsigned', strictAuth: true },
  'tls-unknown-ca': { implicit: 'unknownca', strictAuth: true },
  'tls-wronghost': { implicit: 'wronghost', strictAuth: true },
  'tls-expired': { implicit: 'expired', strictAuth: true },
  'tls-client-cert': { implicit: 'server', clientCert: true, strictAuth: true },
  'stall': { stall: true },
  'ehlo-refused': { ehloRefused: true, starttls: 'none', strictAuth: false },
  'refuse-rcpt': { starttls: 'none', refuseBad: true, strictAuth: true },
  'big-line': { bigLine: true },
};

function defaultCertDir() {
  const base = process.env.MAILHIVE_TEST_DIR || '/tmp/mailhive-test';
  return path.join(base, 'certs');
}

function ensureCerts(dir) {
  if (fs.existsSync(path.join(dir, 'ca.pem')) && fs.existsSync(path.join(dir, 'client.p12'))) return;
  const script = path.resolve(__dirname, '..', '..', 'scripts', 'certs.sh');
  execFileSync('bash', [script, dir], { stdio: ['ignore', 'ignore', 'inherit'] });
}

function loadPair(dir, name) {
  return {
    cert: fs.readFileSync(path.join(dir, `${name}.pem`)),
    key: fs.readFileSync(path.join(dir, `${name}-key.pem`)),
  };
}

const CAPS_TLS = ['AUTH PLAIN LOGIN CRAM-MD5 XOAUTH2', 'PIPELINING', 'SIZE 10000000', '8BITMIME', 'SMTPUTF8',
  'ENHANCEDSTATUSCODES'];

class Session {
  constructor(server, raw) {
    this.srv = server;
    this.sc = server.scenario;
    this.raw = raw;
    this.sock = raw;
    this.secure = false;
    this.buf = Buffer.alloc(0);
    this.mode = 'cmd'; // cmd | data | auth | await-tls | dead
    this.authState = null;
    this.envelope = { from: null, to: [] };
    this.closed = false;
    this.queue = 0;
  }

  record(chunk) {
    this.srv.record(chunk);
  }

  write(s) {
    if (this.closed || this.sock.destroyed) return;
    try { this.sock.write(s); } catch (_) { /* ignore */ }
  }

  attach(sock) {
    this.sock = sock;
    this.onDataFn = (chunk) => this.onData(chunk);
    sock.on('data', this.onDataFn);
    sock.on('error', () => {});
    sock.on('close', () => { if (sock === this.sock) this.closed = true; });
  }

  detach() {
    if (this.onDataFn) this.sock.removeListener('data', this.onDataFn);
    this.onDataFn = null;
  }

  greet() {
    if (this.sc.stall) return;
    if (this.sc.bigLine) {
      this.write('220 ' + 'x'.repeat(2 * 1024 * 1024));
      return; // no CRLF, then stall
    }
    this.write('220 localhost ESMTP mailhive scripted server\r\n');
  }

  onData(chunk) {
    if (this.mode === 'await-tls' && chunk.length > 0 && chunk[0] === 0x16 && this.buf.length === 0) {
      // TLS bytes are not recorded (their decrypted content is); starttls-junk never starts TLS
      if (!this.noTls) this.upgrade(chunk);
      return;
    }
    this.record(chunk);
    if (this.mode === 'dead') return;
    if (this.mode === 'await-tls') {
      // STARTTLS was answered: a TLS ClientHello starts with 0x16; anything else is the client
      // (wrongly) carrying on in plaintext, which we serve permissively so that it shows up.
      this.mode = 'cmd';
    }
    this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
    this.process();
  }

  process() {
    while (!this.closed && this.mode !== 'dead' && this.mode !== 'await-tls' && this.mode !== 'handshake') {
      if (this.mode === 'data') {
        // end of data: "\r\n.\r\n" (or ".\r\n" at the very start of the data)
        let end = -1; let skip = 0;
        if (this.buf.length >= 3 && this.buf[0] === 0x2e && this.buf[1] === 0x0d && this.buf[2] === 0x0a) {
          end = 0; skip = 3;
        } else {
          const i = this.buf.indexOf('\r\n.\r\n');
          if (i >= 0) { end = i + 2; skip = 5; }
        }
        if (end < 0) return;
        const data = this.buf.subarray(0, end);
        this.buf = this.buf.subarray(end + skip);
        this.srv.msgs.push({ from: this.envelope.from, to: this.envelope.to.slice(), data: Buffer.from(data) });
        this.envelope = { from: null, to: [] };
        this.mode = 'cmd';
        this.write(`250 2.0.0 Ok: queued as SCRIPTED${this.srv.msgs.length}\r\n`);
        continue;
      }
      const nl = this.buf.indexOf('\n');
      if (nl < 0) return;
      let line = this.buf.subarray(0, nl).toString('utf8');
      this.buf = this.buf.subarray(nl + 1);
      if (line.endsWith('\r')) line = line.slice(0, -1);
      if (this.mode === 'auth') this.onAuthLine(line);
      else this.onCommand(line);
    }
  }

  ehloLines() {
    const sc = this.sc;
    const caps = ['localhost greets you'];
    if (this.secure) {
      caps.push(...CAPS_TLS);
    } else if (sc.starttls === 'none' || !sc.starttls) {
      if (sc.refuseBad) caps.push(...CAPS_TLS);
      else caps.push('AUTH PLAIN LOGIN', 'PIPELINING', 'SIZE 10000000');
    } else if (sc.starttls === 'ok') {
      caps.push('PIPELINING', 'SIZE 10000000', 'STARTTLS', '8BITMIME', 'ENHANCEDSTATUSCODES');
    } else {
      // hostile STARTTLS variants also offer AUTH in plaintext, to catch a client that falls back
      caps.push('PIPELINING', 'SIZE 10000000', 'STARTTLS', 'AUTH PLAIN LOGIN', 'ENHANCEDSTATUSCODES');
    }
    return caps.map((c, i) => `250${i === caps.length - 1 ? ' ' : '-'}${c}\r\n`).join('');
  }

  onCommand(line) {
    const m = /^(\S+)\s?(.*)$/.exec(line);
    const verb = m ? m[1].toUpperCase() : '';
    const arg = m ? m[2] : '';
    switch (verb) {
      case 'EHLO':
        if (this.sc.ehloRefused) return this.write('500 5.5.1 Error: EHLO not supported\r\n');
        this.envelope = { from: null, to: [] };
        return this.write(this.ehloLines());
      case 'HELO':
        this.envelope = { from: null, to: [] };
        return this.write('250 localhost\r\n');
      case 'STARTTLS':
        return this.onStartTls();
      case 'AUTH':
        return this.onAuth(arg);
      case 'MAIL':
        this.envelope = { from: arg.replace(/^FROM:\s*/i, ''), to: [] };
        return this.write('250 2.1.0 Ok\r\n');
      case 'RCPT': {
        const addr = arg.replace(/^TO:\s*/i, '').replace(/\s.*$/, '');
        if (this.sc.refuseBad && /bad/i.test(addr)) {
          const bare = addr.replace(/^<|>$/g, '');
          return this.write(`550 5.1.1 <${bare}>: Recipient address rejected\r\n`);
        }
        this.envelope.to.push(addr);
        return this.write('250 2.1.5 Ok\r\n');
      }
      case 'DATA':
        this.mode = 'data';
        return this.write('354 End data with <CR><LF>.<CR><LF>\r\n');
      case 'RSET':
        this.envelope = { from: null, to: [] };
        return this.write('250 2.0.0 Ok\r\n');
      case 'NOOP':
        return this.write('250 2.0.0 Ok\r\n');
      case 'QUIT':
        this.write('221 2.0.0 Bye\r\n');
        this.mode = 'dead';
        try { this.sock.end(); } catch (_) { /* ignore */ }
        return undefined;
      default:
        return this.write('502 5.5.2 Error: command not recognized\r\n');
    }
  }

  onStartTls() {
    const kind = this.secure ? 'none' : (this.sc.starttls || 'none');
    switch (kind) {
      case 'refuse':
        return this.write('454 4.7.0 TLS not available due to temporary reason\r\n');
      case 'inject':
        this.write('220 2.0.0 Ready to start TLS\r\n250-forged\r\n250 AUTH PLAIN\r\n');
        this.mode = 'await-tls';
        return undefined;
      case 'junk':
        this.write('220 2.0.0 Ready to start TLS\r\n');
        this.mode = 'await-tls';
        this.noTls = true; // a ClientHello is swallowed: the only answer is plaintext
        setTimeout(() => this.write('250 plaintext instead of TLS\r\n'), 50);
        return undefined;
      case 'ok':
        this.write('220 2.0.0 Ready to start TLS\r\n');
        this.mode = 'await-tls';
        // bytes the client pipelined after STARTTLS (already recorded) are discarded
        this.buf = Buffer.alloc(0);
        return undefined;
      default:
        return this.write('502 5.5.1 Error: STARTTLS not available\r\n');
    }
  }

  upgrade(firstChunk) {
    this.detach();
    const raw = this.raw;
    raw.pause();
    raw.unshift(firstChunk);
    this.mode = 'handshake';
    const t = new tls.TLSSocket(raw, { isServer: true, secureContext: this.srv.contexts.server });
    t.on('error', () => { this.closed = true; });
    t.on('secure', () => {
      this.secure = true;
      this.buf = Buffer.alloc(0);
      this.mode = 'cmd';
      this.envelope = { from: null, to: [] };
    });
    this.attach(t);
  }

  onAuth(arg) {
    const parts = arg.split(/\s+/);
    const mech = (parts[0] || '').toUpperCase();
    const initial = parts.length > 1 ? parts[1] : null;
    this.authState = { mech, step: 0 };
    switch (mech) {
      case 'PLAIN':
        if (initial !== null) return this.finishPlain(initial);
        this.mode = 'auth';
        return this.write('334 \r\n');
      case 'LOGIN':
        this.mode = 'auth';
        if (initial !== null) {
          this.authState.user = b64(initial);
          this.authState.step = 1;
          return this.write('334 UGFzc3dvcmQ6\r\n');
        }
        return this.write('334 VXNlcm5hbWU6\r\n');
      case 'CRAM-MD5': {
        this.mode = 'auth';
        const challenge = `<${crypto.randomBytes(8).toString('hex')}.${Date.now()}@localhost>`;
        this.authState.challenge = challenge;
        return this.write(`334 ${Buffer.from(challenge).toString('base64')}\r\n`);
      }
      case 'XOAUTH2':
        if (initial !== null) return this.finishXoauth2(initial);
        this.mode = 'auth';
        return this.write('334 \r\n');
      default:
        return this.write('504 5.5.4 Unrecognized authentication type\r\n');
    }
  }

  onAuthLine(line) {
    const st = this.authState;
    if (line === '*') {
      this.mode = 'cmd';
      return this.write('501 5.7.0 Authentication aborted\r\n');
    }
    switch (st.mech) {
      case 'PLAIN':
        this.mode = 'cmd';
        return this.finishPlain(line);
      case 'LOGIN':
        if (st.step === 0) {
          st.user = b64(line);
          st.step = 1;
          return this.write('334 UGFzc3dvcmQ6\r\n');
        }
        this.mode = 'cmd';
        return this.authResult(st.user === TEST_USER && b64(line) === TEST_PASS);
      case 'CRAM-MD5': {
        this.mode = 'cmd';
        const resp = b64(line);
        const sp = resp.lastIndexOf(' ');
        const user = resp.slice(0, sp);
        const digest = resp.slice(sp + 1).toLowerCase();
        const want = crypto.createHmac('md5', TEST_PASS).update(st.challenge).digest('hex');
        return this.authResult(user === TEST_USER && digest === want);
      }
      case 'XOAUTH2':
        if (st.step === 1) { // the empty line after a 334 error JSON
          this.mode = 'cmd';
          return this.write('535 5.7.8 Error: authentication failed\r\n');
        }
        this.mode = 'cmd';
        return this.finishXoauth2(line);
      default:
        this.mode = 'cmd';
        return this.write('535 5.7.8 Error: authentication failed\r\n');
    }
  }

  finishPlain(b) {
    const parts = Buffer.from(b, 'base64').toString('utf8').split('\0');
    const ok = parts.length === 3 && parts[1] === TEST_USER && parts[2] === TEST_PASS;
    return this.authResult(ok);
  }

  finishXoauth2(b) {
    const s = Buffer.from(b, 'base64').toString('utf8');
    const user = (/(?:^|\x01)user=([^\x01]*)/.exec(s) || [])[1];
    const token = (/(?:^|\x01)auth=Bearer ([^\x01]*)/.exec(s) || [])[1];
    const ok = user === TEST_USER && token === TEST_PASS;
    if (ok || !this.sc.strictAuth) { this.mode = 'cmd'; return this.authResult(true); }
    this.mode = 'auth';
    this.authState = { mech: 'XOAUTH2', step: 1 };
    const err = Buffer.from(JSON.stringify({ status: '401', schemes: 'bearer', scope: 'mail' })).toString('base64');
    return this.write(`334 ${err}\r\n`);
  }

  authResult(ok) {
    this.mode = 'cmd';
    if (ok || !this.sc.strictAuth) return this.write('235 2.7.0 Authentication successful\r\n');
    return this.write('535 5.7.8 Error: authentication failed: bad credentials\r\n');
  }
}

function b64(s) {
  return Buffer.from(s, 'base64').toString('utf8');
}

function startScripted(scenario, opts = {}) {
  const sc = SCENARIOS[scenario];
  if (!sc) return Promise.reject(new Error(`unknown scenario ${scenario}`));
  const certDir = opts.certDir || defaultCertDir();
  ensureCerts(certDir);
  const chunks = [];
  const msgs = [];
  const sockets = new Set();
  let connections = 0;

  const api = {
    port: 0,
    scenario,
    clientCertSubject: null,
    received: () => Buffer.concat(chunks).toString('utf8'),
    receivedBuffer: () => Buffer.concat(chunks),
    connections: () => connections,
    messages: () => msgs.slice(),
    close: null,
  };

  const state = {
    scenario: sc,
    msgs,
    contexts: {},
    record(chunk) {
      chunks.push(Buffer.from(chunk));
      if (opts.onData) { try { opts.onData(chunk); } catch (_) { /* ignore */ } }
    },
  };
  const server = loadPair(certDir, 'server');
  state.contexts.server = tls.createSecureContext(server);

  const onSession = (raw, tlsSock) => {
    const s = new Session(state, raw);
    if (tlsSock) {
      s.secure = true;
      s.raw = tlsSock;
      s.attach(tlsSock);
    } else {
      s.attach(raw);
    }
    s.greet();
  };

  let srv;
  if (sc.implicit) {
    const pair = loadPair(certDir, sc.implicit);
    const tlsOpts = { key: pair.key, cert: pair.cert };
    if (sc.clientCert) {
      tlsOpts.requestCert = true;
      tlsOpts.rejectUnauthorized = true;
      tlsOpts.ca = [fs.readFileSync(path.join(certDir, 'ca.pem'))];
    }
    srv = tls.createServer(tlsOpts, (t) => {
      t.on('error', () => {});
      if (sc.clientCert) {
        const pc = t.getPeerCertificate();
        const cn = pc && pc.subject ? pc.subject.CN : null;
        if (cn) {
          api.clientCertSubject = cn;
          if (opts.onClientCert) { try { opts.onClientCert(cn); } catch (_) { /* ignore */ } }
        }
      }
      onSession(t, t);
    });
    srv.on('connection', (raw) => {
      connections++;
      sockets.add(raw);
      raw.on('error', () => {});
      raw.on('close', () => sockets.delete(raw));
    });
    srv.on('tlsClientError', () => {});
  } else {
    srv = net.createServer((raw) => {
      connections++;
      sockets.add(raw);
      raw.on('error', () => {});
      raw.on('close', () => sockets.delete(raw));
      onSession(raw, null);
    });
  }
  srv.on('error', (e) => { if (opts.onError) opts.onError(e); });

  api.close = () => new Promise((resolve) => {
    for (const s of sockets) { try { s.destroy(); } catch (_) { /* ignore */ } }
    srv.close(() => resolve());
  });

  return new Promise((resolve, reject) => {
    srv.once('error', reject);
    srv.listen(opts.port || 0, opts.host || '127.0.0.1', () => {
      srv.removeListener('error', reject);
      api.port = srv.address().port;
      resolve(api);
    });
  });
}

// ---------------------------------------------------------------------------------------------------
// Hostile-suite scenarios (appended; the scenarios above are unchanged). They hook the Session class
// below only when their own scenario flag is set.
//   tls-notyet / tls-chain-missing / tls-chain-full / tls-nosan / tls-weakkey / tls-sha1
//                        implicit TLS with the extra certificates of scripts/certs.sh
//   starttls-refused-5xx / starttls-garbage / starttls-lie / starttls-close
//                        STARTTLS answered 502, with a non-reply line, with "250" (not 220) followed by
//                        plaintext instead of a handshake, or by closing the connection
//   starttls-inject-later 220, then (in a later packet, before the handshake) a forged "250 AUTH PLAIN"
//   code-999 / code-000 / code-2digit / code-4digit / code-alpha
//                        greeting with a reply code out of range (or not a number)
//   ehlo-999             a good greeting, EHLO answered "999 ..."
//   close-mid-reply / tls-close-mid-reply
//                        the EHLO reply is cut in the middle and the TCP connection dropped (no close_notify)
//   drip-slow            the greeting arrives one byte every 150 ms (a 60-byte line: longer than a 2 s timeout)
//   drip-fast            every reply (whole session) arrives one byte at a time, 1 ms apart
//   million-ehlo         EHLO answered with 1,000,000 "250-" lines (then "250 OK")
//   gone-mid-data        354 to DATA, then the connection is dropped when the first message bytes arrive
//   mid-data-stall       354 to DATA, then no answer to the end of data (timeout)
Object.assign(SCENARIOS, {
  'tls-notyet': { implicit: 'notyet', strictAuth: true },
  'tls-chain-missing': { implicit: 'chainleaf', strictAuth: true },
  'tls-chain-full': { implicit: 'chainfull', strictAuth: true },
  'tls-nosan': { implicit: 'nosan', strictAuth: true },
  'tls-weakkey': { implicit: 'weakkey', strictAuth: true },
  'tls-sha1': { implicit: 'sha1', strictAuth: true, weakCrypto: true },
  'starttls-refused-5xx': { starttls: 'refuse', hostileStartTls: '502 5.5.1 STARTTLS not here\r\n', strictAuth: false },
  'starttls-garbage': { starttls: 'refuse', hostileStartTls: 'hello? what is STARTTLS\r\n', strictAuth: false },
  'starttls-lie': { starttls: 'refuse', hostileStartTls: 'lie', strictAuth: false },
  'starttls-close': { starttls: 'refuse', hostileStartTls: 'close', strictAuth: false },
  'starttls-inject-later': { starttls: 'ok', hostileStartTls: 'inject-later', strictAuth: true },
  'code-999': { hostileGreeting: '999 localhost ESMTP\r\n' },
  'code-000': { hostileGreeting: '000 localhost ESMTP\r\n' },
  'code-2digit': { hostileGreeting: '22 localhost ESMTP\r\n' },
  'code-4digit': { hostileGreeting: '2200 localhost ESMTP\r\n' },
  'code-alpha': { hostileGreeting: '2x0 localhost ESMTP\r\n' },
  'ehlo-999': { starttls: 'none', hostileEhlo: '999 localhost\r\n' },
  'close-mid-reply': { starttls: 'none', hostileEhlo: 'cut' },
  'tls-close-mid-reply': { implicit: 'server', hostileEhlo: 'cut' },
  'drip-slow': { drip: 150 },
  'drip-fast': { starttls: 'none', drip: 1, dripAll: true },
  'million-ehlo': { starttls: 'none', hostileEhlo: 'million' },
  'gone-mid-data': { starttls: 'none', hostileData: 'gone' },
  'mid-data-stall': { starttls: 'none', hostileData: 'stall' },
});

// OpenSSL 3 refuses to load a SHA-1 signed certificate at the default security level: a weakCrypto
// scenario creates its server with security level 0 (the client under test decides what to accept).
{
  const origStart = startScripted;
  // eslint-disable-next-line no-func-assign
  startScripted = function startScriptedHostile(scenario, opts) {
    const sc = SCENARIOS[scenario];
    if (!sc || !sc.weakCrypto) return origStart(scenario, opts);
    const prev = tls.DEFAULT_CIPHERS;
    tls.DEFAULT_CIPHERS = `${prev}:@SECLEVEL=0`;
    try { return origStart(scenario, opts); } finally { tls.DEFAULT_CIPHERS = prev; }
  };
}

{
  const GREETING = '220 localhost ESMTP mailhive scripted server\r\n';
  const dripOut = (session, text, gap) => {
    // one byte per write, `gap` ms apart, in order (a queue shared by every reply of the session)
    session.dripQueue = (session.dripQueue || Promise.resolve()).then(async () => {
      for (const b of Buffer.from(text)) {
        if (session.closed || session.sock.destroyed) return;
        session.sock.write(Buffer.from([b]));
        await new Promise((r) => setTimeout(r, gap));
      }
    });
  };
  const cut = (session) => {
    session.mode = 'dead';
    // destroy(), not end(): no FIN first for TCP, and no close_notify for TLS
    const raw = session.sock._parent || session.sock;
    setTimeout(() => { try { raw.destroy(); } catch (_) { /* ignore */ } try { session.sock.destroy(); } catch (_) { /* ignore */ } }, 20);
  };

  const origWrite = Session.prototype.write;
  Session.prototype.write = function write(s) {
    if (this.sc.dripAll && this.mode !== 'await-tls') return dripOut(this, s, this.sc.drip);
    return origWrite.call(this, s);
  };

  const origGreet = Session.prototype.greet;
  Session.prototype.greet = function greet() {
    if (this.sc.hostileGreeting) return origWrite.call(this, this.sc.hostileGreeting);
    if (this.sc.drip && !this.sc.dripAll) return dripOut(this, GREETING, this.sc.drip);
    return origGreet.call(this);
  };

  const origOnCommand = Session.prototype.onCommand;
  Session.prototype.onCommand = function onCommand(line) {
    const verb = (/^(\S+)/.exec(line) || [])[1];
    const v = verb ? verb.toUpperCase() : '';
    if (v === 'EHLO' && this.sc.hostileEhlo) {
      const h = this.sc.hostileEhlo;
      if (h === 'cut') {
        this.write('250-localhost greets you\r\n250-PIPELINING\r\n250-SIZ');
        return cut(this);
      }
      if (h === 'million') {
        const one = Buffer.from('250-X-FILLER-CAPABILITY-LINE\r\n');
        const block = Buffer.alloc(one.length * 10000);
        for (let i = 0; i < 10000; i++) one.copy(block, i * one.length);
        let n = 0;
        const pump = () => {
          while (n < 100 && !this.closed && !this.sock.destroyed) {
            n++;
            if (!this.sock.write(block)) { this.sock.once('drain', pump); return; }
          }
          if (n >= 100) origWrite.call(this, '250 OK\r\n');
        };
        return pump();
      }
      return this.write(h);
    }
    if (v === 'DATA' && this.sc.hostileData) {
      this.mode = 'data';
      this.write('354 End data with <CR><LF>.<CR><LF>\r\n');
      this.hostileDataArmed = true;
      return undefined;
    }
    return origOnCommand.call(this, line);
  };

  const origProcess = Session.prototype.process;
  Session.prototype.process = function process() {
    if (this.hostileDataArmed && this.mode === 'data' && this.buf.length > 0) {
      if (this.sc.hostileData === 'gone') { this.hostileDataArmed = false; return cut(this); }
      if (this.sc.hostileData === 'stall') { this.buf = Buffer.alloc(0); return undefined; }
    }
    return origProcess.call(this);
  };

  const origOnStartTls = Session.prototype.onStartTls;
  Session.prototype.onStartTls = function onStartTls() {
    const h = this.secure ? null : this.sc.hostileStartTls;
    if (!h) return origOnStartTls.call(this);
    if (h === 'close') return cut(this);
    if (h === 'lie') {
      // looks like success to a careless client, but it is not 220 and no TLS follows
      this.write('250 2.0.0 go ahead, TLS is on\r\n');
      this.mode = 'await-tls';
      this.noTls = true;
      setTimeout(() => this.write('250 plaintext instead of TLS\r\n'), 50);
      return undefined;
    }
    if (h === 'inject-later') {
      this.write('220 2.0.0 Ready to start TLS\r\n');
      this.buf = Buffer.alloc(0);
      this.mode = 'await-tls';
      this.noTls = true; // hold the ClientHello until the forged packet went out
      setTimeout(() => {
        this.write('250-forged\r\n250 AUTH PLAIN\r\n');
        setTimeout(() => {
          this.noTls = false;
          if (this.heldHello) this.upgrade(this.heldHello);
        }, 30);
      }, 60);
      return undefined;
    }
    return this.write(h);
  };

  const origOnData = Session.prototype.onData;
  Session.prototype.onData = function onData(chunk) {
    if (this.sc.hostileStartTls === 'inject-later' && this.mode === 'await-tls' && this.noTls
      && chunk.length > 0 && chunk[0] === 0x16) {
      this.heldHello = this.heldHello ? Buffer.concat([this.heldHello, chunk]) : chunk;
      return undefined;
    }
    return origOnData.call(this, chunk);
  };
}

module.exports = { startScripted, SCENARIOS, ensureCerts, defaultCertDir };

if (require.main === module) {
  const args = process.argv.slice(2);
  let scenario = null;
  let record = null;
  let port = 0;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--scenario') scenario = args[++i];
    else if (args[i] === '--record') record = args[++i];
    else if (args[i] === '--port') port = Number(args[++i]);
    else if (args[i] === '--list') { process.stdout.write(Object.keys(SCENARIOS).join('\n') + '\n'); process.exit(0); }
    else { process.stderr.write(`unknown argument ${args[i]}\n`); process.exit(2); }
  }
  if (!scenario || !SCENARIOS[scenario]) {
    process.stderr.write(`usage: scripted.js --scenario NAME [--record FILE]\nscenarios: ${Object.keys(SCENARIOS).join(', ')}\n`);
    process.exit(2);
  }
  let fd = null;
  if (record) fd = fs.openSync(record, 'a');
  startScripted(scenario, {
    port,
    onData: (chunk) => { if (fd !== null) fs.writeSync(fd, chunk); },
    onClientCert: (cn) => process.stdout.write(`CLIENTCERT ${cn}\n`),
    onError: (e) => process.stderr.write(`scripted: server error ${e.message}\n`),
  }).then((srv) => {
    process.stdout.write(`PORT ${srv.port}\n`);
    const quit = () => {
      srv.close().then(() => process.exit(0));
      setTimeout(() => process.exit(0), 500).unref();
    };
    process.on('SIGTERM', quit);
    process.on('SIGINT', quit);
    process.stdin.on('end', quit);
    process.stdin.on('close', quit);
    process.stdin.on('error', quit);
    process.stdin.resume();
  }, (e) => {
    process.stderr.write(`scripted: ${e.message}\n`);
    process.exit(1);
  });
}
