'use strict';
// mailhive contact form (Node, node:http only): GET / shows the form, POST / sends it through SMTP
// (STARTTLS, verified certificate).
//
//   SMTP_CA_FILE=/tmp/mailhive-test/certs/ca.pem node examples/contact-node/server.js   # port 8080
//
// The recipient and the From address are fixed on the server (config below); the visitor's address
// is only used as Reply-To. Every failure ends in a clean HTML page: no stack trace, no server reply.
const http = require('node:http');

let mailhive;
try {
  mailhive = require('mailhive'); // eslint-disable-line global-require
} catch {
  mailhive = require('../../node/lib'); // eslint-disable-line global-require
}
const { SMTP } = mailhive;

const env = (name, def = '') => (process.env[name] ? process.env[name] : def);

const config = {
  listenHost: env('HOST', '127.0.0.1'),
  listenPort: Number(env('PORT', '8080')),
  host: env('SMTP_HOST', 'localhost'),
  port: Number(env('SMTP_PORT', '10025')),
  user: env('SMTP_USER'),
  password: env('SMTP_PASSWORD'),
  // PEM file with the CA that signed the server's certificate; '' = the system trust store.
  caFile: env('SMTP_CA_FILE'),
  timeout: Number(env('SMTP_TIMEOUT', '20')),
  // Fixed on the server: the visitor never chooses the sender or a recipient.
  from: env('CONTACT_FROM', 'Contact form <contact-form@localhost>'),
  to: env('CONTACT_TO', 'test@localhost'),
  subjectPrefix: env('CONTACT_SUBJECT_PREFIX', '[Contact] '),
};

const MAX_MESSAGE_BYTES = 1000000; // the message field: 1 MB
const MAX_REQUEST_BYTES = 4 * 1024 * 1024; // the whole urlencoded body (percent-encoding triples bytes)
const MAX_DRAIN_BYTES = 64 * 1024 * 1024; // read (and drop) at most this much of a refused body
const MAX_NAME_CHARS = 200;
const MAX_SUBJECT_CHARS = 200;
const MAX_EMAIL_CHARS = 254;
// The same rule as the browser's <input type=email> (WHATWG HTML): one address, no display name, no list.
const EMAIL_PATTERN = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;
const TOO_LARGE = 'Your message is too large (the limit is 1 MB).';

class FormError extends Error {
  constructor(message, status = 400) {
    super(message);
    this.status = status;
  }
}

const h = (s) => String(s).replace(/[&<>"']/g, (c) => ({
  '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;',
}[c]));

const STYLE = `body { font-family: system-ui, sans-serif; max-width: 40rem; margin: 2rem auto; padding: 0 1rem; color: #222; }
label { display: block; margin-top: 1rem; font-weight: 600; }
input, textarea { width: 100%; box-sizing: border-box; padding: .4rem; font: inherit; }
textarea { min-height: 10rem; }
button { margin-top: 1rem; padding: .5rem 1.5rem; font: inherit; }
.ok { border-left: 4px solid #2a7; padding: .5rem 1rem; background: #efe; }
.error { border-left: 4px solid #c33; padding: .5rem 1rem; background: #fee; }`;

function page(res, status, title, bodyHtml, extraHeaders = {}) {
  const html = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${h(title)}</title>
<style>
${STYLE}
</style>
</head>
<body>
${bodyHtml}
</body>
</html>
`;
  res.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Length': Buffer.byteLength(html),
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'no-referrer',
    'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
    'Cache-Control': 'no-store',
    ...extraHeaders,
  });
  res.end(html);
}

function formHtml() {
  return `<h1>Contact us</h1>
<form id="contact" method="post" action="" accept-charset="utf-8">
  <label for="name">Your name</label>
  <input id="name" name="name" type="text" required maxlength="${MAX_NAME_CHARS}" autocomplete="name" value="">
  <label for="email">Your email address</label>
  <input id="email" name="email" type="email" required maxlength="${MAX_EMAIL_CHARS}" autocomplete="email" value="">
  <label for="subject">Subject</label>
  <input id="subject" name="subject" type="text" required maxlength="${MAX_SUBJECT_CHARS}" value="">
  <label for="message">Message</label>
  <textarea id="message" name="message" required></textarea>
  <button id="send" type="submit">Send</button>
</form>`;
}

function errorPage(res, err) {
  // A refused upload may still be arriving: close the connection after this answer.
  const extra = err.status === 413 ? { Connection: 'close' } : {};
  page(res, err.status, 'Message not sent', `<h1>Message not sent</h1>
<p class="error" id="error" role="alert">${h(err.message)}</p>
<p><a href="./">Back to the form</a></p>`, extra);
}

/**
 * Reads an application/x-www-form-urlencoded body of at most `limit` bytes. A larger body is read to
 * its end (up to MAX_DRAIN_BYTES, so that the browser gets to see the answer) but not kept, then
 * rejected with a 413 FormError.
 */
function readBody(req, limit) {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] || 0);
    if (declared > MAX_DRAIN_BYTES) {
      reject(new FormError(TOO_LARGE, 413));
      return;
    }
    const chunks = [];
    let size = 0;
    let tooLarge = declared > limit;
    req.on('data', (chunk) => {
      size += chunk.length;
      if (size > MAX_DRAIN_BYTES) {
        req.destroy();
        return;
      }
      if (size > limit) tooLarge = true;
      if (!tooLarge) chunks.push(chunk);
    });
    req.on('end', () => {
      if (tooLarge) reject(new FormError(TOO_LARGE, 413));
      else resolve(Buffer.concat(chunks, size));
    });
    req.on('error', reject);
    req.on('close', () => { if (size > MAX_DRAIN_BYTES) reject(new FormError(TOO_LARGE, 413)); });
  });
}

const FIELDS = ['name', 'email', 'subject', 'message'];
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Decodes one urlencoded component ('+' is a space, %XX a byte) as strict UTF-8; null when invalid. */
function decodeComponent(raw) {
  const bytes = [];
  const s = raw.replace(/\+/g, ' ');
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x25 && /^[0-9A-Fa-f]{2}$/.test(s.slice(i + 1, i + 3))) {
      bytes.push(parseInt(s.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (c < 0x80) {
      bytes.push(c);
    } else {
      return null; // urlencoded data is ASCII
    }
  }
  try {
    return utf8.decode(Uint8Array.from(bytes));
  } catch {
    return null;
  }
}

/** Parses application/x-www-form-urlencoded: a field given twice or not valid UTF-8 is an error. */
function parseForm(buf) {
  const fields = new Map();
  const text = buf.toString('latin1');
  for (const pair of text.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const key = decodeComponent(eq < 0 ? pair : pair.slice(0, eq));
    const value = decodeComponent(eq < 0 ? '' : pair.slice(eq + 1));
    if (!FIELDS.includes(key)) continue; // unknown (or undecodable) names are ignored
    if (value === null) throw new FormError(`The ${key} field is not valid UTF-8 text.`);
    if (fields.has(key)) throw new FormError(`The ${key} field is invalid.`);
    fields.set(key, value);
  }
  const out = {};
  for (const key of FIELDS) out[key] = fields.get(key) ?? '';
  return out;
}

const chars = (s) => [...s].length;

/** Assign a single-line value to the message; the addon throws TypeError for CR, LF or NUL. */
function setLine(msg, prop, value, label) {
  try {
    msg[prop] = value;
  } catch (e) {
    if (e instanceof TypeError || e instanceof RangeError) {
      throw new FormError(`Please remove line breaks from the ${label} field.`);
    }
    throw e;
  }
}

async function handlePost(req, res) {
  let name;
  try {
    const buf = await readBody(req, MAX_REQUEST_BYTES);
    const values = parseForm(buf);
    name = values.name.replace(/^[ \t]+|[ \t]+$/g, '');
    const email = values.email.replace(/^[ \t]+|[ \t]+$/g, '');
    const subject = values.subject.replace(/^[ \t]+|[ \t]+$/g, '');
    const body = values.message.replace(/\r\n?/g, '\n').replace(/\0/g, '');

    if (Buffer.byteLength(body) > MAX_MESSAGE_BYTES) throw new FormError(TOO_LARGE, 413);

    const smtp = new SMTP();
    const msg = smtp.message;
    // Line breaks first: the addon refuses them in every header value (TypeError).
    setLine(msg, 'replyToAddr', email, 'email');
    setLine(msg, 'subject', config.subjectPrefix + subject, 'subject');
    // One Reply-To: the visitor's name as a quoted display name, then the one address.
    setLine(msg, 'replyToAddr', `"${name.replace(/["\\]/g, '\\$&')}" <${email}>`, 'name');

    if (!name || !email || !subject || !body.trim()) {
      throw new FormError('Please fill in your name, email address, subject and message.');
    }
    if (chars(name) > MAX_NAME_CHARS) throw new FormError(`Your name is too long (at most ${MAX_NAME_CHARS} characters).`);
    if (chars(subject) > MAX_SUBJECT_CHARS) throw new FormError(`The subject is too long (at most ${MAX_SUBJECT_CHARS} characters).`);
    if (email.length > MAX_EMAIL_CHARS || !EMAIL_PATTERN.test(email)) {
      throw new FormError('Please enter one valid email address, such as name@example.com.');
    }
    if (/[\x00-\x08\x0B\x0C\x0E-\x1F\x7F]/.test(name + subject)) { // eslint-disable-line no-control-regex
      throw new FormError('Please remove control characters from the name and subject fields.');
    }

    // Server-side settings only: the visitor never chooses a recipient or the sender.
    smtp.serverName = config.host;
    smtp.portNumber = config.port;
    smtp.timeout = config.timeout;
    smtp.ssl.enabled = true;
    smtp.ssl.useStartTls = true;
    smtp.ssl.verifyServerCert = true;
    if (config.caFile && !smtp.ssl.selectServerCertStore(config.caFile, 1)) {
      console.error(`contact form: cannot load CA file ${config.caFile}`);
    }
    if (config.user) {
      smtp.userName = config.user;
      smtp.password = config.password;
    }
    msg.fromAddr = config.from;
    msg.toAddr = config.to;
    msg.bodyText = `Name: ${name}\nEmail: ${email}\nSubject: ${subject}\n\n${body}\n`;

    if (!(await smtp.send())) {
      const detail = String(smtp.serverResponse || smtp.errDesc || '').replace(/[\r\n]+/g, ' ');
      console.error(`contact form: send failed: errCode ${smtp.errCode}, sslError ${smtp.ssl.sslError}: ${detail}`);
      throw new FormError(`Sorry, your message could not be sent (errCode ${smtp.errCode}). Please try again later.`, 502);
    }
    await smtp.disconnect();
  } catch (e) {
    if (e instanceof FormError) {
      errorPage(res, e);
    } else {
      console.error(`contact form: ${e && e.stack ? e.stack : e}`);
      errorPage(res, new FormError('Sorry, something went wrong. Your message was not sent.', 500));
    }
    return;
  }
  page(res, 200, 'Message sent', `<h1>Thank you</h1>
<p class="ok" id="success" role="status">Thank you, ${h(name)}. Your message has been sent.</p>
<p><a href="./">Send another message</a></p>`);
}

function handler(req, res) {
  const url = new URL(req.url, 'http://localhost');
  if (url.pathname !== '/' && url.pathname !== '/index.html') {
    req.resume();
    page(res, 404, 'Not found', '<h1>Not found</h1><p><a href="/">Contact form</a></p>');
    return;
  }
  if (req.method === 'POST') {
    const type = String(req.headers['content-type'] || '').split(';')[0].trim().toLowerCase();
    if (type !== 'application/x-www-form-urlencoded') {
      req.resume();
      errorPage(res, new FormError('Please send the form from the contact page.', 415));
      return;
    }
    handlePost(req, res).catch((e) => {
      console.error(`contact form: ${e && e.stack ? e.stack : e}`);
      if (!res.headersSent) errorPage(res, new FormError('Sorry, something went wrong. Your message was not sent.', 500));
    });
    return;
  }
  if (req.method === 'GET' || req.method === 'HEAD') {
    page(res, 200, 'Contact us', formHtml());
    return;
  }
  req.resume();
  page(res, 405, 'Method not allowed', '<h1>Method not allowed</h1>', { Allow: 'GET, HEAD, POST' });
}

function createServer() {
  const server = http.createServer(handler);
  server.requestTimeout = 60000;
  server.headersTimeout = 20000;
  return server;
}

module.exports = { createServer, config };

if (require.main === module) {
  const server = createServer();
  server.listen(config.listenPort, config.listenHost, () => {
    const a = server.address();
    console.log(`contact form on http://${a.address}:${a.port}/`);
  });
}
