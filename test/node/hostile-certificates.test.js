'use strict';
// Certificates presented by hostile servers, for SMTP, POP3 and IMAP4, with implicit TLS and after
// STARTTLS/STLS: each kind of scripts/certs.sh with the sslError of API.md, and a valid control.
// certificates.test.js already covers SMTP with self-signed / unknown CA / wrong host / expired / valid;
// here SMTP gets the remaining kinds, POP3 and IMAP4 get all of them in both modes.
//
// Honest results, checked against GnuTLS 3.7 (Debian 12):
// - nosan (CN=localhost, no subjectAltName): ACCEPTED. gnutls_x509_crt_check_hostname() falls back to
//   the CN when the certificate has no dNSName SAN at all (RFC 6125 6.4.4 allows it). The name still
//   has to match: a CN-only certificate for another name is rejected like wronghost (5). So no sslError
//   here, and the test asserts the success.
// - sha1 (leaf signed with ECDSA-SHA1): rejected with GNUTLS_CERT_INSECURE_ALGORITHM -> sslError 7.
// - weakkey (RSA 1024 leaf, SHA-256 signature): API.md sslError 7 is "insecure algorithm or key".
//   The test expects 7 (a 1024-bit RSA key is 80-bit security, below every current recommendation).
//   It currently FAILS: the handshake succeeds (sslError 0, verifyErrors []). The priority strings of
//   src/net/tls.cc (tlsPriorityFor: "NORMAL:-VERS-ALL:...") keep GnuTLS's default certificate
//   verification profile, which accepts 80-bit keys; "%PROFILE_MEDIUM" (or an explicit
//   gnutls_pk_bits_to_sec_param check of the leaf key) would flag GNUTLS_CERT_INSECURE_ALGORITHM,
//   which sslErrorForStatus already maps to 7.
const assert = require('assert');
const { mailhive, CA, CERTS, withScripted } = require('./helpers');
const { startHostilePop3 } = require('../servers/hostile-pop3');
const { startHostileImap } = require('../servers/hostile-imap');

const PASSWORD = 'Pw-hostile-5ecret';

// kind -> [sslError (0 = accepted), verifyErrors word]
const EXPECT = {
  good: [0],
  selfsigned: [2, 'untrusted'],
  unknownca: [2, 'untrusted'],
  wronghost: [5, 'hostname-mismatch'],
  expired: [3, 'expired'],
  notyet: [4, 'not-yet-valid'],
  'chain-missing': [2, 'untrusted'],
  'chain-full': [0],
  nosan: [0],
  weakkey: [7, 'insecure-algorithm'],
  sha1: [7, 'insecure-algorithm'],
};

function configure(m, port, mode) {
  m.serverName = 'localhost';
  m.portNumber = port;
  m.timeout = 5;
  m.ssl.enabled = true;
  m.ssl.useStartTls = mode === 'starttls';
  if (!m.ssl.selectServerCertStore(CA, 1)) throw new Error('cannot load the test CA');
  m.userName = 'test';
  m.password = PASSWORD;
}

function why(m) {
  return `errCode=${m.errCode} errDesc=${JSON.stringify(m.errDesc)} sslError=${m.ssl.sslError} `
    + `sslSpecificError=${m.ssl.sslSpecificError} verifyErrors=${JSON.stringify(m.ssl.serverCert && m.ssl.serverCert.verifyErrors)}`;
}

function assertNoSecrets(text) {
  assert.ok(!text.includes(PASSWORD) && !text.includes('secret'), 'password on the wire');
  for (const tok of text.match(/[A-Za-z0-9+/=]{8,}/g) || []) {
    assert.ok(!Buffer.from(tok, 'base64').toString('latin1').includes(PASSWORD), `password in base64: ${tok}`);
  }
}

function checkRejected(m, kind) {
  const [sslError, word] = EXPECT[kind];
  assert.strictEqual(m.errCode, 12, why(m));
  assert.strictEqual(m.ssl.sslError, sslError, why(m));
  assert.ok(m.ssl.serverCert, 'serverCert is set after a handshake rejected for its certificate');
  assert.ok(m.ssl.serverCert.verifyErrors.includes(word), why(m));
  assert.strictEqual(m.connected, false);
}

describe('hostile certificates', function () {
  this.timeout(30000);

  describe('SMTP, implicit TLS (the kinds certificates.test.js does not cover)', function () {
    for (const kind of ['notyet', 'chain-missing', 'chain-full', 'nosan', 'weakkey', 'sha1']) {
      const [sslError] = EXPECT[kind];
      it(`${kind}: ${sslError ? `errCode 12, sslError ${sslError}, nothing sent` : 'accepted, message sent'}`, async function () {
        await withScripted(`tls-${kind}`, async (srv) => {
          const { SMTP } = mailhive();
          const smtp = new SMTP();
          configure(smtp, srv.port, 'tls');
          smtp.password = 'secret'; // scripted.js checks the credentials (test / secret)
          smtp.message.fromAddr = 'sender@localhost';
          smtp.message.toAddr = 'test@localhost';
          smtp.message.subject = 'cert test';
          smtp.message.bodyText = 'SECRET-BODY-CONTENT';
          const ok = await smtp.send();
          if (sslError) {
            assert.strictEqual(ok, false, `send() succeeded over a ${kind} certificate`);
            checkRejected(smtp, kind);
            assert.strictEqual(srv.received(), '', 'nothing may be sent over a rejected TLS session');
            assert.strictEqual(srv.messages().length, 0);
            assert.strictEqual(srv.connections(), 1);
          } else {
            assert.strictEqual(ok, true, why(smtp));
            assert.strictEqual(smtp.ssl.sslError, 0);
            assert.deepStrictEqual(smtp.ssl.serverCert.verifyErrors, []);
            await smtp.disconnect();
            assert.strictEqual(srv.messages().length, 1);
          }
        });
      });
    }
  });

  const protocols = [
    ['POP3', startHostilePop3, 'POP3', (k, mode) => (mode === 'tls' ? `tls-${k}` : `stls-cert-${k}`), /^CAPA\r\nSTLS\r\n$/],
    ['IMAP4', startHostileImap, 'IMAP4', (k, mode) => (mode === 'tls' ? `tls-${k}` : `starttls-cert-${k}`), /^\S+ STARTTLS\r\n$/],
  ];
  for (const [label, start, cls, scenarioFor, plainRe] of protocols) {
    for (const mode of ['tls', 'starttls']) {
      describe(`${label}, ${mode === 'tls' ? 'implicit TLS' : 'STARTTLS/STLS'}`, function () {
        for (const kind of Object.keys(EXPECT)) {
          const [sslError] = EXPECT[kind];
          it(`${kind}: ${sslError ? `errCode 12, sslError ${sslError}, no login` : 'accepted, logs in'}`, async function () {
            const srv = await start(scenarioFor(kind, mode), { certDir: CERTS });
            try {
              const m = new (mailhive()[cls])();
              configure(m, srv.port, mode);
              const ok = await m.connect();
              if (sslError) {
                assert.strictEqual(ok, false, `connect() succeeded over a ${kind} certificate`);
                checkRejected(m, kind);
                assert.strictEqual(srv.received(), srv.receivedPlain(), 'nothing may be sent over a rejected TLS session');
                if (mode === 'tls') assert.strictEqual(srv.received(), '');
                else assert.match(srv.receivedPlain(), plainRe);
                assertNoSecrets(srv.received());
              } else {
                assert.strictEqual(ok, true, why(m));
                assert.strictEqual(m.ssl.sslError, 0);
                assert.deepStrictEqual(m.ssl.serverCert.verifyErrors, []);
                assert.strictEqual(m.ssl.serverCert.issuedTo, 'localhost');
                await m.disconnect();
                assertNoSecrets(srv.receivedPlain());
              }
            } finally {
              await srv.close();
            }
          });
        }
      });
    }
  }
});
