'use strict';
// bin/mailhive.js against the private Postfix/Dovecot (scripts/mailstack.sh) and scripted servers.
const assert = require('assert');
const path = require('path');
const tls = require('tls');
const { execFile } = require('child_process');
require('../node/setup'); // starts the mail stack once
const { ROOT, CA, CERTS, uniq, tmpFile, waitForMail } = require('../node/helpers');
const { startScripted } = require('../servers/scripted');

const CLI = path.join(ROOT, 'bin', 'mailhive.js');

/** Runs the CLI without blocking this process (scripted servers live in it). */
function cli(args, { env = {}, timeout = 60000 } = {}) {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { env: { ...process.env, ...env }, timeout, maxBuffer: 1 << 24 },
      (err, stdout, stderr) => {
        resolve({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, signal: err && err.signal, stdout, stderr });
      });
  });
}
const show = (r) => `exit ${r.code}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`;

/** SHA-256 fingerprint of the leaf a TLS server presents, as hex without colons. */
function peerFingerprint(port) {
  return new Promise((resolve, reject) => {
    const s = tls.connect({ host: '127.0.0.1', port, servername: 'localhost', rejectUnauthorized: false }, () => {
      const fp = s.getPeerCertificate().fingerprint256.replace(/:/g, '').toLowerCase();
      s.destroy();
      resolve(fp);
    });
    s.on('error', reject);
  });
}

describe('mailhive CLI', function () {
  this.timeout(120000);

  describe('check', () => {
    it('reports implicit TLS on 10465 and "verification passed" with the test CA', async () => {
      const r = await cli(['check', '127.0.0.1:10465', '--ca', CA, '--servername', 'localhost']);
      assert.strictEqual(r.code, 0, show(r));
      assert.match(r.stdout, /^mailhive check 127\.0\.0\.1:10465: SMTP/m);
      assert.match(r.stdout, /TLS: +implicit TLS/);
      assert.match(r.stdout, /protocol: +TLS1\.[23]/);
      assert.match(r.stdout, /cipher: +TLS_\w+/);
      assert.match(r.stdout, /subject: +CN=localhost/);
      assert.match(r.stdout, /issuer: +CN=mailhive Test CA/);
      assert.match(r.stdout, /valid: +\d{4}-\d\d-\d\dT.* \.\. \d{4}-/);
      assert.match(r.stdout, /altNames: +.*localhost/);
      const fp = await peerFingerprint(10465);
      assert.ok(r.stdout.toLowerCase().includes(fp), `fingerprint ${fp} not in\n${r.stdout}`);
      assert.match(r.stdout, /verification: passed/);
    });

    it('says the chain is not trusted without --ca (exit 1, sslError 2 and what to do)', async () => {
      const r = await cli(['check', '127.0.0.1:10465', '--servername', 'localhost']);
      assert.strictEqual(r.code, 1, show(r));
      assert.match(r.stdout, /TLS: +implicit TLS/);
      assert.match(r.stdout, /verification: FAILED: sslError 2: certificate not trusted/);
      assert.match(r.stdout, /verifyErrors: untrusted/);
      assert.match(r.stdout, /not trusted by the system roots/);
      assert.match(r.stdout, /what to do: .*--ca/);
      // protocol and cipher come from a second, unverified handshake
      assert.match(r.stdout, /protocol: +TLS1\.[23]/);
    });

    it('reports STARTTLS on 10025', async () => {
      const r = await cli(['check', '127.0.0.1:10025', '--ca', CA, '--servername', 'localhost']);
      assert.strictEqual(r.code, 0, show(r));
      assert.match(r.stdout, /SMTP \(told by its plain-text greeting\)/);
      assert.match(r.stdout, /TLS: +STARTTLS/);
      assert.match(r.stdout, /verification: passed/);
    });

    it('names a host name mismatch', async () => {
      const r = await cli(['check', '127.0.0.1:10465', '--ca', CA, '--servername', 'wrong.example']);
      assert.strictEqual(r.code, 1, show(r));
      assert.match(r.stdout, /sslError 5: host name mismatch/);
      assert.match(r.stdout, /checked name: wrong\.example/);
    });

    it('detects IMAP and POP3 (implicit TLS and STARTTLS) and prints JSON with --json', async () => {
      const imap = await cli(['check', 'localhost:10993', '--ca', CA, '--json']);
      assert.strictEqual(imap.code, 0, show(imap));
      const j = JSON.parse(imap.stdout);
      assert.strictEqual(j.protocol, 'IMAP4');
      assert.strictEqual(j.tls, 'implicit');
      assert.strictEqual(j.verified, true);
      assert.ok(j.chain.length >= 1 && /^[0-9a-f]{64}$/i.test(j.chain[0].fingerprintSha256), imap.stdout);
      const imap143 = await cli(['check', 'localhost:10143', '--ca', CA, '--json']);
      assert.strictEqual(JSON.parse(imap143.stdout).tls, 'starttls', show(imap143));
      const pop = await cli(['check', 'localhost:10110', '--ca', CA, '--protocol', 'pop3', '--json']);
      assert.strictEqual(pop.code, 0, show(pop));
      assert.deepStrictEqual([JSON.parse(pop.stdout).protocol, JSON.parse(pop.stdout).tls], ['POP3', 'starttls']);
    });

    it('prints the whole chain a server sends (leaf and intermediate)', async () => {
      const srv = await startScripted('tls-chain-full', { certDir: CERTS });
      try {
        const r = await cli(['check', `127.0.0.1:${srv.port}`, '--ca', CA, '--servername', 'localhost', '--json']);
        const j = JSON.parse(r.stdout);
        assert.strictEqual(j.tls, 'implicit', show(r));
        assert.strictEqual(j.protocol, 'SMTP');
        assert.strictEqual(j.verified, true, show(r));
        assert.ok(j.chain.length >= 2, `expected leaf + intermediate, got ${j.chain.length}\n${r.stdout}`);
        assert.strictEqual(j.chain[0].issuer, j.chain[1].subject);
      } finally { await srv.close(); }
    });

    it('shows an expired certificate as such', async () => {
      const srv = await startScripted('tls-expired', { certDir: CERTS });
      try {
        const r = await cli(['check', `127.0.0.1:${srv.port}`, '--ca', CA, '--servername', 'localhost']);
        assert.strictEqual(r.code, 1, show(r));
        assert.match(r.stdout, /sslError 3: certificate expired/);
        assert.match(r.stdout, /EXPIRED \d+ days ago/);
      } finally { await srv.close(); }
    });

    it('reports a server with neither implicit TLS nor STARTTLS', async () => {
      const srv = await startScripted('no-starttls', { certDir: CERTS });
      try {
        const r = await cli(['check', `127.0.0.1:${srv.port}`, '--ca', CA, '--servername', 'localhost']);
        assert.strictEqual(r.code, 1, show(r));
        assert.match(r.stdout, /TLS: +none/);
        assert.match(r.stdout, /errCode 11/);
        assert.ok(!/MAIL FROM|AUTH /i.test(srv.received()), srv.received());
      } finally { await srv.close(); }
    });

    it('fails cleanly on a closed port', async () => {
      const r = await cli(['check', '127.0.0.1:1', '--protocol', 'smtp']);
      assert.strictEqual(r.code, 1, show(r));
      assert.match(r.stdout + r.stderr, /cannot connect/);
    });
  });

  describe('send', () => {
    it('delivers through Postfix 10025 (STARTTLS, AUTH, test CA)', async () => {
      const marker = uniq('cli-send');
      const r = await cli(['send', '--server', 'localhost:10025', '--user', 'test', '--password-env', 'MH_TEST_PW',
        '--ca', CA, '--from', 'sender@localhost', '--to', 'test@localhost', '--subject', marker, '--body', `body ${marker}`],
      { env: { MH_TEST_PW: 'secret' } });
      assert.strictEqual(r.code, 0, show(r));
      assert.match(r.stdout, /sent to test@localhost via localhost:10025 \(starttls, TLS1\.[23] .*certificate verified\)/);
      assert.match(r.stdout, /250 /);
      assert.ok(!r.stdout.includes('secret') && !r.stderr.includes('secret'));
      const raw = await waitForMail(marker);
      assert.ok(raw.includes(`Subject: ${marker}`), raw.toString().slice(0, 500));
    });

    it('shows a progress bar for a large attachment and delivers it', async () => {
      const marker = uniq('cli-big');
      const big = tmpFile('big.bin', Buffer.alloc(3 * 1048576, 0x61));
      const r = await cli(['send', '--server', 'localhost:10025', '--user', 'test', '--password-env', 'MH_TEST_PW',
        '--ca', CA, '--from', 'sender@localhost', '--to', 'test@localhost', '--subject', marker, '--attach', big],
      { env: { MH_TEST_PW: 'secret' } });
      assert.strictEqual(r.code, 0, show(r));
      // onProgress reports DATA bytes: non-TTY stderr gets one line per 10 %.
      assert.match(r.stderr, /sending 100% [\d.]+ MB\/[\d.]+ MB/, show(r));
      assert.ok(r.stderr.split('\n').filter((l) => l.startsWith('sending ')).length >= 3, show(r));
      const raw = await waitForMail(marker, 20000);
      assert.ok(raw.includes('filename="big.bin"') || raw.includes('filename=big.bin'), 'attachment missing');
    });

    it('prints errCode, sslError and a hint on a certificate failure (exit 1)', async () => {
      const r = await cli(['send', '--server', '127.0.0.1:10465', '--tls', '--servername', 'localhost',
        '--from', 'sender@localhost', '--to', 'test@localhost']);
      assert.strictEqual(r.code, 1, show(r));
      assert.match(r.stderr, /send failed: errCode 12: /);
      assert.match(r.stderr, /sslError 2: certificate not trusted/);
      assert.match(r.stderr, /mailhive check 127\.0\.0\.1:10465 --servername localhost/);
    });

    it('prints the server response when the server refuses (exit 1)', async () => {
      const r = await cli(['send', '--server', 'localhost:10025', '--ca', CA, '--user', 'test', '--password-env', 'MH_TEST_PW',
        '--from', 'sender@localhost', '--to', 'test@localhost'], { env: { MH_TEST_PW: 'wrong-password' } });
      assert.strictEqual(r.code, 1, show(r));
      assert.match(r.stderr, /errCode 114/);
      assert.match(r.stderr, /serverResponse: 535/);
      assert.ok(!r.stderr.includes('wrong-password'));
    });

    it('rejects a bad command line (exit 2) and header injection before connecting', async () => {
      const noFrom = await cli(['send', '--server', 'localhost:10025', '--to', 'test@localhost']);
      assert.strictEqual(noFrom.code, 2, show(noFrom));
      assert.match(noFrom.stderr, /--from is required/);
      const inject = await cli(['send', '--server', '127.0.0.1:1', '--from', 'a@localhost', '--to', 'test@localhost',
        '--subject', 'hi\r\nBcc: victim@example.org']);
      assert.strictEqual(inject.code, 2, show(inject));
      assert.match(inject.stderr, /subject/i);
      const unknown = await cli(['frobnicate']);
      assert.strictEqual(unknown.code, 2);
    });
  });
});
