'use strict';
// (d) Bad input: header injection attempts throw at once and nothing reaches the network;
// invalid addresses fail with errCode 125 before MAIL FROM.
const assert = require('assert');
const { mailhive, withScripted, scriptedSmtp, sleep, describeError } = require('./helpers');

const EVIL = ['x\r\nBcc: victim@example.com', 'x\nBcc: victim@example.com', 'x\rBcc: victim@example.com', 'x\0y'];

describe('bad input', function () {
  it('CR, LF or NUL in single-line values throws TypeError and no connection is made', async function () {
    await withScripted('refuse-rcpt', async (srv) => {
      const smtp = scriptedSmtp(srv.port);
      const targets = {
        'message.subject': (v) => { smtp.message.subject = v; },
        'message.fromAddr': (v) => { smtp.message.fromAddr = v; },
        'message.toAddr': (v) => { smtp.message.toAddr = v; },
        'message.ccAddr': (v) => { smtp.message.ccAddr = v; },
        'message.bccAddr': (v) => { smtp.message.bccAddr = v; },
        'message.replyToAddr': (v) => { smtp.message.replyToAddr = v; },
        'setHeader value': (v) => smtp.message.setHeader('X-Test', v),
        'setHeader name': (v) => smtp.message.setHeader(v, 'value'),
        'smtp.subject': (v) => { smtp.subject = v; },
        'smtp.fromAddr': (v) => { smtp.fromAddr = v; },
        'smtp.toAddr': (v) => { smtp.toAddr = v; },
        'smtp.userName': (v) => { smtp.userName = v; },
        'smtp.serverName': (v) => { smtp.serverName = v; },
        'smtp.domain': (v) => { smtp.domain = v; },
      };
      for (const [name, set] of Object.entries(targets)) {
        for (const v of EVIL) {
          assert.throws(() => set(v), TypeError, `${name} = ${JSON.stringify(v)} must throw TypeError`);
        }
      }
      // previous values are untouched
      assert.strictEqual(smtp.message.subject, 'scripted test');
      assert.strictEqual(smtp.message.toAddr, 'test@localhost');
      assert.strictEqual(smtp.serverName, 'localhost');
      assert.strictEqual(smtp.message.getHeader('X-Test') || '', '');
      await sleep(200);
      assert.strictEqual(srv.connections(), 0, 'no connection may be opened');
      assert.strictEqual(srv.received(), '');
    });
  });

  it('a CRLF in a Message built alone also throws (no partial header)', function () {
    const { Message } = mailhive();
    const m = new Message();
    m.subject = 'ok';
    assert.throws(() => { m.subject = 'a\r\nX-Injected: 1'; }, TypeError);
    assert.strictEqual(m.subject, 'ok');
    m.fromAddr = 'a@localhost';
    m.toAddr = 'b@localhost';
    m.bodyText = 'multi\r\nline\r\nbody is fine';
    assert.doesNotMatch(m.rawBody, /^X-Injected/m);
  });

  const badAddresses = [
    ['toAddr', 'no-at-sign'],
    ['toAddr', 'a@b@c'],
    ['toAddr', '<unterminated@localhost'],
    ['toAddr', 'sp ace@localhost'],
    ['fromAddr', 'not an address'],
  ];
  for (const [field, value] of badAddresses) {
    it(`invalid address syntax ${field}=${JSON.stringify(value)}: errCode 125, no MAIL FROM sent`, async function () {
      await withScripted('refuse-rcpt', async (srv) => {
        const smtp = scriptedSmtp(srv.port);
        smtp.message[field] = value;
        assert.strictEqual(await smtp.send(), false);
        assert.strictEqual(smtp.errCode, 125, describeError(smtp));
        const rec = srv.received();
        assert.doesNotMatch(rec, /^(MAIL|RCPT|DATA)/m, `received ${JSON.stringify(rec)}`);
        assert.strictEqual(srv.messages().length, 0);
      });
    });
  }

  it('missing recipient: errCode 121 before MAIL FROM', async function () {
    await withScripted('refuse-rcpt', async (srv) => {
      const smtp = scriptedSmtp(srv.port);
      smtp.message.toAddr = '';
      assert.strictEqual(await smtp.send(), false);
      assert.strictEqual(smtp.errCode, 121, describeError(smtp));
      assert.doesNotMatch(srv.received(), /^MAIL/m);
    });
  });

  it('refused recipient on a scripted server: errCode 123 / allowRefusedRecipients', async function () {
    await withScripted('refuse-rcpt', async (srv) => {
      const smtp = scriptedSmtp(srv.port);
      smtp.message.toAddr = 'good@localhost, bad@localhost';
      assert.strictEqual(await smtp.send(), false);
      assert.strictEqual(smtp.errCode, 123, describeError(smtp));
      assert.strictEqual(srv.messages().length, 0, 'no DATA after a refused recipient');
      smtp.abort();
    });
    await withScripted('refuse-rcpt', async (srv) => {
      const smtp = scriptedSmtp(srv.port);
      smtp.message.toAddr = 'good@localhost, bad@localhost';
      smtp.allowRefusedRecipients = true;
      assert.strictEqual(await smtp.send(), true, describeError(smtp));
      assert.deepStrictEqual(smtp.refusedRecipients.map((r) => r.replace(/^.*<|>.*$/g, '')), ['bad@localhost']);
      await smtp.disconnect();
      assert.strictEqual(srv.messages().length, 1);
      assert.deepStrictEqual(srv.messages()[0].to, ['<good@localhost>']);
    });
  });

  it('unknown constants and bad argument types throw', function () {
    const { SMTP } = mailhive();
    const smtp = new SMTP();
    assert.throws(() => { smtp.authMethod = 99; }, (e) => e instanceof TypeError || e instanceof RangeError);
    assert.throws(() => { smtp.ssl.protocol = 42; }, (e) => e instanceof TypeError || e instanceof RangeError);
  });
});
