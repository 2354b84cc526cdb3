'use strict';
// Self-test of the scripted servers (test/servers/scripted.js) with Node's own net/tls clients,
// so that a failure in the addon suites can be told apart from a broken test server.
const assert = require('assert');
const net = require('net');
const tls = require('tls');
const fs = require('fs');
const path = require('path');
const crypto = require('crypto');
const { spawn } = require('child_process');
const { CERTS, CA, withScripted, ROOT, tmpFile } = require('./helpers');

/** Minimal line client: connect, collect everything, helpers to wait for text. */
function client(sock) {
  let data = '';
  const waiters = [];
  const check = () => {
    for (let i = waiters.length - 1; i >= 0; i--) {
      if (waiters[i].re.test(data)) { waiters[i].resolve(data); waiters.splice(i, 1); }
    }
  };
  sock.on('data', (d) => { data += d.toString('latin1'); check(); });
  sock.on('error', () => {});
  return {
    sock,
    get data() { return data; },
    reset() { data = ''; },
    waitFor(re, ms = 3000) {
      return new Promise((resolve, reject) => {
        if (re.test(data)) { resolve(data); return; }
        const w = { re, resolve };
        waiters.push(w);
        setTimeout(() => reject(new Error(`timeout waiting for ${re}; got ${JSON.stringify(data.slice(0, 300))}`)), ms).unref();
      });
    },
    send(s) { sock.write(s); },
  };
}

function plainConnect(port) {
  return new Promise((resolve, reject) => {
    const s = net.connect(port, '127.0.0.1', () => resolve(client(s)));
    s.on('error', reject);
  });
}

function tlsConnect(port, opts = {}) {
  return new Promise((resolve, reject) => {
    const s = tls.connect({ port, host: '127.0.0.1', servername: 'localhost', ca: fs.readFileSync(CA), ...opts },
      () => resolve(client(s)));
    s.on('error', reject);
  });
}

describe('scripted servers (self-test with Node clients)', function () {
  it('starttls-ok: upgrade, AUTH PLAIN/LOGIN/CRAM-MD5/XOAUTH2, message recorded', async function () {
    await withScripted('starttls-ok', async (srv) => {
      const c = await plainConnect(srv.port);
      await c.waitFor(/^220 /m);
      c.send('EHLO me\r\n');
      await c.waitFor(/^250 /m);
      assert.match(c.data, /STARTTLS/);
      assert.doesNotMatch(c.data, /AUTH/);
      c.send('STARTTLS\r\n');
      await c.waitFor(/^220 2\.0\.0/m);
      const t = client(tls.connect({ socket: c.sock, servername: 'localhost', ca: fs.readFileSync(CA) }));
      await new Promise((r, j) => { t.sock.once('secureConnect', r); t.sock.once('error', j); });
      t.send('EHLO me\r\n');
      await t.waitFor(/^250 ENHANCEDSTATUSCODES/m);
      assert.match(t.data, /AUTH PLAIN LOGIN CRAM-MD5 XOAUTH2/);
      assert.doesNotMatch(t.data, /STARTTLS/);
      t.reset();
      t.send(`AUTH PLAIN ${Buffer.from('\0test\0wrong').toString('base64')}\r\n`);
      await t.waitFor(/^535 5\.7\.8/m);
      t.reset();
      t.send(`AUTH PLAIN ${Buffer.from('\0test\0secret').toString('base64')}\r\n`);
      await t.waitFor(/^235 /m);
      t.reset();
      t.send('AUTH LOGIN\r\n');
      await t.waitFor(/^334 /m);
      t.send(`${Buffer.from('test').toString('base64')}\r\n`);
      await t.waitFor(/^334 UGFzc3dvcmQ6/m);
      t.send(`${Buffer.from('secret').toString('base64')}\r\n`);
      await t.waitFor(/^235 /m);
      t.reset();
      t.send('AUTH CRAM-MD5\r\n');
      await t.waitFor(/^334 (\S+)\r\n/m);
      const ch = Buffer.from(/^334 (\S+)/m.exec(t.data)[1], 'base64').toString();
      const dig = crypto.createHmac('md5', 'secret').update(ch).digest('hex');
      t.reset();
      t.send(`${Buffer.from(`test ${dig}`).toString('base64')}\r\n`);
      await t.waitFor(/^235 /m);
      t.reset();
      t.send(`AUTH XOAUTH2 ${Buffer.from('user=test\x01auth=Bearer secret\x01\x01').toString('base64')}\r\n`);
      await t.waitFor(/^235 /m);
      t.reset();
      t.send('MAIL FROM:<a@localhost>\r\nRCPT TO:<test@localhost>\r\nDATA\r\n');
      await t.waitFor(/^354 /m);
      t.send('Subject: hi\r\n\r\n..dot\r\nbody\r\n.\r\n');
      await t.waitFor(/^250 2\.0\.0 Ok: queued/m);
      t.send('QUIT\r\n');
      await t.waitFor(/^221 /m);
      assert.strictEqual(srv.messages().length, 1);
      assert.strictEqual(srv.messages()[0].data.toString(), "Subject: hi\r\n\r\n..dot\r\nbody\r\n");
      const rec = srv.received();
      assert.match(rec, /^EHLO me\r\nSTARTTLS\r\nEHLO me\r\nAUTH PLAIN/);
      assert.doesNotMatch(rec, /\x16\x03/, 'TLS records must not be recorded');
    });
  });

  it('starttls-injection: 220 and forged lines arrive in one chunk', async function () {
    await withScripted('starttls-injection', async (srv) => {
      const c = await plainConnect(srv.port);
      await c.waitFor(/^220 /m);
      c.send('EHLO me\r\n');
      await c.waitFor(/^250 /m);
      c.reset();
      const chunks = [];
      c.sock.on('data', (d) => chunks.push(d.toString()));
      c.send('STARTTLS\r\n');
      await c.waitFor(/250 AUTH PLAIN\r\n/);
      assert.strictEqual(chunks[0], '220 2.0.0 Ready to start TLS\r\n250-forged\r\n250 AUTH PLAIN\r\n');
      c.send('AUTH PLAIN AHRlc3QAc2VjcmV0\r\n'); // a naive client carrying on in plaintext leaves evidence
      await c.waitFor(/^235 /m);
      assert.match(srv.received(), /STARTTLS\r\nAUTH PLAIN/);
      c.sock.destroy();
    });
  });

  it('starttls-junk: plaintext answer after 220 instead of a TLS handshake', async function () {
    await withScripted('starttls-junk', async (srv) => {
      const c = await plainConnect(srv.port);
      await c.waitFor(/^220 /m);
      c.send('EHLO me\r\nSTARTTLS\r\n');
      await c.waitFor(/^250 plaintext instead of TLS\r\n/m);
      c.sock.destroy();
    });
  });

  it('starttls-refused / no-starttls / ehlo-refused / refuse-rcpt replies', async function () {
    await withScripted('starttls-refused', async (srv) => {
      const c = await plainConnect(srv.port);
      c.send('EHLO me\r\nSTARTTLS\r\n');
      await c.waitFor(/^454 4\.7\.0 TLS not available due to temporary reason/m);
      c.sock.destroy();
    });
    await withScripted('no-starttls', async (srv) => {
      const c = await plainConnect(srv.port);
      c.send('EHLO me\r\n');
      await c.waitFor(/^250 /m);
      assert.doesNotMatch(c.data, /STARTTLS/);
      assert.match(c.data, /AUTH PLAIN LOGIN/);
      c.sock.destroy();
    });
    await withScripted('ehlo-refused', async (srv) => {
      const c = await plainConnect(srv.port);
      c.send('EHLO me\r\n');
      await c.waitFor(/^500 /m);
      c.send('HELO me\r\n');
      await c.waitFor(/^250 localhost/m);
      c.sock.destroy();
    });
    await withScripted('refuse-rcpt', async (srv) => {
      const c = await plainConnect(srv.port);
      c.send('EHLO me\r\nMAIL FROM:<a@localhost>\r\nRCPT TO:<bad@localhost>\r\nRCPT TO:<good@localhost>\r\n');
      await c.waitFor(/^550 5\.1\.1 <bad@localhost>: Recipient address rejected\r\n250 2\.1\.5/m);
      c.sock.destroy();
    });
  });

  it('implicit TLS servers present the expected certificates', async function () {
    const expect = {
      'tls-good': null,
      'tls-selfsigned': 'DEPTH_ZERO_SELF_SIGNED_CERT',
      'tls-unknown-ca': 'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
      'tls-wronghost': 'ERR_TLS_CERT_ALTNAME_INVALID',
      'tls-expired': 'CERT_HAS_EXPIRED',
    };
    for (const [sc, code] of Object.entries(expect)) {
      await withScripted(sc, async (srv) => {
        if (!code) {
          const c = await tlsConnect(srv.port);
          await c.waitFor(/^220 /m);
          c.sock.destroy();
        } else {
          await assert.rejects(tlsConnect(srv.port), (e) => e.code === code || /self[- ]signed|issuer|altname|expired/i.test(e.message), sc);
        }
      });
    }
  });

  it('tls-client-cert records the client certificate CN and rejects clients without one', async function () {
    await withScripted('tls-client-cert', async (srv) => {
      const c = await tlsConnect(srv.port, {
        cert: fs.readFileSync(path.join(CERTS, 'client.pem')), key: fs.readFileSync(path.join(CERTS, 'client-key.pem')),
      });
      await c.waitFor(/^220 /m);
      assert.strictEqual(srv.clientCertSubject, 'mailhive test client');
      c.sock.destroy();
    });
    await withScripted('tls-client-cert', async (srv) => {
      const c = await tlsConnect(srv.port, { pfx: fs.readFileSync(path.join(CERTS, 'client.p12')), passphrase: 'p12pass' });
      await c.waitFor(/^220 /m);
      assert.strictEqual(srv.clientCertSubject, 'mailhive test client');
      c.sock.destroy();
    });
    await withScripted('tls-client-cert', async (srv) => {
      let failed = false;
      try {
        const c = await tlsConnect(srv.port);
        await c.waitFor(/^220 /m, 1000);
      } catch (_) { failed = true; }
      assert.ok(failed, 'a client without certificate must not get a greeting');
      assert.strictEqual(srv.clientCertSubject, null);
    });
  });

  it('big-line sends a 2 MB greeting without CRLF; stall sends nothing', async function () {
    await withScripted('big-line', async (srv) => {
      const c = await plainConnect(srv.port);
      for (let i = 0; i < 100 && c.data.length < 2 * 1024 * 1024 + 4; i++) await new Promise((r) => setTimeout(r, 50));
      assert.strictEqual(c.data.length, 2 * 1024 * 1024 + 4);
      assert.ok(c.data.startsWith('220 xxx'));
      assert.ok(!c.data.includes('\n'));
      c.sock.destroy();
    });
    await withScripted('stall', async (srv) => {
      const c = await plainConnect(srv.port);
      await new Promise((r) => setTimeout(r, 300));
      assert.strictEqual(c.data, '');
      assert.strictEqual(srv.connections(), 1);
      c.sock.destroy();
    });
  });

  it('CLI: prints PORT, records bytes to --record, reports CLIENTCERT, exits on stdin EOF', async function () {
    const rec = tmpFile('record.txt');
    const child = spawn(process.execPath, [path.join(ROOT, 'test', 'servers', 'scripted.js'), '--scenario', 'tls-client-cert',
      '--record', rec], { stdio: ['pipe', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => { out += d; });
    const exited = new Promise((r) => child.on('exit', (code) => r(code)));
    for (let i = 0; i < 100 && !/^PORT \d+\n/.test(out); i++) await new Promise((r) => setTimeout(r, 50));
    const port = Number(/^PORT (\d+)\n/.exec(out)[1]);
    const c = await tlsConnect(port, {
      cert: fs.readFileSync(path.join(CERTS, 'client-combined.pem')), key: fs.readFileSync(path.join(CERTS, 'client-combined.pem')),
    });
    await c.waitFor(/^220 /m);
    c.send('EHLO cli\r\n');
    await c.waitFor(/^250 /m);
    c.sock.destroy();
    for (let i = 0; i < 40 && !/CLIENTCERT/.test(out); i++) await new Promise((r) => setTimeout(r, 50));
    assert.match(out, /^CLIENTCERT mailhive test client$/m);
    assert.strictEqual(fs.readFileSync(rec, 'utf8'), 'EHLO cli\r\n');
    child.stdin.end();
    assert.strictEqual(await exited, 0);
  });
});
