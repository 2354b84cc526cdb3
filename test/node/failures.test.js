'use strict';
// (e) Network failures: timeouts, protocol garbage, exceptions, abort, refused and unresolvable hosts.
const assert = require('assert');
const { mailhive, withScripted, scriptedSmtp, closedPort, sleep, describeError } = require('./helpers');

describe('network failures', function () {
  it('stall with timeout=1: errCode 5 within ~3 s', async function () {
    await withScripted('stall', async (srv) => {
      const smtp = scriptedSmtp(srv.port);
      smtp.timeout = 1;
      const t0 = Date.now();
      assert.strictEqual(await smtp.send(), false);
      const took = Date.now() - t0;
      assert.strictEqual(smtp.errCode, 5, describeError(smtp));
      assert.ok(took >= 900 && took < 3000, `took ${took} ms`);
      assert.strictEqual(smtp.connected, false);
    });
  });

  it('deadline bounds the whole call: errCode 5', async function () {
    await withScripted('stall', async (srv) => {
      const smtp = scriptedSmtp(srv.port);
      smtp.timeout = 30;
      smtp.deadline = 1;
      const t0 = Date.now();
      assert.strictEqual(await smtp.send(), false);
      assert.strictEqual(smtp.errCode, 5, describeError(smtp));
      assert.ok(Date.now() - t0 < 3000, `took ${Date.now() - t0} ms`);
    });
  });

  it('big-line (2 MB greeting without CRLF): errCode 116', async function () {
    await withScripted('big-line', async (srv) => {
      const smtp = scriptedSmtp(srv.port);
      smtp.timeout = 5;
      const t0 = Date.now();
      assert.strictEqual(await smtp.send(), false);
      assert.strictEqual(smtp.errCode, 116, describeError(smtp));
      assert.ok(Date.now() - t0 < 4000, `took ${Date.now() - t0} ms (should not wait for the timeout)`);
    });
  });

  it('throwExceptions=true: rejects with MailError carrying errCode (timeout)', async function () {
    const { MailError } = mailhive();
    await withScripted('stall', async (srv) => {
      const smtp = scriptedSmtp(srv.port);
      smtp.timeout = 1;
      smtp.throwExceptions = true;
      await assert.rejects(smtp.send(), (e) => {
        assert.ok(e instanceof MailError, `${e && e.constructor && e.constructor.name}: ${e}`);
        assert.ok(e instanceof Error);
        assert.strictEqual(e.errCode, 5);
        assert.ok(typeof e.errDesc === 'string' && e.errDesc.length > 0);
        return true;
      });
      assert.strictEqual(smtp.errCode, 5);
    });
  });

  it('throwExceptions=true: TLS failure rejects with MailError errCode 12 and sslError', async function () {
    const { MailError } = mailhive();
    await withScripted('tls-expired', async (srv) => {
      const smtp = scriptedSmtp(srv.port, { tls: true });
      smtp.throwExceptions = true;
      await assert.rejects(smtp.send(), (e) => {
        assert.ok(e instanceof MailError, String(e));
        assert.strictEqual(e.errCode, 12);
        assert.strictEqual(e.sslError, 3);
        return true;
      });
    });
  });

  it('throwExceptions=true: server rejection carries serverResponse', async function () {
    const { MailError } = mailhive();
    await withScripted('refuse-rcpt', async (srv) => {
      const smtp = scriptedSmtp(srv.port);
      smtp.toAddr = 'bad@localhost';
      smtp.throwExceptions = true;
      await assert.rejects(smtp.send(), (e) => {
        assert.ok(e instanceof MailError, String(e));
        assert.strictEqual(e.errCode, 123);
        assert.match(String(e.serverResponse), /^550 5\.1\.1/);
        return true;
      });
      smtp.abort();
    });
  });

  it('abort() during a stall ends the call quickly with errCode 102, queued calls too', async function () {
    await withScripted('stall', async (srv) => {
      const smtp = scriptedSmtp(srv.port);
      smtp.timeout = 30;
      const t0 = Date.now();
      const p = smtp.send();
      const q = smtp.send(); // queued behind the first
      await sleep(300);
      assert.strictEqual(smtp.busy, true);
      const r = smtp.abort();
      assert.ok(!(r instanceof Promise), 'abort() is synchronous');
      assert.strictEqual(await p, false);
      assert.ok(Date.now() - t0 < 2000, `took ${Date.now() - t0} ms`);
      assert.strictEqual(smtp.errCode, 102, describeError(smtp));
      assert.strictEqual(await q, false);
      assert.strictEqual(smtp.errCode, 102, describeError(smtp));
      assert.strictEqual(smtp.busy, false);
      assert.strictEqual(smtp.connected, false);
    });
  });

  it('connection refused on a closed port: errCode 4', async function () {
    const port = await closedPort();
    const smtp = scriptedSmtp(port);
    smtp.serverName = '127.0.0.1';
    assert.strictEqual(await smtp.send(), false);
    assert.strictEqual(smtp.errCode, 4, describeError(smtp));
  });

  it('connection refused by name (localhost) on a closed port: errCode 4', async function () {
    const port = await closedPort();
    const smtp = scriptedSmtp(port);
    assert.strictEqual(await smtp.send(), false);
    assert.strictEqual(smtp.errCode, 4, describeError(smtp));
  });

  it('unknown host no-such-host.invalid: errCode 3', async function () {
    const smtp = scriptedSmtp(25);
    smtp.serverName = 'no-such-host.invalid';
    smtp.timeout = 10;
    assert.strictEqual(await smtp.send(), false);
    assert.strictEqual(smtp.errCode, 3, describeError(smtp));
  });

  it('calls on one mailer run in order; a success resets the error properties', async function () {
    await withScripted('refuse-rcpt', async (srv) => {
      const smtp = scriptedSmtp(srv.port);
      smtp.toAddr = 'bad@localhost';
      const first = smtp.send();
      assert.strictEqual(smtp.busy, true);
      assert.strictEqual(await first, false);
      assert.strictEqual(smtp.errCode, 123);
      smtp.toAddr = 'good@localhost';
      assert.strictEqual(await smtp.send(), true, describeError(smtp));
      assert.strictEqual(smtp.errCode, 0);
      assert.strictEqual(smtp.isError, false);
      await smtp.disconnect();
    });
  });

  it('disconnect() when not connected resolves (no hang)', async function () {
    const { SMTP } = mailhive();
    const smtp = new SMTP();
    const r = await smtp.disconnect();
    assert.ok(r === true || r === false);
  });
});
