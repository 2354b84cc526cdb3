// Event loop: M mailers sending in parallel from one Node process, each its own SMTP object and
// STARTTLS connection (AUTH) to the smtp-server sink, K messages each. Figure: p99 event-loop delay,
// perf_hooks.monitorEventLoopDelay({ resolution: 1 }), over the whole run. Nodemailer: one pooled
// transport (maxConnections 1) per mailer, K sendMail() each.
'use strict';
const { monitorEventLoopDelay } = require('perf_hooks');
const c = require('../lib/common');

function monitor() {
  const h = monitorEventLoopDelay({ resolution: 1 });
  h.enable();
  return () => {
    h.disable();
    return { p50: h.percentile(50) / 1e6, p99: h.percentile(99) / 1e6, max: h.max / 1e6 };
  };
}

const clients = {
  async mailhive({ port, mailers, each }) {
    const stop = monitor();
    const t0 = c.now();
    await Promise.all(Array.from({ length: mailers }, async () => {
      const s = c.mailhiveSmtp({ port });
      for (let i = 0; i < each; i++) if (!(await s.send())) throw c.mailhiveFail(s, 'send');
      await s.disconnect();
    }));
    const ms = c.now() - t0;
    return { ms, ...stop() };
  },
  async nodemailer({ port, mailers, each }) {
    const stop = monitor();
    const t0 = c.now();
    await Promise.all(Array.from({ length: mailers }, async () => {
      const t = c.nodemailerTransport({ port });
      for (let i = 0; i < each; i++) await t.sendMail(c.nodemailerMessage());
      t.close();
    }));
    const ms = c.now() - t0;
    return { ms, ...stop() };
  },
};

async function rows(ctx) {
  const opts = { port: ctx.sink.port, mailers: ctx.smoke ? 5 : 200, each: ctx.smoke ? 1 : 5 };
  // Three runs each, interleaved; the median run (by p99) counts: on 2 cores shared with the sink a
  // single run's p99 moves by 2x.
  const runs = { mh: [], nm: [] };
  for (let round = 0; round < (ctx.smoke ? 1 : 3); round++) {
    runs.mh.push(await c.runCase(__filename, 'mailhive', opts));
    runs.nm.push(await c.runCase(__filename, 'nodemailer', opts));
  }
  const median = (list) => [...list].sort((a, b) => a.p99 - b.p99)[Math.floor(list.length / 2)];
  const [mh, nm] = [median(runs.mh), median(runs.nm)];
  ctx.note(`Event loop: p99 of every run (ms): mailhive ${runs.mh.map((r) => r.p99.toFixed(1)).join('/')}, `
    + `Nodemailer ${runs.nm.map((r) => r.p99.toFixed(1)).join('/')}; the table shows each one's median run.`);
  ctx.note(`Event loop: ${opts.mailers} mailers x ${opts.each} messages; total time mailhive ${mh.ms.toFixed(0)} ms, `
    + `Nodemailer ${nm.ms.toFixed(0)} ms; max delay mailhive ${mh.max.toFixed(1)} ms, Nodemailer ${nm.max.toFixed(1)} ms.`);
  return [ctx.row(`Event loop: ${opts.mailers} mailers in parallel (STARTTLS), p99 delay (ms)`, mh.p99, nm.p99,
    { higherIsBetter: false, absTarget: 10, strict: true, targetText: '< 10 ms', unit: 'ms' })];
}

module.exports = { id: 'event-loop', rows, clients };
if (require.main === module) c.childMain(clients);
