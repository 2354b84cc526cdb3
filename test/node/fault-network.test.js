'use strict';
// Fault tests: the server goes away mid-DATA, mid-literal (IMAP FETCH) and mid-RETR, a TCP RST during
// the TLS handshake, DNS failure, refused connection. Each gives the right errCode within timeout + 1 s,
// and then the SAME mailer object connects and sends / retrieves again against a good server (a
// scripted one, or the real Postfix / Dovecot of scripts/mailstack.sh).
const assert = require('assert');
const net = require('net');
const { mailhive, withScripted, CA, CERTS, closedPort, describeError } = require('./helpers');
const { startHostilePop3 } = require('../servers/hostile-pop3');
const { startHostileImap } = require('../servers/hostile-imap');

const TIMEOUT = 3;

function base(m, port, { tls = false, startTls = false } = {}) {
  m.serverName = 'localhost';
  m.portNumber = port;
  m.timeout = TIMEOUT;
  m.ssl.enabled = tls || startTls;
  m.ssl.useStartTls = startTls;
  if (!m.ssl.selectServerCertStore(CA, 1)) throw new Error('cannot load the test CA');
  m.userName = 'test';
  m.password = 'secret';
  return m;
}
function smtpFor(port, opts) {
  const { SMTP } = mailhive();
  const smtp = base(new SMTP(), port, opts);
  smtp.message.fromAddr = 'sender@localhost';
  smtp.message.toAddr = 'test@localhost';
  smtp.message.subject = 'fault test';
  smtp.message.bodyText = 'fault test body\r\n'.repeat(200);
  return smtp;
}
const pop3For = (port, opts) => base(new (mailhive().POP3)(), port, opts);
const imapFor = (port, opts) => base(new (mailhive().IMAP4)(), port, opts);

/** Runs `call`, asserts false/null, errCode `code` and the time bound; returns the elapsed ms. */
async function expectFault(m, call, code, label) {
  const t0 = Date.now();
  const r = await call();
  const took = Date.now() - t0;
  assert.ok(r === false || r === null, `${label}: resolved ${r}`);
  assert.strictEqual(m.errCode, code, `${label}: ${describeError(m)}`);
  assert.ok(took < (m.timeout + 1) * 1000, `${label}: took ${took} ms, more than timeout (${m.timeout} s) + 1 s`);
  assert.strictEqual(m.connected, false, `${label}: still connected`);
  return took;
}

async function withPop3(scenario, fn) {
  const srv = await startHostilePop3(scenario, { certDir: CERTS });
  try { return await fn(srv); } finally { await srv.close(); }
}
async function withImap(scenario, fn) {
  const srv = await startHostileImap(scenario, { certDir: CERTS });
  try { return await fn(srv); } finally { await srv.close(); }
}

/** A TCP server that answers the TLS ClientHello with a RST (socket.resetAndDestroy()). */
async function rstServer() {
  let accepted = 0;
  const s = net.createServer((c) => {
    accepted++;
    c.on('error', () => {});
    c.once('data', () => c.resetAndDestroy());
  });
  await new Promise((r) => s.listen(0, '127.0.0.1', r));
  return { port: s.address().port, accepted: () => accepted, close: () => new Promise((r) => s.close(r)) };
}

// Recovery against the real servers: the SAME object, pointed at Postfix / Dovecot.
async function smtpRecoversOnPostfix(smtp) {
  smtp.serverName = 'localhost';
  smtp.portNumber = 10025;
  smtp.timeout = 15;
  smtp.ssl.enabled = true;
  smtp.ssl.useStartTls = true;
  assert.strictEqual(await smtp.send(), true, `recovery: ${describeError(smtp)}`);
  assert.strictEqual(smtp.errCode, 0);
  assert.strictEqual(await smtp.disconnect(), true, describeError(smtp));
}
async function pop3RecoversOnDovecot(pop) {
  pop.serverName = 'localhost';
  pop.portNumber = 10110;
  pop.timeout = 15;
  pop.ssl.enabled = true;
  pop.ssl.useStartTls = true;
  assert.strictEqual(await pop.connect(), true, `recovery: ${describeError(pop)}`);
  assert.ok(Number.isInteger(pop.messageCount) && pop.messageCount >= 0);
  const uids = await pop.search();
  assert.ok(Array.isArray(uids), describeError(pop));
  assert.strictEqual(uids.length, pop.messageCount);
  assert.strictEqual(await pop.disconnect(), true, describeError(pop));
}
async function imapRecoversOnDovecot(imap) {
  imap.serverName = 'localhost';
  imap.portNumber = 10143;
  imap.timeout = 15;
  imap.ssl.enabled = true;
  imap.ssl.useStartTls = true;
  assert.strictEqual(await imap.connect(), true, `recovery: ${describeError(imap)}`);
  assert.strictEqual(await imap.selectMailbox('INBOX'), true, describeError(imap));
  assert.ok(Array.isArray(await imap.search('ALL')), describeError(imap));
  assert.strictEqual(await imap.disconnect(), true, describeError(imap));
}

describe('fault tests: errCode within timeout + 1 s, then the same object works again', function () {
  this.timeout(60000);

  describe('server gone in the middle of a transfer', function () {
    it('SMTP: server gone mid-DATA: errCode 6; the same object then sends to a good server', async function () {
      let smtp;
      await withScripted('gone-mid-data', async (srv) => {
        smtp = smtpFor(srv.port);
        await expectFault(smtp, () => smtp.send(), 6, 'mid-DATA');
        assert.strictEqual(srv.messages().length, 0);
      });
      await withScripted('no-starttls', async (good) => {
        smtp.portNumber = good.port;
        assert.strictEqual(await smtp.send(), true, `recovery: ${describeError(smtp)}`);
        await smtp.disconnect();
        assert.strictEqual(good.messages().length, 1);
        assert.match(good.messages()[0].data.toString(), /^Subject: fault test\r?$/m);
      });
    });

    it('SMTP: server stalls after DATA: errCode 5; the same object then sends through Postfix', async function () {
      let smtp;
      await withScripted('mid-data-stall', async (srv) => {
        smtp = smtpFor(srv.port);
        await expectFault(smtp, () => smtp.send(), 5, 'stall after DATA');
      });
      await smtpRecoversOnPostfix(smtp);
    });

    for (const mode of ['plain', 'tls']) {
      it(`POP3: server gone mid-RETR (${mode}): errCode 6; the same object then retrieves from a good server`, async function () {
        let pop;
        await withPop3(mode === 'tls' ? 'tls-retr-cut' : 'retr-cut', async (srv) => {
          pop = pop3For(srv.port, { tls: mode === 'tls' });
          assert.strictEqual(await pop.connect(), true, describeError(pop));
          await expectFault(pop, () => pop.retrieveSingleMessage(1), 6, 'mid-RETR');
        });
        await withPop3(mode === 'tls' ? 'tls-good' : 'plain-good', async (good) => {
          pop.portNumber = good.port;
          assert.strictEqual(await pop.connect(), true, `recovery: ${describeError(pop)}`);
          const m = await pop.retrieveSingleMessage(1);
          assert.ok(m, describeError(pop));
          assert.strictEqual(m.subject, 'hostile one');
          assert.strictEqual(await pop.disconnect(), true);
        });
        await pop3RecoversOnDovecot(pop);
      });

      it(`IMAP4: server gone mid-literal of FETCH (${mode}): errCode 6; the same object then retrieves from a good server`, async function () {
        let imap;
        await withImap(mode === 'tls' ? 'tls-fetch-cut' : 'fetch-cut', async (srv) => {
          imap = imapFor(srv.port, { tls: mode === 'tls' });
          assert.strictEqual(await imap.connect(), true, describeError(imap));
          assert.strictEqual(await imap.selectMailbox('INBOX'), true, describeError(imap));
          await expectFault(imap, () => imap.retrieveSingleMessage(1), 6, 'mid-literal');
        });
        await withImap(mode === 'tls' ? 'tls-good' : 'plain-good', async (good) => {
          imap.portNumber = good.port;
          assert.strictEqual(await imap.connect(), true, `recovery: ${describeError(imap)}`);
          assert.strictEqual(await imap.selectMailbox('INBOX'), true, describeError(imap));
          const m = await imap.retrieveSingleMessage(1);
          assert.ok(m, describeError(imap));
          assert.strictEqual(m.subject, 'hostile imap');
          assert.strictEqual(await imap.disconnect(), true);
        });
        await imapRecoversOnDovecot(imap);
      });
    }
  });

  describe('TCP RST during the TLS handshake', function () {
    // GnuTLS reports the reset as a failed pull (GNUTLS_E_PULL_ERROR) in the handshake: errCode 12,
    // sslError 1 (handshake failed) - the handshake is where it happened.
    const cases = [
      ['SMTP', smtpFor, (m) => m.send(), 'tls-good'],
      ['POP3', pop3For, (m) => m.connect(), 'tls-good'],
      ['IMAP4', imapFor, (m) => m.connect(), 'tls-good'],
    ];
    for (const [label, make, call] of cases) {
      it(`${label}: errCode 12 / sslError 1; the same object then works over implicit TLS`, async function () {
        const rst = await rstServer();
        let m;
        try {
          m = make(rst.port, { tls: true });
          await expectFault(m, () => call(m), 12, 'RST in handshake');
          assert.strictEqual(m.ssl.sslError, 1, describeError(m));
          assert.strictEqual(rst.accepted(), 1);
        } finally { await rst.close(); }
        if (label === 'SMTP') {
          await withScripted('tls-good', async (good) => {
            m.portNumber = good.port;
            assert.strictEqual(await m.send(), true, `recovery: ${describeError(m)}`);
            assert.strictEqual(m.ssl.sslError, 0);
            await m.disconnect();
            assert.strictEqual(good.messages().length, 1);
          });
        } else {
          const start = label === 'POP3' ? startHostilePop3 : startHostileImap;
          const good = await start('tls-good', { certDir: CERTS });
          try {
            m.portNumber = good.port;
            assert.strictEqual(await m.connect(), true, `recovery: ${describeError(m)}`);
            assert.strictEqual(m.ssl.sslError, 0);
            const msg = label === 'POP3' ? await m.retrieveSingleMessage(1)
              : (await m.selectMailbox('INBOX')) && m.retrieveSingleMessage(1);
            assert.ok(msg, describeError(m));
            await m.disconnect();
          } finally { await good.close(); }
        }
      });
    }
  });

  describe('DNS failure and refused connection', function () {
    const protos = [
      ['SMTP', smtpFor, (m) => m.send(), smtpRecoversOnPostfix],
      ['POP3', pop3For, (m) => m.connect(), pop3RecoversOnDovecot],
      ['IMAP4', imapFor, (m) => m.connect(), imapRecoversOnDovecot],
    ];
    for (const [label, make, call, recover] of protos) {
      it(`${label}: no-such-host.invalid: errCode 3; the same object then works against the real server`, async function () {
        const m = make(25, { startTls: true });
        m.serverName = 'no-such-host.invalid';
        await expectFault(m, () => call(m), 3, 'DNS');
        await recover(m);
      });

      it(`${label}: refused connection: errCode 4; the same object then works against the real server`, async function () {
        const port = await closedPort();
        const m = make(port, { startTls: true });
        await expectFault(m, () => call(m), 4, 'refused');
        await recover(m);
      });
    }
  });
});
