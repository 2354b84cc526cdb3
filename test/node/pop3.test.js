'use strict';
// POP3 against the private Dovecot (STLS 10110, implicit TLS 10995): login, STAT/LIST/UIDL
// consistency, the full build -> send (Postfix) -> retrieve (POP3) -> parse round trip, deletion
// semantics, errors, and that calls run off the event loop. The mailbox is shared with other
// suites: every check looks for its own unique marker and never assumes the maildrop is empty.
const assert = require('assert');
const crypto = require('crypto');
const path = require('path');
const { mailhive, postfixSmtp, waitForMail, uniq, fingerprint256, CERTS } = require('./helpers');
const { pop3Client, why, findPop3Index, countLoopTicks } = require('./mailbox-helpers');

/** Sends one message through Postfix (STARTTLS + AUTH) to test@localhost and waits for it in the Maildir. */
async function sendUnique(label, { attachment = null } = {}) {
  const { Message } = mailhive();
  const id = uniq(label);
  const smtp = postfixSmtp();
  const m = smtp.message;
  m.fromAddr = 'Jörg Müller <sender@localhost>';
  m.toAddr = 'Test User <test@localhost>';
  m.subject = `POP3 Grüße ✓ 日本 ${id}`;
  m.bodyFormat = Message.FORMAT_HTML;
  m.bodyText = `<html><body><p>Hällo <b>POP3</b> ✓ ${id}</p></body></html>`;
  m.altBodyText = `Hällo POP3 ✓ ${id}`;
  if (attachment) m.addAttachmentData(attachment, 'zufall €.bin', 'application/octet-stream');
  assert.strictEqual(await smtp.send(), true, why(smtp));
  await smtp.disconnect();
  const raw = await waitForMail(id, 15000);
  return { id, subject: m.subject, html: m.bodyText, text: m.altBodyText, raw };
}

describe('POP3 (real Dovecot)', function () {
  this.timeout(30000);

  describe('login', function () {
    it('STLS on 10110: logs in, fills messageCount/totalSize, TLS details and serverCert', async function () {
      const { Certificate } = mailhive();
      const pop = pop3Client();
      assert.strictEqual(pop.connected, false);
      assert.strictEqual(await pop.connect(), true, why(pop));
      assert.strictEqual(pop.connected, true);
      assert.strictEqual(pop.errCode, 0);
      assert.strictEqual(pop.isError, false);
      assert.ok(Number.isInteger(pop.messageCount) && pop.messageCount >= 0, `messageCount ${pop.messageCount}`);
      assert.ok(Number.isInteger(pop.totalSize) && pop.totalSize >= 0, `totalSize ${pop.totalSize}`);
      assert.ok(pop.ssl.negotiatedProtocol.length > 0, 'negotiatedProtocol');
      assert.ok(pop.ssl.cipherSuite.length > 0, 'cipherSuite');
      assert.strictEqual(pop.ssl.sslError, 0);
      const c = pop.ssl.serverCert;
      assert.ok(c, 'serverCert set after STLS');
      assert.ok(c instanceof Certificate);
      assert.strictEqual(c.issuedTo, 'localhost');
      assert.strictEqual(c.fingerprintSha256, fingerprint256(path.join(CERTS, 'server.pem')));
      assert.deepStrictEqual(c.verifyErrors, []);
      // post-TLS CAPA: STLS is no longer offered, UIDL and TOP are
      const caps = pop.capabilities;
      assert.ok(Array.isArray(caps) && caps.length > 0, JSON.stringify(caps));
      assert.ok(caps.some((l) => /^UIDL$/i.test(l)), JSON.stringify(caps));
      assert.ok(caps.some((l) => /^TOP$/i.test(l)), JSON.stringify(caps));
      assert.ok(!caps.some((l) => /^STLS$/i.test(l)), `capabilities are the post-TLS CAPA: ${JSON.stringify(caps)}`);
      assert.strictEqual(await pop.disconnect(), true, why(pop));
      assert.strictEqual(pop.connected, false);
    });

    it('implicit TLS on 10995: logs in', async function () {
      const pop = pop3Client({ implicit: true });
      assert.strictEqual(await pop.connect(), true, why(pop));
      assert.strictEqual(pop.ssl.enabled, true);
      assert.strictEqual(pop.ssl.useStartTls, false);
      assert.strictEqual(pop.portNumber, 10995);
      assert.match(pop.ssl.negotiatedProtocol, /^TLS ?1\.[23]$/i);
      assert.ok(pop.ssl.serverCert, 'serverCert set');
      assert.strictEqual(pop.ssl.serverCert.issuedTo, 'localhost');
      assert.ok(pop.messageCount >= 0);
      assert.strictEqual(await pop.disconnect(), true, why(pop));
    });

    it('wrong password: connect() resolves false with errCode 114', async function () {
      const pop = pop3Client({ password: 'wrong-password' });
      assert.strictEqual(await pop.connect(), false);
      assert.strictEqual(pop.errCode, 114, why(pop));
      assert.strictEqual(pop.isError, true);
      assert.match(String(pop.serverResponse), /^-ERR/m, why(pop));
      assert.ok(!String(pop.clientRequest).includes('wrong-password'), 'password masked in clientRequest');
      assert.strictEqual(pop.connected, false);
    });

    it('a successful call after a failure resets the error properties', async function () {
      const pop = pop3Client();
      assert.strictEqual(await pop.connect(), true, why(pop));
      assert.strictEqual(await pop.getMessageSize(pop.messageCount + 1000), null);
      assert.strictEqual(pop.isError, true);
      assert.strictEqual(await pop.search() !== null, true, why(pop));
      assert.strictEqual(pop.isError, false);
      assert.strictEqual(pop.errCode, 0);
      await pop.disconnect();
    });
  });

  describe('maildrop listing', function () {
    it('messageCount/totalSize agree with search().length and the sum of getMessageSize', async function () {
      // Make sure there is at least one message, whatever else uses the mailbox.
      await sendUnique('stat');
      const pop = pop3Client();
      assert.strictEqual(await pop.connect(), true, why(pop));
      const n = pop.messageCount;
      assert.ok(n >= 1, `messageCount ${n}`);
      const uids = await pop.search();
      assert.ok(Array.isArray(uids), why(pop));
      assert.strictEqual(uids.length, n, 'one UID per message');
      assert.strictEqual(new Set(uids).size, n, 'UIDs are unique');
      let sum = 0;
      for (let i = 1; i <= n; i++) {
        const size = await pop.getMessageSize(i);
        assert.ok(Number.isInteger(size) && size > 0, `size of ${i}: ${size} ${why(pop)}`);
        sum += size;
        assert.strictEqual(await pop.getMessageUID(i), uids[i - 1], `UID of ${i} (search() is in index order)`);
      }
      assert.strictEqual(sum, pop.totalSize, 'sum of LIST sizes = STAT size');
      await pop.disconnect();
    });
  });

  describe('round trip: build -> send (Postfix) -> retrieve (POP3) -> parse', function () {
    const random = crypto.randomBytes(100 * 1024);
    let sent;
    let pop;
    let index;

    before(async function () {
      sent = await sendUnique('pop3rt', { attachment: random });
    });
    beforeEach(async function () {
      pop = pop3Client();
      assert.strictEqual(await pop.connect(), true, why(pop));
      index = await findPop3Index(pop, sent.id);
      assert.ok(index >= 1, `the message ${sent.id} is in the maildrop (${pop.messageCount} messages)`);
    });
    afterEach(async function () {
      if (pop && pop.connected) await pop.disconnect();
    });

    it('retrieveSingleMessage: subject, from, html + alternative text, 100 KB attachment bytes', async function () {
      const { Message, Attachment } = mailhive();
      const m = await pop.retrieveSingleMessage(index);
      assert.ok(m instanceof Message, why(pop));
      assert.strictEqual(m.subject, sent.subject);
      assert.match(m.fromAddr, /sender@localhost/);
      assert.match(m.fromAddr, /Jörg Müller/, `fromAddr ${JSON.stringify(m.fromAddr)}`);
      assert.match(m.toAddr, /test@localhost/);
      assert.strictEqual(m.bodyFormat, Message.FORMAT_HTML);
      assert.match(m.bodyText, new RegExp(`<p>Hällo <b>POP3</b> ✓ ${sent.id}</p>`));
      assert.strictEqual(m.altBodyText.replace(/\r?\n$/, ''), sent.text);
      assert.ok(m.messageId.length > 0, 'messageId');
      assert.ok(m.date.length > 0, 'date');
      assert.match(m.getHeader('Received'), /localhost|10025|ESMTP/i, 'Received header from Postfix');
      assert.match(m.getHeader('Return-Path'), /sender@localhost/);
      assert.strictEqual(m.attachments.length, 1, `attachments ${JSON.stringify(m.attachments.map((a) => a.filename))}`);
      const a = m.attachments[0];
      assert.ok(a instanceof Attachment);
      assert.strictEqual(a.filename, 'zufall €.bin');
      assert.strictEqual(a.contentType, 'application/octet-stream');
      assert.strictEqual(a.size, random.length);
      assert.ok(a.getData().equals(random), '100 KB attachment bytes equal after the round trip');
      // the same bytes as Dovecot holds them, apart from line ends
      const size = await pop.getMessageSize(index);
      assert.ok(Math.abs(Buffer.byteLength(m.rawBody) - size) <= 2, `rawBody ${Buffer.byteLength(m.rawBody)} vs LIST ${size}`);
    });

    it('retrieveSingleMessageHeaders(i, 2): headers only, no attachment data', async function () {
      const { Message } = mailhive();
      const h = await pop.retrieveSingleMessageHeaders(index, 2);
      assert.ok(h instanceof Message, why(pop));
      assert.strictEqual(h.subject, sent.subject);
      assert.match(h.fromAddr, /sender@localhost/);
      assert.ok(h.messageId.length > 0);
      const raw = Buffer.from(h.rawBody);
      assert.ok(raw.length < 10 * 1024, `TOP i 2 is small, got ${raw.length} bytes`);
      for (const a of h.attachments) {
        assert.ok(!a.getData().equals(random), 'no full attachment data from TOP');
        assert.ok(a.getData().length < 1024, `attachment data from TOP: ${a.getData().length} bytes`);
      }
      assert.ok(!raw.includes(random.subarray(0, 48).toString('base64')), 'attachment base64 is not in the TOP output');
    });

    it('the UID of the message is stable across sessions', async function () {
      const uid = await pop.getMessageUID(index);
      assert.ok(typeof uid === 'string' && uid.length > 0, why(pop));
      assert.strictEqual((await pop.search())[index - 1], uid);
      await pop.disconnect();
      const pop2 = pop3Client({ implicit: true });
      assert.strictEqual(await pop2.connect(), true, why(pop2));
      const uids = await pop2.search();
      const i2 = uids.indexOf(uid) + 1;
      assert.ok(i2 >= 1, 'UID found in a new session');
      const h = await pop2.retrieveSingleMessageHeaders(i2);
      assert.strictEqual(h.subject, sent.subject);
      await pop2.disconnect();
    });

    it('runs off the event loop: the loop keeps turning while a 100 KB retrieve runs', async function () {
      const { Message } = mailhive();
      const { value, immediates, ticks } = await countLoopTicks(async () => {
        const out = [];
        for (let k = 0; k < 3; k++) out.push(await pop.retrieveSingleMessage(index));
        return out;
      });
      for (const m of value) assert.ok(m instanceof Message, why(pop));
      assert.ok(immediates > 0, `event loop iterations during the retrieves: ${immediates} (timer ticks ${ticks})`);
    });

    it('busy is true while a call runs; queued calls resolve in order', async function () {
      const order = [];
      const p1 = pop.getMessageSize(index).then((v) => { order.push(['size', v]); });
      const p2 = pop.getMessageUID(index).then((v) => { order.push(['uid', v]); });
      const p3 = pop.retrieveSingleMessageHeaders(index).then((v) => { order.push(['headers', v && v.subject]); });
      assert.strictEqual(pop.busy, true);
      await Promise.all([p1, p2, p3]);
      assert.strictEqual(pop.busy, false);
      assert.deepStrictEqual(order.map(([k]) => k), ['size', 'uid', 'headers']);
      assert.strictEqual(order[2][1], sent.subject);
    });

    it('index 0 / negative / non-integer throws RangeError at once', async function () {
      for (const [name, call] of [
        ['retrieveSingleMessage(0)', () => pop.retrieveSingleMessage(0)],
        ['retrieveSingleMessageHeaders(0)', () => pop.retrieveSingleMessageHeaders(0)],
        ['getMessageSize(0)', () => pop.getMessageSize(0)],
        ['getMessageUID(-1)', () => pop.getMessageUID(-1)],
        ['deleteMessage(0)', () => pop.deleteMessage(0)],
        ['retrieveSingleMessage(1.5)', () => pop.retrieveSingleMessage(1.5)],
      ]) {
        let thrown = null;
        let promise = null;
        try { promise = call(); } catch (e) { thrown = e; }
        let rejected = null;
        if (promise) rejected = await promise.then(() => null, (e) => e);
        assert.ok(thrown instanceof RangeError,
          `${name} must throw RangeError synchronously; got ${thrown ? thrown.name : 'no throw'}, the promise `
          + `${rejected ? `rejected with ${rejected.name}: ${rejected.message}` : 'resolved'}`);
      }
      // nothing was deleted or broken: the session still works
      assert.strictEqual(pop.connected, true);
      assert.ok((await pop.retrieveSingleMessageHeaders(index)) !== null, why(pop));
    });

    it('index beyond messageCount: false/null with errCode 201', async function () {
      const beyond = pop.messageCount + 1;
      assert.strictEqual(await pop.retrieveSingleMessage(beyond), null);
      assert.strictEqual(pop.errCode, 201, why(pop));
      assert.strictEqual(pop.isError, true);
      assert.strictEqual(await pop.retrieveSingleMessageHeaders(beyond, 2), null);
      assert.strictEqual(pop.errCode, 201, why(pop));
      assert.strictEqual(await pop.getMessageSize(beyond), null);
      assert.strictEqual(pop.errCode, 201, why(pop));
      assert.strictEqual(await pop.getMessageUID(beyond), null);
      assert.strictEqual(pop.errCode, 201, why(pop));
      assert.strictEqual(await pop.deleteMessage(beyond), false);
      assert.strictEqual(pop.errCode, 201, why(pop));
      assert.strictEqual(pop.connected, true, 'still connected');
    });

    it('deleteMessage + undeleteAll (RSET) keeps the message', async function () {
      const uid = await pop.getMessageUID(index);
      assert.strictEqual(await pop.deleteMessage(index), true, why(pop));
      // a message marked as deleted cannot be retrieved in this session
      assert.strictEqual(await pop.retrieveSingleMessage(index), null);
      assert.notStrictEqual(pop.errCode, 0);
      assert.strictEqual(await pop.undeleteAll(), true, why(pop));
      assert.ok((await pop.retrieveSingleMessageHeaders(index)) !== null, `retrievable again after RSET: ${why(pop)}`);
      assert.strictEqual(await pop.disconnect(), true, why(pop));
      const pop2 = pop3Client();
      assert.strictEqual(await pop2.connect(), true, why(pop2));
      assert.ok((await pop2.search()).includes(uid), 'still in the maildrop after RSET + QUIT');
      await pop2.disconnect();
    });

    it('deleteMessage + disconnect (QUIT) removes it: its UID is gone after reconnecting', async function () {
      const uid = await pop.getMessageUID(index);
      const countBefore = pop.messageCount;
      assert.strictEqual(await pop.deleteMessage(index), true, why(pop));
      assert.strictEqual(pop.messageCount, countBefore, 'messageCount is the STAT of connect()');
      assert.strictEqual(await pop.disconnect(), true, why(pop));
      const pop2 = pop3Client({ implicit: true });
      assert.strictEqual(await pop2.connect(), true, why(pop2));
      const uids = await pop2.search();
      assert.ok(Array.isArray(uids), why(pop2));
      assert.ok(!uids.includes(uid), `UID ${uid} must be gone after DELE + QUIT`);
      assert.strictEqual(await findPop3Index(pop2, sent.id), 0, 'no message with the marker left');
      await pop2.disconnect();
    });
  });

  describe('not connected', function () {
    it('calls before connect() fail with errCode 1', async function () {
      const pop = pop3Client();
      assert.strictEqual(await pop.retrieveSingleMessage(1), null);
      assert.strictEqual(pop.errCode, 1, why(pop));
      assert.strictEqual(await pop.search(), null);
      assert.strictEqual(pop.errCode, 1, why(pop));
    });
  });
});
