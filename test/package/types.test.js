'use strict';
// Runs the TypeScript check of node/lib/index.d.ts: test/package/types.test.ts must compile under
// --strict, and each of its @ts-expect-error lines must really be an error (tsc reports unused ones).
const assert = require('assert');
const fs = require('fs');
const path = require('path');
const { execFile } = require('child_process');
const { ROOT } = require('../node/helpers');

describe('TypeScript declarations', function () {
  this.timeout(120000);

  it('tsc --strict --noEmit -p test/package/tsconfig.json passes', async () => {
    const tsc = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
    const r = await new Promise((resolve) => {
      execFile(process.execPath, [tsc, '--strict', '--noEmit', '-p', 'test/package/tsconfig.json'], { cwd: ROOT },
        (err, stdout, stderr) => resolve({ code: err ? err.code : 0, out: stdout + stderr }));
    });
    assert.strictEqual(r.code, 0, r.out);
  });

  it('every public name of index.js is declared in index.d.ts', () => {
    const lib = require(path.join(ROOT, 'node', 'lib', 'index.js')); // eslint-disable-line global-require
    const dts = fs.readFileSync(path.join(ROOT, 'node', 'lib', 'index.d.ts'), 'utf8');
    const missing = [];
    for (const [name, value] of Object.entries(lib)) {
      if (!new RegExp(`export (declare )?(class|const) ${name}\\b`).test(dts)) missing.push(name);
      if (typeof value !== 'function') continue;
      // static constants (AUTH_*, FLAGS_*, PROTOCOL_*, FORMAT_*)
      for (const k of Object.keys(value)) if (!new RegExp(`static readonly ${k}:`).test(dts)) missing.push(`${name}.${k}`);
      // prototype members (getters, setters, methods), own ones and inherited from the Mailer base
      for (let p = value.prototype; p && p !== Object.prototype && p !== Error.prototype; p = Object.getPrototypeOf(p)) {
        for (const k of Object.getOwnPropertyNames(p)) {
          if (k === 'constructor' || k.startsWith('_')) continue;
          if (!new RegExp(`^\\s+(readonly |get |set )?${k}\\??[(:]`, 'm').test(dts)) missing.push(`${name}#${k}`);
        }
      }
    }
    // instance data properties set by constructors (e.g. onProgress)
    const { SMTP, POP3, IMAP4 } = lib;
    for (const m of [new SMTP(), new POP3(), new IMAP4()]) {
      for (const k of Object.keys(m)) if (!new RegExp(`^\\s+(readonly )?${k}\\??:`, 'm').test(dts)) missing.push(`${m.constructor.name}#${k}`);
    }
    assert.deepStrictEqual([...new Set(missing)], []);
  });
});
