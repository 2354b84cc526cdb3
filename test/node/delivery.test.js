'use strict';
// (a) Real delivery through the private Postfix (STARTTLS 10025, implicit TLS 10465) into the test
// Maildir, checked independently with mailparser.
const assert = require('assert');
const fs = require('fs');
const crypto = require('crypto');
const path = require('path');
const {
  mailhive, postfixSmtp, waitForMail, parseMail, uniq, tmpFile, fingerprint256, CERTS, describeError,
} = require('./helpers');

describe('delivery through Postfix (real servers)', function () {
  this.timeout(30000);

  it('STARTTLS 10025 + AUTH: UTF-8 headers, text+html bodies, attachments, Bcc hidden', async function () {
    const { Message } = mailhive();
    const id = uniq('utf8');
    const smtp = postfixSmtp();
    const subject = `Grüße — 日本 ✓ ${id}`;
    const m = smtp.message;
    m.fromAddr = 'Jörg Müller <sender@localhost>';
    m.toAddr = 'Zoë Ångström <zoe@example.com>';
    m.ccAddr = '"Doe, Jane" <jane@example.org>';
    m.bccAddr = 'test@localhost';
    m.replyToAddr = 'Ответ <reply@example.net>';
    m.subject = subject;
    m.bodyFormat = Message.FORMAT_HTML;
    m.bodyText = `<html><body><p>Hällo <b>wörld</b> ✓ ${id}</p></body></html>`;
    m.altBodyText = `Hällo wörld ✓ ${id}`;
    const random = crypto.randomBytes(200 * 1024);
    m.addAttachmentData(random, 'random.bin', 'application/octet-stream');
    const fileData = Buffer.concat([Buffer.from('%PDF-1.4 fake\n'), crypto.randomBytes(5000)]);
    const filePath = tmpFile('Überblick 2024.pdf', fileData);
    m.addAttachment(filePath);
    assert.strictEqual(m.attachments.length, 2);

    const ok = await smtp.send();
    assert.strictEqual(ok, true, describeError(smtp));
    assert.strictEqual(smtp.errCode, 0);
    assert.strictEqual(smtp.isError, false);
    await smtp.disconnect();

    const raw = await waitForMail(id);
    const text = raw.toString('latin1');
    const head = text.slice(0, text.indexOf('\r\n\r\n') >= 0 ? text.indexOf('\r\n\r\n') : text.indexOf('\n\n'));
    assert.doesNotMatch(head, /^bcc:/im, 'a Bcc header must never be transmitted');
    assert.ok(!/[^\x00-\x7f]/.test(head.replace(/^(Received|Return-Path|Delivered-To):.*(\r?\n[ \t].*)*/gim, '')),
      'headers must be 7-bit (RFC 2047 encoded)');

    const mail = await parseMail(raw);
    assert.strictEqual(mail.subject, subject);
    assert.strictEqual(mail.from.value[0].name, 'Jörg Müller');
    assert.strictEqual(mail.from.value[0].address, 'sender@localhost');
    assert.strictEqual(mail.to.value[0].name, 'Zoë Ångström');
    assert.strictEqual(mail.to.value[0].address, 'zoe@example.com');
    assert.strictEqual(mail.cc.value[0].name, 'Doe, Jane');
    assert.strictEqual(mail.replyTo.value[0].name, 'Ответ');
    assert.ok(!mail.bcc, 'parsed message has no Bcc');
    assert.ok(!mail.headers.has('bcc'));
    assert.strictEqual((mail.text || '').trim(), `Hällo wörld ✓ ${id}`);
    assert.match(mail.html || '', new RegExp(`<p>Hällo <b>wörld</b> ✓ ${id}</p>`));
    assert.ok(mail.messageId, 'Message-ID header present');
    assert.ok(mail.date instanceof Date && Math.abs(mail.date - Date.now()) < 10 * 60 * 1000, 'Date header is now');

    const byName = Object.fromEntries(mail.attachments.map((a) => [a.filename, a]));
    assert.deepStrictEqual(Object.keys(byName).sort(), ['random.bin', 'Überblick 2024.pdf'].sort());
    assert.ok(byName['random.bin'].content.equals(random), '200 KB attachment bytes equal');
    assert.strictEqual(byName['random.bin'].contentType, 'application/octet-stream');
    assert.ok(byName['Überblick 2024.pdf'].content.equals(fileData), 'file attachment bytes equal');
    assert.strictEqual(byName['Überblick 2024.pdf'].contentType, 'application/pdf');

    // the RFC 5322 text must keep lines <= 998 octets and use CRLF
    for (const line of raw.toString('latin1').split('\n')) assert.ok(line.length <= 999, 'line longer than 998');
  });

  it('implicit TLS 10465 + AUTH LOGIN delivers a plain text message', async function () {
    const { SMTP } = mailhive();
    const id = uniq('465');
    const smtp = postfixSmtp({ implicit: true });
    smtp.authMethod = SMTP.AUTH_LOGIN;
    smtp.fromAddr = 'sender@localhost';
    smtp.toAddr = 'Test User <test@localhost>';
    smtp.subject = `implicit ${id}`;
    smtp.bodyText = `line one\r\n.leading dot\r\nline three ${id}\r\n`;
    assert.strictEqual(await smtp.send(), true, describeError(smtp));
    assert.strictEqual(smtp.ssl.enabled, true);
    assert.strictEqual(smtp.ssl.useStartTls, false);
    assert.match(smtp.ssl.negotiatedProtocol, /^TLS ?1\.[23]$/i);
    await smtp.disconnect();
    const mail = await parseMail(await waitForMail(id));
    assert.strictEqual(mail.subject, `implicit ${id}`);
    assert.strictEqual(mail.to.value[0].name, 'Test User');
    assert.strictEqual(mail.text.replace(/\r\n/g, '\n').trim(), `line one\n.leading dot\nline three ${id}`);
  });

  it('two sends on one connection both arrive', async function () {
    const smtp = postfixSmtp();
    assert.strictEqual(await smtp.connect(), true, describeError(smtp));
    assert.strictEqual(smtp.connected, true);
    const ids = [uniq('one'), uniq('two')];
    for (const id of ids) {
      smtp.message.fromAddr = 'sender@localhost';
      smtp.message.toAddr = 'test@localhost';
      smtp.message.subject = `twice ${id}`;
      smtp.message.bodyText = `body ${id}`;
      assert.strictEqual(await smtp.send(), true, describeError(smtp));
      assert.strictEqual(smtp.connected, true, 'still connected after a send');
    }
    assert.strictEqual(await smtp.disconnect(), true, describeError(smtp));
    assert.strictEqual(smtp.connected, false);
    for (const id of ids) {
      const mail = await parseMail(await waitForMail(id));
      assert.strictEqual(mail.subject, `twice ${id}`);
    }
  });

  it('allowRefusedRecipients: unknown local recipient is reported, the rest delivered', async function () {
    const id = uniq('refused');
    const smtp = postfixSmtp();
    smtp.allowRefusedRecipients = true;
    smtp.fromAddr = 'sender@localhost';
    smtp.toAddr = 'test@localhost, Nobody <nobody@localhost>';
    smtp.subject = `partly refused ${id}`;
    smtp.bodyText = id;
    assert.strictEqual(await smtp.send(), true, describeError(smtp));
    assert.ok(Array.isArray(smtp.refusedRecipients), 'refusedRecipients is an array');
    assert.ok(smtp.refusedRecipients.some((r) => /nobody@localhost/.test(r)),
      `refusedRecipients ${JSON.stringify(smtp.refusedRecipients)}`);
    assert.ok(!smtp.refusedRecipients.some((r) => /test@localhost/.test(r)));
    await smtp.disconnect();
    await waitForMail(id);
  });

  it('without allowRefusedRecipients a refused recipient fails the send with errCode 123', async function () {
    const smtp = postfixSmtp();
    smtp.fromAddr = 'sender@localhost';
    smtp.toAddr = 'test@localhost, nobody@localhost';
    smtp.subject = `refused ${uniq()}`;
    smtp.bodyText = 'x';
    assert.strictEqual(await smtp.send(), false);
    assert.strictEqual(smtp.errCode, 123, describeError(smtp));
    assert.strictEqual(smtp.isError, true);
    assert.match(String(smtp.serverResponse), /^550/);
    assert.ok(smtp.refusedRecipients.some((r) => /nobody@localhost/.test(r)),
      `refusedRecipients ${JSON.stringify(smtp.refusedRecipients)}`);
    smtp.abort();
  });

  it('wrong password against Postfix: errCode 114', async function () {
    const smtp = postfixSmtp();
    smtp.password = 'wrong';
    smtp.fromAddr = 'sender@localhost';
    smtp.toAddr = 'test@localhost';
    smtp.subject = 'x';
    smtp.bodyText = 'x';
    assert.strictEqual(await smtp.send(), false);
    assert.strictEqual(smtp.errCode, 114, describeError(smtp));
    assert.match(String(smtp.serverResponse), /535/);
  });

  it('serverCert and TLS details after connect', async function () {
    const { Certificate } = mailhive();
    const smtp = postfixSmtp();
    const before = Date.now();
    assert.strictEqual(await smtp.connect(), true, describeError(smtp));
    const c = smtp.ssl.serverCert;
    assert.ok(c, 'serverCert set');
    if (typeof Certificate === 'function') assert.ok(c instanceof Certificate);
    assert.strictEqual(c.issuedTo, 'localhost');
    assert.strictEqual(c.issuedBy, 'mailhive Test CA');
    assert.match(c.subject, /CN=localhost/);
    assert.match(c.issuer, /CN=mailhive Test CA/);
    assert.ok(c.validFrom instanceof Date && c.validTo instanceof Date, 'validFrom/validTo are Dates');
    assert.ok(c.validFrom.getTime() <= before && c.validTo.getTime() > before, `${c.validFrom} .. ${c.validTo}`);
    assert.ok(c.validTo.getTime() - c.validFrom.getTime() > 3000 * 86400e3, 'about 10 years');
    assert.strictEqual(c.fingerprintSha256.length, 64);
    assert.strictEqual(c.fingerprintSha256, fingerprint256(path.join(CERTS, 'server.pem')));
    assert.match(c.fingerprintSha1, /^[0-9a-f]{40}$/);
    assert.ok(c.altNames.includes('localhost'), JSON.stringify(c.altNames));
    assert.strictEqual(c.isSelfSigned, false);
    assert.strictEqual(c.version, 3);
    assert.match(String(c.publicKeyAlgorithm), /EC/i);
    assert.strictEqual(c.publicKeyBits, 256);
    assert.deepStrictEqual(c.verifyErrors, []);
    const x = new crypto.X509Certificate(fs.readFileSync(path.join(CERTS, 'server.pem')));
    assert.strictEqual(c.serialNumber.toLowerCase().replace(/^0+/, ''), x.serialNumber.toLowerCase().replace(/^0+/, ''));
    assert.match(c.pem, /^-----BEGIN CERTIFICATE-----/);
    assert.ok(new crypto.X509Certificate(c.pem).fingerprint256.replace(/:/g, '').toLowerCase() === c.fingerprintSha256);
    assert.ok(smtp.ssl.negotiatedProtocol.length > 0, 'negotiatedProtocol');
    assert.ok(smtp.ssl.cipherSuite.length > 0, 'cipherSuite');
    assert.strictEqual(smtp.ssl.sslError, 0);
    assert.ok(smtp.serverCapabilities.some((l) => /^AUTH\b.*PLAIN/i.test(l)), JSON.stringify(smtp.serverCapabilities));
    assert.ok(smtp.serverCapabilities.some((l) => /^SIZE 20000000$/.test(l)), JSON.stringify(smtp.serverCapabilities));
    assert.ok(!smtp.serverCapabilities.some((l) => /^STARTTLS$/i.test(l)), 'capabilities are the post-TLS EHLO');
    await smtp.disconnect();
  });

  it('enableLogging: transcript written, without password or AUTH PLAIN payload', async function () {
    const { SMTP } = mailhive();
    const log = tmpFile('smtp.log');
    const id = uniq('log');
    const smtp = postfixSmtp();
    smtp.authMethod = SMTP.AUTH_PLAIN;
    smtp.enableLogging = true;
    smtp.logFilePath = log;
    smtp.fromAddr = 'sender@localhost';
    smtp.toAddr = 'test@localhost';
    smtp.subject = `logged ${id}`;
    smtp.bodyText = 'logged';
    assert.strictEqual(await smtp.send(), true, describeError(smtp));
    await smtp.disconnect();
    const text = fs.readFileSync(log, 'utf8');
    assert.match(text, /EHLO/);
    assert.match(text, /AUTH PLAIN/i);
    assert.match(text, /235/);
    assert.ok(!text.includes('secret'), 'password in transcript');
    const payload = Buffer.from('\0test\0secret').toString('base64');
    assert.ok(!text.includes(payload), 'AUTH PLAIN payload in transcript');
    assert.ok(!text.includes(payload.slice(0, 12)), 'AUTH PLAIN payload (prefix) in transcript');
    assert.ok(!String(smtp.clientRequest).includes('secret'));
    assert.ok(!String(smtp.clientRequest).includes(payload));
    await waitForMail(id);
  });
});
