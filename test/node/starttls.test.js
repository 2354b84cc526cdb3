'use strict';
// (c) STARTTLS rules against hostile scripted servers, plus authentication mechanisms after a good
// STARTTLS upgrade.
const assert = require('assert');
const { mailhive, withScripted, scriptedSmtp, afterStartTls, describeError } = require('./helpers');

function startTlsSmtp(port) {
  const smtp = scriptedSmtp(port, { startTls: true });
  smtp.userName = 'test';
  smtp.password = 'secret';
  return smtp;
}

describe('STARTTLS rules (scripted servers)', function () {
  it('no-starttls: errCode 11 and nothing but EHLO is sent', async function () {
    await withScripted('no-starttls', async (srv) => {
      const smtp = startTlsSmtp(srv.port);
      assert.strictEqual(await smtp.send(), false);
      assert.strictEqual(smtp.errCode, 11, describeError(smtp));
      assert.strictEqual(smtp.ssl.sslError, 9, describeError(smtp)); // 9 = STARTTLS refused or not offered
      const rec = srv.received();
      assert.match(rec, /^EHLO [^\r\n]+\r\n$/, `received ${JSON.stringify(rec)}`);
      for (const verb of ['AUTH', 'MAIL', 'RCPT', 'DATA', 'QUIT', 'HELO']) {
        assert.doesNotMatch(rec, new RegExp(`^${verb}`, 'm'), `${verb} sent to a server without STARTTLS`);
      }
    });
  });

  it('starttls-refused (454): errCode 11 and no AUTH/MAIL afterwards', async function () {
    await withScripted('starttls-refused', async (srv) => {
      const smtp = startTlsSmtp(srv.port);
      assert.strictEqual(await smtp.send(), false);
      assert.strictEqual(smtp.errCode, 11, describeError(smtp));
      assert.strictEqual(smtp.ssl.sslError, 9, describeError(smtp));
      const after = afterStartTls(srv.received());
      assert.ok(after !== null, `STARTTLS was sent: ${JSON.stringify(srv.received())}`);
      assert.doesNotMatch(after, /^(AUTH|MAIL|RCPT|DATA|EHLO|HELO)/m, `after STARTTLS: ${JSON.stringify(after)}`);
      assert.match(String(smtp.serverResponse), /^454/);
    });
  });

  it('starttls-injection: errCode 12, sslError 13, nothing sent in plaintext after STARTTLS', async function () {
    await withScripted('starttls-injection', async (srv) => {
      const smtp = startTlsSmtp(srv.port);
      assert.strictEqual(await smtp.send(), false);
      assert.strictEqual(smtp.errCode, 12, describeError(smtp));
      assert.strictEqual(smtp.ssl.sslError, 13, describeError(smtp));
      const after = afterStartTls(srv.received());
      assert.strictEqual(after, '', `after STARTTLS: ${JSON.stringify(after)}`);
      assert.strictEqual(srv.messages().length, 0);
    });
  });

  it('starttls-junk: plaintext instead of a handshake fails (sslError 13 or errCode 12)', async function () {
    await withScripted('starttls-junk', async (srv) => {
      const smtp = startTlsSmtp(srv.port);
      assert.strictEqual(await smtp.send(), false);
      assert.ok(smtp.ssl.sslError === 13 || smtp.errCode === 12, describeError(smtp));
      const after = afterStartTls(srv.received());
      assert.strictEqual(after, '', `after STARTTLS: ${JSON.stringify(after)}`);
      assert.strictEqual(srv.messages().length, 0);
    });
  });

  it('ehlo-refused with useStartTls: fails and never falls back to HELO', async function () {
    await withScripted('ehlo-refused', async (srv) => {
      const smtp = startTlsSmtp(srv.port);
      assert.strictEqual(await smtp.send(), false);
      assert.strictEqual(smtp.isError, true);
      assert.notStrictEqual(smtp.errCode, 0, describeError(smtp));
      const rec = srv.received();
      assert.doesNotMatch(rec, /^HELO/m, `received ${JSON.stringify(rec)}`);
      assert.doesNotMatch(rec, /^(AUTH|MAIL|RCPT|DATA)/m);
    });
  });

  it('starttls-ok: upgrade, AUTH and message; plaintext part is only EHLO + STARTTLS', async function () {
    await withScripted('starttls-ok', async (srv) => {
      const smtp = startTlsSmtp(srv.port);
      assert.strictEqual(await smtp.send(), true, describeError(smtp));
      // capabilities of the live session (checked before disconnect())
      assert.ok(smtp.serverCapabilities.includes('8BITMIME'), JSON.stringify(smtp.serverCapabilities));
      assert.ok(smtp.serverCapabilities.includes('SIZE 10000000'), JSON.stringify(smtp.serverCapabilities));
      assert.ok(!smtp.serverCapabilities.includes('STARTTLS'), 'capabilities must come from the post-TLS EHLO');
      await smtp.disconnect();
      const rec = srv.received();
      assert.match(rec, /^EHLO [^\r\n]+\r\nSTARTTLS\r\nEHLO [^\r\n]+\r\nAUTH /, JSON.stringify(rec.slice(0, 200)));
      assert.strictEqual(srv.messages().length, 1);
    });
  });

  it('two sends reuse one connection', async function () {
    await withScripted('starttls-ok', async (srv) => {
      const smtp = startTlsSmtp(srv.port);
      assert.strictEqual(await smtp.send(), true, describeError(smtp));
      smtp.subject = 'second';
      assert.strictEqual(await smtp.send(), true, describeError(smtp));
      await smtp.disconnect();
      assert.strictEqual(srv.connections(), 1);
      assert.strictEqual(srv.messages().length, 2);
      assert.match(srv.received(), /QUIT\r\n$/);
    });
  });

  const methods = [['AUTH_PLAIN', /^AUTH PLAIN/m], ['AUTH_LOGIN', /^AUTH LOGIN/m], ['AUTH_CRAM_MD5', /^AUTH CRAM-MD5/m],
    ['AUTH_XOAUTH2', /^AUTH XOAUTH2/m]];
  for (const [name, re] of methods) {
    it(`${name} authenticates (and a wrong secret gives errCode 114)`, async function () {
      const { SMTP } = mailhive();
      await withScripted('starttls-ok', async (srv) => {
        const smtp = startTlsSmtp(srv.port);
        smtp.authMethod = SMTP[name];
        assert.strictEqual(await smtp.send(), true, describeError(smtp));
        await smtp.disconnect();
        assert.match(srv.received(), re);
        assert.strictEqual(srv.messages().length, 1);
      });
      await withScripted('starttls-ok', async (srv) => {
        const smtp = startTlsSmtp(srv.port);
        smtp.authMethod = SMTP[name];
        smtp.password = 'wrong';
        assert.strictEqual(await smtp.send(), false);
        assert.strictEqual(smtp.errCode, 114, describeError(smtp));
        assert.doesNotMatch(srv.received(), /^MAIL/m);
      });
    });
  }

  it('message larger than the server SIZE: errCode 126, no DATA sent', async function () {
    await withScripted('starttls-ok', async (srv) => {
      const smtp = startTlsSmtp(srv.port);
      smtp.message.addAttachmentData(Buffer.alloc(11 * 1000 * 1000, 0x41), 'big.bin', 'application/octet-stream');
      assert.strictEqual(await smtp.send(), false);
      assert.strictEqual(smtp.errCode, 126, describeError(smtp));
      assert.doesNotMatch(srv.received(), /^DATA/m);
      assert.strictEqual(srv.messages().length, 0);
      smtp.abort();
    });
  });

  it('ssl.protocol pins the TLS version (TLS12 / TLS13) and TLS10 finds no common version', async function () {
    const { SSL } = mailhive();
    for (const [proto, want] of [[SSL.PROTOCOL_TLS12, /^TLS ?1\.2$/i], [SSL.PROTOCOL_TLS13, /^TLS ?1\.3$/i]]) {
      await withScripted('tls-good', async (srv) => {
        const smtp = scriptedSmtp(srv.port, { tls: true });
        smtp.ssl.protocol = proto;
        assert.strictEqual(await smtp.send(), true, describeError(smtp));
        assert.match(smtp.ssl.negotiatedProtocol, want);
        assert.ok(smtp.ssl.cipherSuite.length > 0);
        await smtp.disconnect();
      });
    }
    await withScripted('tls-good', async (srv) => { // Node's server refuses TLS 1.0
      const smtp = scriptedSmtp(srv.port, { tls: true });
      smtp.ssl.protocol = SSL.PROTOCOL_TLS10;
      assert.strictEqual(await smtp.send(), false);
      assert.strictEqual(smtp.errCode, 12, describeError(smtp));
      assert.strictEqual(smtp.ssl.sslError, 8, describeError(smtp));
      assert.strictEqual(srv.received(), '');
    });
  });

  it('AUTH_AUTO picks a mechanism the server offers and succeeds', async function () {
    await withScripted('tls-good', async (srv) => {
      const smtp = scriptedSmtp(srv.port, { tls: true });
      smtp.userName = 'test';
      smtp.password = 'secret';
      assert.strictEqual(await smtp.send(), true, describeError(smtp));
      await smtp.disconnect();
      assert.match(srv.received(), /^AUTH (PLAIN|LOGIN|CRAM-MD5)/m);
    });
  });

  it('requested auth method not offered: errCode 112', async function () {
    const { SMTP } = mailhive();
    await withScripted('no-starttls', async (srv) => {
      const smtp = scriptedSmtp(srv.port); // plain; server offers AUTH PLAIN LOGIN only
      smtp.userName = 'test';
      smtp.password = 'secret';
      smtp.authMethod = SMTP.AUTH_CRAM_MD5;
      assert.strictEqual(await smtp.send(), false);
      assert.strictEqual(smtp.errCode, 112, describeError(smtp));
      assert.doesNotMatch(srv.received(), /^MAIL/m);
    });
  });
});
