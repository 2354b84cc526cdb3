'use strict';
// Shared helpers for the Node suites (loaded as a spec file by mocha too; defines no tests).
const fs = require('fs');
const os = require('os');
const path = require('path');
const crypto = require('crypto');

const ROOT = path.resolve(__dirname, '..', '..');
const TEST_DIR = process.env.MAILHIVE_TEST_DIR || '/tmp/mailhive-test';
const CERTS = path.join(TEST_DIR, 'certs');
const CA = path.join(CERTS, 'ca.pem');
const MAILDIR = path.join(TEST_DIR, 'dovecot', 'mail', 'test', 'Maildir');

let lib = null;
function mailhive() {
  if (!lib) lib = require('../../node/lib'); // eslint-disable-line global-require
  return lib;
}

function sleep(ms) {
  return new Promise((r) => setTimeout(r, ms));
}

function uniq(prefix = 't') {
  return `${prefix}-${Date.now().toString(36)}-${crypto.randomBytes(4).toString('hex')}`;
}

function tmpFile(name, data) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mailhive-node-'));
  const p = path.join(dir, name);
  if (data !== undefined) fs.writeFileSync(p, data);
  return p;
}

/** SHA-256 fingerprint (lower-case hex, no colons) of a PEM certificate file. */
function fingerprint256(pemPath) {
  const x = new crypto.X509Certificate(fs.readFileSync(pemPath));
  return x.fingerprint256.replace(/:/g, '').toLowerCase();
}

/** An SMTP object aimed at the private Postfix (STARTTLS 10025 by default), trusting the test CA. */
function postfixSmtp({ implicit = false } = {}) {
  const { SMTP } = mailhive();
  const smtp = new SMTP();
  smtp.serverName = 'localhost';
  smtp.portNumber = implicit ? 10465 : 10025;
  smtp.timeout = 15;
  smtp.ssl.enabled = true;
  smtp.ssl.useStartTls = !implicit;
  if (!smtp.ssl.selectServerCertStore(CA, 1)) throw new Error(`selectServerCertStore(${CA}) returned false`);
  smtp.userName = 'test';
  smtp.password = 'secret';
  return smtp;
}

/** An SMTP object aimed at a scripted server on 127.0.0.1:port, connecting by the name localhost. */
function scriptedSmtp(port, { tls = false, startTls = false, trustCa = true } = {}) {
  const { SMTP } = mailhive();
  const smtp = new SMTP();
  smtp.serverName = 'localhost';
  smtp.portNumber = port;
  smtp.timeout = 10;
  smtp.ssl.enabled = tls || startTls;
  smtp.ssl.useStartTls = startTls;
  if (trustCa && (tls || startTls)) {
    if (!smtp.ssl.selectServerCertStore(CA, 1)) throw new Error(`selectServerCertStore(${CA}) returned false`);
  }
  smtp.message.fromAddr = 'sender@localhost';
  smtp.message.toAddr = 'test@localhost';
  smtp.message.subject = 'scripted test';
  smtp.message.bodyText = 'Hello from the mailhive tests.';
  return smtp;
}

/** Every file currently in Maildir/new and Maildir/cur. */
function maildirFiles() {
  const out = [];
  for (const sub of ['new', 'cur']) {
    const d = path.join(MAILDIR, sub);
    let names = [];
    try { names = fs.readdirSync(d); } catch (_) { /* none yet */ }
    for (const n of names) out.push(path.join(d, n));
  }
  return out;
}

/**
 * Poll the test mailbox (up to timeoutMs) for a delivered message whose raw text contains marker.
 * Returns the raw Buffer. Markers are unique per test, so concurrent deliveries do not confuse us.
 */
async function waitForMail(marker, timeoutMs = 10000) {
  const deadline = Date.now() + timeoutMs;
  const seen = new Set();
  for (;;) {
    const files = maildirFiles()
      .map((f) => { try { return { f, t: fs.statSync(f).mtimeMs }; } catch (_) { return null; } })
      .filter(Boolean)
      .sort((a, b) => b.t - a.t); // newest first
    for (const { f } of files) {
      if (seen.has(f)) continue;
      let raw;
      try { raw = fs.readFileSync(f); } catch (_) { continue; }
      if (raw.includes(marker)) return raw;
      seen.add(f);
    }
    if (Date.now() > deadline) throw new Error(`no message containing ${marker} arrived in ${MAILDIR} within ${timeoutMs} ms`);
    await sleep(100);
  }
}

async function parseMail(raw) {
  const { simpleParser } = require('mailparser'); // eslint-disable-line global-require
  return simpleParser(raw);
}

/** Start a scripted server, run fn(srv), always close it. */
async function withScripted(scenario, fn) {
  const { startScripted } = require('../servers/scripted'); // eslint-disable-line global-require
  const srv = await startScripted(scenario, { certDir: CERTS });
  try {
    return await fn(srv);
  } finally {
    await srv.close();
  }
}

/** Everything a client sent after the STARTTLS command line (plaintext that should not exist). */
function afterStartTls(received) {
  const i = received.search(/STARTTLS\r?\n/i);
  if (i < 0) return null;
  return received.slice(i).replace(/^STARTTLS\r?\n/i, '');
}

function describeError(smtp) {
  return `errCode=${smtp.errCode} errDesc=${JSON.stringify(smtp.errDesc)} sslError=${smtp.ssl.sslError} `
    + `sslSpecificError=${smtp.ssl.sslSpecificError} serverResponse=${JSON.stringify(smtp.serverResponse)}`;
}

/** A free TCP port on 127.0.0.1 that nothing listens on (bound then released). */
function closedPort() {
  const net = require('net'); // eslint-disable-line global-require
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

module.exports = {
  ROOT, TEST_DIR, CERTS, CA, MAILDIR, mailhive, sleep, uniq, tmpFile, fingerprint256, postfixSmtp, scriptedSmtp,
  maildirFiles, waitForMail, parseMail, withScripted, afterStartTls, describeError, closedPort,
};
