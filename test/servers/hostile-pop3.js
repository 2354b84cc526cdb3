#!/usr/bin/env node
'use strict';
// Hostile scripted POP3 servers (module + CLI), same conventions as scripted.js.
//
// Module:
//   const { startHostilePop3, POP3_SCENARIOS } = require('../servers/hostile-pop3');
//   const srv = await startHostilePop3('stls-inject', { certDir, host, port, onData });
//   srv.port; srv.received()      every byte the client sent (plaintext + decrypted TLS), in order
//            srv.receivedPlain() only the bytes the client sent in plain text (before any TLS)
//            srv.commands()      [{ secure, line }] every command line the server parsed
//            srv.connections();  await srv.close();
//
// CLI:
//   node test/servers/hostile-pop3.js --scenario NAME [--record FILE] [--port N] [--list]
//   prints "PORT <n>" when ready, appends every received byte to FILE as it arrives, exits on
//   SIGTERM/SIGINT or stdin EOF.
//
// After the part of a scenario that matters, every server is a permissive POP3 server (any USER/PASS,
// AUTH PLAIN accepted; two small messages), so that a client that wrongly carries on leaves evidence
// in received() and receivedPlain().
//
// This file also exports the line-server machinery (startLineServer, LineSession) that
// hostile-imap.js builds on.

const net = require('net');
const tls = require('tls');
const fs = require('fs');
const path = require('path');
const { ensureCerts, defaultCertDir } = require('./scripted');

// Certificate kinds of scripts/certs.sh: name of the PEM pair the server presents.
const CERT_KINDS = {
  good: 'server', selfsigned: 'selfsigned', unknownca: 'unknownca', wronghost: 'wronghost', expired: 'expired',
  notyet: 'notyet', 'chain-missing': 'chainleaf', 'chain-full': 'chainfull', nosan: 'nosan', weakkey: 'weakkey',
  sha1: 'sha1',
};

function ensureAllCerts(dir) {
  ensureCerts(dir);
  if (!fs.existsSync(path.join(dir, 'sha1.pem')) || !fs.existsSync(path.join(dir, 'chainfull-key.pem'))) {
    const script = path.resolve(__dirname, '..', '..', 'scripts', 'certs.sh');
    require('child_process').execFileSync('bash', [script, dir], { stdio: ['ignore', 'ignore', 'inherit'] }); // eslint-disable-line global-require
  }
}

function contextFor(dir, name) {
  return tls.createSecureContext({
    cert: fs.readFileSync(path.join(dir, `${name}.pem`)),
    key: fs.readFileSync(path.join(dir, `${name}-key.pem`)),
    // OpenSSL 3 refuses to even load a SHA-1 signed certificate at the default security level: the
    // hostile server must be able to present it, so level 0 (the client under test decides).
    ciphers: 'DEFAULT:@SECLEVEL=0',
  });
}

/** One client connection: line splitting, plaintext/TLS recording, STARTTLS upgrade, drip and cut. */
class LineSession {
  constructor(state, raw) {
    this.st = state;
    this.sc = state.scenario;
    this.raw = raw;
    this.sock = raw;
    this.secure = false;
    this.buf = Buffer.alloc(0);
    this.mode = 'cmd'; // cmd | await-tls | handshake | dead
    this.skipBytes = 0; // bytes of a client literal to swallow
    this.closed = false;
    this.dripQueue = Promise.resolve();
  }

  write(s) {
    if (this.closed || this.sock.destroyed) return;
    if (this.sc.drip && (this.sc.dripAll || !this.greeted)) {
      const sock = this.sock;
      const gap = this.sc.drip;
      this.dripQueue = this.dripQueue.then(async () => {
        for (const b of Buffer.from(s)) {
          if (this.closed || sock.destroyed) return;
          sock.write(Buffer.from([b]));
          await new Promise((r) => setTimeout(r, gap));
        }
      });
      return;
    }
    try { this.sock.write(s); } catch (_) { /* ignore */ }
  }

  /** Write a big Buffer (or a generator of Buffers) honouring back-pressure, then call done(). */
  pump(chunks, done) {
    const it = chunks[Symbol.iterator]();
    const go = () => {
      for (;;) {
        if (this.closed || this.sock.destroyed) return;
        const n = it.next();
        if (n.done) { if (done) done(); return; }
        if (!this.sock.write(n.value)) { this.sock.once('drain', go); return; }
      }
    };
    go();
  }

  /** Drop the TCP connection at once: no FIN first, no TLS close_notify. */
  cut(delay = 20) {
    this.mode = 'dead';
    setTimeout(() => {
      try { this.raw.destroy(); } catch (_) { /* ignore */ }
      try { this.sock.destroy(); } catch (_) { /* ignore */ }
    }, delay);
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

  onData(chunk) {
    if (this.mode === 'await-tls' && chunk.length > 0 && chunk[0] === 0x16 && this.buf.length === 0) {
      if (this.holdHello) { this.heldHello = this.heldHello ? Buffer.concat([this.heldHello, chunk]) : chunk; return; }
      if (!this.noTls) this.upgrade(chunk);
      return; // TLS bytes are not recorded (their decrypted content is)
    }
    this.st.record(chunk, this.secure);
    if (this.mode === 'dead') return;
    if (this.mode === 'await-tls') this.mode = 'cmd'; // the client carries on in plaintext: serve it
    this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
    this.process();
  }

  process() {
    while (!this.closed && this.mode === 'cmd') {
      if (this.skipBytes > 0) {
        const n = Math.min(this.skipBytes, this.buf.length);
        this.buf = this.buf.subarray(n);
        this.skipBytes -= n;
        if (this.skipBytes > 0) return;
      }
      const nl = this.buf.indexOf('\n');
      if (nl < 0) return;
      let line = this.buf.subarray(0, nl).toString('utf8');
      this.buf = this.buf.subarray(nl + 1);
      if (line.endsWith('\r')) line = line.slice(0, -1);
      this.st.commands.push({ secure: this.secure, line });
      this.onLine(line);
    }
  }

  /** Answered the STARTTLS/STLS command with success: wait for the ClientHello, then upgrade. */
  awaitTls() {
    this.mode = 'await-tls';
    this.buf = Buffer.alloc(0); // bytes pipelined after the command (already recorded) are dropped
  }

  upgrade(firstChunk) {
    this.detach();
    const raw = this.raw;
    raw.pause();
    raw.unshift(firstChunk);
    this.mode = 'handshake';
    const t = new tls.TLSSocket(raw, { isServer: true, secureContext: this.st.startTlsContext });
    t.on('error', () => { this.closed = true; });
    t.on('secure', () => {
      this.secure = true;
      this.buf = Buffer.alloc(0);
      this.mode = 'cmd';
      if (this.afterTls) this.afterTls();
    });
    this.attach(t);
  }
}

/**
 * Starts a server whose sessions are `new SessionClass(state, raw)`; scenario.implicit (a CERT_KINDS key)
 * makes it TLS from the first byte, scenario.starttlsCert picks the certificate presented after STARTTLS.
 */
function startLineServer(SessionClass, scenarios, scenarioName, opts = {}) {
  const sc = scenarios[scenarioName];
  if (!sc) return Promise.reject(new Error(`unknown scenario ${scenarioName}`));
  const certDir = opts.certDir || defaultCertDir();
  ensureAllCerts(certDir);
  const chunks = [];
  const sockets = new Set();
  let connections = 0;
  const state = {
    scenario: sc,
    opts,
    commands: [],
    startTlsContext: contextFor(certDir, CERT_KINDS[sc.starttlsCert || 'good']),
    record(chunk, secure) {
      chunks.push({ secure, data: Buffer.from(chunk) });
      if (opts.onData) { try { opts.onData(chunk); } catch (_) { /* ignore */ } }
    },
  };
  const implicitCtx = sc.implicit ? contextFor(certDir, CERT_KINDS[sc.implicit]) : null;
  const api = {
    port: 0,
    scenario: scenarioName,
    received: () => Buffer.concat(chunks.map((c) => c.data)).toString('latin1'),
    receivedBuffer: () => Buffer.concat(chunks.map((c) => c.data)),
    receivedPlain: () => Buffer.concat(chunks.filter((c) => !c.secure).map((c) => c.data)).toString('latin1'),
    commands: () => state.commands.slice(),
    connections: () => connections,
    close: null,
  };
  const srv = net.createServer((raw) => {
    connections++;
    sockets.add(raw);
    raw.on('error', () => {});
    raw.on('close', () => sockets.delete(raw));
    const s = new SessionClass(state, raw);
    if (implicitCtx) {
      const t = new tls.TLSSocket(raw, { isServer: true, secureContext: implicitCtx });
      t.on('error', () => {});
      s.secure = true;
      s.attach(t);
    } else {
      s.attach(raw);
    }
    s.start();
  });
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

/** The CLI shared by the hostile servers. */
function runCli(name, start, scenarios) {
  const args = process.argv.slice(2);
  let scenario = null;
  let record = null;
  let port = 0;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--scenario') scenario = args[++i];
    else if (args[i] === '--record') record = args[++i];
    else if (args[i] === '--port') port = Number(args[++i]);
    else if (args[i] === '--list') { process.stdout.write(Object.keys(scenarios).join('\n') + '\n'); process.exit(0); }
    else { process.stderr.write(`unknown argument ${args[i]}\n`); process.exit(2); }
  }
  if (!scenario || !scenarios[scenario]) {
    process.stderr.write(`usage: ${name} --scenario NAME [--record FILE] [--port N]\nscenarios: ${Object.keys(scenarios).join(', ')}\n`);
    process.exit(2);
  }
  const fd = record ? fs.openSync(record, 'a') : null;
  start(scenario, {
    port,
    onData: (chunk) => { if (fd !== null) fs.writeSync(fd, chunk); },
    onError: (e) => process.stderr.write(`${name}: server error ${e.message}\n`),
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
    process.stderr.write(`${name}: ${e.message}\n`);
    process.exit(1);
  });
}

// ------------------------------------------------------------------------------------------------ POP3

const MESSAGES = [
  'From: a@localhost\r\nTo: test@localhost\r\nSubject: hostile one\r\n\r\nFirst message.\r\n',
  'From: b@localhost\r\nTo: test@localhost\r\nSubject: hostile two\r\n\r\nSecond message.\r\n..dot-stuffed line\r\n',
];
const CAPA_PLAIN = ['USER', 'UIDL', 'TOP', 'SASL PLAIN', 'STLS']; // AUTH offered in plaintext too, to catch a fallback
const CAPA_TLS = ['USER', 'UIDL', 'TOP', 'SASL PLAIN', 'IMPLEMENTATION hostile-pop3'];

// Scenario fields:
//   stls        ok | none | err | garbage | junk | close | inject | inject-later   (how STLS is handled)
//   implicit    certificate kind for TLS from the first byte; starttlsCert: certificate after STLS
//   greeting    the greeting line(s) instead of "+OK ..."; hugeGreeting: bytes of a one-line greeting
//   capaPre     CAPA lines before TLS (default CAPA_PLAIN); capaCut: the CAPA reply is cut mid-line
//   capaMillion CAPA answered with 1,000,000 lines
//   stat        the STAT reply line; list: the LIST reply (multi-line text)
//   retr        cut | stall  (RETR 1 answered in part, then the connection is dropped / nothing more)
//   drip        ms between bytes (greeting only, or every reply with dripAll)
//   stall       say nothing at all
const POP3_SCENARIOS = {
  'stls-ok': { stls: 'ok' },
  'no-stls': { stls: 'none', capaPre: ['USER', 'UIDL', 'TOP', 'SASL PLAIN'] },
  'stls-err': { stls: 'err' },
  'stls-garbage': { stls: 'garbage' },
  'stls-junk': { stls: 'junk' },
  'stls-close': { stls: 'close' },
  'stls-inject': { stls: 'inject' },
  'stls-inject-later': { stls: 'inject-later' },
  'capa-forged': { stls: 'ok', capaPre: [...CAPA_PLAIN, 'X-FORGED-PRETLS', 'LOGIN-DELAY 0'] },
  'plain-good': { stls: 'none' },
  'close-mid-reply': { stls: 'none', capaCut: true },
  'tls-close-mid-reply': { implicit: 'good', capaCut: true },
  'retr-cut': { stls: 'none', retr: 'cut' },
  'tls-retr-cut': { implicit: 'good', retr: 'cut' },
  'retr-stall': { stls: 'none', retr: 'stall' },
  'stall': { stall: true },
  'drip-slow': { stls: 'none', drip: 150 },
  'drip-fast': { stls: 'none', drip: 1, dripAll: true },
  'huge-line': { hugeGreeting: 8 * 1024 * 1024 },
  'stat-2e64': { stls: 'none', stat: '+OK 18446744073709551616 18446744073709551617' },
  'stat-u64max': { stls: 'none', stat: '+OK 18446744073709551615 18446744073709551615' },
  'list-2e64': { stls: 'none', list: '1 18446744073709551616\r\n2 99999999999999999999999\r\n' },
  'capa-million': { stls: 'none', capaMillion: true },
  'bad-status': { stls: 'none', stat: 'OK 2 100' },
  'bad-greeting': { greeting: '+MAYBE hello\r\n' },
};
for (const kind of Object.keys(CERT_KINDS)) {
  POP3_SCENARIOS[`tls-${kind}`] = { implicit: kind };
  POP3_SCENARIOS[`stls-cert-${kind}`] = { stls: 'ok', starttlsCert: kind };
}

class Pop3Session extends LineSession {
  start() {
    const sc = this.sc;
    if (sc.stall) return;
    if (sc.hugeGreeting) {
      const big = Buffer.alloc(sc.hugeGreeting, 0x78);
      this.pump([Buffer.from('+OK '), big, Buffer.from('\r\n')]);
      this.greeted = true;
      return;
    }
    this.write(sc.greeting || '+OK hostile POP3 ready\r\n');
    this.greeted = true;
  }

  capaLines() {
    if (this.secure) return CAPA_TLS;
    return this.sc.capaPre || (this.sc.stls === 'none' ? CAPA_PLAIN.filter((c) => c !== 'STLS') : CAPA_PLAIN);
  }

  onLine(line) {
    const sc = this.sc;
    const m = /^(\S+)\s?(.*)$/.exec(line);
    const verb = m ? m[1].toUpperCase() : '';
    const arg = m ? m[2] : '';
    if (this.saslPending) { this.saslPending = false; return this.write('+OK logged in\r\n'); }
    switch (verb) {
      case 'CAPA':
        if (sc.capaCut) { this.write('+OK Capability list follows\r\nUSER\r\nUID'); return this.cut(); }
        if (sc.capaMillion && !this.secure) {
          const one = Buffer.from('X-FILLER-CAPABILITY\r\n');
          const block = Buffer.alloc(one.length * 10000);
          for (let i = 0; i < 10000; i++) one.copy(block, i * one.length);
          return this.pump([Buffer.from('+OK\r\n'), ...Array(100).fill(block), Buffer.from('USER\r\n.\r\n')]);
        }
        return this.write(`+OK Capability list follows\r\n${this.capaLines().map((c) => `${c}\r\n`).join('')}.\r\n`);
      case 'STLS':
        return this.onStls();
      case 'USER':
        return this.write('+OK\r\n');
      case 'PASS':
        return this.write('+OK logged in\r\n');
      case 'APOP':
        return this.write('+OK logged in\r\n');
      case 'AUTH':
        if (/^PLAIN\s+\S/i.test(arg)) return this.write('+OK logged in\r\n');
        this.saslPending = true;
        return this.write('+ \r\n');
      case 'STAT':
        return this.write(`${sc.stat || `+OK ${MESSAGES.length} ${MESSAGES.reduce((a, b) => a + b.length, 0)}`}\r\n`);
      case 'LIST':
        if (arg) return this.write(`+OK ${arg} ${(MESSAGES[Number(arg) - 1] || '').length}\r\n`);
        return this.write(`+OK\r\n${sc.list || MESSAGES.map((x, i) => `${i + 1} ${x.length}\r\n`).join('')}.\r\n`);
      case 'UIDL':
        if (arg) return this.write(`+OK ${arg} uid-${arg}\r\n`);
        return this.write(`+OK\r\n${MESSAGES.map((x, i) => `${i + 1} uid-${i + 1}\r\n`).join('')}.\r\n`);
      case 'RETR':
      case 'TOP': {
        const msg = MESSAGES[Number(arg.split(' ')[0]) - 1];
        if (!msg) return this.write('-ERR no such message\r\n');
        if (verb === 'RETR' && sc.retr === 'cut') {
          this.write(`+OK 5000 octets\r\nFrom: a@localhost\r\nSubject: cut short\r\n\r\n${'partial body line\r\n'.repeat(40)}part`);
          return this.cut(50);
        }
        if (verb === 'RETR' && sc.retr === 'stall') {
          this.write('+OK 5000 octets\r\nFrom: a@localhost\r\nSubject: stalled\r\n\r\npartial');
          this.mode = 'dead';
          return undefined;
        }
        return this.write(`+OK\r\n${msg}.\r\n`);
      }
      case 'DELE': case 'RSET': case 'NOOP':
        return this.write('+OK\r\n');
      case 'QUIT':
        this.write('+OK bye\r\n');
        this.mode = 'dead';
        try { this.sock.end(); } catch (_) { /* ignore */ }
        return undefined;
      default:
        return this.write('-ERR unknown command\r\n');
    }
  }

  onStls() {
    const kind = this.secure ? 'none' : this.sc.stls;
    switch (kind) {
      case 'ok':
        this.write('+OK Begin TLS negotiation\r\n');
        return this.awaitTls();
      case 'err':
        return this.write('-ERR STLS not available now\r\n');
      case 'garbage':
        return this.write('what is STLS? *\r\n');
      case 'close':
        return this.cut();
      case 'junk':
        this.write('+OK Begin TLS negotiation\r\n');
        this.awaitTls();
        this.noTls = true; // the ClientHello is swallowed; the only answer is plaintext
        setTimeout(() => this.write('+OK plaintext instead of TLS\r\n'), 50);
        return undefined;
      case 'inject':
        // a forged STAT reply in the same packet as the STLS answer
        this.write('+OK Begin TLS negotiation\r\n+OK 999 999999\r\n');
        return this.awaitTls();
      case 'inject-later':
        this.write('+OK Begin TLS negotiation\r\n');
        this.awaitTls();
        this.holdHello = true;
        setTimeout(() => {
          this.write('+OK 999 999999\r\n');
          setTimeout(() => {
            this.holdHello = false;
            if (this.heldHello) this.upgrade(this.heldHello);
          }, 30);
        }, 60);
        return undefined;
      default:
        return this.write('-ERR unknown command\r\n');
    }
  }
}

function startHostilePop3(scenario, opts = {}) {
  return startLineServer(Pop3Session, POP3_SCENARIOS, scenario, opts);
}

module.exports = {
  startHostilePop3, POP3_SCENARIOS, POP3_MESSAGES: MESSAGES, CERT_KINDS, LineSession, startLineServer, runCli,
  ensureAllCerts,
};

if (require.main === module) runCli('hostile-pop3.js', startHostilePop3, POP3_SCENARIOS);
