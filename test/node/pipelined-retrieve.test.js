'use strict';
// IMAP downloads queued back to back (retrieveSingleMessage without awaiting each) go to the engine as
// one batch of pipelined FETCH commands; each call keeps its own promise, Message and error. Checked
// against the private Dovecot (STARTTLS 10143), compared with the same downloads awaited one by one.
const assert = require('assert');
const { mailhive, uniq } = require('./helpers');
const { imapClient, why } = require('./mailbox-helpers');

describe('queued IMAP downloads are pipelined', function () {
  this.timeout(60000);
  const box = uniq('pipeline-box');
  const N = 45; // more than the engine's 32 commands in flight
  let imap;
  let uids = [];

  before(async function () {
    const { Message } = mailhive();
    imap = imapClient();
    assert.strictEqual(await imap.connect(), true, why(imap));
    assert.strictEqual(await imap.createMailbox(box), true, why(imap));
    for (let k = 1; k <= N; k++) {
      const m = new Message();
      m.fromAddr = 'sender@localhost';
      m.toAddr = 'test@localhost';
      m.subject = `pipelined ${k} ${box}`;
      m.bodyText = `body ${k} ${'x'.repeat(k * 97)}`;
      if (k % 9 === 0) m.addAttachmentData(Buffer.alloc(20000 + k, k), `a${k}.bin`, 'application/octet-stream');
      assert.strictEqual(await imap.appendMessage(box, m), true, why(imap));
    }
    assert.strictEqual(await imap.selectMailbox(box), true, why(imap));
    assert.strictEqual(imap.messageCount, N);
    const env = await imap.retrieveEnvelopes(1, -1);
    uids = env.map((e) => e.uid);
  });

  after(async function () {
    const c = imapClient();
    if (await c.connect()) { await c.deleteMailbox(box); await c.disconnect(); }
    if (imap && imap.connected) await imap.disconnect();
  });

  it('45 queued downloads by number: same messages as one by one, in order', async function () {
    const queued = await Promise.all(Array.from({ length: N }, (_, i) => imap.retrieveSingleMessage(i + 1)));
    for (let k = 1; k <= N; k++) {
      const one = await imap.retrieveSingleMessage(k);
      const q = queued[k - 1];
      assert.ok(q, `message ${k}: ${why(imap)}`);
      assert.strictEqual(q.subject, `pipelined ${k} ${box}`);
      assert.strictEqual(q.subject, one.subject);
      assert.ok(q.rawBytes.equals(one.rawBytes), `message ${k}: bytes differ`);
      assert.strictEqual(q.attachments.length, k % 9 === 0 ? 1 : 0);
    }
    assert.strictEqual(imap.errCode, 0);
  });

  it('by UID, with bad ids in the middle: only those fail; the others still arrive', async function () {
    const ids = [uids[3], 999999, uids[0], uids[N - 1]];
    const out = await Promise.all(ids.map((u) => imap.retrieveSingleMessage(u, true)));
    assert.strictEqual(out[0].subject, `pipelined 4 ${box}`);
    assert.strictEqual(out[1], null);
    assert.strictEqual(out[2].subject, `pipelined 1 ${box}`);
    assert.strictEqual(out[3].subject, `pipelined ${N} ${box}`);
    const byNumber = await Promise.all([2, N + 7, 3].map((n) => imap.retrieveSingleMessage(n)));
    assert.strictEqual(byNumber[0].subject, `pipelined 2 ${box}`);
    assert.strictEqual(byNumber[1], null);
    assert.strictEqual(byNumber[2].subject, `pipelined 3 ${box}`);
  });

  it('each failed download rejects on its own with throwExceptions; the state after each is its own', async function () {
    imap.throwExceptions = true;
    try {
      const out = await Promise.allSettled([1, N + 1, 2].map((n) => imap.retrieveSingleMessage(n)));
      assert.deepStrictEqual(out.map((o) => o.status), ['fulfilled', 'rejected', 'fulfilled']);
      assert.strictEqual(out[1].reason.name, 'MailError');
      assert.notStrictEqual(out[1].reason.errCode, 0);
      assert.strictEqual(imap.errCode, 0, 'the last download succeeded');
    } finally { imap.throwExceptions = false; }
  });

  it('downloads still leave the messages unseen (BODY.PEEK)', async function () {
    await Promise.all([1, 2, 3].map((n) => imap.retrieveSingleMessage(n)));
    const env = await imap.retrieveEnvelopes(1, 3);
    for (const e of env) assert.ok(!e.flags.includes('\\Seen'), JSON.stringify(e.flags));
  });

  it('abort() before a batch starts cancels it without touching the network', async function () {
    const c = imapClient();
    assert.strictEqual(await c.connect(), true, why(c));
    assert.strictEqual(await c.selectMailbox(box), true, why(c));
    const ps = Array.from({ length: N }, (_, i) => c.retrieveSingleMessage(i + 1));
    c.abort();
    const out = await Promise.all(ps);
    assert.ok(out.every((m) => m === null), 'every queued download was cancelled');
    assert.strictEqual(c.errCode, 102);
    assert.strictEqual(c.connected, true, 'nothing was sent, the session goes on');
    const again = await c.retrieveSingleMessage(5);
    assert.strictEqual(again.subject, `pipelined 5 ${box}`);
    await c.disconnect();
  });

  it('abort() while a batch runs: a prefix arrives, every download not yet done gets 102', async function () {
    const c = imapClient();
    assert.strictEqual(await c.connect(), true, why(c));
    assert.strictEqual(await c.selectMailbox(box), true, why(c));
    const ps = Array.from({ length: N }, (_, i) => c.retrieveSingleMessage(i + 1));
    await ps[0]; // the batch is running: its first download is in
    c.abort();
    const out = await Promise.all(ps);
    const firstNull = out.indexOf(null);
    assert.ok(firstNull === -1 || out.slice(firstNull).every((m) => m === null), 'only a prefix arrived');
    for (let i = 0; i < (firstNull === -1 ? N : firstNull); i++) assert.strictEqual(out[i].subject, `pipelined ${i + 1} ${box}`);
    assert.ok(out[0], 'the first download arrived before the abort');
    if (firstNull !== -1) assert.strictEqual(c.errCode, 102);
    // Later calls work again (with a new session when the abort ended the old one).
    if (!c.connected) {
      assert.strictEqual(await c.connect(), true, why(c));
      assert.strictEqual(await c.selectMailbox(box), true, why(c));
    }
    const again = await c.retrieveSingleMessage(6);
    assert.strictEqual(again.subject, `pipelined 6 ${box}`);
    await c.disconnect();
  });
});

// Results carry the TLS state only when it changed (building certificate objects for every call was
// most of a result's cost): what mailer.ssl shows must still follow every new connection.
describe('mailer.ssl follows every new TLS session', function () {
  this.timeout(30000);
  const { startHostilePop3 } = require('../servers/hostile-pop3');
  const { CERTS } = require('./helpers');

  it('POP3: Dovecot, then a server with another certificate, then Dovecot again', async function () {
    const pop = require('./mailbox-helpers').pop3Client({ implicit: true });
    assert.strictEqual(await pop.connect(), true, why(pop));
    const dovecot = pop.ssl.serverCert.fingerprintSha256;
    assert.ok(Array.isArray(await pop.search()), why(pop)); // another call on the same session
    assert.strictEqual(pop.ssl.serverCert.fingerprintSha256, dovecot, 'unchanged after a call on the same session');
    await pop.disconnect();
    const other = await startHostilePop3('tls-chain-full', { certDir: CERTS });
    try {
      pop.portNumber = other.port;
      assert.strictEqual(await pop.connect(), true, why(pop));
      assert.notStrictEqual(pop.ssl.serverCert.fingerprintSha256, dovecot, 'the other server has another certificate');
      assert.ok(pop.ssl.serverCertChain.length >= 2, 'its full chain');
      await pop.disconnect();
    } finally { await other.close(); }
    pop.portNumber = 10995;
    assert.strictEqual(await pop.connect(), true, why(pop));
    assert.strictEqual(pop.ssl.serverCert.fingerprintSha256, dovecot);
    assert.strictEqual(pop.ssl.sslError, 0);
    await pop.disconnect();
  });
});
