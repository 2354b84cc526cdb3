'use strict';
// mailhive for Node.js: the object model of API.md over the native engine. This file only keeps
// property values, orders calls per mailer and maps results to properties and errors.
const path = require('path');

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
    if (value === '') { if (i >= 0) this._headers.splice(i, 1); return; }
    if (i >= 0) this._headers[i] = [name, value]; else this._headers.push([name, value]);
  }
  getHeader(name) {
    const key = String(name).toLowerCase();
    const builtIn = { from: 'fromAddr', to: 'toAddr', cc: 'ccAddr', 'reply-to': 'replyToAddr', subject: 'subject', date: 'date', 'message-id': 'messageId' };
    if (builtIn[key]) return this[builtIn[key]];
    const h = this._headers.find(([n]) => n.toLowerCase() === key);
    return h ? h[1] : '';
  }
  get rawBody() { return native.buildMessage(this._plain()); }
  saveMessage(p) { return native.saveMessage(this._plain(), String(p)); }
  _plain() {
    return { ...this[PRIVATE], _headers: this._headers, _attachments: this._attachments.map((a) => ({
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
      expectedHostName: '', pinSha256: '', serverCert: null, clientCert: null, sslError: 0, sslSpecificError: 0,
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

const ABORTED = { errCode: 102, errDesc: 'cancelled by abort()', sslError: 0, serverResponse: '' };

class SMTP {
  constructor() {
    this[PRIVATE] = {
      serverName: '', portNumber: 25, userName: '', password: '', authMethod: 1, domain: '', timeout: 30, deadline: 0,
      allowRefusedRecipients: false, enableLogging: false, logFilePath: '', throwExceptions: false, licenseKey: '',
      isError: false, errCode: 0, errDesc: '', serverResponse: '', clientRequest: '', connected: false,
      refusedRecipients: [], serverCapabilities: [], message: new Message(), ssl: new SSL(PRIVATE),
    };
    Object.defineProperty(this, '_native', { value: new native.NativeSmtp() });
    Object.defineProperty(this, '_tail', { value: Promise.resolve(), writable: true });
    Object.defineProperty(this, '_pending', { value: 0, writable: true });
    Object.defineProperty(this, '_abortGeneration', { value: 0, writable: true });
  }
  get ssl() { return this[PRIVATE].ssl; }
  get message() { return this[PRIVATE].message; }
  set message(m) {
    if (!(m instanceof Message)) throw new TypeError('message must be a Message');
    this[PRIVATE].message = m;
  }
  get busy() { return this._pending > 0; }
  get refusedRecipients() { return this[PRIVATE].refusedRecipients.slice(); }
  get serverCapabilities() { return this[PRIVATE].serverCapabilities.slice(); }

  connect() { return this._enqueue((s) => this._native.connect(s)); }
  send() {
    // The message is copied now: changes made while the call waits its turn do not leak into it.
    const msg = this.message._plain();
    return this._enqueue((s) => this._native.send(s, msg));
  }
  disconnect() { return this._enqueue(() => this._native.disconnect()); }
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
  _enqueue(call) {
    const generation = this._abortGeneration;
    this._pending++;
    const run = async () => {
      let r;
      try {
        // A call queued before abort() is cancelled without touching the network.
        r = generation !== this._abortGeneration ? { ...ABORTED, connected: this[PRIVATE].connected } : await call(this._settings());
      } finally {
        this._pending--;
      }
      return this._finish(r);
    };
    const p = this._tail.then(run);
    this._tail = p.catch(() => {});
    return p;
  }
  _finish(r) {
    const p = this[PRIVATE];
    p.isError = r.errCode !== 0;
    p.errCode = r.errCode;
    p.errDesc = r.errDesc;
    if (r.serverResponse !== undefined) p.serverResponse = r.serverResponse;
    if (r.clientRequest !== undefined) p.clientRequest = r.clientRequest;
    if (r.connected !== undefined) p.connected = r.connected;
    if (r.capabilities) p.serverCapabilities = r.capabilities;
    if (r.refusedRecipients) p.refusedRecipients = r.refusedRecipients;
    if (r.messageId) p.lastMessageId = r.messageId;
    if (r.tls) {
      const s = p.ssl[PRIVATE];
      s.sslError = r.sslError;
      s.sslSpecificError = r.sslSpecificError;
      s.serverCert = toCert(r.tls.serverCert) || (r.errCode === 0 ? s.serverCert : null);
      s.negotiatedProtocol = r.tls.negotiatedProtocol;
      s.cipherSuite = r.tls.cipherSuite;
    }
    if (r.errCode !== 0 && p.throwExceptions) throw new MailError(r);
    return r.errCode === 0;
  }
  [Symbol.for('nodejs.util.inspect.custom')]() {
    const p = this[PRIVATE];
    return { serverName: p.serverName, portNumber: p.portNumber, userName: p.userName, password: p.password ? '****' : '',
      connected: p.connected, errCode: p.errCode, errDesc: p.errDesc, ssl: p.ssl };
  }
}
SMTP.AUTH_NONE = 0; SMTP.AUTH_AUTO = 1; SMTP.AUTH_LOGIN = 2; SMTP.AUTH_PLAIN = 3; SMTP.AUTH_CRAM_MD5 = 4; SMTP.AUTH_XOAUTH2 = 5;
for (const n of ['serverName', 'userName', 'password', 'domain', 'logFilePath', 'licenseKey']) lineProp(SMTP, n);
intProp(SMTP, 'portNumber', { min: 0, max: 65535 });
intProp(SMTP, 'authMethod', { min: 0, max: 5 });
intProp(SMTP, 'timeout', { min: 0 });
intProp(SMTP, 'deadline', { min: 0 });
for (const n of ['allowRefusedRecipients', 'enableLogging', 'throwExceptions']) boolProp(SMTP, n);
for (const n of ['isError', 'errCode', 'errDesc', 'serverResponse', 'clientRequest', 'connected']) readOnly(SMTP, n);
// Shortcuts to the message's fields, as in the classic component.
for (const n of ['fromAddr', 'toAddr', 'ccAddr', 'bccAddr', 'subject', 'bodyText', 'bodyFormat', 'charset']) {
  Object.defineProperty(SMTP.prototype, n, {
    get() { return this.message[n]; },
    set(v) { this.message[n] = v; },
    enumerable: true,
  });
}

module.exports = { SMTP, SSL, Message, Attachment, Certificate, MailError, gnutlsVersion: native.gnutlsVersion };
