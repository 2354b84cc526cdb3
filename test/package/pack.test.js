'use strict';
// `npm pack`, then install the tarball into a fresh project as a machine without ~/.npmrc would
// (NPM_CONFIG_USERCONFIG=/dev/null, no npm_config_* in the environment): the addon must build offline
// against /usr/include/node (the package's install script passes --nodedir=/usr), with no Node header
// download, and load with require and import. The build happens in the temp project only.
const assert = require('assert');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { execFile } = require('child_process');
const { ROOT } = require('../node/helpers');

function run(cmd, args, opts) {
  return new Promise((resolve) => {
    execFile(cmd, args, { maxBuffer: 1 << 26, ...opts }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stdout, stderr, log: `${stdout}\n${stderr}` });
    });
  });
}

// An environment without any npm configuration inherited from the npm/npx that started mocha.
function cleanEnv(home) {
  const env = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^npm_/i.test(k)) env[k] = v;
  env.NPM_CONFIG_USERCONFIG = '/dev/null';
  env.npm_config_cache = path.join(os.homedir(), '.npm'); // reuse the package cache, not the config
  env.HOME = home; // so node-gyp's header cache (~/.cache/node-gyp) starts empty
  env.JOBS = String(Math.max(1, os.cpus().length));
  return env;
}

describe('npm pack + install into a fresh project', function () {
  this.timeout(900000);
  let work; let tgz; let files; let project; let install; let home;

  before(async () => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'mailhive-pack-'));
    home = path.join(work, 'home');
    fs.mkdirSync(home);
    const packed = await run('npm', ['pack', '--json', '--pack-destination', work], { cwd: ROOT });
    assert.strictEqual(packed.code, 0, packed.log);
    const info = JSON.parse(packed.stdout)[0];
    tgz = path.join(work, info.filename);
    files = info.files.map((f) => f.path);

    project = path.join(work, 'app');
    fs.mkdirSync(project);
    fs.writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0', private: true }));
    install = await run('npm', ['install', tgz, '--no-audit', '--no-fund', '--prefer-offline', '--foreground-scripts'],
      { cwd: project, env: cleanEnv(home), timeout: 840000 });
  });
  after(() => { if (work && !process.env.MAILHIVE_KEEP_PACK) fs.rmSync(work, { recursive: true, force: true }); });

  it('the tarball holds the sources, the JS/TS entry points and the CLI, and no tests, benchmarks, PHP or build output', () => {
    for (const f of ['package.json', 'README.md', 'binding.gyp', 'src/sources.txt', 'node/addon.cc', 'node/lib/index.js',
      'node/lib/index.mjs', 'node/lib/index.d.ts', 'bin/mailhive.js', 'docs/node.md']) {
      assert.ok(files.includes(f), `${f} missing from ${path.basename(tgz)}`);
    }
    // every engine source binding.gyp compiles is shipped
    for (const s of fs.readFileSync(path.join(ROOT, 'src', 'sources.txt'), 'utf8').split(/\s+/).filter(Boolean)) {
      assert.ok(files.includes(s), `${s} (src/sources.txt) missing`);
    }
    const bad = files.filter((f) => /^(test|bench|php|build|build-[^/]*|examples|scripts|node_modules|\.ci)\//.test(f) || f === '.npmrc');
    assert.deepStrictEqual(bad, []);
  });

  it('installs without ~/.npmrc, building offline against /usr/include/node', () => {
    assert.strictEqual(install.code, 0, install.log.slice(-6000));
    assert.ok(!install.log.includes('nodejs.org/download'), 'node-gyp tried to download headers');
    assert.ok(!/headers\.tar\.gz/.test(install.log), 'node-gyp tried to download headers');
    assert.match(install.log, /node-gyp rebuild --nodedir=\/usr/);
    const built = path.join(project, 'node_modules', 'mailhive', 'build', 'Release', 'mailhive.node');
    assert.ok(fs.existsSync(built), 'build/Release/mailhive.node missing');
    const config = fs.readFileSync(path.join(project, 'node_modules', 'mailhive', 'build', 'config.gypi'), 'utf8');
    assert.match(config, /"nodedir": "\/usr"/);
    // nothing was fetched into node-gyp's header cache
    const devdir = path.join(home, '.cache', 'node-gyp');
    const cached = fs.existsSync(devdir) ? fs.readdirSync(devdir) : [];
    assert.deepStrictEqual(cached, []);
  });

  it("require('mailhive') loads and creates an SMTP object", async () => {
    const r = await run(process.execPath, ['-e', `
      const { SMTP, MailError, gnutlsVersion } = require('mailhive');
      const s = new SMTP(); s.serverName = 'mail.example.com'; s.ssl.enabled = true; s.ssl.useStartTls = true;
      console.log(require.resolve('mailhive'), s.portNumber, s.ssl.verifyServerCert, typeof MailError, gnutlsVersion);
    `], { cwd: project });
    assert.strictEqual(r.code, 0, r.log);
    assert.match(r.stdout, /node_modules\/mailhive\/node\/lib\/index\.js 25 true function \d+\.\d+/);
  });

  it("import { SMTP } from 'mailhive' loads", async () => {
    const r = await run(process.execPath, ['--input-type=module', '-e', `
      import { SMTP, Message } from 'mailhive';
      const s = new SMTP(); s.message = new Message(); s.subject = 'esm';
      console.log(import.meta.resolve('mailhive'), s.message.subject);
    `], { cwd: project });
    assert.strictEqual(r.code, 0, r.log);
    assert.match(r.stdout, /node_modules\/mailhive\/node\/lib\/index\.mjs esm/);
  });

  it('installs the mailhive command', async () => {
    const bin = path.join(project, 'node_modules', '.bin', 'mailhive');
    const r = await run(bin, ['--version'], { cwd: project });
    assert.strictEqual(r.code, 0, r.log);
    assert.match(r.stdout, /^mailhive \d+\.\d+\.\d+ \(GnuTLS \d/);
  });
});
