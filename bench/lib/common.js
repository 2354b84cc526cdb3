// bench/lib/common.js — what every benchmark case shares: the one test message, client factories for
// mailhive and Nodemailer configured the same way, samplers, and the child-process protocol.
//
// A case (bench/cases/<id>.js) is one file that exports { id, title, async rows(ctx) }. rows() runs its
// measurements in fresh child processes (`node cases/<id>.js <client> <json options>`), each of which
// prints one JSON line; a fresh process per measurement keeps RSS figures and JIT state apart.
'use strict';
const fs = require('fs');
const path = require('path');
const { spawn } = require('child_process');

const ROOT = path.resolve(__dirname, '..', '..');
const BENCH = path.resolve(__dirname, '..');
const TEST_DIR = process.env.MAILHIVE_TEST_DIR || '/tmp/mailhive-test';
const CA = path.join(TEST_DIR, 'certs', 'ca.pem');
const USER = 'test';
const PASS = 'secret';
const FROM = 'Bench Sender <bench@localhost>';
const TO = 'discard@example.com'; // Postfix discards every recipient but test@localhost
const SUBJECT = 'mailhive benchmark message';

// About 5 KB of plain ASCII text, 72 lines of 70 characters (7bit-safe for every client).
function bodyText() {
  const words = 'lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore';
  const lines = [];
  for (let i = 0; lines.length < 72; i++) lines.push(`${String(i).padStart(3, '0')} ${words}`.slice(0, 70));
  return lines.join('\r\n') + '\r\n';
}
const BODY = bodyText();

// --- mailhive (Node) -------------------------------------------------------------------------
function mailhive() { return require(path.join(ROOT, 'node', 'lib')); }

function mailhiveSmtp({ port, implicitTls = false, auth = true }) {
  const { SMTP } = mailhive();
  const s = new SMTP();
  s.serverName = '127.0.0.1';
  s.portNumber = port;
  s.timeout = 120;
  s.ssl.enabled = true;
  s.ssl.useStartTls = !implicitTls;
  s.ssl.autosetPortAndSsl = false;
  s.ssl.expectedHostName = 'localhost';
  if (!s.ssl.selectServerCertStore(CA, 1)) throw new Error(`mailhive: cannot load ${CA} (sslError ${s.ssl.sslError})`);
  if (auth) { s.userName = USER; s.password = PASS; }
  s.message.fromAddr = FROM;
  s.message.toAddr = TO;
  s.message.subject = SUBJECT;
  s.message.bodyText = BODY;
  return s;
}

function mailhiveFail(s, what) {
  return new Error(`mailhive ${what} failed: errCode ${s.errCode} ${s.errDesc} sslError ${s.ssl.sslError} reply ${s.serverResponse}`);
}

// --- Nodemailer ------------------------------------------------------------------------------
// Nodemailer has no TCP_NODELAY option; without it every message waits ~44 ms for a delayed ACK after the
// final "." (measured here: 20 msg/s instead of ~180). To compare against the peer at its best, its sockets
// get TCP_NODELAY through this hook (BENCH_NODEMAILER_STOCK=1 measures it untouched).
let nodelayHooked = false;
function hookNodelay() {
  if (nodelayHooked || process.env.BENCH_NODEMAILER_STOCK === '1') return;
  nodelayHooked = true;
  const net = require('net');
  const connect = net.Socket.prototype.connect;
  net.Socket.prototype.connect = function (...a) { this.setNoDelay(true); return connect.apply(this, a); };
}

function nodemailerTransport({ port, implicitTls = false, auth = true, pool = true }) {
  hookNodelay();
  const nodemailer = require('nodemailer');
  const opts = {
    host: '127.0.0.1', port, secure: implicitTls, requireTLS: !implicitTls,
    tls: { ca: fs.readFileSync(CA), servername: 'localhost', rejectUnauthorized: true },
    connectionTimeout: 120000, greetingTimeout: 120000, socketTimeout: 120000,
  };
  if (auth) opts.auth = { user: USER, pass: PASS };
  // Nodemailer's best setting for many messages (ENVIRONMENT.md §5): one pooled connection, never recycled.
  if (pool) Object.assign(opts, { pool: true, maxConnections: 1, maxMessages: Infinity });
  return nodemailer.createTransport(opts);
}
const nodemailerMessage = () => ({ from: FROM, to: TO, subject: SUBJECT, text: BODY });

// --- measuring -------------------------------------------------------------------------------
const now = () => Number(process.hrtime.bigint()) / 1e6; // ms

// Samples process.memoryUsage().rss every `everyMs`; peak() is the highest seen (and VmHWM, after
// resetting it through /proc/self/clear_refs when allowed, so that a peak between two samples counts).
function rssSampler(everyMs = 10) {
  let resetHwm = false;
  try { fs.writeFileSync('/proc/self/clear_refs', '5'); resetHwm = true; } catch { /* not permitted */ }
  const base = process.memoryUsage().rss;
  let peak = base;
  const t = setInterval(() => { const r = process.memoryUsage().rss; if (r > peak) peak = r; }, everyMs);
  return {
    base,
    stop() {
      clearInterval(t);
      const r = process.memoryUsage().rss;
      if (r > peak) peak = r;
      if (resetHwm) {
        const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync('/proc/self/status', 'utf8'));
        if (m && Number(m[1]) * 1024 > peak) peak = Number(m[1]) * 1024;
      }
      return { baseMB: base / 1048576, peakMB: peak / 1048576, growthMB: (peak - base) / 1048576 };
    },
  };
}

function percentile(sorted, p) {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

// --- child-process protocol ------------------------------------------------------------------
// In a case file: `if (require.main === module) childMain(clients)` where clients maps a client name to
// an async function(options) returning a plain object; the result is printed as one JSON line.
function childMain(clients) {
  const [client, json] = process.argv.slice(2);
  const fn = clients[client];
  if (!fn) { console.error(`unknown client ${client}; one of ${Object.keys(clients).join(', ')}`); process.exit(2); }
  fn(JSON.parse(json || '{}')).then((r) => {
    process.stdout.write(`RESULT ${JSON.stringify(r)}\n`);
    process.exit(0);
  }, (e) => { console.error(e && e.stack || e); process.exit(1); });
}

// Runs a command, returns the object of its last "RESULT {...}" line; throws with its stderr otherwise.
function runJson(cmd, args, { env, cwd, timeoutMs = 600000 } = {}) {
  return new Promise((resolve, reject) => {
    const p = spawn(cmd, args, { cwd: cwd || BENCH, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '', err = '';
    p.stdout.on('data', (d) => { out += d; });
    p.stderr.on('data', (d) => { err += d; });
    const timer = setTimeout(() => { p.kill('SIGKILL'); }, timeoutMs);
    p.on('close', (code, sig) => {
      clearTimeout(timer);
      const line = out.split('\n').reverse().find((l) => l.startsWith('RESULT '));
      if (code === 0 && line) return resolve(JSON.parse(line.slice(7)));
      reject(new Error(`${path.basename(cmd)} ${args.slice(0, 2).join(' ')}: exit ${code}${sig ? ' ' + sig : ''}\n${(err + out).trim().split('\n').slice(-15).join('\n')}`));
    });
  });
}
// Runs a case file as a child with one client.
function runCase(file, client, opts, extra = {}) {
  return runJson(process.execPath, [file, client, JSON.stringify(opts)], extra);
}

module.exports = {
  ROOT, BENCH, TEST_DIR, CA, USER, PASS, FROM, TO, SUBJECT, BODY,
  mailhive, mailhiveSmtp, mailhiveFail, nodemailerTransport, nodemailerMessage,
  now, rssSampler, percentile, childMain, runJson, runCase,
};
