// Type-checked, never run: `npx tsc --strict --noEmit -p test/package/tsconfig.json`.
// Uses the API the way the README does; each @ts-expect-error line must fail to compile (tsc reports an
// unused @ts-expect-error, so these lines prove that wrong usage is rejected).
import {
  SMTP, POP3, IMAP4, SSL, Message, Attachment, Certificate, Envelope, Mailbox, MailError, gnutlsVersion,
} from 'mailhive';
import type { Mailer, ProgressCallback, VerifyError } from 'mailhive';

async function sendMail(): Promise<void> {
  const smtp = new SMTP();
  smtp.serverName = 'mail.example.com';
  smtp.portNumber = 587;
  smtp.ssl.enabled = true;
  smtp.ssl.useStartTls = true;
  smtp.ssl.protocol = SSL.PROTOCOL_TLS13;
  smtp.ssl.expectedHostName = 'mail.example.com';
  smtp.ssl.pinSha256 = '';
  const storeOk: boolean = smtp.ssl.selectServerCertStore('/etc/ssl/ca.pem', 1, 1);
  const clientOk: boolean = smtp.ssl.selectClientCert('/etc/ssl/me.p12', 'pw');
  smtp.userName = 'joe@example.com'; smtp.password = 'secret';
  smtp.authMethod = SMTP.AUTH_PLAIN;
  smtp.timeout = 10; smtp.deadline = 60;
  smtp.domain = 'client.example.com';
  smtp.allowRefusedRecipients = true;
  smtp.message.fromAddr = 'Joe <joe@example.com>';
  smtp.message.toAddr = 'Bill <bill@example.org>';
  smtp.message.subject = 'Subject';
  smtp.message.bodyText = '<p>Body</p>';
  smtp.message.bodyFormat = Message.FORMAT_HTML;
  smtp.message.altBodyText = 'Body';
  smtp.message.addAttachment('/tmp/report.pdf', 'report.pdf');
  smtp.message.addAttachmentData('hello', 'hello.txt', 'text/plain');
  smtp.message.setHeader('X-Mailer', 'mailhive');
  smtp.subject = 'Shortcut subject';
  smtp.onProgress = (done: number, total: number) => { void (done / total); };
  smtp.onProgress = null;
  const progress: ProgressCallback = (done) => { void done; };
  smtp.onProgress = progress;
  if (await smtp.send()) console.log('sent', storeOk, clientOk);
  else console.log(`Error #${smtp.errCode}, last server reply: ${smtp.serverResponse}`);
  const refused: string[] = smtp.refusedRecipients;
  const caps: string[] = smtp.serverCapabilities;
  const cert: Certificate | null = smtp.ssl.serverCert;
  if (cert) {
    const until: Date = cert.validTo;
    const fp: string = cert.fingerprintSha256;
    const names: readonly string[] = cert.altNames;
    const why: readonly string[] = cert.verifyErrors;
    console.log(until.toISOString(), fp, names.join(','), why.includes('expired'), cert.isSelfSigned, cert.publicKeyBits);
  }
  const chain: readonly Certificate[] = smtp.ssl.serverCertChain;
  console.log(refused, caps, chain.length, smtp.ssl.sslError, smtp.ssl.negotiatedProtocol, smtp.ssl.cipherSuite, smtp.busy);
  const closed: boolean = await smtp.disconnect();
  void closed;
  smtp.abort();

  smtp.throwExceptions = true;
  try {
    await smtp.send();
  } catch (e) {
    if (e instanceof MailError) console.log(e.errCode, e.errDesc, e.sslError, e.serverResponse, e.message);
  }

  // @ts-expect-error: subject is a string
  smtp.message.subject = 42;
  // @ts-expect-error: send() takes no argument (the message is smtp.message)
  await smtp.send(new Message());
  // @ts-expect-error: no such property
  console.log(smtp.lastError);
  // @ts-expect-error: errCode is read-only
  smtp.errCode = 0;
  // @ts-expect-error: ssl is read-only
  smtp.ssl = smtp.ssl;
  // @ts-expect-error: SSL objects come from their mailer only
  new SSL();
  // @ts-expect-error: the progress callback takes numbers
  smtp.onProgress = (done: string) => { void done; };
}

async function receive(): Promise<void> {
  const pop = new POP3();
  pop.serverName = 'mail.example.com'; pop.portNumber = 995;
  pop.userName = 'joe'; pop.password = 'pw';
  pop.authMethod = POP3.AUTH_APOP;
  if (await pop.connect()) {
    for (let i = 1; i <= pop.messageCount; i++) {
      const msg = await pop.retrieveSingleMessage(i);
      // @ts-expect-error: the message is null when the call failed
      console.log(msg.subject);
      if (msg) console.log(msg.subject, msg.fromAddr, msg.attachments.map((a: Attachment) => a.filename));
    }
    const size: number | null = await pop.getMessageSize(1);
    const uid: string | null = await pop.getMessageUID(1);
    const uids: string[] | null = await pop.search();
    const head: Message | null = await pop.retrieveSingleMessageHeaders(1, 5);
    console.log(size, uid, uids, head?.getHeader('received'), pop.totalSize, pop.capabilities);
    await pop.deleteMessage(1);
    await pop.undeleteAll();
    await pop.disconnect();
  }

  const imap = new IMAP4();
  imap.serverName = 'mail.example.com';
  imap.ssl.enabled = true; imap.ssl.useStartTls = true;
  imap.userName = 'joe'; imap.password = 'pw';
  await imap.connect();
  const boxes: Mailbox[] | null = await imap.retrieveMailboxes('', false);
  await imap.selectMailbox('INBOX');
  const envelopes: Envelope[] | null = await imap.retrieveEnvelopes(1, -1);
  const unseen = await imap.search('UNSEEN', true);
  if (unseen) await imap.setFlags(unseen.join(','), '\\Seen', IMAP4.FLAGS_ADD, true);
  // @ts-expect-error: 7 is not a flags mode
  await imap.setFlags('1', '\\Seen', 7);
  if (await imap.idle(300)) console.log('the mailbox changed');
  const m = new Message();
  m.rawBody = 'Subject: hi\r\n\r\nbody\r\n';
  const text: string = m.rawBody;
  await imap.appendMessage('Sent', m, '\\Seen');
  await imap.appendMessage('Sent', text);
  await imap.copyMessages('1:*', 'Archive');
  await imap.moveMessages('1', 'Trash', false);
  await imap.deleteMessages('2');
  await imap.expunge();
  await imap.createMailbox('A'); await imap.renameMailbox('A', 'B'); await imap.deleteMailbox('B');
  await imap.examineMailbox('INBOX');
  imap.messageSet = '1,3,5';
  const parsed: Message | null = await imap.retrieveSingleMessage(5, true);
  const heads: Message | null = await imap.retrieveSingleMessageHeaders(5);
  console.log(boxes?.[0]?.name, boxes?.[0]?.delimiter, envelopes?.[0]?.subject, envelopes?.[0]?.uid, parsed, heads,
    imap.uidNext, imap.uidValidity, imap.recentCount, imap.capabilities);
  await imap.disconnect();
}

function generic(mailers: Mailer[]): number {
  return mailers.filter((x) => x.isError).reduce((n, x) => n + x.errCode, 0);
}

const why: VerifyError = 'hostname-mismatch';
console.log(gnutlsVersion, why, generic([new SMTP(), new POP3(), new IMAP4()]));
void sendMail; void receive;
