// Concurrency: M parallel sends (each its own mailer and STARTTLS connection, AUTH, one message, QUIT)
// against a sink that answers the greeting and every command 50 ms late (bench/sink/smtp-sink.js
// --delay=50). Figure: total time of the M sends / time of one send alone (same process, measured first).
// mailhive: send() + disconnect() per SMTP object; Nodemailer: a non-pooled transport per send (it
// connects, sends and QUITs).
'use strict';
const c = require('../lib/common');

async function mhOne(port) {
  const s = c.mailhiveSmtp({ port });
  if (!(await s.send())) throw c.mailhiveFail(s, 'send');
  await s.disconnect();
}
async function nmOne(port) {
  const t = c.nodemailerTransport({ port, pool: false });
  await t.sendMail(c.nodemailerMessage());
  t.close();
}
async function measure(one, port, parallel) {
  await one(port); // warm-up (trust store, JIT)
  let t0 = c.now();
  await one(port);
  const single = c.now() - t0;
  t0 = c.now();
  await Promise.all(Array.from({ length: parallel }, () => one(port)));
  const all = c.now() - t0;
  return { single, all, factor: all / single };
}
const clients = {
  mailhive: ({ port, parallel }) => measure(mhOne, port, parallel),
  nodemailer: ({ port, parallel }) => measure(nmOne, port, parallel),
};

async function rows(ctx) {
  const opts = { port: ctx.slowSink.port, parallel: ctx.smoke ? 5 : 200 };
  const mh = await c.runCase(__filename, 'mailhive', opts);
  const nm = await c.runCase(__filename, 'nodemailer', opts);
  ctx.note(`Concurrency (sink 50 ms per reply): one send alone mailhive ${mh.single.toFixed(0)} ms, Nodemailer `
    + `${nm.single.toFixed(0)} ms; ${opts.parallel} in parallel mailhive ${mh.all.toFixed(0)} ms, Nodemailer ${nm.all.toFixed(0)} ms.`);
  return [ctx.row(`Concurrency: ${opts.parallel} parallel sends, 50 ms/reply sink: total / one send (x)`, mh.factor, nm.factor,
    { higherIsBetter: false, absTarget: 2, targetText: '<= 2x of one send', unit: 'x' })];
}

module.exports = { id: 'concurrency', rows, clients };
if (require.main === module) c.childMain(clients);
