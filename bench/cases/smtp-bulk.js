// SMTP bulk: N messages of about 5 KB over ONE STARTTLS connection (AUTH, certificate verified against
// the test CA), to the smtp-server sink and to Postfix 10025 (discard transport).
// mailhive Node: one SMTP object, all sends queued at once (the engine pipelines them: the next
// envelope rides behind each final dot), as Nodemailer gets them; also `await send()` in a loop
// (a report row: nothing can be pipelined behind a dot when the next send is not known yet).
// mailhive PHP: bench/php/smtp-bulk.php, same loop, blocking.
// Nodemailer: pool: true, maxConnections: 1, maxMessages: Infinity; all messages queued at once (its best).
'use strict';
const path = require('path');
const c = require('../lib/common');

const clients = {
  async mailhive({ port, n }) {
    const s = c.mailhiveSmtp({ port });
    if (!(await s.connect())) throw c.mailhiveFail(s, 'connect');
    const t0 = c.now();
    const all = [];
    for (let i = 0; i < n; i++) all.push(s.send());
    const ok = await Promise.all(all);
    const ms = c.now() - t0;
    const bad = ok.indexOf(false);
    if (bad >= 0) throw c.mailhiveFail(s, `send #${bad}`);
    await s.disconnect();
    return { n, ms, rate: n / (ms / 1000) };
  },
  async mailhiveAwaited({ port, n }) {
    const s = c.mailhiveSmtp({ port });
    if (!(await s.connect())) throw c.mailhiveFail(s, 'connect');
    const t0 = c.now();
    for (let i = 0; i < n; i++) if (!(await s.send())) throw c.mailhiveFail(s, `send #${i}`);
    const ms = c.now() - t0;
    await s.disconnect();
    return { n, ms, rate: n / (ms / 1000) };
  },
  async nodemailer({ port, n }) {
    const t = c.nodemailerTransport({ port });
    await t.verify(); // verify() uses its own connection; the pool opens its one connection on the first send
    await t.sendMail(c.nodemailerMessage()); // warm: the pooled connection is up before timing
    const t0 = c.now();
    const all = [];
    for (let i = 0; i < n; i++) all.push(t.sendMail(c.nodemailerMessage()));
    await Promise.all(all);
    const ms = c.now() - t0;
    t.close();
    return { n, ms, rate: n / (ms / 1000) };
  },
};

const ROUNDS = (ctx) => (ctx.smoke ? 1 : 3);

async function rows(ctx) {
  const n = ctx.smoke ? 5 : 2000;
  const targets = [['smtp-server sink', ctx.sink.port]];
  if (ctx.postfix) targets.push(['Postfix', ctx.postfix.port]);
  const out = [];
  ctx.shared.bulk = {};
  for (const [label, port] of targets) {
    // The sink is a Node process: its JIT warms up on the first few hundred messages. An untimed
    // pass first, so that no client pays for it (whoever is measured first did before).
    if (!ctx.smoke) await c.runCase(__filename, 'nodemailer', { port, n: 500 });
    // Each client runs ROUNDS times, interleaved; its best run counts (on 2 cores shared with the sink,
    // single runs of the same client vary by up to 1.7x).
    const runs = { node: [], awaited: [], php: [], nm: [] };
    for (let round = 0; round < ROUNDS(ctx); round++) {
      runs.node.push(await c.runCase(__filename, 'mailhive', { port, n }));
      runs.awaited.push(await c.runCase(__filename, 'mailhiveAwaited', { port, n }));
      runs.php.push(await ctx.runPhp(path.join(c.BENCH, 'php', 'smtp-bulk.php'), [String(port), String(n)]));
      runs.nm.push(await c.runCase(__filename, 'nodemailer', { port, n }));
    }
    const best = (list) => list.reduce((a, b) => (b.rate > a.rate ? b : a));
    const [node, awaited, php, nm] = [best(runs.node), best(runs.awaited), best(runs.php), best(runs.nm)];
    const spread = (list) => list.map((r) => r.rate.toFixed(0)).join('/');
    ctx.note(`SMTP bulk, ${label}: every run (msg/s): mailhive Node queued ${spread(runs.node)}, awaited ${spread(runs.awaited)}, `
      + `PHP ${spread(runs.php)}, Nodemailer ${spread(runs.nm)}; the table shows each one's best.`);
    ctx.shared.bulk[label] = { node: node.rate, awaited: awaited.rate, php: php.rate, nodemailer: nm.rate, port };
    for (const [who, r] of [['mailhive Node (sends queued)', node], ['mailhive PHP (send() in a loop)', php]]) {
      out.push(ctx.row(`SMTP bulk ${n} x 5 KB, 1 STARTTLS conn, ${label}: ${who} vs Nodemailer (msg/s)`,
        r.rate, nm.rate, { higherIsBetter: true, target: 3, unit: 'msg/s' }));
    }
    out.push(ctx.row(`SMTP bulk ${n} x 5 KB, 1 STARTTLS conn, ${label}: mailhive Node, each send() awaited vs Nodemailer (msg/s)`,
      awaited.rate, nm.rate, { higherIsBetter: true, unit: 'msg/s', targetText: '(report)' }));
  }
  // Nodemailer untouched (no TCP_NODELAY hook, see lib/common.js), a shorter run, for the record.
  const stockN = ctx.smoke ? 3 : 200;
  const stock = await c.runCase(__filename, 'nodemailer', { port: ctx.sink.port, n: stockN }, { env: { BENCH_NODEMAILER_STOCK: '1' } });
  ctx.note(`SMTP bulk: the Nodemailer figures above have TCP_NODELAY forced on its socket (lib/common.js); stock Nodemailer `
    + `(same pool settings, Nagle on) did ${stock.rate.toFixed(1)} msg/s (${stockN} messages, smtp-server sink): it waits for a delayed ACK after each message.`);
  return out;
}

module.exports = { id: 'smtp-bulk', rows, clients };
if (require.main === module) c.childMain(clients);
