// mailhive demo: send one message over STARTTLS to the local Postfix (started by scripts/demo.sh),
// verifying its certificate against the local test CA, then show the certificate and the message
// as it was delivered to the Maildir.
'use strict';
const fs = require('fs');
const path = require('path');
const { SMTP, Message } = require('../node/lib');

const dir = process.env.MAILHIVE_TEST_DIR || '/tmp/mailhive-test';
const maildir = path.join(dir, 'dovecot/mail/test/Maildir/new');

async function main() {
  const smtp = new SMTP();
  smtp.serverName = 'localhost';
  smtp.portNumber = 10025;
  smtp.ssl.enabled = true;
  smtp.ssl.useStartTls = true;
  if (!smtp.ssl.selectServerCertStore(path.join(dir, 'certs/ca.pem'), 1)) {
    throw new Error(`cannot load the test CA (sslError ${smtp.ssl.sslError})`);
  }
  smtp.userName = 'test';
  smtp.password = 'secret';

  const msg = new Message();
  msg.fromAddr = 'mailhive demo <demo@localhost>';
  msg.toAddr = 'Test User <test@localhost>';
  msg.subject = `mailhive demo — ${new Date().toISOString()} ✓`;
  msg.bodyFormat = Message.FORMAT_HTML;
  msg.bodyText = '<p>Hello from <b>mailhive</b>: sent over STARTTLS with a verified certificate.</p>';
  msg.altBodyText = 'Hello from mailhive: sent over STARTTLS with a verified certificate.';
  msg.addAttachmentData(Buffer.from('demo attachment\n'), 'demo.txt', 'text/plain');
  smtp.message = msg;

  const before = new Set(fs.existsSync(maildir) ? fs.readdirSync(maildir) : []);
  const ok = await smtp.send();
  if (!ok) {
    console.error(`send failed: errCode ${smtp.errCode} (${smtp.errDesc}), sslError ${smtp.ssl.sslError}`);
    console.error(`last server reply: ${smtp.serverResponse}`);
    process.exitCode = 1;
    return;
  }
  const c = smtp.ssl.serverCert;
  console.log(`sent: ${smtp.serverResponse}`);
  console.log(`TLS: ${smtp.ssl.negotiatedProtocol} ${smtp.ssl.cipherSuite}`);
  console.log('server certificate:');
  console.log(`  subject      ${c.subject}`);
  console.log(`  issuer       ${c.issuer}`);
  console.log(`  valid        ${c.validFrom.toISOString()} .. ${c.validTo.toISOString()}`);
  console.log(`  names        ${c.altNames.join(', ')}`);
  console.log(`  key          ${c.publicKeyAlgorithm} ${c.publicKeyBits} bits`);
  console.log(`  sha256       ${c.fingerprintSha256}`);
  console.log(`  verification ${c.verifyErrors.length ? c.verifyErrors.join(', ') : 'passed'}`);
  await smtp.disconnect();

  // Postfix delivers asynchronously: wait for the new file.
  let file;
  for (let i = 0; i < 100 && !file; i++) {
    file = fs.readdirSync(maildir).find((f) => !before.has(f));
    if (!file) await new Promise((r) => setTimeout(r, 100));
  }
  if (!file) {
    console.error('the message did not arrive in the Maildir within 10 s');
    process.exitCode = 1;
    return;
  }
  console.log(`\ndelivered to ${path.join(maildir, file)}:\n`);
  console.log(fs.readFileSync(path.join(maildir, file), 'utf8'));
}

main().catch((e) => { console.error(e); process.exitCode = 1; });
