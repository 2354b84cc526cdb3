'use strict';
// Self-test of the hostile POP3/IMAP servers with Node's own net/tls clients (so that a failure in the
// hostile suites can be told apart from a broken test server), and of their CLI.
const assert = require('assert');
const net = require('net');
const tls = require('tls');
const fs = require('fs');
const path = require('path');
const { spawn } = require('child_process');
const { CERTS, CA, ROOT, tmpFile } = require('./helpers');
const { startHostilePop3 } = require('../servers/hostile-pop3');
const { startHostileImap } = require('../servers/hostile-imap');

function reader(sock) {
  let data = '';
  sock.on('data', (d) => { data += d.toString('latin1'); });
  sock.on('error', () => {});
  return {
    get data() { return data; },
    async waitFor(re, ms = 3000) {
      const t0 = Date.now();
      while (!re.test(data)) {
        if (Date.now() - t0 > ms) throw new Error(`timeout waiting for ${re}; got ${JSON.stringify(data.slice(0, 300))}`);
        await new Promise((r) => setTimeout(r, 10));
      }
      return data;
    },
  };
}

describe('hostile servers (self-test with Node clients)', function () {
  this.timeout(20000);

  it('POP3 stls-ok: STLS upgrade; receivedPlain() holds only the plaintext, received() also the decrypted part', async function () {
    const srv = await startHostilePop3('stls-ok', { certDir: CERTS });
    try {
      const raw = net.connect(srv.port, '127.0.0.1');
      const r = reader(raw);
      await r.waitFor(/^\+OK/);
      raw.write('CAPA\r\n');
      await r.waitFor(/STLS\r\n\.\r\n/);
      raw.write('STLS\r\n');
      await r.waitFor(/Begin TLS/);
      const t = tls.connect({ socket: raw, servername: 'localhost', ca: fs.readFileSync(CA) });
      await new Promise((res, rej) => { t.once('secureConnect', res); t.once('error', rej); });
      const tr = reader(t);
      t.write('USER test\r\nPASS x\r\nSTAT\r\n');
      await tr.waitFor(/\+OK 2 \d+\r\n/);
      t.end();
      assert.strictEqual(srv.receivedPlain(), 'CAPA\r\nSTLS\r\n');
      assert.strictEqual(srv.received(), 'CAPA\r\nSTLS\r\nUSER test\r\nPASS x\r\nSTAT\r\n');
    } finally { await srv.close(); }
  });

  it('IMAP starttls-inject sends the forged lines in the same chunk as the tagged OK; preauth greets PREAUTH', async function () {
    let srv = await startHostileImap('starttls-inject', { certDir: CERTS });
    try {
      const raw = net.connect(srv.port, '127.0.0.1');
      const r = reader(raw);
      await r.waitFor(/^\* OK/);
      raw.write('A1 STARTTLS\r\n');
      await r.waitFor(/A1 OK[^\r]*\r\n\* CAPABILITY[^\r]*X-FORGED-INJECTED\r\n\* 999 EXISTS\r\n/);
      raw.destroy();
    } finally { await srv.close(); }
    srv = await startHostileImap('preauth', { certDir: CERTS });
    try {
      const raw = net.connect(srv.port, '127.0.0.1');
      const r = reader(raw);
      await r.waitFor(/^\* PREAUTH /);
      raw.destroy();
    } finally { await srv.close(); }
  });

  it('implicit-TLS servers present the certificate of their kind', async function () {
    for (const [kind, cn] of [['good', 'localhost'], ['wronghost', 'wrong.example'], ['sha1', 'localhost']]) {
      const srv = await startHostileImap(`tls-${kind}`, { certDir: CERTS });
      try {
        const t = tls.connect({ port: srv.port, host: '127.0.0.1', rejectUnauthorized: false, ciphers: 'DEFAULT:@SECLEVEL=0' });
        await new Promise((res, rej) => { t.once('secureConnect', res); t.once('error', rej); });
        assert.strictEqual(t.getPeerCertificate().subject.CN, cn);
        t.destroy();
      } finally { await srv.close(); }
    }
  });

  it('scripted.js starttls-inject-later: 220 first, the forged lines in a later packet; tls-sha1 presents its certificate', async function () {
    const { withScripted } = require('./helpers'); // eslint-disable-line global-require
    await withScripted('starttls-inject-later', async (srv) => {
      const raw = net.connect(srv.port, '127.0.0.1');
      const chunks = [];
      raw.on('data', (d) => chunks.push(d.toString('latin1')));
      raw.on('error', () => {});
      const r = reader(raw);
      await r.waitFor(/^220 /);
      raw.write('EHLO me\r\n');
      await r.waitFor(/250 [^\r]*\r\n$/);
      const n = chunks.length;
      raw.write('STARTTLS\r\n');
      await r.waitFor(/250 AUTH PLAIN\r\n/);
      const after = chunks.slice(n);
      assert.ok(after.length >= 2, JSON.stringify(after));
      assert.strictEqual(after[0], '220 2.0.0 Ready to start TLS\r\n');
      assert.strictEqual(after.slice(1).join(''), '250-forged\r\n250 AUTH PLAIN\r\n');
      raw.destroy();
    });
    await withScripted('tls-sha1', async (srv) => {
      const t = tls.connect({ port: srv.port, host: '127.0.0.1', rejectUnauthorized: false, ciphers: 'DEFAULT:@SECLEVEL=0' });
      await new Promise((res, rej) => { t.once('secureConnect', res); t.once('error', rej); });
      assert.strictEqual(t.getPeerCertificate().subject.CN, 'localhost');
      const { fingerprint256 } = require('./helpers'); // eslint-disable-line global-require
      assert.strictEqual(t.getPeerCertificate().fingerprint256.replace(/:/g, '').toLowerCase(), fingerprint256(path.join(CERTS, 'sha1.pem')));
      t.destroy();
    });
  });

  for (const [file, scenario, greeting] of [['hostile-pop3.js', 'plain-good', /^\+OK/], ['hostile-imap.js', 'plain-good', /^\* OK/]]) {
    it(`CLI ${file}: prints PORT, records bytes to --record, exits on stdin EOF`, async function () {
      const rec = tmpFile('record.bin');
      const ch = spawn(process.execPath, [path.join(ROOT, 'test', 'servers', file), '--scenario', scenario, '--record', rec],
        { stdio: ['pipe', 'pipe', 'inherit'] });
      let out = '';
      ch.stdout.on('data', (d) => { out += d; });
      const t0 = Date.now();
      while (!/^PORT \d+$/m.test(out)) {
        if (Date.now() - t0 > 10000) throw new Error(`no PORT line: ${out}`);
        await new Promise((r) => setTimeout(r, 20));
      }
      const port = Number(/^PORT (\d+)$/m.exec(out)[1]);
      const sock = net.connect(port, '127.0.0.1');
      const r = reader(sock);
      await r.waitFor(greeting);
      sock.write('A1 NOOP\r\n');
      await new Promise((res) => setTimeout(res, 200));
      sock.destroy();
      const exited = new Promise((res) => ch.on('exit', res));
      ch.stdin.end();
      await exited;
      assert.strictEqual(fs.readFileSync(rec, 'latin1'), 'A1 NOOP\r\n');
    });
  }
});
