// bench/index.js — runs every benchmark case (bench/cases/*.js, in the order below, then any other file
// found there) side by side, prints the table and writes it to bench/RESULTS.md (bench/out/smoke.md for
// --smoke). Started by bench/run.sh, which builds and starts what this needs.
//
// Options: --smoke (tiny sizes), --only=id[,id] (a subset), --no-postfix (skip Postfix rows),
//          --out=FILE (where to write the markdown).
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawn, execFileSync } = require('child_process');
const c = require('./lib/common');

const args = Object.fromEntries(process.argv.slice(2).map((a) => { const [k, v] = a.replace(/^--/, '').split('='); return [k, v ?? true]; }));
const smoke = !!args.smoke;
const ORDER = ['smtp-bulk', 'limit', 'large-attachment', 'event-loop', 'concurrency', 'connect', 'imap', 'parse'];
const FINDINGS = path.join(__dirname, 'findings.md'); // hand-written analysis, appended to RESULTS.md
const PHP_EXT = process.env.MAILHIVE_PHP_EXT || path.join(c.ROOT, 'build-php', 'modules', 'mailhive.so');

function startSink(extra = []) {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [path.join(__dirname, 'sink', 'smtp-sink.js'), ...extra], { stdio: ['ignore', 'pipe', 'inherit'] });
    let buf = '';
    p.stdout.on('data', (d) => {
      buf += d;
      const m = /ready (\d+) (\d+)/.exec(buf);
      if (m) { p.stdout.removeAllListeners('data'); p.stdout.resume(); resolve({ proc: p, port: Number(m[1]), tlsPort: Number(m[2]) }); }
    });
    p.on('exit', (code) => reject(new Error(`sink exited (${code}) before it was ready`)));
  });
}
function portOpen(port) {
  return new Promise((resolve) => {
    const s = require('net').connect(port, '127.0.0.1');
    s.on('connect', () => { s.destroy(); resolve(true); });
    s.on('error', () => resolve(false));
  });
}

const fmt = (v) => (typeof v !== 'number' || !Number.isFinite(v) ? String(v)
  : v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));

// One table row. ratio = mailhive's advantage: mailhive/peer when higher is better, peer/mailhive when
// lower is better (so > 1 always means mailhive is ahead). met: ratio >= target (ratio targets) or the
// mailhive figure within absTarget (absolute targets); null when the row has no target.
function row(benchmark, mh, peer, o) {
  const ratio = o.higherIsBetter ? mh / peer : peer / mh;
  let met = null, target = o.targetText || '';
  if (o.target !== undefined) { met = ratio >= o.target; target = target || `>= ${o.target}x`; }
  if (o.absTarget !== undefined) met = o.strict ? mh < o.absTarget : mh <= o.absTarget;
  return { benchmark, mailhive: `${fmt(mh)} ${o.unit}`, peer: `${fmt(peer)} ${o.unit}`, ratio: `${fmt(ratio)}x`, target,
    met: met === null ? '-' : met ? 'yes' : 'NO', raw: { mh, peer, ratio } };
}

function table(rows) {
  const head = ['benchmark', 'mailhive', 'peer', 'ratio (>1 = mailhive ahead)', 'target', 'met?'];
  const lines = [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`];
  for (const r of rows) lines.push(`| ${[r.benchmark, r.mailhive, r.peer, r.ratio, r.target, r.met].join(' | ')} |`);
  return lines.join('\n');
}

function version(cmd, a, re) {
  try { const o = execFileSync(cmd, a, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }); return (re.exec(o) || [])[1] || '?'; } catch { return '?'; }
}

function gnutls() {
  const v = c.mailhive().gnutlsVersion;
  if (typeof v === 'function') return v();
  return v || version('pkg-config', ['--modversion', 'gnutls'], /(\S+)/);
}

async function main() {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mailhive-bench-'));
  const loadStart = fs.readFileSync('/proc/loadavg', 'utf8').trim();
  const started = new Date();
  const sink = await startSink();
  const slowSink = await startSink(['--delay=50']);
  const postfix = !args['no-postfix'] && (await portOpen(10025)) ? { port: 10025 } : null;
  const notes = [];
  const ctx = {
    smoke, tmp, sink, slowSink, postfix, shared: {}, row,
    note: (s) => notes.push(s),
    runPhp: (script, a) => c.runJson('php', ['-n', '-d', `extension=${PHP_EXT}`, script, ...a]),
  };
  if (process.env.BENCH_SETUP_WARNING) notes.push(process.env.BENCH_SETUP_WARNING + '.');
  if (!postfix) notes.push('Postfix (127.0.0.1:10025) was not running: its rows were skipped.');

  const files = fs.readdirSync(path.join(__dirname, 'cases')).filter((f) => f.endsWith('.js')).map((f) => f.slice(0, -3));
  let ids = [...ORDER.filter((id) => files.includes(id)), ...files.filter((id) => !ORDER.includes(id)).sort()];
  if (args.only) ids = ids.filter((id) => String(args.only).split(',').includes(id));
  const rows = [];
  let failed = 0;
  for (const id of ids) {
    const t0 = Date.now();
    process.stderr.write(`bench: ${id} ...`);
    try {
      const r = await require(`./cases/${id}`).rows(ctx);
      rows.push(...r);
      process.stderr.write(` ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
      for (const x of r) process.stderr.write(`  ${x.benchmark}: ${x.mailhive} vs ${x.peer} (${x.ratio}) ${x.met}\n`);
    } catch (e) {
      failed++;
      process.stderr.write(` FAILED\n${e.stack || e}\n`);
      rows.push({ benchmark: `${id}: FAILED (${String(e.message).split('\n')[0]})`, mailhive: '-', peer: '-', ratio: '-', target: '-', met: 'NO' });
    }
  }
  sink.proc.kill('SIGTERM');
  slowSink.proc.kill('SIGTERM');
  fs.rmSync(tmp, { recursive: true, force: true });

  const cpu = (/model name\s*:\s*(.*)/.exec(fs.readFileSync('/proc/cpuinfo', 'utf8')) || [])[1] || os.cpus()[0].model;
  const loadEnd = fs.readFileSync('/proc/loadavg', 'utf8').trim();
  const pkg = (n) => { try { return require(`${n}/package.json`).version; } catch { return '?'; } };
  const md = [
    `# mailhive benchmarks${smoke ? ' (SMOKE RUN: tiny sizes, figures mean nothing)' : ''}`,
    '',
    `- date: ${started.toISOString()} (took ${((Date.now() - started) / 1000).toFixed(0)} s)`,
    `- machine: ${cpu}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, ${os.type()} ${os.release()}`,
    `- load (/proc/loadavg) at start: ${loadStart}; at end: ${loadEnd}`,
    `- node ${process.version}, GnuTLS ${gnutls()}, PHP ${version('php', ['-n', '-v'], /PHP (\S+)/)}, `
      + `nodemailer ${pkg('nodemailer')}, smtp-server ${pkg('smtp-server')}, imapflow ${pkg('imapflow')}, mailparser ${pkg('mailparser')}, Postfix ${version('postconf', ['-d', 'mail_version'], /= (\S+)/)}`,
    '- command: `bash bench/run.sh`' + (smoke ? ' --smoke' : ''),
    '',
    table(rows),
    '',
    '## Notes',
    '',
    ...notes.map((n) => `- ${n}`),
    '',
    ...(smoke || !fs.existsSync(FINDINGS) ? [] : ['## Findings', '', fs.readFileSync(FINDINGS, 'utf8').trim(), '']),
  ].join('\n');
  process.stdout.write(`\n${table(rows)}\n\n${notes.map((n) => `- ${n}`).join('\n')}\n`);
  const outFile = args.out ? path.resolve(String(args.out)) : smoke ? path.join(__dirname, 'out', 'smoke.md') : path.join(__dirname, 'RESULTS.md');
  fs.mkdirSync(path.dirname(outFile), { recursive: true });
  fs.writeFileSync(outFile, md);
  process.stderr.write(`bench: wrote ${path.relative(process.cwd(), outFile)}\n`);
  process.exit(failed ? 1 : 0);
}
main().catch((e) => { console.error(e); process.exit(1); });
