// Type-checked, never run: the ES module view of the package (`import` condition) has the same types.
import { SMTP, Message, MailError } from 'mailhive';

const smtp = new SMTP();
smtp.message = new Message();
smtp.message.subject = 'from ESM';
const ok: Promise<boolean> = smtp.send();
const err: MailError | null = null;
void ok; void err;
// @ts-expect-error: no such export
import { Smtp } from 'mailhive';
void Smtp;
