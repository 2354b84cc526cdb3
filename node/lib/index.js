'use strict';
// mailhive for Node.js: the object model of API.md over the native engine. This file only keeps
// property values, orders calls per mailer and maps results to properties and errors.
const path = require('path');
const { isUtf8 } = require('buffer');

const native = require(path.join(__dirname, '..', '..', 'build', 'Release', 'mailhive.node'));

class MailError extends Error {
  constructor(r) {
    super(r.errDesc || `mailhive error ${r.errCode}`);
    this.name = 'MailError';
    this.errCode = r.errCode;
    this.errDesc = r.errDesc || '';
    this.sslError = r.sslError || 0;
    this.serverResponse = r.serverResponse || '';
  }
}

const PRIVATE = Symbol('mailhive.private');

// A property whose value is one line: CR, LF or NUL throws TypeError at once.
function lineProp(cls, name, label) {
  Object.defineProperty(cls.prototype, name, {
    get() { return this[PRIVATE][name]; },
    set(v) {
      const s = v == null ? '' : String(v);
      native.checkSingleLine(s, label || name);
      this[PRIVATE][name] = s;
    },
    enumerable: true,
  });
}
function textProp(cls, name) {
  Object.defineProperty(cls.prototype, name, {
    get() { return this[PRIVATE][name]; },
    set(v) { this[PRIVATE][name] = v == null ? '' : String(v); },
    enumerable: true,
  });
}
function intProp(cls, name, { min = -2147483648, max = 2147483647 } = {}) {
  Object.defineProperty(cls.prototype, name, {
    get() { return this[PRIVATE][name]; },
    set(v) {
      const n = Number(v);
      if (!Number.isInteger(n)) throw new TypeError(`${name} must be an integer`);
      if (n < min || n > max) throw new RangeError(`${name} must be between ${min} and ${max}`);
      this[PRIVATE][name] = n;
    },
    enumerable: true,
  });
}
function boolProp(cls, name) {
  Object.defineProperty(cls.prototype, name, {
    get() { return this[PRIVATE][name]; },
    set(v) { this[PRIVATE][name] = Boolean(v); },
    enumerable: true,
  });
}
function readOnly(cls, name) {
  Object.defineProperty(cls.prototype, name, { get() { return this[PRIVATE][name]; }, enumerable: true });
}

class Certificate {
  constructor(c) {
    if (c == null || typeof c !== 'object') throw new TypeError('Certificate objects come from ssl.serverCert / ssl.clientCert');
    Object.assign(this, c);
    Object.freeze(this);
  }
}
const toCert = (c) => (c ? new Certificate(c) : null);

class Attachment {
  constructor(info, data, filePath) {
    this.filename = info.filename;
    this.contentType = info.contentType;
    this.contentId = info.contentId || '';
    this.size = info.size;
    Object.defineProperty(this, '_data', { value: data, enumerable: false });
    Object.defineProperty(this, '_path', { value: filePath || '', enumerable: false });
  }
  getData() {
    if (this._data) return Buffer.from(this._data);
    return require('fs').readFileSync(this._path);
  }
  saveFile(p) {
    require('fs').writeFileSync(p, this.getData());
    return true;
  }
}

class Message {
  constructor() {
    this[PRIVATE] = {
      fromAddr: '', toAddr: '', ccAddr: '', bccAddr: '', replyToAddr: '', subject: '', bodyText: '',
      bodyFormat: 0, altBodyText: '', charset: 'utf-8', date: '', messageId: '', priority: 0,
    };
    Object.defineProperty(this, '_headers', { value: [], writable: true });
    Object.defineProperty(this, '_attachments', { value: [], writable: true });
    // Set only for a parsed message: its headers, original bytes and a fingerprint of its fields.
    Object.defineProperty(this, '_parsed', { value: { headers: [], raw: null, fingerprint: '0' }, writable: true });
  }
  static _fromParsed(o) {
    const m = new Message();
    m._load(o);
    return m;
  }
  static _fromRaw(raw) {
    const m = new Message();
    m._load(native.parseMessage(raw));
    return m;
  }
  _load(o) {
    for (const k of Object.keys(this[PRIVATE])) if (o[k] !== undefined) this[PRIVATE][k] = o[k];
    this._headers = o._headers;
    this._attachments = o._attachments.map((a) => new Attachment(a, a._path ? null : a._data, a._path));
    this._parsed = { headers: o._parsedHeaders, raw: o._raw, fingerprint: o._rawFingerprint };
  }
  set rawBody(text) {
    const raw = Buffer.isBuffer(text) ? text : Buffer.from(String(text), 'utf8');
    this._load(native.parseMessage(raw));
  }
  importFromFile(p) {
    native.checkSingleLine(String(p), 'path');
    this._load(native.importFromFile(String(p)));
    return true;
  }
  get attachments() { return this._attachments.slice(); }
  addAttachment(filePath, name = '', contentId = '', contentType = '') {
    const info = native.probeAttachment(String(filePath), String(name), String(contentId), String(contentType));
    this._attachments.push(new Attachment(info, null, String(filePath)));
    return true;
  }
  addAttachmentData(data, name, contentType = '') {
    const buf = Buffer.isBuffer(data) ? Buffer.from(data) : Buffer.from(String(data), 'utf8');
    const info = native.probeAttachmentData(String(name ?? ''), String(contentType));
    this._attachments.push(new Attachment({ ...info, contentId: '', size: buf.length }, buf, ''));
    return true;
  }
  setHeader(name, value) {
    name = String(name); value = value == null ? '' : String(value);
    native.checkHeader(name, value);
    const i = this._headers.findIndex(([n]) => n.toLowerCase() === name.toLowerCase());
    if (value === '') {
      if (i >= 0) this._headers.splice(i, 1);
      this._parsed.headers = this._parsed.headers.filter(([n]) => n.toLowerCase() !== name.toLowerCase());
      return;
    }
    if (i >= 0) this._headers[i] = [name, value]; else this._headers.push([name, value]);
  }
  getHeader(name) {
    const key = String(name).toLowerCase();
    const builtIn = { from: 'fromAddr', to: 'toAddr', cc: 'ccAddr', 'reply-to': 'replyToAddr', subject: 'subject', date: 'date', 'message-id': 'messageId' };
    if (builtIn[key]) return this[builtIn[key]];
    const h = this._headers.find(([n]) => n.toLowerCase() === key) || this._parsed.headers.find(([n]) => n.toLowerCase() === key);
    return h ? h[1] : '';
  }
  // The message text; a parsed 8-bit message that is not UTF-8 comes back as latin1 characters, so
  // Buffer.from(rawBody, 'latin1') gives its exact bytes (rawBytes does that directly).
  get rawBody() {
    const b = native.buildMessage(this._plain());
    return isUtf8(b) ? b.toString('utf8') : b.toString('latin1');
  }
  get rawBytes() { return native.buildMessage(this._plain()); }
  saveMessage(p) { return native.saveMessage(this._plain(), String(p)); }
  _plain() {
    return { ...this[PRIVATE], _headers: this._headers, _parsedHeaders: this._parsed.headers,
      _raw: this._parsed.raw, _rawFingerprint: this._parsed.fingerprint, _attachments: this._attachments.map((a) => ({
      filename: a.filename, contentType: a.contentType, contentId: a.contentId, size: a.size, _path: a._path, _data: a._data })) };
  }
}
Message.FORMAT_TEXT = 0;
Message.FORMAT_HTML = 1;
for (const n of ['fromAddr', 'toAddr', 'ccAddr', 'bccAddr', 'replyToAddr', 'subject', 'charset', 'date', 'messageId']) lineProp(Message, n);
for (const n of ['bodyText', 'altBodyText']) textProp(Message, n);
intProp(Message, 'bodyFormat', { min: 0, max: 1 });
intProp(Message, 'priority', { min: 0, max: 5 });

class SSL {
  constructor(token) {
    if (token !== PRIVATE) throw new TypeError('SSL objects are created by their mailer: use mailer.ssl');
    this[PRIVATE] = {
      enabled: false, useStartTls: false, autosetPortAndSsl: true, protocol: 0, verifyServerCert: true,
      expectedHostName: '', pinSha256: '', serverCert: null, serverCertChain: [], clientCert: null, sslError: 0,
      sslSpecificError: 0,
      negotiatedProtocol: '', cipherSuite: '',
    };
    Object.defineProperty(this, '_store', { value: { _storeType: 0, _storePath: 'ROOT', _storeOptions: 0 }, writable: true });
    Object.defineProperty(this, '_client', { value: { _clientCertPath: '', _clientCertPassword: '', _clientKeyPath: '' }, writable: true });
  }
  selectServerCertStore(storePath, storeType, options = 0) {
    storeType = Number(storeType); options = Number(options);
    if (storeType !== 0 && storeType !== 1) throw new RangeError('storeType must be 0 (system) or 1 (file or directory)');
    native.checkSingleLine(String(storePath), 'path');
    const store = { _storeType: storeType, _storePath: storeType === 0 ? 'ROOT' : String(storePath), _storeOptions: options };
    const r = native.loadCredentials({ ...store, ...this._client });
    this[PRIVATE].sslError = r.sslError;
    this[PRIVATE].sslSpecificError = r.sslSpecificError || 0;
    if (r.ok) this._store = store;
    return r.ok;
  }
  selectClientCert(certPath, password = '', keyPath = '') {
    native.checkSingleLine(String(certPath), 'path');
    const client = { _clientCertPath: String(certPath), _clientCertPassword: String(password ?? ''), _clientKeyPath: String(keyPath ?? '') };
    const r = native.loadCredentials({ ...this._store, ...client });
    this[PRIVATE].sslError = r.sslError;
    this[PRIVATE].sslSpecificError = r.sslSpecificError || 0;
    if (!r.ok) return false;
    this._client = client;
    this[PRIVATE].clientCert = toCert(r.clientCert);
    return true;
  }
  _plain() {
    const p = this[PRIVATE];
    return { enabled: p.enabled, useStartTls: p.useStartTls, autosetPortAndSsl: p.autosetPortAndSsl, protocol: p.protocol,
      verifyServerCert: p.verifyServerCert, expectedHostName: p.expectedHostName, pinSha256: p.pinSha256, ...this._store, ...this._client };
  }
  // The password of a client certificate never shows in console.log / util.inspect.
  [Symbol.for('nodejs.util.inspect.custom')]() {
    const p = this[PRIVATE];
    return { enabled: p.enabled, useStartTls: p.useStartTls, protocol: p.protocol, verifyServerCert: p.verifyServerCert,
      sslError: p.sslError, negotiatedProtocol: p.negotiatedProtocol, cipherSuite: p.cipherSuite,
      serverCert: p.serverCert && p.serverCert.subject };
  }
}
SSL.PROTOCOL_AUTO = 0; SSL.PROTOCOL_TLS10 = 1; SSL.PROTOCOL_TLS11 = 2; SSL.PROTOCOL_TLS12 = 3; SSL.PROTOCOL_TLS13 = 4;
for (const n of ['enabled', 'useStartTls', 'autosetPortAndSsl', 'verifyServerCert']) boolProp(SSL, n);
intProp(SSL, 'protocol', { min: 0, max: 4 });
lineProp(SSL, 'expectedHostName', 'ssl.expectedHostName');
lineProp(SSL, 'pinSha256', 'ssl.pinSha256');
for (const n of ['serverCert', 'clientCert', 'sslError', 'sslSpecificError', 'negotiatedProtocol', 'cipherSuite']) readOnly(SSL, n);
Object.defineProperty(SSL.prototype, 'serverCertChain', { get() { return this[PRIVATE].serverCertChain.slice(); }, enumerable: true });

// When many calls finish at the same moment (hundreds of mailers), their continuations would all run
// in one turn of the event loop. Each settles in a slice of at most SLICE_MS of such work per turn;
// past that, it waits for the next turn (setImmediate), so timers and I/O keep their pace.
const SLICE_MS = 2;
let sliceStart = 0;
let sliceArmed = false;
function overSlice() {
  const now = performance.now();
  if (!sliceArmed) {
    sliceArmed = true;
    sliceStart = now;
    setImmediate(() => { sliceArmed = false; });
    return false;
  }
  return now - sliceStart > SLICE_MS;
}
async function nextSlice() {
  while (overSlice()) await new Promise((resolve) => setImmediate(resolve));
}

// At most this many queued calls go to the engine as one batch (bounds the work done at once on the
// JS thread to convert them).
const BATCH_MAX = 100;

const ABORTED = { errCode: 102, errDesc: 'cancelled by abort()', sslError: 0, serverResponse: '' };

// What SMTP, POP3 and IMAP4 share: connection settings, the error model, one queue per mailer.
class Mailer {
  constructor(NativeClass, defaults) {
    this[PRIVATE] = {
      serverName: '', userName: '', password: '', authMethod: 1, timeout: 30, deadline: 0,
      enableLogging: false, logFilePath: '', throwExceptions: false, licenseKey: '',
      isError: false, errCode: 0, errDesc: '', serverResponse: '', clientRequest: '', connected: false,
      ssl: new SSL(PRIVATE), ...defaults,
    };
    Object.defineProperty(this, '_native', { value: new NativeClass() });
    Object.defineProperty(this, '_tail', { value: Promise.resolve(), writable: true });
    Object.defineProperty(this, '_pending', { value: 0, writable: true });
    Object.defineProperty(this, '_batch', { value: null, writable: true });
    Object.defineProperty(this, '_abortGeneration', { value: 0, writable: true });
    // (bytesDone, bytesTotal) => {} during send() and message downloads; null = no reports.
    this.onProgress = null;
  }
  get ssl() { return this[PRIVATE].ssl; }
  get busy() { return this._pending > 0; }
  abort() {
    this._abortGeneration++;
    this._native.abort();
  }
  _settings() {
    const p = this[PRIVATE];
    return { serverName: p.serverName, portNumber: p.portNumber, userName: p.userName, password: p.password,
      authMethod: p.authMethod, domain: p.domain, timeout: p.timeout, deadline: p.deadline,
      allowRefusedRecipients: p.allowRefusedRecipients, enableLogging: p.enableLogging, logFilePath: p.logFilePath,
      ssl: p.ssl._plain() };
  }
  // Runs `call` after the calls queued before it. `failed` is what a failed call resolves to.
  _enqueue(call, { failed = false, map = (v) => v } = {}) {
    const generation = this._abortGeneration;
    this._batch = null; // later calls must not overtake this one by joining an earlier batch
    this._pending++;
    const run = async () => {
      let r;
      try {
        // A call queued before abort() is cancelled without touching the network.
        r = generation !== this._abortGeneration ? { ...ABORTED, connected: this[PRIVATE].connected } : await call(this._settings());
        await nextSlice();
      } finally {
        this._pending--;
      }
      this._finish(r);
      if (r.errCode !== 0) return failed;
      return r.value === undefined ? true : map(r.value);
    };
    const p = this._tail.then(run);
    this._tail = p.catch(() => {});
    return p;
  }
  // Like _enqueue for calls that the engine can pipeline (send(), retrieveSingleMessage()): calls of
  // the same kind queued back to back, before the first of them started, go to the engine as one
  // batch (`many(settings, args, onEach)`); each call keeps its own promise, result and errors, in
  // order. A call alone in its batch runs as `one(settings, arg)`, exactly as before.
  _enqueueBatched(kind, arg, { one, many, failed = false, map = (v) => v, mapMany = map }) {
    let b = this._batch;
    if (!b || b.kind !== kind || b.items.length >= BATCH_MAX) {
      b = { kind, items: [], one, many, mapMany };
      const p = this._tail.then(() => this._runBatch(b));
      this._tail = p.catch(() => {});
    }
    this._batch = b;
    this._pending++;
    return new Promise((resolve, reject) => {
      b.items.push({ arg, resolve, reject, failed, map, generation: this._abortGeneration });
    });
  }
  async _runBatch(b) {
    if (this._batch === b) this._batch = null; // started: later calls form the next batch
    const live = [];
    for (const it of b.items) {
      // A call queued before abort() is cancelled without touching the network.
      if (it.generation !== this._abortGeneration) this._settleItem(it, { ...ABORTED, connected: this[PRIVATE].connected });
      else live.push(it);
    }
    if (live.length === 0) return;
    const settings = this._settings();
    if (live.length > 1) {
      let reported = 0, allReported;
      const done = new Promise((resolve) => { allReported = resolve; });
      let call = null;
      try {
        call = b.many(settings, live.map((it) => it.arg), (i, r) => {
          this._settleItem(live[i], r, b.mapMany);
          if (++reported === live.length) allReported();
        });
      } catch {
        // An argument the engine refuses: run the calls one by one, so that only that call fails.
      }
      if (call) {
        await call;
        await done;
        return;
      }
    }
    for (const it of live) {
      let r;
      try {
        r = await b.one(settings, it.arg);
        await nextSlice();
      } catch (e) {
        this._pending--;
        it.reject(e);
        continue;
      }
      this._settleItem(it, r);
    }
  }
  // Never throws: a batch waits for every one of its calls to be settled.
  _settleItem(it, r, map = it.map) {
    this._pending--;
    try {
      this._finish(r);
      it.resolve(r.errCode !== 0 ? it.failed : r.value === undefined ? true : map(r.value));
    } catch (e) {
      it.reject(e);
    }
  }
  _finish(r) {
    const p = this[PRIVATE];
    p.isError = r.errCode !== 0;
    p.errCode = r.errCode;
    p.errDesc = r.errDesc;
    if (r.serverResponse !== undefined) p.serverResponse = r.serverResponse;
    if (r.clientRequest !== undefined) p.clientRequest = r.clientRequest;
    if (r.connected !== undefined) p.connected = r.connected;
    if (r.tls) {
      const s = p.ssl[PRIVATE];
      s.sslError = r.sslError;
      s.sslSpecificError = r.sslSpecificError;
      s.serverCert = toCert(r.tls.serverCert) || (r.errCode === 0 ? s.serverCert : null);
      s.serverCertChain = r.tls.chain && r.tls.chain.length ? r.tls.chain.map(toCert) : (s.serverCert ? [s.serverCert] : []);
      s.negotiatedProtocol = r.tls.negotiatedProtocol;
      s.cipherSuite = r.tls.cipherSuite;
    }
    this._absorb(r);
    if (r.errCode !== 0 && p.throwExceptions) throw new MailError(r);
  }
  _absorb() {}
  [Symbol.for('nodejs.util.inspect.custom')]() {
    const p = this[PRIVATE];
    return { serverName: p.serverName, portNumber: p.portNumber, userName: p.userName, password: p.password ? '****' : '',
      connected: p.connected, errCode: p.errCode, errDesc: p.errDesc, ssl: p.ssl };
  }
}
for (const n of ['serverName', 'userName', 'password', 'logFilePath', 'licenseKey']) lineProp(Mailer, n);
intProp(Mailer, 'portNumber', { min: 0, max: 65535 });
intProp(Mailer, 'timeout', { min: 0 });
intProp(Mailer, 'deadline', { min: 0 });
for (const n of ['enableLogging', 'throwExceptions']) boolProp(Mailer, n);
for (const n of ['isError', 'errCode', 'errDesc', 'serverResponse', 'clientRequest', 'connected']) readOnly(Mailer, n);

class SMTP extends Mailer {
  constructor() {
    super(native.NativeSmtp, { portNumber: 25, domain: '', allowRefusedRecipients: false, refusedRecipients: [],
      serverCapabilities: [], message: new Message() });
  }
  get message() { return this[PRIVATE].message; }
  set message(m) {
    if (!(m instanceof Message)) throw new TypeError('message must be a Message');
    this[PRIVATE].message = m;
  }
  get refusedRecipients() { return this[PRIVATE].refusedRecipients.slice(); }
  get serverCapabilities() { return this[PRIVATE].serverCapabilities.slice(); }
  connect() { return this._enqueue((s) => this._native.connect(s)); }
  send() {
    // The message is copied now: changes made while the call waits its turn do not leak into it.
    const msg = this.message._plain();
    const onProgress = this.onProgress;
    if (onProgress) return this._enqueue((s) => this._native.send(s, msg, onProgress));
    // Sends queued back to back are pipelined by the engine (see _enqueueBatched).
    return this._enqueueBatched('send', msg, {
      one: (s, m) => this._native.send(s, m, null),
      many: (s, msgs, onEach) => this._native.sendMany(s, msgs, onEach),
    });
  }
  disconnect() { return this._enqueue(() => this._native.disconnect()); }
  _absorb(r) {
    const p = this[PRIVATE];
    if (r.capabilities) p.serverCapabilities = r.capabilities;
    if (r.refusedRecipients) p.refusedRecipients = r.refusedRecipients;
  }
}
SMTP.AUTH_NONE = 0; SMTP.AUTH_AUTO = 1; SMTP.AUTH_LOGIN = 2; SMTP.AUTH_PLAIN = 3; SMTP.AUTH_CRAM_MD5 = 4; SMTP.AUTH_XOAUTH2 = 5;
lineProp(SMTP, 'domain');
intProp(SMTP, 'authMethod', { min: 0, max: 5 });
boolProp(SMTP, 'allowRefusedRecipients');
// Shortcuts to the message's fields, as in the classic component.
for (const n of ['fromAddr', 'toAddr', 'ccAddr', 'bccAddr', 'subject', 'bodyText', 'bodyFormat', 'charset']) {
  Object.defineProperty(SMTP.prototype, n, {
    get() { return this.message[n]; },
    set(v) { this.message[n] = v; },
    enumerable: true,
  });
}

const toMessage = (raw) => Message._fromRaw(raw);

// Bad arguments throw at once, before the call is queued behind others.
function checkIndex(i, what = 'message index') {
  if (typeof i !== 'number') throw new TypeError(`${what} must be a number`);
  if (!Number.isInteger(i) || i < 1 || i > 4294967295) throw new RangeError(`${what} must be an integer >= 1`);
  return i;
}
function checkLine(v, what) {
  const s = v == null ? '' : String(v);
  native.checkSingleLine(s, what);
  return s;
}

class POP3 extends Mailer {
  constructor() {
    super(native.NativePop3, { portNumber: 110, messageCount: 0, totalSize: 0, capabilities: [] });
  }
  get capabilities() { return this[PRIVATE].capabilities.slice(); }
  // Connects, upgrades with STLS when asked, logs in, and reads the mailbox size (STAT).
  connect() {
    return this._enqueue(async (s) => {
      const r = await this._native.connect(s);
      if (r.errCode !== 0) return r;
      // A result carries the TLS state only when it changed: the handshake's goes with the last one.
      const carry = (x) => (x.tls || !r.tls ? x : { ...x, tls: r.tls });
      const count = await this._native.messageCount();
      if (count.errCode !== 0) return carry(count);
      const size = await this._native.totalSize();
      if (size.errCode === 0) { this[PRIVATE].messageCount = count.value; this[PRIVATE].totalSize = size.value; }
      return { ...carry(size), value: undefined };
    });
  }
  disconnect() { return this._enqueue(() => this._native.disconnect()); }
  getMessageSize(i) { checkIndex(i); return this._enqueue(() => this._native.getMessageSize(i), { failed: null }); }
  getMessageUID(i) { checkIndex(i); return this._enqueue(() => this._native.getMessageUID(i), { failed: null }); }
  search() { return this._enqueue(() => this._native.search(), { failed: null }); }
  retrieveSingleMessage(i) {
    checkIndex(i);
    return this._enqueue(() => this._native.retrieveSingleMessage(i, this.onProgress), { failed: null, map: toMessage });
  }
  retrieveSingleMessageHeaders(i, bodyLines = 0) {
    checkIndex(i);
    if (!Number.isInteger(bodyLines) || bodyLines < 0) throw new RangeError('bodyLines must be an integer >= 0');
    return this._enqueue(() => this._native.retrieveSingleMessageHeaders(i, bodyLines), { failed: null, map: toMessage });
  }
  deleteMessage(i) { checkIndex(i); return this._enqueue(() => this._native.deleteMessage(i)); }
  undeleteAll() { return this._enqueue(() => this._native.undeleteAll()); }
  _absorb(r) { if (r.capabilities) this[PRIVATE].capabilities = r.capabilities; }
}
POP3.AUTH_AUTO = 1; POP3.AUTH_USER = 2; POP3.AUTH_APOP = 3; POP3.AUTH_SASL_PLAIN = 4;
intProp(POP3, 'authMethod', { min: 1, max: 4 });
readOnly(POP3, 'messageCount');
readOnly(POP3, 'totalSize');

class Envelope {
  constructor(e) { Object.assign(this, e); Object.freeze(this); }
}
class Mailbox {
  constructor(m) { Object.assign(this, m); Object.freeze(this); }
}

class IMAP4 extends Mailer {
  constructor() {
    super(native.NativeImap4, { portNumber: 143, capabilities: [], messageCount: 0, recentCount: 0, uidValidity: 0,
      uidNext: 0, messageSet: '' });
  }
  get capabilities() { return this[PRIVATE].capabilities.slice(); }
  connect() { return this._enqueue((s) => this._native.connect(s)); }
  disconnect() { return this._enqueue(() => this._native.disconnect()); }
  retrieveMailboxes(root = '', subscribedOnly = false) {
    root = checkLine(root, 'root');
    return this._enqueue(() => this._native.retrieveMailboxes(root, subscribedOnly),
      { failed: null, map: (v) => v.map((m) => new Mailbox(m)) });
  }
  selectMailbox(name) { name = checkLine(name, 'mailbox name'); return this._enqueue(() => this._native.selectMailbox(name)); }
  examineMailbox(name) { name = checkLine(name, 'mailbox name'); return this._enqueue(() => this._native.examineMailbox(name)); }
  createMailbox(name) { name = checkLine(name, 'mailbox name'); return this._enqueue(() => this._native.createMailbox(name)); }
  deleteMailbox(name) { name = checkLine(name, 'mailbox name'); return this._enqueue(() => this._native.deleteMailbox(name)); }
  renameMailbox(oldName, newName) {
    oldName = checkLine(oldName, 'mailbox name'); newName = checkLine(newName, 'mailbox name');
    return this._enqueue(() => this._native.renameMailbox(oldName, newName));
  }
  _set(first, last) {
    if (first === -1) {
      if (!this[PRIVATE].messageSet) throw new RangeError('first = -1 needs messageSet');
      return this[PRIVATE].messageSet;
    }
    for (const v of [first, last]) {
      if (!Number.isInteger(v) || (v < 1 && v !== -1)) throw new RangeError('message numbers must be integers >= 1 (or -1)');
    }
    return `${first}:${last === -1 ? '*' : last}`;
  }
  retrieveEnvelopes(first, last = -1, asUid = false) {
    const set = this._set(first, last);
    return this._enqueue(() => this._native.retrieveEnvelopes(set, asUid),
      { failed: null, map: (v) => v.map((e) => new Envelope(e)) });
  }
  retrieveSingleMessage(id, asUid = false) {
    checkIndex(id, 'message number or UID');
    const onProgress = this.onProgress;
    if (onProgress) return this._enqueue(() => this._native.retrieveSingleMessage(id, asUid, onProgress), { failed: null, map: toMessage });
    // Downloads queued back to back go out as pipelined FETCH commands (see _enqueueBatched).
    return this._enqueueBatched(asUid ? 'retrieve-uid' : 'retrieve', id, {
      one: (s, i) => this._native.retrieveSingleMessage(i, asUid, null),
      many: (s, ids, onEach) => this._native.retrieveMany(ids, asUid, onEach),
      mapMany: (o) => Message._fromParsed(o), // parsed by the engine already
      failed: null,
      map: toMessage,
    });
  }
  retrieveSingleMessageHeaders(id, asUid = false) {
    checkIndex(id, 'message number or UID');
    return this._enqueue(() => this._native.retrieveSingleMessageHeaders(id, asUid), { failed: null, map: toMessage });
  }
  search(criteria = 'ALL', asUid = false) {
    native.checkSingleLine(String(criteria), 'search criteria');
    return this._enqueue(() => this._native.search(String(criteria), asUid), { failed: null });
  }
  setFlags(set, flags, mode, asUid = false) {
    if (![1, 2, 3].includes(mode)) throw new RangeError('mode must be IMAP4.FLAGS_ADD, FLAGS_REMOVE or FLAGS_REPLACE');
    set = checkLine(set, 'message set'); flags = checkLine(flags, 'flags');
    return this._enqueue(() => this._native.setFlags(set, flags, mode, asUid));
  }
  copyMessages(set, mailbox, asUid = false) {
    set = checkLine(set, 'message set'); mailbox = checkLine(mailbox, 'mailbox name');
    return this._enqueue(() => this._native.copyMessages(set, mailbox, asUid));
  }
  moveMessages(set, mailbox, asUid = false) {
    set = checkLine(set, 'message set'); mailbox = checkLine(mailbox, 'mailbox name');
    return this._enqueue(() => this._native.moveMessages(set, mailbox, asUid));
  }
  deleteMessages(set, asUid = false) {
    set = checkLine(set, 'message set');
    return this._enqueue(() => this._native.deleteMessages(set, asUid));
  }
  expunge() { return this._enqueue(() => this._native.expunge()); }
  appendMessage(mailbox, message, flags = '') {
    mailbox = checkLine(mailbox, 'mailbox name'); flags = checkLine(flags, 'flags');
    const raw = message instanceof Message ? message.rawBytes : Buffer.isBuffer(message) ? message : String(message);
    return this._enqueue(() => this._native.appendMessage(mailbox, raw, flags));
  }
  idle(seconds) {
    if (typeof seconds !== 'number' || !Number.isInteger(seconds) || seconds < 1 || seconds > 86400) {
      throw new RangeError('idle seconds must be an integer between 1 and 86400');
    }
    // One IDLE at a time: a second one cannot wait for the first to end (errCode 9).
    if (this._idling) {
      const r = { errCode: 9, errDesc: 'busy: an idle() call is already running on this mailer', sslError: 0 };
      this._finish(r);
      return Promise.resolve(false);
    }
    this._idling = true;
    return this._enqueue(() => this._native.idle(seconds)).finally(() => { this._idling = false; });
  }
  _absorb(r) {
    const p = this[PRIVATE];
    if (r.capabilities) p.capabilities = r.capabilities;
    if (r.mailbox) {
      p.messageCount = r.mailbox.messageCount; p.recentCount = r.mailbox.recentCount;
      p.uidValidity = r.mailbox.uidValidity; p.uidNext = r.mailbox.uidNext;
    }
  }
}
IMAP4.AUTH_AUTO = 1; IMAP4.AUTH_LOGIN = 2; IMAP4.AUTH_PLAIN = 3; IMAP4.AUTH_XOAUTH2 = 5;
IMAP4.FLAGS_ADD = 1; IMAP4.FLAGS_REMOVE = 2; IMAP4.FLAGS_REPLACE = 3;
intProp(IMAP4, 'authMethod', { min: 1, max: 5 });
lineProp(IMAP4, 'messageSet');
for (const n of ['messageCount', 'recentCount', 'uidValidity', 'uidNext']) readOnly(IMAP4, n);

module.exports = { SMTP, POP3, IMAP4, SSL, Message, Attachment, Certificate, Envelope, Mailbox, MailError,
  gnutlsVersion: native.gnutlsVersion };
