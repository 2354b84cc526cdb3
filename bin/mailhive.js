#!/usr/bin/env node
'use strict';
// mailhive command-line tool: `mailhive send` (a quick test message) and `mailhive check` (what TLS a
// mail server offers, its certificate chain and why verification fails). Exit codes: 0 success,
// 1 the send or the check failed, 2 bad command line.
const fs = require('fs');
const net = require('net');
const tls = require('tls');
const path = require('path');
const { parseArgs } = require('util');

const USAGE = `usage:
  mailhive send --server host[:port] [--starttls | --tls | --plain] [--servername NAME]
                [--user U --password-env VAR] [--ca FILE] [--insecure]
                --from ADDR --to ADDR[,ADDR...] [--subject S] [--body TEXT] [--attach FILE]...
                [--timeout SECONDS] [--progress | --no-progress]
  mailhive check host[:port] [--ca FILE] [--servername NAME] [--protocol smtp|imap|pop3]
                [--user U --password-env VAR] [--timeout SECONDS] [--json]
  mailhive --version | --help

send   sends one message. Port 465 means implicit TLS, any other port STARTTLS (required, never
       downgraded) unless --tls or --plain says otherwise. The certificate is verified against the
       system roots, or against --ca FILE; --insecure turns verification off (test servers only).
check  tells whether the server offers implicit TLS or STARTTLS, the negotiated protocol and cipher,
       the certificate chain (subject, issuer, dates, SHA-256 fingerprint, names) and whether
       verification passes, and why not. The protocol comes from the port (SMTP 25/465/587,
       IMAP 143/993, POP3 110/995) or from the server's greeting.`;

// The sslError table, with what to do about each.
const SSL_ERRORS = {
  0: ['none', ''],
  1: ['handshake failed', 'the server may not speak TLS on this port (try STARTTLS), or closed the connection; see sslSpecificError'],
  2: ['certificate not trusted (unknown issuer, self-signed, pin mismatch)', 'pass the issuing CA with --ca FILE (ssl.selectServerCertStore), or pin the certificate with ssl.pinSha256; make the server send its intermediate certificates'],
  3: ['certificate expired', 'renew the server certificate (validTo is in the past), or check this machine\'s clock'],
  4: ['certificate not yet valid', 'check this machine\'s clock, or wait until validFrom'],
  5: ['host name mismatch', 'connect by a name listed in altNames, or set --servername (ssl.expectedHostName) to one of them'],
  6: ['certificate revoked', 'the server must get a new certificate'],
  7: ['insecure algorithm or key', 'the certificate uses a weak signature (SHA-1, MD5) or a short key: reissue it'],
  8: ['no TLS version or cipher in common', 'the server supports only old TLS versions or ciphers; upgrade the server (ssl.protocol can pin a version)'],
  9: ['STARTTLS refused or not offered', 'the server does not offer STARTTLS here: use its implicit-TLS port, or fix the server'],
  10: ['client certificate could not be loaded', 'check the file, its password and key (ssl.selectClientCert)'],
  11: ['trust store could not be loaded', 'check that the --ca file exists and holds PEM or DER certificates'],
  12: ['client certificate required or rejected', 'the server wants a client certificate it trusts (ssl.selectClientCert)'],
  13: ['server data arrived before the TLS handshake (plaintext injection)', 'something between you and the server injects data: do not trust this network path'],
};
const sslMeaning = (n) => (SSL_ERRORS[n] ? SSL_ERRORS[n][0] : 'unknown');
const CERT_ERRORS = new Set([2, 3, 4, 5, 6, 7]);

const PORTS = {
  25: ['smtp', 'plain'], 587: ['smtp', 'plain'], 465: ['smtp', 'tls'], 2525: ['smtp', 'plain'],
  143: ['imap', 'plain'], 993: ['imap', 'tls'], 110: ['pop3', 'plain'], 995: ['pop3', 'tls'],
};
const PROTOCOL_NAMES = { smtp: 'SMTP', imap: 'IMAP4', pop3: 'POP3' };

class UsageError extends Error {}

function loadMailhive() {
  try {
    return require('../node/lib/index.js'); // eslint-disable-line global-require
  } catch (e) {
    process.stderr.write(`mailhive: the native addon could not be loaded (${e.message}); run \`npm rebuild mailhive\`\n`);
    process.exit(1);
  }
  return null;
}

// "host", "host:port", "[v6]:port" -> { host, port }
function parseHostPort(s, defaultPort) {
  if (!s) throw new UsageError('a server (host[:port]) is required');
  let host = s; let port = defaultPort;
  const v6 = /^\[([^\]]+)\](?::(\d+))?$/.exec(s);
  if (v6) { host = v6[1]; if (v6[2]) port = Number(v6[2]); } else if (/^[^:]+:\d+$/.test(s)) {
    const i = s.lastIndexOf(':'); host = s.slice(0, i); port = Number(s.slice(i + 1));
  } else if (s.includes(':') && !net.isIPv6(s)) throw new UsageError(`not host:port: ${s}`);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new UsageError(`bad port in ${s}`);
  return { host, port };
}

function password(values) {
  if (!values['password-env']) return '';
  const v = process.env[values['password-env']];
  if (v === undefined) throw new UsageError(`environment variable ${values['password-env']} is not set`);
  return v;
}

function timeoutOf(values, dflt) {
  if (values.timeout === undefined) return dflt;
  const t = Number(values.timeout);
  if (!Number.isInteger(t) || t < 1) throw new UsageError('--timeout must be a whole number of seconds >= 1');
  return t;
}

function applyTrust(ssl, values) {
  if (values.ca) {
    if (!fs.existsSync(values.ca)) throw new UsageError(`--ca: no such file: ${values.ca}`);
    if (!ssl.selectServerCertStore(path.resolve(values.ca), 1)) {
      throw new UsageError(`--ca ${values.ca}: trust store could not be loaded (sslError ${ssl.sslError})`);
    }
  }
  if (values.servername) ssl.expectedHostName = values.servername;
}

const mb = (n) => `${(n / 1048576).toFixed(1)} MB`;

// A progress bar on stderr: redrawn in place on a terminal, one line per 10 % otherwise.
function progressBar(label) {
  const tty = process.stderr.isTTY;
  let lastStep = -1; let done = false;
  return {
    update(bytesDone, bytesTotal) {
      if (done || !(bytesTotal > 0)) return;
      const frac = Math.min(1, bytesDone / bytesTotal);
      const pct = Math.floor(frac * 100);
      if (tty) {
        const width = 30; const fill = Math.round(frac * width);
        process.stderr.write(`\r${label} [${'#'.repeat(fill)}${'.'.repeat(width - fill)}] ${String(pct).padStart(3)}% ${mb(bytesDone)}/${mb(bytesTotal)}`);
      } else {
        const step = Math.floor(pct / 10);
        if (step === lastStep) return;
        lastStep = step;
        process.stderr.write(`${label} ${pct}% ${mb(bytesDone)}/${mb(bytesTotal)}\n`);
      }
      if (bytesDone >= bytesTotal) this.finish();
    },
    finish() {
      if (done) return;
      done = true;
      if (tty && lastStep !== -2) process.stderr.write('\n');
    },
  };
}

function printFailure(m, what) {
  const out = [`${what} failed: errCode ${m.errCode}: ${m.errDesc}`];
  if (m.ssl.sslError) {
    out.push(`sslError ${m.ssl.sslError}: ${sslMeaning(m.ssl.sslError)} (sslSpecificError ${m.ssl.sslSpecificError})`);
    const hint = SSL_ERRORS[m.ssl.sslError] && SSL_ERRORS[m.ssl.sslError][1];
    if (hint) out.push(`what to do: ${hint}`);
    if (CERT_ERRORS.has(m.ssl.sslError)) out.push(`details: mailhive check ${m.serverName}:${m.portNumber}${m.ssl.expectedHostName ? ` --servername ${m.ssl.expectedHostName}` : ''}`);
  }
  if (m.serverResponse) out.push(`serverResponse: ${m.serverResponse.trimEnd().replace(/\r?\n/g, '\n                ')}`);
  process.stderr.write(`${out.join('\n')}\n`);
}

async function cmdSend(argv) {
  const { values } = parseArgs({
    args: argv,
    options: {
      server: { type: 'string' }, starttls: { type: 'boolean' }, tls: { type: 'boolean' }, plain: { type: 'boolean' },
      servername: { type: 'string' }, user: { type: 'string' }, 'password-env': { type: 'string' },
      ca: { type: 'string' }, insecure: { type: 'boolean' }, from: { type: 'string' }, to: { type: 'string', multiple: true },
      subject: { type: 'string' }, body: { type: 'string' }, attach: { type: 'string', multiple: true },
      timeout: { type: 'string' }, progress: { type: 'boolean' }, 'no-progress': { type: 'boolean' },
    },
    strict: true,
  });
  const modes = ['starttls', 'tls', 'plain'].filter((k) => values[k]);
  if (modes.length > 1) throw new UsageError(`--${modes.join(' and --')} exclude each other`);
  const { host, port } = parseHostPort(values.server, 25);
  if (!values.from) throw new UsageError('--from is required');
  if (!values.to || !values.to.length) throw new UsageError('--to is required');
  if (values['password-env'] && !values.user) throw new UsageError('--password-env needs --user');
  const attachments = values.attach || [];
  for (const f of attachments) if (!fs.existsSync(f)) throw new UsageError(`--attach: no such file: ${f}`);

  const { SMTP } = loadMailhive();
  const smtp = new SMTP();
  smtp.serverName = host;
  smtp.portNumber = port;
  smtp.timeout = timeoutOf(values, 30);
  smtp.ssl.autosetPortAndSsl = false; // the command line says exactly what to do
  const mode = modes[0] || (port === 465 ? 'tls' : 'starttls');
  smtp.ssl.enabled = mode !== 'plain';
  smtp.ssl.useStartTls = mode === 'starttls';
  if (values.insecure) {
    smtp.ssl.verifyServerCert = false;
    process.stderr.write('warning: --insecure: the server certificate is not verified\n');
  }
  applyTrust(smtp.ssl, values);
  if (values.user) { smtp.userName = values.user; smtp.password = password(values); }

  const msg = smtp.message;
  msg.fromAddr = values.from;
  msg.toAddr = values.to.join(', ');
  msg.subject = values.subject !== undefined ? values.subject : 'mailhive test message';
  msg.bodyText = values.body !== undefined ? values.body.replace(/\\n/g, '\n')
    : `This is a test message sent by \`mailhive send\` at ${new Date().toISOString()}.\n`;
  let total = 0;
  for (const f of attachments) { msg.addAttachment(path.resolve(f), path.basename(f)); total += fs.statSync(f).size; }

  // A progress bar for large attachments, when this version of the addon reports progress.
  const wantBar = values['no-progress'] ? false : values.progress || total >= 1048576;
  let bar = null;
  if (wantBar && 'onProgress' in smtp) {
    bar = progressBar('sending');
    smtp.onProgress = (bytesDone, bytesTotal) => bar.update(bytesDone, bytesTotal);
  } else if (wantBar) {
    process.stderr.write(`sending ${mb(total)} of attachments...\n`);
  }

  const ok = await smtp.send();
  if (bar) bar.finish();
  if (!ok) {
    printFailure(smtp, 'send');
    if (mode === 'starttls' && [5, 6].includes(smtp.errCode) && !smtp.serverResponse) {
      process.stderr.write('hint: no greeting came; if this port expects TLS from the first byte (like 465), add --tls\n');
    }
    await smtp.disconnect();
    return 1;
  }
  const how = smtp.ssl.negotiatedProtocol ? `${smtp.ssl.negotiatedProtocol} ${smtp.ssl.cipherSuite}${smtp.ssl.verifyServerCert ? ', certificate verified' : ', certificate NOT verified'}` : 'no TLS';
  process.stdout.write(`sent to ${msg.toAddr} via ${host}:${port} (${mode}, ${how})\n`);
  if (smtp.serverResponse) process.stdout.write(`server: ${smtp.serverResponse.trimEnd()}\n`);
  await smtp.disconnect();
  return 0;
}

// Reads the first line a server sends, over TLS (when `secure`) or plain TCP.
function readGreeting(host, port, secure, servername, seconds) {
  return new Promise((resolve) => {
    let data = '';
    let settled = false;
    const finish = (v) => { if (!settled) { settled = true; clearTimeout(timer); sock.destroy(); resolve(v); } };
    const opts = { host, port, rejectUnauthorized: false };
    if (secure && !net.isIP(servername || host)) opts.servername = servername || host;
    const sock = secure ? tls.connect(opts) : net.connect({ host, port });
    const timer = setTimeout(() => finish(data ? { ok: true, line: data } : { ok: false, why: 'timeout' }), seconds * 1000);
    sock.on('data', (d) => { data += d.toString('latin1'); if (data.includes('\n')) finish({ ok: true, line: data.split('\n')[0] }); });
    sock.on('error', (e) => finish({ ok: false, why: e.code || e.message }));
    sock.on('close', () => finish(data ? { ok: true, line: data } : { ok: false, why: 'closed' }));
  });
}

function protocolOfGreeting(line) {
  if (/^220[ -]/.test(line)) return 'smtp';
  if (/^\* (OK|PREAUTH)\b/i.test(line)) return 'imap';
  if (/^\+OK\b/.test(line)) return 'pop3';
  return null;
}

// Protocol and the likely TLS mode from the port, or from the greeting when the port says nothing.
async function detectProtocol(host, port, servername, seconds) {
  if (PORTS[port]) return { protocol: PORTS[port][0], how: `known by port ${port}` };
  const overTls = await readGreeting(host, port, true, servername, seconds);
  if (overTls.ok && protocolOfGreeting(overTls.line)) return { protocol: protocolOfGreeting(overTls.line), how: 'told by its greeting over TLS' };
  const plain = await readGreeting(host, port, false, servername, seconds);
  if (plain.ok && protocolOfGreeting(plain.line)) return { protocol: protocolOfGreeting(plain.line), how: 'told by its plain-text greeting' };
  if (!plain.ok && /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH/.test(plain.why)) {
    return { error: `cannot connect to ${host}:${port}: ${plain.why}` };
  }
  return { error: `cannot tell which protocol ${host}:${port} speaks; pass --protocol smtp|imap|pop3` };
}

function newMailer(lib, protocol, host, port, values, { startTls, verify }) {
  const Cls = { smtp: lib.SMTP, imap: lib.IMAP4, pop3: lib.POP3 }[protocol];
  const m = new Cls();
  m.serverName = host;
  m.portNumber = port;
  m.timeout = timeoutOf(values, 15);
  m.ssl.autosetPortAndSsl = false;
  m.ssl.enabled = true;
  m.ssl.useStartTls = startTls;
  m.ssl.verifyServerCert = verify;
  applyTrust(m.ssl, values);
  if (values.user) { m.userName = values.user; m.password = password(values); } else if (protocol === 'pop3') {
    // POP3 always logs in after the handshake; a placeholder login fails after TLS told us what we need.
    m.userName = 'mailhive-check';
  }
  return m;
}

// One connection attempt; returns what it learned about TLS.
async function probe(lib, protocol, host, port, values, opts) {
  const m = newMailer(lib, protocol, host, port, values, opts);
  const ok = await m.connect();
  const s = m.ssl;
  const chain = s.serverCertChain && s.serverCertChain.length ? s.serverCertChain : (s.serverCert ? [s.serverCert] : []);
  const r = {
    ok, errCode: m.errCode, errDesc: m.errDesc, serverResponse: m.serverResponse, sslError: s.sslError,
    sslSpecificError: s.sslSpecificError, negotiatedProtocol: s.negotiatedProtocol, cipherSuite: s.cipherSuite, chain,
  };
  // The handshake happened when TLS results exist or the certificate was judged.
  r.handshake = Boolean(s.negotiatedProtocol) || CERT_ERRORS.has(s.sslError) || chain.length > 0;
  try { await m.disconnect(); } catch (_) { /* the report is what matters */ }
  return r;
}

const day = 86400000;
function certLines(c, i) {
  const now = Date.now();
  const validTo = new Date(c.validTo); const validFrom = new Date(c.validFrom);
  let when;
  if (validTo.getTime() < now) when = `EXPIRED ${Math.floor((now - validTo) / day)} days ago`;
  else if (validFrom.getTime() > now) when = `NOT YET VALID (starts in ${Math.ceil((validFrom - now) / day)} days)`;
  else when = `expires in ${Math.floor((validTo - now) / day)} days`;
  const lines = [
    `  [${i}] subject:     ${c.subject}`,
    `      issuer:      ${c.issuer}${c.isSelfSigned ? ' (self-signed)' : ''}`,
    `      valid:       ${validFrom.toISOString()} .. ${validTo.toISOString()} (${when})`,
    `      sha256:      ${c.fingerprintSha256}`,
    `      altNames:    ${c.altNames && c.altNames.length ? c.altNames.join(', ') : '(none)'}`,
    `      key:         ${c.publicKeyAlgorithm} ${c.publicKeyBits} bits, serial ${c.serialNumber}`,
  ];
  if (c.verifyErrors && c.verifyErrors.length) lines.push(`      verifyErrors: ${c.verifyErrors.join(', ')}`);
  return lines;
}

function certJson(c) {
  return {
    subject: c.subject, issuer: c.issuer, validFrom: new Date(c.validFrom).toISOString(), validTo: new Date(c.validTo).toISOString(),
    fingerprintSha256: c.fingerprintSha256, altNames: c.altNames, isSelfSigned: c.isSelfSigned,
    publicKeyAlgorithm: c.publicKeyAlgorithm, publicKeyBits: c.publicKeyBits, verifyErrors: c.verifyErrors,
  };
}

async function cmdCheck(argv) {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      ca: { type: 'string' }, servername: { type: 'string' }, protocol: { type: 'string' }, timeout: { type: 'string' },
      user: { type: 'string' }, 'password-env': { type: 'string' }, json: { type: 'boolean' },
    },
    allowPositionals: true,
    strict: true,
  });
  if (positionals.length !== 1) throw new UsageError('check needs exactly one host:port');
  const { host, port } = parseHostPort(positionals[0], 25);
  if (values.protocol && !PROTOCOL_NAMES[values.protocol]) throw new UsageError('--protocol must be smtp, imap or pop3');
  const seconds = timeoutOf(values, 15);
  const lib = loadMailhive();

  let protocol = values.protocol; let detectedBy = 'as given by --protocol';
  if (!protocol) {
    const d = await detectProtocol(host, port, values.servername, Math.min(seconds, 5));
    if (d.error) { process.stderr.write(`${d.error}\n`); return 1; }
    protocol = d.protocol; detectedBy = d.how;
  }

  // 1. Implicit TLS with verification; 2. on a handshake failure that is not about the certificate,
  // plain text + STARTTLS (which mailhive never downgrades).
  let mode = 'tls';
  let r = await probe(lib, protocol, host, port, values, { startTls: false, verify: true });
  const unreachable = [3, 4].includes(r.errCode);
  if (!r.handshake && !unreachable) {
    mode = 'starttls';
    r = await probe(lib, protocol, host, port, values, { startTls: true, verify: true });
  }
  const tlsOffered = r.handshake;
  const verified = tlsOffered && !CERT_ERRORS.has(r.sslError) && r.sslError === 0;
  // A rejected certificate stops the handshake before protocol and cipher are known: ask again without verifying.
  let unverified = null;
  if (tlsOffered && !r.negotiatedProtocol) {
    unverified = await probe(lib, protocol, host, port, values, { startTls: mode === 'starttls', verify: false });
  }
  const negotiatedProtocol = r.negotiatedProtocol || (unverified && unverified.negotiatedProtocol) || '';
  const cipherSuite = r.cipherSuite || (unverified && unverified.cipherSuite) || '';
  const chain = r.chain.length ? r.chain : (unverified ? unverified.chain : []);
  const expected = values.servername || host;

  const report = {
    server: `${host}:${port}`, protocol: PROTOCOL_NAMES[protocol], detectedBy,
    tls: tlsOffered ? (mode === 'tls' ? 'implicit' : 'starttls') : 'none',
    negotiatedProtocol, cipherSuite, expectedHostName: expected,
    verified, sslError: r.sslError, sslErrorMeaning: sslMeaning(r.sslError), sslSpecificError: r.sslSpecificError,
    errCode: r.errCode, errDesc: r.errDesc, chain: chain.map(certJson),
  };
  if (values.json) {
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    return verified ? 0 : 1;
  }

  const out = [`mailhive check ${host}:${port}: ${PROTOCOL_NAMES[protocol]} (${detectedBy})`];
  if (unreachable) {
    out.push(`cannot connect: errCode ${r.errCode}: ${r.errDesc}`);
    process.stdout.write(`${out.join('\n')}\n`);
    return 1;
  }
  if (!tlsOffered) {
    out.push('TLS:          none: no implicit TLS on this port and no STARTTLS offered');
    out.push(`last attempt: errCode ${r.errCode}: ${r.errDesc}${r.sslError ? ` (sslError ${r.sslError}: ${sslMeaning(r.sslError)})` : ''}`);
    if (r.serverResponse) out.push(`server said:  ${r.serverResponse.trimEnd().split(/\r?\n/).join(' | ')}`);
    process.stdout.write(`${out.join('\n')}\n`);
    return 1;
  }
  out.push(mode === 'tls' ? 'TLS:          implicit TLS (TLS from the first byte)'
    : 'TLS:          STARTTLS (plain-text connect, then upgrade; no implicit TLS on this port)');
  out.push(`protocol:     ${negotiatedProtocol || '(unknown)'}`);
  out.push(`cipher:       ${cipherSuite || '(unknown)'}`);
  out.push(`certificate chain (${chain.length}, as the server sent it, leaf first):`);
  chain.forEach((c, i) => out.push(...certLines(c, i)));
  if (verified) {
    out.push(`verification: passed (chain trusted${values.ca ? ` by ${values.ca}` : ' by the system roots'}, in date, host name ${expected} matches)`);
  } else {
    out.push(`verification: FAILED: sslError ${r.sslError}: ${sslMeaning(r.sslError)}`);
    const leaf = chain[0];
    if (leaf && leaf.verifyErrors && leaf.verifyErrors.length) out.push(`              verifyErrors: ${leaf.verifyErrors.join(', ')}`);
    if (r.sslError === 2 && !values.ca) out.push('              the chain is not trusted by the system roots');
    if (r.sslError === 5) out.push(`              checked name: ${expected}`);
    const hint = SSL_ERRORS[r.sslError] && SSL_ERRORS[r.sslError][1];
    if (hint) out.push(`what to do:   ${hint}`);
  }
  process.stdout.write(`${out.join('\n')}\n`);
  return verified ? 0 : 1;
}

async function main(argv) {
  const [cmd, ...rest] = argv;
  if (!cmd || cmd === '--help' || cmd === '-h' || cmd === 'help') { process.stdout.write(`${USAGE}\n`); return cmd ? 0 : 2; }
  if (cmd === '--version' || cmd === '-v') {
    const pkg = require('../package.json'); // eslint-disable-line global-require
    process.stdout.write(`mailhive ${pkg.version} (GnuTLS ${loadMailhive().gnutlsVersion})\n`);
    return 0;
  }
  try {
    if (cmd === 'send') return await cmdSend(rest);
    if (cmd === 'check') return await cmdCheck(rest);
    throw new UsageError(`unknown command: ${cmd}`);
  } catch (e) {
    if (e instanceof UsageError || (e && typeof e.code === 'string' && e.code.startsWith('ERR_PARSE_ARGS'))) {
      process.stderr.write(`mailhive: ${e.message}\n\n${USAGE}\n`);
      return 2;
    }
    if (e instanceof TypeError || e instanceof RangeError) { // a bad value (CR/LF in an address ...)
      process.stderr.write(`mailhive: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}

main(process.argv.slice(2)).then((code) => { process.exitCode = code; }, (e) => {
  process.stderr.write(`mailhive: ${e && e.stack ? e.stack : e}\n`);
  process.exitCode = 1;
});
