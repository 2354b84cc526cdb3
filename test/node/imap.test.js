'use strict';
// IMAP4 against the private Dovecot (STARTTLS 10143, implicit TLS 10993). Every run works in its own
// mailboxes (unique names, deleted in after()); the INBOX is shared with other suites and is never
// assumed to be empty.
const assert = require('assert');
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const { mailhive, uniq, fingerprint256, CERTS, MAILDIR, sleep } = require('./helpers');
const { imapClient, why, encodeModifiedUtf7 } = require('./mailbox-helpers');

/** Calls fn(); returns what it threw synchronously (or null). A returned promise is awaited and ignored. */
async function syncThrow(fn) {
  let thrown = null;
  let promise = null;
  try { promise = fn(); } catch (e) { thrown = e; }
  let settled = 'no promise';
  if (promise && typeof promise.then === 'function') {
    settled = await promise.then((v) => `resolved ${JSON.stringify(v)}`, (e) => `rejected with ${e.name}: ${e.message}`);
  }
  return { thrown, settled };
}

describe('IMAP4 (real Dovecot)', function () {
  this.timeout(30000);

  describe('login', function () {
    it('STARTTLS on 10143: logs in, post-TLS capabilities, serverCert', async function () {
      const { Certificate } = mailhive();
      const imap = imapClient();
      assert.strictEqual(await imap.connect(), true, why(imap));
      assert.strictEqual(imap.connected, true);
      assert.strictEqual(imap.errCode, 0);
      const caps = imap.capabilities;
      assert.ok(caps.includes('IMAP4rev1'), JSON.stringify(caps));
      assert.ok(caps.includes('IDLE'), JSON.stringify(caps));
      assert.ok(!caps.includes('STARTTLS'), `capabilities after STARTTLS must not offer it again: ${JSON.stringify(caps)}`);
      assert.ok(!caps.some((c) => /^LOGINDISABLED$/i.test(c)), 'capabilities are the post-TLS / post-login list');
      const c = imap.ssl.serverCert;
      assert.ok(c instanceof Certificate, 'serverCert set');
      assert.strictEqual(c.issuedTo, 'localhost');
      assert.strictEqual(c.fingerprintSha256, fingerprint256(path.join(CERTS, 'server.pem')));
      assert.ok(imap.ssl.negotiatedProtocol.length > 0);
      assert.strictEqual(await imap.selectMailbox('INBOX'), true, why(imap));
      assert.ok(imap.messageCount >= 0 && imap.uidValidity > 0 && imap.uidNext > 0, why(imap));
      assert.strictEqual(await imap.disconnect(), true, why(imap));
      assert.strictEqual(imap.connected, false);
    });

    it('implicit TLS on 10993: logs in', async function () {
      const imap = imapClient({ implicit: true });
      assert.strictEqual(await imap.connect(), true, why(imap));
      assert.strictEqual(imap.ssl.enabled, true);
      assert.strictEqual(imap.ssl.useStartTls, false);
      assert.match(imap.ssl.negotiatedProtocol, /^TLS ?1\.[23]$/i);
      assert.strictEqual(imap.ssl.serverCert.issuedTo, 'localhost');
      const boxes = await imap.retrieveMailboxes();
      assert.ok(Array.isArray(boxes), why(imap));
      const inbox = boxes.find((b) => b.name === 'INBOX');
      assert.ok(inbox, `INBOX listed: ${JSON.stringify(boxes)}`);
      assert.strictEqual(inbox.delimiter, '.');
      assert.ok(Array.isArray(inbox.flags));
      assert.strictEqual(await imap.disconnect(), true, why(imap));
    });

    it('wrong password: errCode 114', async function () {
      const imap = imapClient({ password: 'wrong-password' });
      assert.strictEqual(await imap.connect(), false);
      assert.strictEqual(imap.errCode, 114, why(imap));
      assert.strictEqual(imap.connected, false);
      assert.ok(!String(imap.clientRequest).includes('wrong-password'), 'password masked');
    });

    it('selectMailbox before connect(): errCode 1; unknown mailbox: false with a non-zero errCode', async function () {
      const imap = imapClient();
      assert.strictEqual(await imap.selectMailbox('INBOX'), false);
      assert.strictEqual(imap.errCode, 1, why(imap));
      assert.strictEqual(await imap.connect(), true, why(imap));
      assert.strictEqual(await imap.selectMailbox(uniq('does-not-exist')), false);
      assert.ok([202, 204].includes(imap.errCode), why(imap));
      assert.strictEqual(imap.connected, true);
      await imap.disconnect();
    });
  });

  describe('mailbox and message operations', function () {
    const run = uniq('mhnode');
    const box = `${run}`;
    const box2 = `${run}-copy`;
    const box3 = `${run}-move`;
    const renamed = `${box}.Grüße`;
    const attachment = crypto.randomBytes(30 * 1024);
    const subjects = [`Grüße eins ${run}`, `日本語 zwei ${run}`, `trois ✓ ${run}`];
    let imap;
    let sentIds = [];

    before(async function () {
      const { Message } = mailhive();
      imap = imapClient();
      assert.strictEqual(await imap.connect(), true, why(imap));
      assert.strictEqual(await imap.createMailbox(box), true, why(imap));
      sentIds = [];
      for (let k = 0; k < 3; k++) {
        const m = new Message();
        m.fromAddr = 'Jörg Müller <sender@localhost>';
        m.toAddr = 'Test User <test@localhost>';
        m.ccAddr = 'cc@localhost';
        m.replyToAddr = 'reply@localhost';
        m.subject = subjects[k];
        if (k === 1) {
          m.bodyFormat = Message.FORMAT_HTML;
          m.bodyText = `<p>zwei ✓ ${run}</p>`;
          m.altBodyText = `zwei ✓ ${run}`;
        } else {
          m.bodyText = `Text ${k + 1} — ü ✓ ${run}`;
        }
        if (k === 0) m.addAttachmentData(attachment, 'Anhang ä.bin', 'application/octet-stream');
        m.messageId = `<${run}.${k}@mailhive.test>`;
        sentIds.push(m.messageId);
        assert.strictEqual(await imap.appendMessage(box, m), true, why(imap));
      }
    });

    after(async function () {
      // A fresh connection: the tests may leave `imap` aborted or disconnected.
      const c = imapClient();
      if (await c.connect()) {
        for (const name of [renamed, box3, box2, box]) await c.deleteMailbox(name);
        await c.disconnect();
      }
      if (imap && imap.connected) await imap.disconnect();
    });

    it('select: messageCount 3, uidValidity > 0, uidNext after the appended UIDs', async function () {
      assert.strictEqual(await imap.selectMailbox(box), true, why(imap));
      assert.strictEqual(imap.messageCount, 3);
      assert.ok(Number.isInteger(imap.uidValidity) && imap.uidValidity > 0, `uidValidity ${imap.uidValidity}`);
      assert.ok(Number.isInteger(imap.recentCount) && imap.recentCount >= 0 && imap.recentCount <= 3);
      const uids = await imap.search('ALL', true);
      assert.strictEqual(uids.length, 3, why(imap));
      assert.ok(imap.uidNext > Math.max(...uids), `uidNext ${imap.uidNext} > UIDs ${uids}`);
      // a second connection sees the same
      const other = imapClient({ implicit: true });
      assert.strictEqual(await other.connect(), true, why(other));
      assert.strictEqual(await other.examineMailbox(box), true, why(other));
      assert.strictEqual(other.messageCount, 3);
      assert.strictEqual(other.uidValidity, imap.uidValidity);
      await other.disconnect();
    });

    it('retrieveEnvelopes(1, -1): numbers, UIDs, decoded subjects and addresses', async function () {
      const { Envelope } = mailhive();
      assert.strictEqual(await imap.selectMailbox(box), true, why(imap));
      const envs = await imap.retrieveEnvelopes(1, -1);
      assert.ok(Array.isArray(envs), why(imap));
      assert.strictEqual(envs.length, 3);
      assert.deepStrictEqual(envs.map((e) => e.messageNumber), [1, 2, 3]);
      assert.deepStrictEqual(envs.map((e) => e.subject), subjects);
      assert.deepStrictEqual(envs.map((e) => e.messageId), sentIds);
      const uids = await imap.search('ALL', true);
      assert.deepStrictEqual(envs.map((e) => e.uid), uids);
      for (const e of envs) {
        assert.ok(e instanceof Envelope);
        assert.ok(e.size > 0);
        assert.match(e.fromAddr, /sender@localhost/);
        assert.match(e.fromAddr, /Jörg Müller/, `fromAddr decoded: ${e.fromAddr}`);
        assert.match(e.toAddr, /test@localhost/);
        assert.match(e.ccAddr, /cc@localhost/);
        assert.match(e.replyToAddr, /reply@localhost/);
        assert.ok(e.date.length > 0);
        assert.ok(Array.isArray(e.flags));
      }
      assert.ok(envs[0].size > attachment.length, 'the first message carries the attachment');
      // by UID, a single one
      const one = await imap.retrieveEnvelopes(envs[2].uid, envs[2].uid, true);
      assert.strictEqual(one.length, 1, why(imap));
      assert.strictEqual(one[0].subject, subjects[2]);
      assert.strictEqual(one[0].messageNumber, 3);
      // a range 2:3
      const two = await imap.retrieveEnvelopes(2, 3);
      assert.deepStrictEqual(two.map((e) => e.subject), subjects.slice(1));
    });

    it('retrieveSingleMessage by number and by UID give the same message; attachment bytes equal', async function () {
      const { Message } = mailhive();
      assert.strictEqual(await imap.selectMailbox(box), true, why(imap));
      const [uid] = await imap.search('ALL', true);
      const byNum = await imap.retrieveSingleMessage(1);
      const byUid = await imap.retrieveSingleMessage(uid, true);
      for (const [label, m] of [['number', byNum], ['uid', byUid]]) {
        assert.ok(m instanceof Message, `${label}: ${why(imap)}`);
        assert.strictEqual(m.subject, subjects[0], label);
        assert.strictEqual(m.messageId, sentIds[0], label);
        assert.match(m.bodyText, new RegExp(`Text 1 — ü ✓ ${run}`), label);
        assert.strictEqual(m.attachments.length, 1, label);
        assert.strictEqual(m.attachments[0].filename, 'Anhang ä.bin', label);
        assert.ok(m.attachments[0].getData().equals(attachment), `${label}: attachment bytes equal`);
      }
      assert.strictEqual(byNum.rawBody, byUid.rawBody);
      const html = await imap.retrieveSingleMessage(2);
      assert.strictEqual(html.bodyFormat, Message.FORMAT_HTML);
      assert.match(html.bodyText, new RegExp(`<p>zwei ✓ ${run}</p>`));
      assert.strictEqual(html.altBodyText.trim(), `zwei ✓ ${run}`);
    });

    it('retrieveSingleMessageHeaders: the headers, no body and no attachment data', async function () {
      assert.strictEqual(await imap.selectMailbox(box), true, why(imap));
      const h = await imap.retrieveSingleMessageHeaders(1);
      assert.ok(h, why(imap));
      assert.strictEqual(h.subject, subjects[0]);
      assert.strictEqual(h.messageId, sentIds[0]);
      assert.match(h.fromAddr, /sender@localhost/);
      assert.match(h.getHeader('Content-Type'), /multipart\/mixed/i);
      assert.ok(Buffer.byteLength(h.rawBody) < 4096, `header-only fetch, got ${Buffer.byteLength(h.rawBody)} bytes`);
      for (const a of h.attachments) assert.ok(!a.getData().equals(attachment), 'no attachment data');
      const [, , uid3] = await imap.search('ALL', true);
      const h3 = await imap.retrieveSingleMessageHeaders(uid3, true);
      assert.strictEqual(h3.subject, subjects[2]);
    });

    it("search('ALL'), search('SUBJECT ...'), UID search, and a non-ASCII criterion", async function () {
      assert.strictEqual(await imap.selectMailbox(box), true, why(imap));
      assert.deepStrictEqual(await imap.search('ALL'), [1, 2, 3], why(imap));
      assert.deepStrictEqual(await imap.search(), [1, 2, 3], 'ALL is the default');
      assert.deepStrictEqual(await imap.search(`SUBJECT "${run}"`), [1, 2, 3], why(imap));
      assert.deepStrictEqual(await imap.search('SUBJECT "trois"'), [3], why(imap));
      assert.deepStrictEqual(await imap.search(`HEADER Message-ID "${sentIds[1]}"`), [2], why(imap));
      assert.deepStrictEqual(await imap.search('SUBJECT "no-such-subject-anywhere"'), [], why(imap));
      const uids = await imap.search('ALL', true);
      assert.strictEqual(uids.length, 3);
      assert.deepStrictEqual(await imap.search('SUBJECT "trois"', true), [uids[2]], why(imap));
      assert.deepStrictEqual(await imap.search('SUBJECT "Grüße"'), [1], `UTF-8 criterion: ${why(imap)}`);
      // a malformed criterion is a server BAD, not a crash
      assert.strictEqual(await imap.search('NOTAKEYWORD'), null);
      assert.ok([203, 202, 116].includes(imap.errCode), why(imap));
      assert.strictEqual(imap.connected, true);
    });

    it('search criteria with CR/LF throw TypeError at once', async function () {
      for (const bad of ['ALL\r\nA1 LOGOUT', 'ALL\nX', 'SUBJECT "a\rb"']) {
        const { thrown, settled } = await syncThrow(() => imap.search(bad));
        assert.ok(thrown instanceof TypeError, `${JSON.stringify(bad)}: ${thrown ? thrown.name : settled}`);
      }
      assert.strictEqual(imap.connected, true);
    });

    it('setFlags: add \\Seen, remove it, replace the flags', async function () {
      const { IMAP4 } = mailhive();
      assert.strictEqual(await imap.selectMailbox(box), true, why(imap));
      const flagsOf = async (n) => (await imap.retrieveEnvelopes(n, n))[0].flags;
      assert.strictEqual(await imap.setFlags('1', '\\Seen', IMAP4.FLAGS_ADD), true, why(imap));
      assert.ok((await flagsOf(1)).includes('\\Seen'), JSON.stringify(await flagsOf(1)));
      assert.ok(!(await flagsOf(2)).includes('\\Seen'), 'only message 1');
      assert.strictEqual(await imap.setFlags('1', '\\Seen', IMAP4.FLAGS_REMOVE), true, why(imap));
      assert.ok(!(await flagsOf(1)).includes('\\Seen'), JSON.stringify(await flagsOf(1)));
      assert.strictEqual(await imap.setFlags('1:2', '\\Flagged \\Answered', IMAP4.FLAGS_ADD), true, why(imap));
      assert.strictEqual(await imap.setFlags('2', '\\Draft', IMAP4.FLAGS_REPLACE), true, why(imap));
      const f2 = (await flagsOf(2)).filter((f) => f !== '\\Recent');
      assert.deepStrictEqual(f2, ['\\Draft'], 'REPLACE leaves exactly the given flags');
      const f1 = (await flagsOf(1)).filter((f) => f !== '\\Recent').sort();
      assert.deepStrictEqual(f1, ['\\Answered', '\\Flagged']);
      // by UID
      const uids = await imap.search('ALL', true);
      assert.strictEqual(await imap.setFlags(String(uids[2]), '\\Seen', IMAP4.FLAGS_ADD, true), true, why(imap));
      assert.ok((await flagsOf(3)).includes('\\Seen'));
      assert.deepStrictEqual(await imap.search('SEEN'), [3]);
      assert.deepStrictEqual(await imap.search('FLAGGED'), [1]);
      // clean up
      assert.strictEqual(await imap.setFlags('1:3', '', IMAP4.FLAGS_REPLACE), true, why(imap));
      assert.deepStrictEqual(await imap.search('SEEN'), []);
      assert.throws(() => imap.setFlags('1', '\\Seen', 7), RangeError);
    });

    it('messageSet is used when first = -1', async function () {
      assert.strictEqual(await imap.selectMailbox(box), true, why(imap));
      imap.messageSet = '1,3';
      const envs = await imap.retrieveEnvelopes(-1);
      assert.ok(envs, why(imap));
      assert.deepStrictEqual(envs.map((e) => e.messageNumber), [1, 3]);
      assert.deepStrictEqual(envs.map((e) => e.subject), [subjects[0], subjects[2]]);
      const uids = await imap.search('ALL', true);
      imap.messageSet = `${uids[1]}:${uids[2]}`;
      const byUid = await imap.retrieveEnvelopes(-1, -1, true);
      assert.deepStrictEqual(byUid.map((e) => e.subject), subjects.slice(1));
      assert.throws(() => { imap.messageSet = '1\r\n2'; }, TypeError);
      imap.messageSet = '';
      assert.throws(() => imap.retrieveEnvelopes(-1), RangeError, 'first = -1 without messageSet');
      assert.throws(() => imap.retrieveEnvelopes(0), RangeError);
    });

    it('examineMailbox is read-only: setFlags fails with a non-zero errCode and changes nothing', async function () {
      const { IMAP4 } = mailhive();
      assert.strictEqual(await imap.examineMailbox(box), true, why(imap));
      assert.strictEqual(imap.messageCount, 3);
      assert.strictEqual(await imap.setFlags('1', '\\Deleted', IMAP4.FLAGS_ADD), false);
      assert.notStrictEqual(imap.errCode, 0, why(imap));
      assert.strictEqual(imap.isError, true);
      assert.strictEqual(imap.connected, true);
      assert.strictEqual(await imap.selectMailbox(box), true, why(imap));
      assert.deepStrictEqual(await imap.search('DELETED'), [], 'no flag was set through EXAMINE');
    });

    it('copyMessages, moveMessages, deleteMessages + expunge: counts follow', async function () {
      assert.strictEqual(await imap.createMailbox(box2), true, why(imap));
      assert.strictEqual(await imap.createMailbox(box3), true, why(imap));
      assert.strictEqual(await imap.selectMailbox(box), true, why(imap));
      assert.strictEqual(await imap.copyMessages('1:3', box2), true, why(imap));
      assert.strictEqual(imap.messageCount, 3, 'copy leaves the source alone');
      assert.strictEqual(await imap.selectMailbox(box2), true, why(imap));
      assert.strictEqual(imap.messageCount, 3);
      // move the first (the one with the attachment) by UID
      const uids = await imap.search('ALL', true);
      assert.strictEqual(await imap.moveMessages(String(uids[0]), box3, true), true, why(imap));
      assert.strictEqual(await imap.selectMailbox(box2), true, why(imap));
      assert.strictEqual(imap.messageCount, 2, 'moved away');
      assert.deepStrictEqual((await imap.retrieveEnvelopes(1)).map((e) => e.subject), subjects.slice(1));
      assert.strictEqual(await imap.deleteMessages('1'), true, why(imap));
      assert.deepStrictEqual(await imap.search('DELETED'), [1]);
      assert.strictEqual(await imap.expunge(), true, why(imap));
      assert.strictEqual(await imap.selectMailbox(box2), true, why(imap));
      assert.strictEqual(imap.messageCount, 1);
      assert.deepStrictEqual((await imap.retrieveEnvelopes(1)).map((e) => e.subject), [subjects[2]]);
      assert.strictEqual(await imap.examineMailbox(box3), true, why(imap));
      assert.strictEqual(imap.messageCount, 1);
      const moved = await imap.retrieveSingleMessage(1);
      assert.strictEqual(moved.subject, subjects[0]);
      assert.ok(moved.attachments[0].getData().equals(attachment));
      assert.strictEqual(await imap.selectMailbox(box), true, why(imap));
      assert.strictEqual(imap.messageCount, 3, 'the source box is untouched');
    });

    it('renameMailbox to a non-ASCII child name: listed decoded, stored as modified UTF-7', async function () {
      assert.strictEqual(await imap.renameMailbox(box3, renamed), true, why(imap));
      const all = await imap.retrieveMailboxes();
      assert.ok(Array.isArray(all), why(imap));
      const names = all.map((b) => b.name);
      assert.ok(names.includes(renamed), `${renamed} listed: ${JSON.stringify(names.filter((n) => n.includes(run)))}`);
      assert.ok(!names.includes(box3), 'old name gone');
      assert.ok(!names.some((n) => n.includes('&')), `no modified UTF-7 leaks into names: ${JSON.stringify(names)}`);
      const entry = all.find((b) => b.name === renamed);
      assert.strictEqual(entry.delimiter, '.');
      const under = await imap.retrieveMailboxes(box);
      assert.ok(under, why(imap));
      assert.ok(under.map((b) => b.name).includes(renamed), `root=${box}: ${JSON.stringify(under.map((b) => b.name))}`);
      // Dovecot's Maildir++ folder on disk carries the modified UTF-7 name
      const onDisk = `.${encodeModifiedUtf7(renamed)}`;
      assert.ok(fs.existsSync(path.join(MAILDIR, onDisk)), `${onDisk} in ${MAILDIR}: `
        + JSON.stringify(fs.readdirSync(MAILDIR).filter((n) => n.includes(run))));
      assert.strictEqual(await imap.selectMailbox(renamed), true, why(imap));
      assert.strictEqual(imap.messageCount, 1);
      assert.strictEqual((await imap.retrieveEnvelopes(1))[0].subject, subjects[0]);
      // deleting a missing mailbox fails
      assert.strictEqual(await imap.deleteMailbox(box3), false);
      assert.notStrictEqual(imap.errCode, 0);
    });

    it('CR/LF/NUL in a mailbox name throws TypeError at once', async function () {
      const { Message } = mailhive();
      const m = new Message();
      m.fromAddr = 'a@localhost'; m.toAddr = 'test@localhost'; m.subject = 'x'; m.bodyText = 'x';
      for (const bad of [`${box}\r\nA1 DELETE INBOX`, `${box}\n`, `x\ry`, `x\0y`]) {
        for (const [name, call] of [
          ['selectMailbox', () => imap.selectMailbox(bad)],
          ['examineMailbox', () => imap.examineMailbox(bad)],
          ['createMailbox', () => imap.createMailbox(bad)],
          ['deleteMailbox', () => imap.deleteMailbox(bad)],
          ['renameMailbox', () => imap.renameMailbox(box2, bad)],
          ['copyMessages', () => imap.copyMessages('1', bad)],
          ['appendMessage', () => imap.appendMessage(bad, m)],
        ]) {
          const { thrown, settled } = await syncThrow(call);
          assert.ok(thrown instanceof TypeError, `${name}(${JSON.stringify(bad)}) must throw TypeError at once; ${settled}`);
        }
      }
      assert.strictEqual(await imap.selectMailbox(box), true, why(imap));
      assert.strictEqual(imap.messageCount, 3);
    });

    it('idle(1) resolves false when nothing changes', async function () {
      assert.strictEqual(await imap.selectMailbox(box), true, why(imap));
      const t0 = Date.now();
      assert.strictEqual(await imap.idle(1), false, why(imap));
      assert.strictEqual(imap.errCode, 0, why(imap));
      assert.ok(Date.now() - t0 >= 900, 'waited about a second');
      assert.strictEqual(imap.connected, true);
    });

    it('idle resolves true when a second IMAP4 object appends to the mailbox', async function () {
      assert.strictEqual(await imap.selectMailbox(box), true, why(imap));
      const before = imap.messageCount;
      const t0 = Date.now();
      const idling = imap.idle(20);
      await sleep(300);
      const other = imapClient({ implicit: true });
      assert.strictEqual(await other.connect(), true, why(other));
      assert.strictEqual(await other.appendMessage(box,
        `From: a@localhost\r\nTo: test@localhost\r\nSubject: wake ${run}\r\n\r\nwake up\r\n`), true, why(other));
      await other.disconnect();
      assert.strictEqual(await idling, true, why(imap));
      assert.ok(Date.now() - t0 < 15000, 'woke up on the change, not at the time-out');
      assert.strictEqual(await imap.selectMailbox(box), true, why(imap));
      assert.strictEqual(imap.messageCount, before + 1);
    });

    it('a second concurrent idle() on the same mailer resolves false with errCode 9', async function () {
      assert.strictEqual(await imap.selectMailbox(box), true, why(imap));
      const first = imap.idle(2);
      const second = await imap.idle(2);
      assert.strictEqual(second, false);
      assert.strictEqual(imap.errCode, 9, why(imap));
      assert.strictEqual(await first, false, why(imap));
      assert.strictEqual(imap.errCode, 0, 'the first idle ends normally');
      assert.strictEqual(imap.connected, true);
    });

    it('abort() during idle(30) ends it quickly with errCode 102', async function () {
      assert.strictEqual(await imap.selectMailbox(box), true, why(imap));
      const idling = imap.idle(30);
      await sleep(300);
      assert.strictEqual(imap.busy, true);
      const t0 = Date.now();
      imap.abort();
      assert.strictEqual(await idling, false);
      const took = Date.now() - t0;
      assert.strictEqual(imap.errCode, 102, why(imap));
      assert.ok(took < 3000, `abort took ${took} ms`);
      assert.strictEqual(imap.busy, false);
      // the mailer can be used again
      if (!imap.connected) assert.strictEqual(await imap.connect(), true, why(imap));
      assert.strictEqual(await imap.selectMailbox(box), true, why(imap));
    });
  });

  describe('many connections', function () {
    const box = uniq('mhnode-idle');
    const clients = [];

    before(async function () {
      const c = imapClient();
      assert.strictEqual(await c.connect(), true, why(c));
      assert.strictEqual(await c.createMailbox(box), true, why(c));
      await c.disconnect();
    });
    after(async function () {
      this.timeout(60000);
      await Promise.all(clients.map((c) => (c.connected ? c.disconnect() : null)));
      const c = imapClient();
      if (await c.connect()) { await c.deleteMailbox(box); await c.disconnect(); }
    });

    // n clients connect and select at once, then idle(2) at once. While they wait, a job that needs a
    // libuv pool thread (crypto.pbkdf2) and a timer must complete before any idle settles: a pool
    // thread held per waiting connection would starve them until the idles end.
    async function manyIdle(n) {
      let ticks = 0;
      const timer = setInterval(() => { ticks++; }, 10);
      try {
        const cs = [];
        for (let k = 0; k < n; k++) { const c = imapClient(); cs.push(c); clients.push(c); }
        const ok = await Promise.all(cs.map(async (c) => (await c.connect()) && c.selectMailbox(box)));
        const bad = cs.map((c, k) => (ok[k] ? null : `#${k}: ${why(c)}`)).filter(Boolean);
        assert.ok(bad.length === 0, `every client connected and selected: ${bad.length} of ${n} failed, e.g.\n`
          + `${bad.slice(0, 3).join('\n')}`);
        let settled = 0;
        const idles = cs.map((c) => c.idle(2).finally(() => { settled++; }));
        await sleep(100); // let every IDLE reach the server
        const ticksBefore = ticks;
        await new Promise((res, rej) => crypto.pbkdf2('x', 'y', 1, 32, 'sha256', (e) => (e ? rej(e) : res())));
        await fs.promises.readFile(__filename);
        const settledDuringPoolWork = settled;
        await sleep(50);
        const ticksDuring = ticks - ticksBefore;
        const results = await Promise.all(idles);
        await Promise.all(cs.map((c) => c.disconnect()));
        return { results, cs, settledDuringPoolWork, ticksDuring };
      } finally {
        clearInterval(timer);
      }
    }

    // A [LIMIT] refusal (not a wrong password, errCode 113) is covered by the engine tests against a
    // scripted server: the test Dovecot allows enough sessions for the parallel suites.

    for (const n of [6, 50]) {
      it(`${n} IMAP4 objects connected and idling at once (libuv pool has 4 threads): loop and pool stay free, all resolve false`, async function () {
        this.timeout(90000);
        const { results, cs, settledDuringPoolWork, ticksDuring } = await manyIdle(n);
        assert.strictEqual(settledDuringPoolWork, 0, 'pool work (pbkdf2, readFile) finished while every idle was still waiting');
        assert.ok(ticksDuring > 0, 'timers fire while the idles wait');
        assert.deepStrictEqual(results, new Array(n).fill(false), cs.map(why).filter((w) => !/errCode=0 /.test(w)).join('\n'));
        assert.ok(cs.every((c) => c.errCode === 0), cs.map(why).filter((w) => !/errCode=0 /.test(w)).join('\n'));
      });
    }
  });
});
