// Type definitions for mailhive (hand-written; the contract is API.md, the implementation node/lib/index.js).
//
// Error model: with `throwExceptions` false (the default) a failed network method resolves to `false`
// (or `null` where it resolves to a value) and the mailer's errCode/errDesc/serverResponse describe it;
// with `throwExceptions` true the same failure rejects with a MailError. Bad arguments always throw
// at once (TypeError/RangeError), before anything is queued or sent.

// Node's Buffer when @types/node is loaded, else Uint8Array: these types need no other package.
type NodeBuffer = typeof globalThis extends { Buffer: { alloc(size: number): infer B } } ? B : Uint8Array;

/** Called while bytes move: during SMTP send() (the DATA bytes) and POP3/IMAP4 message downloads. */
export type ProgressCallback = (bytesDone: number, bytesTotal: number) => void;

/** A word of Certificate.verifyErrors. */
export type VerifyError =
  | 'untrusted'
  | 'expired'
  | 'not-yet-valid'
  | 'hostname-mismatch'
  | 'revoked'
  | 'insecure-algorithm'
  | 'pin-mismatch'
  | 'invalid';

/** The error a mailer rejects with when `throwExceptions` is true. */
export class MailError extends Error {
  /** Builds one from a call result; the mailers create them, users rarely need to. */
  constructor(result: { errCode: number; errDesc?: string; sslError?: number; serverResponse?: string });
  /** Always "MailError". */
  readonly name: 'MailError';
  /** The errCode of the failed call (see the errCode table). */
  readonly errCode: number;
  /** Human-readable description; also the Error message. */
  readonly errDesc: string;
  /** The sslError of the failed call, 0 when TLS was not the cause. */
  readonly sslError: number;
  /** The last server reply (all lines), "" when there was none. */
  readonly serverResponse: string;
}

/** A parsed X.509 certificate (frozen; comes from ssl.serverCert, ssl.serverCertChain or ssl.clientCert). */
export class Certificate {
  private constructor(fields: object);
  /** Subject distinguished name (RFC 4514). */
  readonly subject: string;
  /** Issuer distinguished name (RFC 4514). */
  readonly issuer: string;
  /** Subject common name. */
  readonly issuedTo: string;
  /** Issuer common name. */
  readonly issuedBy: string;
  /** Start of validity. */
  readonly validFrom: Date;
  /** End of validity. */
  readonly validTo: Date;
  /** Serial number, hex. */
  readonly serialNumber: string;
  /** SHA-1 fingerprint, hex. */
  readonly fingerprintSha1: string;
  /** SHA-256 fingerprint, hex (the value ssl.pinSha256 takes). */
  readonly fingerprintSha256: string;
  /** DNS subject alternative names. */
  readonly altNames: readonly string[];
  /** E-mail address of the subject, "" when none. */
  readonly emailAddress: string;
  /** X.509 version (3 for any modern certificate). */
  readonly version: number;
  /** Public key algorithm, e.g. "RSA", "EC/ECDSA". */
  readonly publicKeyAlgorithm: string;
  /** Public key size in bits. */
  readonly publicKeyBits: number;
  /** True when subject and issuer are the same and it signs itself. */
  readonly isSelfSigned: boolean;
  /** The certificate in PEM. */
  readonly pem: string;
  /** Why verification failed (empty when it verified or was not checked). */
  readonly verifyErrors: readonly (VerifyError | (string & {}))[];
}

/** One attachment of a Message (built or received). */
export class Attachment {
  private constructor();
  /** File name as written in the message (RFC 2231 decoded). */
  readonly filename: string;
  /** MIME type, e.g. "application/pdf". */
  readonly contentType: string;
  /** Content-ID of an inline part, "" for a regular attachment. */
  readonly contentId: string;
  /** Size in bytes (decoded). */
  readonly size: number;
  /** The decoded content (a copy). */
  getData(): NodeBuffer;
  /** Writes the decoded content to a file; true on success (throws on an I/O error). */
  saveFile(path: string): boolean;
}

/** A MIME message to build, or one that was parsed/received. Every method is synchronous. */
export class Message {
  constructor();
  /** bodyFormat value: plain text. */
  static readonly FORMAT_TEXT: 0;
  /** bodyFormat value: HTML. */
  static readonly FORMAT_HTML: 1;

  /** From: address list ("Name <a@b>" allowed); CR/LF/NUL throw TypeError. */
  fromAddr: string;
  /** To: comma-separated address list. */
  toAddr: string;
  /** Cc: comma-separated address list. */
  ccAddr: string;
  /** Bcc: recipients (never written into the headers). */
  bccAddr: string;
  /** Reply-To: address list. */
  replyToAddr: string;
  /** Subject (UTF-8; RFC 2047 encoded as needed). */
  subject: string;
  /** The body: plain text or HTML according to bodyFormat. */
  bodyText: string;
  /** Message.FORMAT_TEXT (0) or Message.FORMAT_HTML (1). */
  bodyFormat: number;
  /** Plain-text alternative of an HTML body. */
  altBodyText: string;
  /** Charset of the text parts, "utf-8" by default. */
  charset: string;
  /** Date: header; "" = generated when built. */
  date: string;
  /** Message-ID: header; "" = generated when built. */
  messageId: string;
  /** X-Priority 1 (highest) .. 5 (lowest); 0 = none. */
  priority: number;
  /** The attachments (a copy of the list). */
  readonly attachments: Attachment[];
  /** The RFC 5322 text; setting it parses the text (or the Buffer's bytes) into this message. */
  get rawBody(): string;
  set rawBody(text: string | NodeBuffer);
  /** The RFC 5322 message as bytes. */
  readonly rawBytes: NodeBuffer;

  /** Attaches a file (read while sending); throws when it cannot be read. */
  addAttachment(filePath: string, name?: string, contentId?: string, contentType?: string): boolean;
  /** Attaches bytes or a string (UTF-8) under a file name. */
  addAttachmentData(data: NodeBuffer | string, name: string, contentType?: string): boolean;
  /** Sets, replaces or (with "" / null) removes a header; CR/LF/NUL or a bad name throw. */
  setHeader(name: string, value: string | null | undefined): void;
  /** A header's decoded value, "" when absent. */
  getHeader(name: string): string;
  /** Parses an .eml file into this message. */
  importFromFile(path: string): boolean;
  /** Writes the RFC 5322 message to a file. */
  saveMessage(path: string): boolean;
}

/** TLS settings and results of one mailer (mailer.ssl); never created alone. */
export class SSL {
  private constructor();
  /** protocol value: best of TLS 1.2 and 1.3. */
  static readonly PROTOCOL_AUTO: 0;
  /** protocol value: exactly TLS 1.0. */
  static readonly PROTOCOL_TLS10: 1;
  /** protocol value: exactly TLS 1.1. */
  static readonly PROTOCOL_TLS11: 2;
  /** protocol value: exactly TLS 1.2. */
  static readonly PROTOCOL_TLS12: 3;
  /** protocol value: exactly TLS 1.3. */
  static readonly PROTOCOL_TLS13: 4;

  /** Use TLS at all (default false). */
  enabled: boolean;
  /** Plain connect then STARTTLS/STLS, which the server must offer (errCode 11 otherwise). */
  useStartTls: boolean;
  /** Derive TLS mode/port from well-known ports at connect (default true). */
  autosetPortAndSsl: boolean;
  /** One of SSL.PROTOCOL_AUTO .. SSL.PROTOCOL_TLS13. */
  protocol: number;
  /** Verify chain, dates and host name (default true). */
  verifyServerCert: boolean;
  /** Name for SNI and certificate matching; "" = serverName. */
  expectedHostName: string;
  /** Comma-separated SHA-256 fingerprints (hex) the leaf must match; "" = no pinning. */
  pinSha256: string;
  /** The server's leaf certificate of the last handshake (also when rejected). */
  readonly serverCert: Certificate | null;
  /** The chain as the server sent it, leaf first (empty before a handshake). */
  readonly serverCertChain: readonly Certificate[];
  /** The selected client certificate. */
  readonly clientCert: Certificate | null;
  /** Last TLS failure (see the sslError table), 0 = none. */
  readonly sslError: number;
  /** The GnuTLS error code or verification status bits of that failure. */
  readonly sslSpecificError: number;
  /** Negotiated protocol of the last handshake, e.g. "TLS1.3". */
  readonly negotiatedProtocol: string;
  /** Negotiated cipher suite, e.g. "TLS_AES_256_GCM_SHA384". */
  readonly cipherSuite: string;

  /** Trust store: storeType 0 = system ("ROOT"), 1 = PEM/DER file or directory; options 1 = add to system roots. */
  selectServerCertStore(storePath: string, storeType: number, options?: number): boolean;
  /** Client certificate: PKCS#12 with password, or PEM with the key in the file or in keyPath. */
  selectClientCert(certPath: string, password?: string, keyPath?: string): boolean;
}

/** What SMTP, POP3 and IMAP4 share (not exported at run time; use the Mailer type). */
declare abstract class MailerBase {
  /** Host name or IP address of the server. */
  serverName: string;
  /** TCP port. */
  portNumber: number;
  /** Login name; "" = no authentication (SMTP). */
  userName: string;
  /** Password (or OAuth2 access token with AUTH_XOAUTH2); masked in logs. */
  password: string;
  /** Authentication mechanism, one of the class's AUTH_* constants. */
  authMethod: number;
  /** Seconds each single wait may take (default 30; 0 = none). */
  timeout: number;
  /** Seconds a whole method call may take (default 0 = none); errCode 5 when passed. */
  deadline: number;
  /** Write a session transcript (secrets masked) to logFilePath. */
  enableLogging: boolean;
  /** File the transcript goes to. */
  logFilePath: string;
  /** Reject with MailError instead of resolving to false/null. */
  throwExceptions: boolean;
  /** Accepted for compatibility; never checked. */
  licenseKey: string;
  /** Progress of large transfers (SMTP DATA, POP3/IMAP4 downloads); null/undefined = none. */
  onProgress?: ProgressCallback | null;
  /** TLS settings and results of this mailer. */
  readonly ssl: SSL;
  /** True while a call runs or waits in this mailer's queue. */
  readonly busy: boolean;
  /** True when the last operation failed. */
  readonly isError: boolean;
  /** errCode of the last operation (0 = success). */
  readonly errCode: number;
  /** Description of the last error, "" after a success. */
  readonly errDesc: string;
  /** The last server reply (all lines). */
  readonly serverResponse: string;
  /** The last command sent (credentials masked). */
  readonly clientRequest: string;
  /** Whether a connection is open. */
  readonly connected: boolean;

  /** Connects (TLS/STARTTLS as configured) and logs in when userName is set. */
  connect(): Promise<boolean>;
  /** Ends the session politely (QUIT/LOGOUT) and closes the connection. */
  disconnect(): Promise<boolean>;
  /** Ends the running call (errCode 102) and the queued ones; never waits. */
  abort(): void;
}

/** SMTP client; send() connects when needed and reuses one connection for several sends. */
export class SMTP extends MailerBase {
  constructor();
  /** authMethod: no authentication. */
  static readonly AUTH_NONE: 0;
  /** authMethod: strongest mechanism offered after TLS (default; only when userName is set). */
  static readonly AUTH_AUTO: 1;
  /** authMethod: AUTH LOGIN. */
  static readonly AUTH_LOGIN: 2;
  /** authMethod: AUTH PLAIN. */
  static readonly AUTH_PLAIN: 3;
  /** authMethod: AUTH CRAM-MD5. */
  static readonly AUTH_CRAM_MD5: 4;
  /** authMethod: AUTH XOAUTH2 (password = access token). */
  static readonly AUTH_XOAUTH2: 5;

  /** EHLO name; "" = a default. */
  domain: string;
  /** Send to the accepted recipients even when some are refused (default false). */
  allowRefusedRecipients: boolean;
  /** The message send() sends. */
  message: Message;
  /** Recipients the server refused in the last send (a copy). */
  readonly refusedRecipients: string[];
  /** EHLO keywords of the server (a copy). */
  readonly serverCapabilities: string[];
  /** Shortcut for message.fromAddr. */
  fromAddr: string;
  /** Shortcut for message.toAddr. */
  toAddr: string;
  /** Shortcut for message.ccAddr. */
  ccAddr: string;
  /** Shortcut for message.bccAddr. */
  bccAddr: string;
  /** Shortcut for message.subject. */
  subject: string;
  /** Shortcut for message.bodyText. */
  bodyText: string;
  /** Shortcut for message.bodyFormat. */
  bodyFormat: number;
  /** Shortcut for message.charset. */
  charset: string;

  /** Sends `message` (a snapshot taken now), connecting first when needed. */
  send(): Promise<boolean>;
}

/** POP3 client; connect() logs in and reads the mailbox size. Indexes are 1-based. */
export class POP3 extends MailerBase {
  constructor();
  /** authMethod: SASL PLAIN over TLS, then APOP, then USER/PASS. */
  static readonly AUTH_AUTO: 1;
  /** authMethod: USER/PASS. */
  static readonly AUTH_USER: 2;
  /** authMethod: APOP. */
  static readonly AUTH_APOP: 3;
  /** authMethod: AUTH PLAIN (SASL). */
  static readonly AUTH_SASL_PLAIN: 4;

  /** CAPA keywords of the server (a copy). */
  readonly capabilities: string[];
  /** Number of messages (STAT at login). */
  readonly messageCount: number;
  /** Size of the mailbox in bytes (STAT at login). */
  readonly totalSize: number;

  /** Size of message i in bytes, null on failure. */
  getMessageSize(i: number): Promise<number | null>;
  /** Unique id (UIDL) of message i, null on failure. */
  getMessageUID(i: number): Promise<string | null>;
  /** Every UID, in index order; null on failure. */
  search(): Promise<string[] | null>;
  /** Downloads and parses message i. */
  retrieveSingleMessage(i: number): Promise<Message | null>;
  /** Headers and the first bodyLines lines of message i (TOP). */
  retrieveSingleMessageHeaders(i: number, bodyLines?: number): Promise<Message | null>;
  /** Marks message i deleted (effective at disconnect). */
  deleteMessage(i: number): Promise<boolean>;
  /** Unmarks every deletion (RSET). */
  undeleteAll(): Promise<boolean>;
}

/** IMAP4 client. */
export class IMAP4 extends MailerBase {
  constructor();
  /** authMethod: AUTHENTICATE PLAIN when offered, else LOGIN. */
  static readonly AUTH_AUTO: 1;
  /** authMethod: LOGIN. */
  static readonly AUTH_LOGIN: 2;
  /** authMethod: AUTHENTICATE PLAIN. */
  static readonly AUTH_PLAIN: 3;
  /** authMethod: AUTHENTICATE XOAUTH2 (password = access token). */
  static readonly AUTH_XOAUTH2: 5;
  /** setFlags mode: add the flags. */
  static readonly FLAGS_ADD: 1;
  /** setFlags mode: remove the flags. */
  static readonly FLAGS_REMOVE: 2;
  /** setFlags mode: replace all flags. */
  static readonly FLAGS_REPLACE: 3;

  /** Sequence set used by retrieveEnvelopes when first = -1. */
  messageSet: string;
  /** CAPABILITY keywords of the server (a copy). */
  readonly capabilities: string[];
  /** Messages in the selected mailbox. */
  readonly messageCount: number;
  /** Recent messages in the selected mailbox. */
  readonly recentCount: number;
  /** UIDVALIDITY of the selected mailbox. */
  readonly uidValidity: number;
  /** UIDNEXT of the selected mailbox. */
  readonly uidNext: number;

  /** Lists mailboxes under root (LIST, or LSUB when subscribedOnly). */
  retrieveMailboxes(root?: string, subscribedOnly?: boolean): Promise<Mailbox[] | null>;
  /** Selects a mailbox read-write (fills messageCount, uidNext ...). */
  selectMailbox(name: string): Promise<boolean>;
  /** Selects a mailbox read-only. */
  examineMailbox(name: string): Promise<boolean>;
  /** Creates a mailbox. */
  createMailbox(name: string): Promise<boolean>;
  /** Deletes a mailbox. */
  deleteMailbox(name: string): Promise<boolean>;
  /** Renames a mailbox. */
  renameMailbox(oldName: string, newName: string): Promise<boolean>;
  /** Envelopes of first..last (last = -1: the last message; first = -1: messageSet). */
  retrieveEnvelopes(first: number, last?: number, asUid?: boolean): Promise<Envelope[] | null>;
  /** Downloads and parses one message. */
  retrieveSingleMessage(id: number, asUid?: boolean): Promise<Message | null>;
  /** Downloads and parses the headers of one message. */
  retrieveSingleMessageHeaders(id: number, asUid?: boolean): Promise<Message | null>;
  /** Message numbers (or UIDs) matching IMAP search criteria. */
  search(criteria?: string, asUid?: boolean): Promise<number[] | null>;
  /** Adds, removes or replaces flags (e.g. "\\Seen") on a sequence set. */
  setFlags(set: string, flags: string, mode: 1 | 2 | 3, asUid?: boolean): Promise<boolean>;
  /** Copies messages to another mailbox. */
  copyMessages(set: string, mailbox: string, asUid?: boolean): Promise<boolean>;
  /** Moves messages (MOVE, or COPY + \Deleted + EXPUNGE). */
  moveMessages(set: string, mailbox: string, asUid?: boolean): Promise<boolean>;
  /** Flags messages \Deleted. */
  deleteMessages(set: string, asUid?: boolean): Promise<boolean>;
  /** Removes the \Deleted messages of the selected mailbox. */
  expunge(): Promise<boolean>;
  /** Appends a message (Message, raw bytes or text) to a mailbox. */
  appendMessage(mailbox: string, message: Message | NodeBuffer | string, flags?: string): Promise<boolean>;
  /** Waits up to `seconds` (1..86400); true as soon as the mailbox changes. */
  idle(seconds: number): Promise<boolean>;
}

/** One IMAP FETCH ENVELOPE result (frozen). */
export class Envelope {
  private constructor(fields: object);
  /** Message sequence number. */
  readonly messageNumber: number;
  /** UID. */
  readonly uid: number;
  /** RFC822.SIZE in bytes. */
  readonly size: number;
  /** Flags, e.g. ["\\Seen"]. */
  readonly flags: readonly string[];
  /** Date header as sent. */
  readonly date: string;
  /** Decoded subject. */
  readonly subject: string;
  /** From addresses. */
  readonly fromAddr: string;
  /** To addresses. */
  readonly toAddr: string;
  /** Cc addresses. */
  readonly ccAddr: string;
  /** Reply-To addresses. */
  readonly replyToAddr: string;
  /** Message-ID. */
  readonly messageId: string;
}

/** One IMAP LIST result (frozen). */
export class Mailbox {
  private constructor(fields: object);
  /** Mailbox name, UTF-8 (decoded from modified UTF-7). */
  readonly name: string;
  /** Hierarchy delimiter, e.g. "/" or ".". */
  readonly delimiter: string;
  /** Mailbox attributes, e.g. ["\\HasNoChildren"]. */
  readonly flags: readonly string[];
}

/** Any of the three mailers. */
export type Mailer = SMTP | POP3 | IMAP4;

/** Version of the GnuTLS library the addon runs with, e.g. "3.7.9". */
export const gnutlsVersion: string;
