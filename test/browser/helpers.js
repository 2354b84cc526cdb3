'use strict';
// Helpers for the browser tests (mocha loads this file as a spec too; it defines no tests).
// Starts the example contact forms, drives Debian's Chromium through playwright-core and reads the
// private test mailbox of scripts/mailstack.sh.
const fs = require('fs');
const net = require('net');
const path = require('path');
const http = require('http');
const crypto = require('crypto');
const { spawn } = require('child_process');

const ROOT = path.resolve(__dirname, '..', '..');
const TEST_DIR = process.env.MAILHIVE_TEST_DIR || '/tmp/mailhive-test';
const CA = path.join(TEST_DIR, 'certs', 'ca.pem');
const MAILDIR = path.join(TEST_DIR, 'dovecot', 'mail', 'test', 'Maildir');
const POSTFIX_LOG = path.join(TEST_DIR, 'postfix', 'postfix.log');
const PHP_EXT = process.env.MAILHIVE_PHP_EXT || path.join(ROOT, 'build-php', 'modules', 'mailhive.so');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

const FROM_ADDRESS = 'contact-form@localhost';
const TO_ADDRESS = 'test@localhost';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const marker = (p = 'cf') => `${p}${Date.now().toString(36)}${crypto.randomBytes(4).toString('hex')}`;

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

function httpStatus(url) {
  return new Promise((resolve) => {
    const req = http.get(url, (res) => { res.resume(); resolve(res.statusCode); });
    req.on('error', () => resolve(0));
    req.setTimeout(2000, () => { req.destroy(); resolve(0); });
  });
}

/** The SMTP settings of the examples, as environment variables (see their README.md). */
function smtpEnv(overrides = {}) {
  return {
    SMTP_HOST: 'localhost',
    SMTP_PORT: '10025',
    SMTP_USER: 'test',
    SMTP_PASSWORD: 'secret',
    SMTP_CA_FILE: CA,
    SMTP_TIMEOUT: '15',
    CONTACT_FROM: `Contact form <${FROM_ADDRESS}>`,
    CONTACT_TO: TO_ADDRESS,
    ...overrides,
  };
}

/** The two examples: how to start each on a port. */
const EXAMPLES = [
  {
    name: 'PHP (php -S)',
    check() {
      if (!fs.existsSync(PHP_EXT)) throw new Error(`PHP extension not built: ${PHP_EXT} (scripts/build-php.sh)`);
    },
    command(port) {
      return ['php', ['-n', '-d', `extension=${PHP_EXT}`, '-d', 'display_errors=0', '-d', 'log_errors=1',
        '-d', 'post_max_size=4M', '-S', `127.0.0.1:${port}`, '-t', path.join(ROOT, 'examples', 'contact-php')]];
    },
  },
  {
    name: 'Node (node:http)',
    check() {},
    command(port) {
      return [process.execPath, [path.join(ROOT, 'examples', 'contact-node', 'server.js')], { PORT: String(port), HOST: '127.0.0.1' }];
    },
  },
];

/** Starts an example on a free port with the given SMTP settings; resolves when it answers. */
async function startExample(example, env) {
  example.check();
  const port = await freePort();
  const [cmd, args, extraEnv = {}] = example.command(port);
  const child = spawn(cmd, args, {
    cwd: ROOT,
    env: { ...process.env, ...env, ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => { output += d; });
  child.stderr.on('data', (d) => { output += d; });
  let exited = null;
  child.on('exit', (code, sig) => { exited = `exit ${code ?? sig}`; });
  const url = `http://127.0.0.1:${port}/`;
  const deadline = Date.now() + 15000;
  while ((await httpStatus(url)) !== 200) {
    if (exited) throw new Error(`${example.name} ${exited}:\n${output}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${example.name} did not answer on ${url}:\n${output}`);
    }
    await sleep(100);
  }
  return {
    url,
    output: () => output,
    async stop() {
      if (exited) return;
      const gone = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([gone, sleep(3000)]);
      if (!exited) child.kill('SIGKILL');
    },
  };
}

async function launchBrowser() {
  const { chromium } = require('playwright-core'); // eslint-disable-line global-require
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} missing: run bash test/browser/setup.sh`);
  // chromium.launch() gives the browser a new, empty temporary profile (its own --user-data-dir)
  // and removes it on close; playwright refuses a --user-data-dir argument here.
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  return {
    browser,
    async close() {
      await browser.close().catch(() => {});
    },
  };
}

// ---- the mailbox ---------------------------------------------------------------------------------

const parsedCache = new Map(); // unique Maildir name (before ':') -> { raw, mail }

function maildirEntries(sinceMs) {
  const out = [];
  for (const sub of ['new', 'cur']) {
    const d = path.join(MAILDIR, sub);
    let names = [];
    try { names = fs.readdirSync(d); } catch { /* not yet */ }
    for (const n of names) {
      const f = path.join(d, n);
      let st;
      try { st = fs.statSync(f); } catch { continue; }
      if (st.mtimeMs >= sinceMs - 2000) out.push({ key: n.split(':')[0], file: f });
    }
  }
  return out;
}

/** Every message delivered since sinceMs whose raw text, subject or text contains the marker. */
async function messagesWith(mark, sinceMs) {
  const { simpleParser } = require('mailparser'); // eslint-disable-line global-require
  const found = [];
  for (const { key, file } of maildirEntries(sinceMs)) {
    let entry = parsedCache.get(key);
    if (!entry) {
      let raw;
      try { raw = fs.readFileSync(file); } catch { continue; }
      entry = { raw, mail: await simpleParser(raw) };
      parsedCache.set(key, entry);
    }
    const { raw, mail } = entry;
    if (raw.includes(mark) || String(mail.subject || '').includes(mark) || String(mail.text || '').includes(mark)) {
      found.push(entry);
    }
  }
  return found;
}

async function waitForMessage(mark, sinceMs, timeoutMs = 20000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await messagesWith(mark, sinceMs);
    if (found.length) {
      await sleep(300); // a second copy (an injected recipient) would arrive right after
      return messagesWith(mark, sinceMs);
    }
    if (Date.now() > deadline) throw new Error(`no message with ${mark} arrived in ${MAILDIR} within ${timeoutMs} ms`);
    await sleep(150);
  }
}

/** Waits waitMs and returns what arrived with the marker (should be nothing). */
async function messagesAfterWait(mark, sinceMs, waitMs = 4000) {
  await sleep(waitMs);
  return messagesWith(mark, sinceMs);
}

function postfixLogSize() {
  try { return fs.statSync(POSTFIX_LOG).size; } catch { return 0; }
}

/** What Postfix logged since the given size (deliveries show as "to=<address>"). */
function postfixLogSince(size) {
  try {
    const fd = fs.openSync(POSTFIX_LOG, 'r');
    try {
      const len = Math.max(0, fs.fstatSync(fd).size - size);
      const buf = Buffer.alloc(len);
      fs.readSync(fd, buf, 0, len, size);
      return buf.toString('utf8');
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return '';
  }
}

module.exports = {
  ROOT, CA, MAILDIR, POSTFIX_LOG, FROM_ADDRESS, TO_ADDRESS, EXAMPLES,
  sleep, marker, freePort, smtpEnv, startExample, launchBrowser,
  messagesWith, waitForMessage, messagesAfterWait, postfixLogSize, postfixLogSince,
};
