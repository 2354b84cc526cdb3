// bench/sink/smtp-sink.js — the local SMTP sink every benchmark sends to.
//
// Built on npm smtp-server (the peer everyone uses), with two changes that make it measure the client,
// not itself (see ../../shared ENVIRONMENT.md §5):
//  * the hard-coded 100 ms "early talker" delay before the 220 greeting (SMTPConnection#init) is removed:
//    init() is replaced by one that greets at once (same connection-limit check, no timer);
//  * disableReverseLookup: true (no PTR query per connection);
//  * TCP_NODELAY on every accepted socket (see below).
// Data is discarded (the stream is drained, nothing is kept). AUTH PLAIN/LOGIN test/secret is accepted
// (optional, so that the connect benchmark may skip it); STARTTLS on --port, implicit TLS on --tls-port.
// --delay MS makes it a "slow remote server": the greeting and every reply to a command (and to the end
// of DATA) leave MS milliseconds late, one command after the other as a real slow server would.
// Prints "ready <port> <tlsPort>" on stdout once both listen; SIGTERM stops it.
'use strict';
const fs = require('fs');
const path = require('path');
const { SMTPServer } = require('smtp-server');
const { SMTPConnection } = require('smtp-server/lib/smtp-connection.js');

const args = Object.fromEntries(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=')));
const delay = Number(args.delay || 0);
const certDir = args.certs || path.join(process.env.MAILHIVE_TEST_DIR || '/tmp/mailhive-test', 'certs');

SMTPConnection.prototype.init = function init() {
  this._setListeners(() => {
    if (this._server.options.maxClients && this._server.connections.size > this._server.options.maxClients) {
      return this.send(421, this.name + ' Too many connected clients, try again in a moment', false);
    }
    if (delay) setTimeout(() => this.connectionReady(), delay).unref();
    else this.connectionReady();
  });
};
if (delay) {
  const onCommand = SMTPConnection.prototype._onCommand;
  SMTPConnection.prototype._onCommand = function (command, callback) {
    setTimeout(() => onCommand.call(this, command, callback), delay);
  };
}

const key = fs.readFileSync(path.join(certDir, 'server-key.pem'));
const cert = fs.readFileSync(path.join(certDir, 'server.pem'));
let received = 0;
const opts = (secure) => ({
  secure, key, cert, logger: false, disableReverseLookup: true, authOptional: true,
  authMethods: ['PLAIN', 'LOGIN'], size: 0, maxClients: 0, banner: 'mailhive bench sink',
  socketTimeout: 120000, closeTimeout: 1000,
  onAuth(a, session, cb) {
    if (a.username === 'test' && a.password === 'secret') cb(null, { user: 'test' });
    else cb(new Error('Invalid username or password'));
  },
  onData(stream, session, cb) {
    stream.on('data', () => {});
    stream.on('end', () => {
      received++;
      if (delay) setTimeout(() => cb(null, 'queued'), delay);
      else cb(null, 'queued');
    });
  },
});
const plain = new SMTPServer(opts(false));
const tls = new SMTPServer(opts(true));
for (const s of [plain, tls]) {
  s.on('error', () => {});
  // Replies go out as soon as they are written (smtp-server writes each reply on its own): with Nagle on,
  // a pipelined client waits for a delayed ACK (~40 ms) per batch and the sink, not the client, is measured.
  s.server.on('connection', (sock) => sock.setNoDelay(true));
}
plain.listen(Number(args.port || 0), '127.0.0.1', () => {
  tls.listen(Number(args['tls-port'] || 0), '127.0.0.1', () => {
    process.stdout.write(`ready ${plain.server.address().port} ${tls.server.address().port}\n`);
  });
});
process.on('SIGUSR2', () => process.stdout.write(`received ${received}\n`));
process.on('SIGTERM', () => process.exit(0));
