'use strict';
// Helpers for the POP3 / IMAP4 / parser suites (loaded as a spec file by mocha too; defines no tests).
// Everything talks to the private Dovecot started by setup.js: POP3 10110 (STLS) / 10995 (TLS),
// IMAP 10143 (STARTTLS) / 10993 (TLS), user test / secret. Another suite (PHP) may use the same
// mailbox at the same time: callers use unique markers and mailbox names and never assume counts.
const { mailhive, CA, describeError } = require('./helpers');

const USER = 'test';
const PASSWORD = 'secret';

function trustTestCa(mailer) {
  if (!mailer.ssl.selectServerCertStore(CA, 1)) throw new Error(`selectServerCertStore(${CA}) returned false`);
}

/** A POP3 object aimed at the private Dovecot: STLS on 10110 (default) or implicit TLS on 10995. */
function pop3Client({ implicit = false, password = PASSWORD } = {}) {
  const { POP3 } = mailhive();
  const pop = new POP3();
  pop.serverName = 'localhost';
  pop.portNumber = implicit ? 10995 : 10110;
  pop.timeout = 15;
  pop.ssl.enabled = true;
  pop.ssl.useStartTls = !implicit;
  trustTestCa(pop);
  pop.userName = USER;
  pop.password = password;
  return pop;
}

/** An IMAP4 object aimed at the private Dovecot: STARTTLS on 10143 (default) or implicit TLS on 10993. */
function imapClient({ implicit = false, password = PASSWORD } = {}) {
  const { IMAP4 } = mailhive();
  const imap = new IMAP4();
  imap.serverName = 'localhost';
  imap.portNumber = implicit ? 10993 : 10143;
  imap.timeout = 15;
  imap.ssl.enabled = true;
  imap.ssl.useStartTls = !implicit;
  trustTestCa(imap);
  imap.userName = USER;
  imap.password = password;
  return imap;
}

/** describeError() plus the last command, for any mailer. */
function why(mailer) {
  return `${describeError(mailer)} clientRequest=${JSON.stringify(mailer.clientRequest)}`;
}

/**
 * The 1-based POP3 index of the message whose Subject contains marker (newest first), or 0.
 * Reads only headers (TOP n 0).
 */
async function findPop3Index(pop, marker) {
  for (let i = pop.messageCount; i >= 1; i--) {
    const h = await pop.retrieveSingleMessageHeaders(i, 0);
    if (h && String(h.subject).includes(marker)) return i;
  }
  return 0;
}

/** Modified UTF-7 (RFC 3501 5.1.3), the on-the-wire / on-disk form of an IMAP mailbox name. */
function encodeModifiedUtf7(name) {
  let out = '';
  let pending = '';
  const flush = () => {
    if (!pending) return;
    const b = Buffer.from(pending, 'utf16le').swap16();
    out += `&${b.toString('base64').replace(/=+$/, '').replace(/\//g, ',')}-`;
    pending = '';
  };
  for (const ch of name) {
    const c = ch.codePointAt(0);
    if (c >= 0x20 && c <= 0x7e) {
      flush();
      out += ch === '&' ? '&-' : ch;
    } else {
      pending += ch;
    }
  }
  flush();
  return out;
}

/** Wait until cond() is truthy (polling every 20 ms) or ms pass; returns the last value. */
async function waitFor(cond, ms) {
  const end = Date.now() + ms;
  for (;;) {
    const v = await cond();
    if (v || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * Runs fn() while counting event-loop iterations (a setImmediate chain) and timer ticks
 * (setInterval 1 ms). Returns { value, immediates, ticks }.
 */
async function countLoopTicks(fn) {
  let immediates = 0;
  let ticks = 0;
  let stop = false;
  const spin = () => { if (!stop) { immediates++; setImmediate(spin); } };
  setImmediate(spin);
  const timer = setInterval(() => { ticks++; }, 1);
  try {
    const value = await fn();
    return { value, immediates, ticks };
  } finally {
    stop = true;
    clearInterval(timer);
  }
}

module.exports = {
  USER, PASSWORD, pop3Client, imapClient, why, findPop3Index, encodeModifiedUtf7, waitFor, countLoopTicks,
};
