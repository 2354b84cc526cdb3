#!/usr/bin/env node
'use strict';
// Hostile scripted IMAP4 servers (module + CLI), same conventions as scripted.js.
//
// Module:
//   const { startHostileImap, IMAP_SCENARIOS } = require('../servers/hostile-imap');
//   const srv = await startHostileImap('preauth', { certDir, host, port, onData, referralPort });
//   srv.port; srv.received(); srv.receivedPlain(); srv.commands(); srv.connections(); await srv.close();
//   (see hostile-pop3.js: received() is every byte the client sent, plaintext + decrypted TLS;
//   receivedPlain() only the plaintext part; commands() the parsed lines with their secure flag)
//
// CLI:
//   node test/servers/hostile-imap.js --scenario NAME [--record FILE] [--port N] [--list]
//   prints "PORT <n>" when ready, appends every received byte to FILE; exits on SIGTERM/SIGINT or stdin EOF.
//
// After the part of a scenario that matters, every server is a permissive IMAP server (any LOGIN or
// AUTHENTICATE PLAIN accepted, INBOX with 3 messages), so that a client that wrongly carries on
// leaves evidence in received().

const { LineSession, startLineServer, runCli, CERT_KINDS } = require('./hostile-pop3');

const MESSAGE = 'From: a@localhost\r\nTo: test@localhost\r\nSubject: hostile imap\r\n\r\nHello from the hostile IMAP server.\r\n';
const CAPS_PLAIN = 'IMAP4rev1 STARTTLS AUTH=PLAIN SASL-IR'; // AUTH offered in plaintext too, to catch a fallback
const CAPS_TLS = 'IMAP4rev1 AUTH=PLAIN SASL-IR LITERAL+ IDLE';

// Scenario fields:
//   starttls     ok | none | no | bad | garbage | wrongtag | untagged-only | junk | close | inject | inject-later
//   implicit     certificate kind for TLS from the first byte; starttlsCert: certificate after STARTTLS
//   greeting     the greeting (may hold several lines); hugeGreeting: bytes of a one-line greeting
//   preTlsExtra  untagged lines sent before the tagged OK of STARTTLS
//   loginReply   the tagged reply text to LOGIN / AUTHENTICATE ("NO [REFERRAL ...] ..."); {REF} = referral URL
//   selectReply  the tagged reply text to SELECT/EXAMINE; selectMillion: 1,000,000 untagged lines first
//   capCut       the CAPABILITY reply is cut mid-line and the connection dropped
//   fetchBody    cut | stall | {literal size as a string}   (FETCH BODY.PEEK[] answer)
//   deepNesting  depth of the parenthesised BODYSTRUCTURE/ENVELOPE sent with FETCH ENVELOPE
//   taggedStatus a status word other than OK/NO/BAD for CAPABILITY's tagged reply
const IMAP_SCENARIOS = {
  'starttls-ok': { starttls: 'ok' },
  'no-starttls': { starttls: 'none' },
  'starttls-no': { starttls: 'no' },
  'starttls-bad': { starttls: 'bad' },
  'starttls-garbage': { starttls: 'garbage' },
  'starttls-wrongtag': { starttls: 'wrongtag' },
  'starttls-untagged-only': { starttls: 'untagged-only' },
  'starttls-junk': { starttls: 'junk' },
  'starttls-close': { starttls: 'close' },
  'starttls-inject': { starttls: 'inject' },
  'starttls-inject-later': { starttls: 'inject-later' },
  'preauth': { starttls: 'ok', greeting: `* PREAUTH [CAPABILITY ${CAPS_PLAIN}] logged in already\r\n` },
  'preauth-nocap': { starttls: 'ok', greeting: '* PREAUTH logged in already\r\n' },
  'untagged-pretls': {
    starttls: 'ok',
    greeting: `* OK [CAPABILITY ${CAPS_PLAIN} X-FORGED-GREETING] ready\r\n* 666 EXISTS\r\n* 66 RECENT\r\n`
      + '* OK [ALERT] PRETLS-ALERT visit http://evil.example/\r\n* CAPABILITY IMAP4rev1 X-FORGED-UNTAGGED\r\n',
    preTlsExtra: '* CAPABILITY IMAP4rev1 AUTH=PLAIN X-FORGED-BEFORE-OK\r\n* 777 EXISTS\r\n'
      + '* OK [ALERT] PRETLS-ALERT-2 from evil.example\r\n* OK [UIDVALIDITY 666] forged\r\n',
  },
  'alert-pretls': { starttls: 'ok', greeting: `* OK [ALERT] PRETLS-ALERT your account is locked, visit http://evil.example/\r\n* OK [CAPABILITY ${CAPS_PLAIN}] ready\r\n` },
  'referral-greeting': { starttls: 'none', greeting: '* BYE [REFERRAL imap://test@{REF}/] go elsewhere\r\n' },
  'referral-login': { starttls: 'none', loginReply: 'NO [REFERRAL imap://test@{REF}/] try elsewhere' },
  'referral-select': { starttls: 'none', selectReply: 'NO [REFERRAL imap://test@{REF}/INBOX] it lives elsewhere' },
  'plain-good': { starttls: 'none' },
  'close-mid-reply': { starttls: 'none', greeting: '* OK ready\r\n', capCut: true },
  'tls-close-mid-reply': { implicit: 'good', greeting: '* OK ready\r\n', capCut: true },
  'fetch-cut': { starttls: 'none', fetchBody: 'cut' },
  'tls-fetch-cut': { implicit: 'good', fetchBody: 'cut' },
  'fetch-stall': { starttls: 'none', fetchBody: 'stall' },
  'stall': { stall: true },
  'drip-slow': { starttls: 'none', drip: 150 },
  'drip-fast': { starttls: 'none', drip: 1, dripAll: true },
  'huge-line': { hugeGreeting: 8 * 1024 * 1024 },
  'literal-2e32': { starttls: 'none', fetchBody: '4294967296' },
  'literal-u64max': { starttls: 'none', fetchBody: '18446744073709551615' },
  'literal-2e64': { starttls: 'none', fetchBody: '18446744073709551616' },
  'literal-huge-digits': { starttls: 'none', fetchBody: '99999999999999999999999999999999' },
  'deep-nesting': { starttls: 'none', deepNesting: 100000 },
  'select-million': { starttls: 'none', selectMillion: true },
  'bad-tagged-status': { starttls: 'none', greeting: '* OK ready\r\n', taggedStatus: 'MAYBE' },
  'bad-greeting': { greeting: '* HELLO there\r\n' },
};
for (const kind of Object.keys(CERT_KINDS)) {
  IMAP_SCENARIOS[`tls-${kind}`] = { implicit: kind };
  IMAP_SCENARIOS[`starttls-cert-${kind}`] = { starttls: 'ok', starttlsCert: kind };
}

class ImapSession extends LineSession {
  start() {
    const sc = this.sc;
    if (sc.stall) return;
    if (sc.hugeGreeting) {
      this.pump([Buffer.from('* OK '), Buffer.alloc(sc.hugeGreeting, 0x78), Buffer.from('\r\n')]);
      this.greeted = true;
      return;
    }
    let g = sc.greeting;
    if (!g) {
      const caps = this.secure ? CAPS_TLS : (sc.starttls === 'none' ? 'IMAP4rev1 AUTH=PLAIN SASL-IR' : CAPS_PLAIN);
      g = `* OK [CAPABILITY ${caps}] hostile IMAP ready\r\n`;
    }
    this.write(g.replace('{REF}', `127.0.0.1:${this.st.opts.referralPort || 1}`));
    this.greeted = true;
  }

  caps() {
    if (this.secure) return CAPS_TLS;
    return this.sc.starttls === 'none' || !this.sc.starttls ? 'IMAP4rev1 AUTH=PLAIN SASL-IR' : CAPS_PLAIN;
  }

  ref(s) { return s.replace('{REF}', `127.0.0.1:${this.st.opts.referralPort || 1}`); }

  onLine(line) {
    const sc = this.sc;
    if (this.authPending) {
      const tag = this.authPending;
      this.authPending = null;
      return this.write(`${tag} ${this.ref(sc.loginReply || 'OK logged in')}\r\n`);
    }
    const m = /^(\S+)\s+(\S+)\s?(.*)$/.exec(line);
    if (!m) return this.write('* BAD what?\r\n');
    const tag = m[1];
    let verb = m[2].toUpperCase();
    let arg = m[3];
    if (verb === 'UID') {
      const mm = /^(\S+)\s?(.*)$/.exec(arg);
      verb = mm[1].toUpperCase();
      arg = mm[2];
    }
    // a client literal at the end of the line: {n} waits for "+", {n+} does not
    const lit = /\{(\d+)(\+?)\}$/.exec(line);
    if (lit) {
      this.skipBytes = Number(lit[1]);
      if (!lit[2]) this.write('+ go ahead\r\n');
      this.pendingAppend = tag;
      return undefined;
    }
    if (this.pendingAppend && line === '') {
      const t = this.pendingAppend;
      this.pendingAppend = null;
      return this.write(`${t} OK [APPENDUID 42 4] APPEND completed\r\n`);
    }
    switch (verb) {
      case 'CAPABILITY':
        if (sc.capCut) { this.write('* CAPABILITY IMAP4rev1 AUTH=PL'); return this.cut(); }
        return this.write(`* CAPABILITY ${this.caps()}\r\n${tag} ${sc.taggedStatus || 'OK'} CAPABILITY completed\r\n`);
      case 'STARTTLS':
        return this.onStartTls(tag);
      case 'LOGIN':
        return this.write(`${tag} ${this.ref(sc.loginReply || `OK [CAPABILITY ${this.caps()}] logged in`)}\r\n`);
      case 'AUTHENTICATE':
        if (/^PLAIN\s+\S/i.test(arg)) {
          return this.write(`${tag} ${this.ref(sc.loginReply || `OK [CAPABILITY ${this.caps()}] logged in`)}\r\n`);
        }
        this.authPending = tag;
        return this.write('+ \r\n');
      case 'SELECT':
      case 'EXAMINE': {
        const tail = () => {
          if (sc.selectReply) return this.write(`${tag} ${this.ref(sc.selectReply)}\r\n`);
          return this.write('* 3 EXISTS\r\n* 0 RECENT\r\n* OK [UIDVALIDITY 42] UIDs valid\r\n* OK [UIDNEXT 4] next\r\n'
            + '* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)\r\n'
            + `${tag} OK [${verb === 'SELECT' ? 'READ-WRITE' : 'READ-ONLY'}] ${verb} completed\r\n`);
        };
        if (sc.selectMillion) {
          const one = Buffer.from('* OK [X-FILLER] untagged filler line\r\n');
          const block = Buffer.alloc(one.length * 10000);
          for (let i = 0; i < 10000; i++) one.copy(block, i * one.length);
          return this.pump(Array(100).fill(block), tail);
        }
        return tail();
      }
      case 'LIST':
      case 'LSUB':
        return this.write(`* ${verb} (\\HasNoChildren) "/" INBOX\r\n${tag} OK ${verb} completed\r\n`);
      case 'SEARCH':
        return this.write(`* SEARCH 1 2 3\r\n${tag} OK SEARCH completed\r\n`);
      case 'FETCH':
        return this.onFetch(tag, arg);
      case 'LOGOUT':
        this.write(`* BYE logging out\r\n${tag} OK LOGOUT completed\r\n`);
        this.mode = 'dead';
        try { this.sock.end(); } catch (_) { /* ignore */ }
        return undefined;
      case 'NOOP': case 'STORE': case 'COPY': case 'MOVE': case 'EXPUNGE': case 'CREATE': case 'DELETE':
      case 'RENAME': case 'SUBSCRIBE': case 'CLOSE': case 'CHECK':
        return this.write(`${tag} OK ${verb} completed\r\n`);
      default:
        return this.write(`${tag} BAD unknown command\r\n`);
    }
  }

  onFetch(tag, arg) {
    const sc = this.sc;
    const n = Number((/^(\d+)/.exec(arg) || [])[1] || 1);
    if (/BODY(\.PEEK)?\[/i.test(arg)) {
      const section = (/BODY(?:\.PEEK)?\[([^\]]*)\]/i.exec(arg) || [])[1] || '';
      if (sc.fetchBody === 'cut') {
        this.write(`* ${n} FETCH (UID ${n} BODY[${section}] {5000}\r\nFrom: a@localhost\r\nSubject: cut\r\n\r\n${'partial literal\r\n'.repeat(40)}par`);
        return this.cut(50);
      }
      if (sc.fetchBody === 'stall') {
        this.write(`* ${n} FETCH (UID ${n} BODY[${section}] {5000}\r\nFrom: a@localhost\r\nSubject: stalled\r\n\r\npartial`);
        this.mode = 'dead';
        return undefined;
      }
      if (sc.fetchBody) {
        // an absurd literal size, a few bytes, then silence (a client that waits for the bytes times out)
        this.write(`* ${n} FETCH (UID ${n} BODY[${section}] {${sc.fetchBody}}\r\nFrom: a@localhost\r\n`);
        return undefined;
      }
      const body = section.toUpperCase() === 'HEADER' ? MESSAGE.slice(0, MESSAGE.indexOf('\r\n\r\n') + 4) : MESSAGE;
      return this.write(`* ${n} FETCH (UID ${n} BODY[${section}] {${Buffer.byteLength(body)}}\r\n${body})\r\n${tag} OK FETCH completed\r\n`);
    }
    if (/ENVELOPE/i.test(arg)) {
      const env = '("Mon, 1 Jan 2024 00:00:00 +0000" "hostile imap" (("A" NIL "a" "localhost")) (("A" NIL "a" "localhost")) '
        + '(("A" NIL "a" "localhost")) (("T" NIL "test" "localhost")) NIL NIL NIL "<1@localhost>")';
      if (sc.deepNesting) {
        const d = sc.deepNesting;
        const deep = `${'('.repeat(d)}"x"${')'.repeat(d)}`;
        this.pump([Buffer.from(`* 1 FETCH (UID 1 RFC822.SIZE 100 FLAGS () INTERNALDATE "01-Jan-2024 00:00:00 +0000" `
          + 'BODYSTRUCTURE '), Buffer.from(deep), Buffer.from(' ENVELOPE '), Buffer.from(deep),
        Buffer.from(`)\r\n${tag} OK FETCH completed\r\n`)]);
        return undefined;
      }
      let out = '';
      for (let i = 1; i <= 3; i++) {
        out += `* ${i} FETCH (UID ${i} RFC822.SIZE ${MESSAGE.length} FLAGS (\\Seen) INTERNALDATE "01-Jan-2024 00:00:00 +0000" ENVELOPE ${env})\r\n`;
      }
      return this.write(`${out}${tag} OK FETCH completed\r\n`);
    }
    return this.write(`* 1 FETCH (UID 1)\r\n* 2 FETCH (UID 2)\r\n* 3 FETCH (UID 3)\r\n${tag} OK FETCH completed\r\n`);
  }

  onStartTls(tag) {
    const kind = this.secure ? 'none' : this.sc.starttls;
    const pre = this.sc.preTlsExtra || '';
    switch (kind) {
      case 'ok':
        this.write(`${pre}${tag} OK Begin TLS negotiation now\r\n`);
        return this.awaitTls();
      case 'no':
        return this.write(`${tag} NO STARTTLS not available now\r\n`);
      case 'bad':
        return this.write(`${tag} BAD STARTTLS unknown\r\n`);
      case 'garbage':
        return this.write('what is STARTTLS? $$$\r\n');
      case 'wrongtag':
        return this.write('X999 OK Begin TLS negotiation now\r\n');
      case 'untagged-only':
        return this.write('* OK Begin TLS negotiation now\r\n');
      case 'close':
        return this.cut();
      case 'junk':
        this.write(`${tag} OK Begin TLS negotiation now\r\n`);
        this.awaitTls();
        this.noTls = true;
        setTimeout(() => this.write('* OK plaintext instead of TLS\r\n'), 50);
        return undefined;
      case 'inject':
        this.write(`${tag} OK Begin TLS negotiation now\r\n* CAPABILITY IMAP4rev1 AUTH=PLAIN X-FORGED-INJECTED\r\n* 999 EXISTS\r\n`);
        return this.awaitTls();
      case 'inject-later':
        this.write(`${tag} OK Begin TLS negotiation now\r\n`);
        this.awaitTls();
        this.holdHello = true;
        setTimeout(() => {
          this.write('* CAPABILITY IMAP4rev1 AUTH=PLAIN X-FORGED-INJECTED\r\n');
          setTimeout(() => {
            this.holdHello = false;
            if (this.heldHello) this.upgrade(this.heldHello);
          }, 30);
        }, 60);
        return undefined;
      default:
        return this.write(`${tag} BAD unknown command\r\n`);
    }
  }
}

function startHostileImap(scenario, opts = {}) {
  return startLineServer(ImapSession, IMAP_SCENARIOS, scenario, opts);
}

module.exports = { startHostileImap, IMAP_SCENARIOS, IMAP_MESSAGE: MESSAGE };

if (require.main === module) runCli('hostile-imap.js', startHostileImap, IMAP_SCENARIOS);
