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
  const mh = await c.runCase(__filename, 'mailhive', opts);
  const nm = await c.runCase(__filename, 'nodemailer', opts);
  ctx.note(`Event loop: ${opts.mailers} mailers x ${opts.each} messages; total time mailhive ${mh.ms.toFixed(0)} ms, `
    + `Nodemailer ${nm.ms.toFixed(0)} ms; max delay mailhive ${mh.max.toFixed(1)} ms, Nodemailer ${nm.max.toFixed(1)} ms.`);
  return [ctx.row(`Event loop: ${opts.mailers} mailers in parallel (STARTTLS), p99 delay (ms)`, mh.p99, nm.p99,
    { higherIsBetter: false, absTarget: 10, strict: true, targetText: '< 10 ms', unit: 'ms' })];
}

module.exports = { id: 'event-loop', rows, clients };
if (require.main === module) c.childMain(clients);
