// mailhive as an ES module: the CommonJS module's exports, named (one copy of the addon per thread either way).
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const mailhive = require('./index.js');

export const {
  SMTP, POP3, IMAP4, SSL, Message, Attachment, Certificate, Envelope, Mailbox, MailError, gnutlsVersion,
} = mailhive;
export default mailhive;
