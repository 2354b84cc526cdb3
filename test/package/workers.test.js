'use strict';
// The addon is context-aware: it loads in several worker_threads at once, each with its own mailers,
// and workers end (by themselves or by terminate()) without crashing the process.
const assert = require('assert');
const path = require('path');
const { Worker } = require('worker_threads');
const { execFile } = require('child_process');
const { ROOT, CA, CERTS } = require('../node/helpers');
const { startScripted } = require('../servers/scripted');

const LIB = path.join(ROOT, 'node', 'lib', 'index.js');

// Runs in each worker: one SMTP send over implicit TLS with verification, the result posted back.
const SENDER = `
const { parentPort, workerData, threadId } = require('worker_threads');
const { SMTP } = require(workerData.lib);
(async () => {
  const smtp = new SMTP();
  smtp.serverName = 'localhost';
  smtp.portNumber = workerData.port;
  smtp.timeout = 15;
  smtp.ssl.enabled = true;
  smtp.ssl.autosetPortAndSsl = false;
  if (!smtp.ssl.selectServerCertStore(workerData.ca, 1)) throw new Error('trust store');
  smtp.message.fromAddr = 'worker@localhost';
  smtp.message.toAddr = 'test@localhost';
  smtp.message.subject = workerData.marker + ' thread ' + threadId;
  smtp.message.bodyText = 'sent from a worker thread';
  const ok = await smtp.send();
  const r = { ok, threadId, errCode: smtp.errCode, errDesc: smtp.errDesc, proto: smtp.ssl.negotiatedProtocol };
  await smtp.disconnect();
  parentPort.postMessage(r);
})().catch((e) => parentPort.postMessage({ ok: false, error: String(e && e.stack || e) }));
`;

function runWorker(data) {
  return new Promise((resolve, reject) => {
    const w = new Worker(SENDER, { eval: true, workerData: data });
    let result = null;
    w.on('message', (m) => { result = m; });
    w.on('error', reject);
    w.on('exit', (code) => resolve({ code, result }));
  });
}

function runNode(script, timeout = 60000) {
  return new Promise((resolve) => {
    execFile(process.execPath, ['-e', script], { timeout, env: { ...process.env, MH_LIB: LIB, MH_CA: CA } },
      (err, stdout, stderr) => resolve({ code: err ? err.code : 0, signal: err ? err.signal : null, stdout, stderr }));
  });
}

describe('worker_threads', function () {
  this.timeout(120000);
  let srv;
  before(async () => { srv = await startScripted('tls-good', { certDir: CERTS }); });
  after(async () => { if (srv) await srv.close(); });

  it('sends from 3 workers and the main thread at the same time; workers exit with code 0', async () => {
    const marker = `workers-${Date.now()}`;
    const { SMTP } = require(LIB); // eslint-disable-line global-require
    const main = new SMTP();
    main.serverName = 'localhost'; main.portNumber = srv.port; main.timeout = 15;
    main.ssl.enabled = true; main.ssl.autosetPortAndSsl = false;
    assert.ok(main.ssl.selectServerCertStore(CA, 1));
    main.message.fromAddr = 'main@localhost'; main.message.toAddr = 'test@localhost';
    main.message.subject = `${marker} main`; main.message.bodyText = 'sent from the main thread';

    const data = { lib: LIB, ca: CA, port: srv.port, marker };
    const [w1, w2, w3, mainOk] = await Promise.all([runWorker(data), runWorker(data), runWorker(data), main.send()]);
    await main.disconnect();
    assert.ok(mainOk, `main: errCode ${main.errCode} ${main.errDesc}`);
    for (const w of [w1, w2, w3]) {
      assert.strictEqual(w.code, 0, JSON.stringify(w));
      assert.ok(w.result && w.result.ok, JSON.stringify(w.result));
      assert.match(w.result.proto, /^TLS1\.[23]$/);
    }
    assert.strictEqual(new Set([w1, w2, w3].map((w) => w.result.threadId)).size, 3);
    const subjects = srv.messages().map((m) => (m.data.toString().match(/^Subject: (.*)$/m) || [])[1]).filter((s) => s && s.startsWith(marker));
    assert.strictEqual(subjects.length, 4, `subjects: ${subjects.join(' | ')}`);
  });

  it('loads again in a fresh worker after others ended (per-environment state)', async () => {
    for (let i = 0; i < 2; i++) {
      const w = await runWorker({ lib: LIB, ca: CA, port: srv.port, marker: `again-${i}` });
      assert.strictEqual(w.code, 0);
      assert.ok(w.result.ok, JSON.stringify(w.result));
    }
  });

  it('survives terminate() of workers in the middle of a call, and process exit with workers alive', async () => {
    // In a child process, so that a crash at teardown shows up as a signal instead of killing mocha.
    const stall = await startScripted('stall', { certDir: CERTS });
    try {
      const script = `
        const { Worker } = require('worker_threads');
        const code = \`
          const { parentPort, workerData } = require('worker_threads');
          const { SMTP } = require(process.env.MH_LIB);
          const s = new SMTP(); s.serverName = '127.0.0.1'; s.portNumber = workerData; s.timeout = 60;
          s.message.fromAddr = 'a@localhost'; s.message.toAddr = 'test@localhost';
          s.send().then((ok) => parentPort.postMessage('settled ' + ok));
          setTimeout(() => parentPort.postMessage('waiting'), 200);
        \`;
        const start = () => new Worker(code, { eval: true, workerData: ${stall.port} });
        (async () => {
          const ws = [start(), start(), start()];
          await Promise.all(ws.map((w) => new Promise((r) => w.once('message', r))));
          const codes = await Promise.all(ws.slice(0, 2).map((w) => w.terminate()));
          console.log('terminated', codes.join(','));
          // the third worker is still waiting on its server when the process exits
          setTimeout(() => { console.log('exiting'); process.exit(0); }, 300);
        })();`;
      const r = await runNode(script);
      assert.strictEqual(r.signal, null, `crashed with ${r.signal}\n${r.stderr}`);
      assert.strictEqual(r.code, 0, r.stderr);
      assert.match(r.stdout, /terminated 1,1/);
      assert.match(r.stdout, /exiting/);
    } finally { await stall.close(); }
  });

  it('a worker that ends by itself while its mailer is connected exits cleanly', async () => {
    const script = `
      const { Worker } = require('worker_threads');
      const code = \`
        const { SMTP } = require(process.env.MH_LIB);
        const s = new SMTP(); s.serverName = 'localhost'; s.portNumber = ${srv.port}; s.timeout = 10;
        s.ssl.enabled = true; s.ssl.autosetPortAndSsl = false; s.ssl.selectServerCertStore(process.env.MH_CA, 1);
        s.connect().then((ok) => { if (!ok) process.exit(3); }); // no disconnect: the worker just ends
      \`;
      const w = new Worker(code, { eval: true });
      w.on('exit', (c) => { console.log('worker exit', c); });`;
    const r = await runNode(script);
    assert.strictEqual(r.signal, null, `crashed with ${r.signal}\n${r.stderr}`);
    assert.strictEqual(r.code, 0, r.stderr);
    assert.match(r.stdout, /worker exit 0/);
  });
});
