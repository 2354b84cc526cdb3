'use strict';
// `import { SMTP } from 'mailhive'` and `require('mailhive')` from a project that depends on the
// package (node_modules/mailhive -> this repository, so the repository's build is used).
const assert = require('assert');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { execFileSync } = require('child_process');
const { ROOT } = require('../node/helpers');

describe('ESM and CommonJS entry points', () => {
  let project;
  before(() => {
    project = fs.mkdtempSync(path.join(os.tmpdir(), 'mailhive-esm-'));
    fs.writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'esm-consumer', version: '1.0.0', type: 'module' }));
    fs.mkdirSync(path.join(project, 'node_modules'));
    fs.symlinkSync(ROOT, path.join(project, 'node_modules', 'mailhive'), 'dir');
  });
  after(() => { fs.rmSync(project, { recursive: true, force: true }); });

  const run = (file, code) => {
    fs.writeFileSync(path.join(project, file), code);
    return execFileSync(process.execPath, [file], { cwd: project, encoding: 'utf8', timeout: 30000 }).trim();
  };

  it("import { SMTP } from 'mailhive' gives working classes", () => {
    const out = run('a.mjs', `
      import { SMTP, POP3, IMAP4, SSL, Message, Attachment, Certificate, Envelope, Mailbox, MailError, gnutlsVersion } from 'mailhive';
      const smtp = new SMTP();
      smtp.serverName = 'mail.example.com';
      smtp.ssl.enabled = true;
      smtp.message.subject = 'from ESM';
      const all = [SMTP, POP3, IMAP4, SSL, Message, Attachment, Certificate, Envelope, Mailbox, MailError].every((c) => typeof c === 'function');
      console.log(JSON.stringify({ all, subject: smtp.subject, port: smtp.portNumber, verify: smtp.ssl.verifyServerCert,
        tls: SSL.PROTOCOL_TLS13, gnutls: typeof gnutlsVersion, busy: smtp.busy }));
    `);
    assert.deepStrictEqual(JSON.parse(out), { all: true, subject: 'from ESM', port: 25, verify: true, tls: 4, gnutls: 'string', busy: false });
  });

  it('the ESM and CommonJS views are the same objects (one addon instance)', () => {
    const out = run('b.mjs', `
      import { createRequire } from 'node:module';
      import * as esm from 'mailhive';
      import def from 'mailhive';
      const cjs = createRequire(import.meta.url)('mailhive');
      const names = Object.keys(cjs).sort();
      const same = names.every((n) => esm[n] === cjs[n]) && def === cjs;
      const missing = names.filter((n) => !(n in esm));
      console.log(JSON.stringify({ same, missing, names }));
    `);
    const r = JSON.parse(out);
    assert.deepStrictEqual(r.missing, []);
    assert.ok(r.same);
    assert.ok(r.names.includes('SMTP') && r.names.includes('MailError'));
  });

  it("require('mailhive') from a CommonJS file", () => {
    const out = run('c.cjs', `
      const { SMTP, MailError } = require('mailhive');
      const e = new MailError({ errCode: 12, errDesc: 'x', sslError: 2, serverResponse: '' });
      console.log(new SMTP().portNumber, e instanceof Error, e.errCode, e.sslError);
    `);
    assert.strictEqual(out, '25 true 12 2');
  });

  it('package.json exports: "types", "import", "require" and the d.ts file exist', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    const dot = pkg.exports['.'];
    assert.deepStrictEqual(Object.keys(dot), ['types', 'import', 'require']); // "types" must come first
    for (const p of [dot.types, dot.import, dot.require, pkg.types, pkg.bin.mailhive]) {
      assert.ok(fs.existsSync(path.join(ROOT, p)), p);
    }
  });
});
