'use strict';
// (b) Certificate verification failures, pinning and client certificates, against scripted servers.
const assert = require('assert');
const path = require('path');
const { mailhive, withScripted, scriptedSmtp, fingerprint256, CERTS, describeError } = require('./helpers');

const cert = (name) => path.join(CERTS, name);

async function expectCertFailure(scenario, sslError, verifyError) {
  await withScripted(scenario, async (srv) => {
    const smtp = scriptedSmtp(srv.port, { tls: true });
    assert.strictEqual(await smtp.send(), false, `${scenario}: send must fail`);
    assert.strictEqual(smtp.errCode, 12, describeError(smtp));
    assert.strictEqual(smtp.ssl.sslError, sslError, describeError(smtp));
    assert.ok(smtp.ssl.sslSpecificError !== 0, 'sslSpecificError set');
    const c = smtp.ssl.serverCert;
    assert.ok(c, 'serverCert is set after a handshake rejected for its certificate');
    assert.ok(Array.isArray(c.verifyErrors) && c.verifyErrors.length > 0, `verifyErrors ${JSON.stringify(c && c.verifyErrors)}`);
    if (verifyError) assert.ok(c.verifyErrors.includes(verifyError), `verifyErrors ${JSON.stringify(c.verifyErrors)}`);
    assert.strictEqual(srv.received(), '', 'nothing may be sent over a rejected TLS session');
    assert.strictEqual(srv.messages().length, 0);
  });
}

describe('certificate verification (scripted implicit-TLS servers)', function () {
  it('tls-good with the test CA: send succeeds and the message is received', async function () {
    await withScripted('tls-good', async (srv) => {
      const smtp = scriptedSmtp(srv.port, { tls: true });
      assert.strictEqual(await smtp.send(), true, describeError(smtp));
      assert.strictEqual(smtp.ssl.sslError, 0);
      assert.deepStrictEqual(smtp.ssl.serverCert.verifyErrors, []);
      await smtp.disconnect();
      assert.strictEqual(srv.messages().length, 1);
      assert.match(srv.messages()[0].data.toString(), /^Subject: scripted test\r?$/m);
    });
  });

  it('self-signed server certificate: errCode 12, sslError 2', async function () {
    await expectCertFailure('tls-selfsigned', 2, null);
    await withScripted('tls-selfsigned', async (srv) => {
      const smtp = scriptedSmtp(srv.port, { tls: true });
      await smtp.send();
      assert.strictEqual(smtp.ssl.serverCert.isSelfSigned, true);
    });
  });

  it('certificate from an unknown CA: errCode 12, sslError 2, verifyErrors has "untrusted"', async function () {
    await expectCertFailure('tls-unknown-ca', 2, 'untrusted');
  });

  it('wrong host name: errCode 12, sslError 5, verifyErrors has "hostname-mismatch"', async function () {
    await expectCertFailure('tls-wronghost', 5, 'hostname-mismatch');
  });

  it('expired certificate: errCode 12, sslError 3, verifyErrors has "expired"', async function () {
    await expectCertFailure('tls-expired', 3, 'expired');
  });

  it('expectedHostName = wrong.example accepts the wronghost certificate', async function () {
    await withScripted('tls-wronghost', async (srv) => {
      const smtp = scriptedSmtp(srv.port, { tls: true });
      smtp.ssl.expectedHostName = 'wrong.example';
      assert.strictEqual(await smtp.send(), true, describeError(smtp));
      await smtp.disconnect();
    });
  });

  it('default (system) trust store rejects the test CA server: sslError 2', async function () {
    await withScripted('tls-good', async (srv) => {
      const smtp = scriptedSmtp(srv.port, { tls: true, trustCa: false });
      assert.strictEqual(smtp.ssl.verifyServerCert, true, 'verifyServerCert defaults to true');
      assert.strictEqual(await smtp.send(), false);
      assert.strictEqual(smtp.errCode, 12, describeError(smtp));
      assert.strictEqual(smtp.ssl.sslError, 2, describeError(smtp));
      assert.strictEqual(srv.received(), '');
    });
  });

  it('selectServerCertStore with a missing file returns false', function () {
    const { SMTP } = mailhive();
    const smtp = new SMTP();
    assert.strictEqual(smtp.ssl.selectServerCertStore('/nonexistent/ca.pem', 1), false);
  });

  it('pinSha256 of the server certificate with verifyServerCert=false succeeds', async function () {
    await withScripted('tls-selfsigned', async (srv) => {
      const smtp = scriptedSmtp(srv.port, { tls: true, trustCa: false });
      smtp.ssl.verifyServerCert = false;
      smtp.ssl.pinSha256 = fingerprint256(cert('selfsigned.pem'));
      assert.strictEqual(await smtp.send(), true, describeError(smtp));
      await smtp.disconnect();
      assert.strictEqual(srv.messages().length, 1);
    });
  });

  it('pinSha256 accepts a comma-separated list and upper-case hex', async function () {
    await withScripted('tls-good', async (srv) => {
      const smtp = scriptedSmtp(srv.port, { tls: true, trustCa: false });
      smtp.ssl.verifyServerCert = false;
      smtp.ssl.pinSha256 = `${'ab'.repeat(32)},${fingerprint256(cert('server.pem')).toUpperCase()}`;
      assert.strictEqual(await smtp.send(), true, describeError(smtp));
      await smtp.disconnect();
    });
  });

  it('a wrong pin fails with errCode 12 / sslError 2 even when verification is off', async function () {
    await withScripted('tls-selfsigned', async (srv) => {
      const smtp = scriptedSmtp(srv.port, { tls: true, trustCa: false });
      smtp.ssl.verifyServerCert = false;
      smtp.ssl.pinSha256 = '00'.repeat(32);
      assert.strictEqual(await smtp.send(), false);
      assert.strictEqual(smtp.errCode, 12, describeError(smtp));
      assert.strictEqual(smtp.ssl.sslError, 2, describeError(smtp));
      assert.strictEqual(srv.received(), '');
    });
  });

  it('a wrong pin fails even for a certificate that verifies', async function () {
    await withScripted('tls-good', async (srv) => {
      const smtp = scriptedSmtp(srv.port, { tls: true });
      smtp.ssl.pinSha256 = fingerprint256(cert('selfsigned.pem'));
      assert.strictEqual(await smtp.send(), false);
      assert.strictEqual(smtp.ssl.sslError, 2, describeError(smtp));
    });
  });

  const clientCertCases = [
    ['PEM pair', () => [cert('client.pem'), '', cert('client-key.pem')]],
    ['combined PEM', () => [cert('client-combined.pem')]],
    ['PKCS#12 with password', () => [cert('client.p12'), 'p12pass']],
  ];
  for (const [label, args] of clientCertCases) {
    it(`client certificate (${label}) is presented when the server asks`, async function () {
      await withScripted('tls-client-cert', async (srv) => {
        const smtp = scriptedSmtp(srv.port, { tls: true });
        assert.strictEqual(smtp.ssl.selectClientCert(...args()), true, describeError(smtp));
        assert.ok(smtp.ssl.clientCert, 'ssl.clientCert set after selectClientCert');
        assert.strictEqual(smtp.ssl.clientCert.issuedTo, 'mailhive test client');
        assert.strictEqual(smtp.ssl.clientCert.issuedBy, 'mailhive Test CA');
        assert.strictEqual(smtp.ssl.clientCert.emailAddress, 'test@localhost');
        assert.strictEqual(await smtp.send(), true, describeError(smtp));
        await smtp.disconnect();
        assert.strictEqual(srv.clientCertSubject, 'mailhive test client');
        assert.strictEqual(srv.messages().length, 1);
      });
    });
  }

  it('selectClientCert with a wrong PKCS#12 password or missing file returns false', function () {
    const { SMTP } = mailhive();
    const smtp = new SMTP();
    assert.strictEqual(smtp.ssl.selectClientCert(cert('client.p12'), 'wrong'), false);
    assert.strictEqual(smtp.ssl.selectClientCert('/nonexistent/client.pem'), false);
    assert.strictEqual(smtp.ssl.selectClientCert(cert('client.pem'), '', '/nonexistent/key.pem'), false);
  });

  it('without a client certificate the server rejects the session', async function () {
    await withScripted('tls-client-cert', async (srv) => {
      const smtp = scriptedSmtp(srv.port, { tls: true });
      assert.strictEqual(await smtp.send(), false);
      assert.ok(smtp.ssl.sslError === 12 || [12, 14].includes(smtp.errCode), describeError(smtp));
      assert.strictEqual(srv.clientCertSubject, null);
      assert.strictEqual(srv.messages().length, 0);
    });
  });
});
