// Connect: TCP + TLS handshake (implicit TLS port of the sink, certificate verified) + EHLO + QUIT,
// N times one after the other. mailhive: one SMTP object, connect() + disconnect() N times (no AUTH);
// Nodemailer: one non-pooled transport, verify() N times (no AUTH). Figure: ms per connection.
'use strict';
const c = require('../lib/common');

const clients = {
  async mailhive({ port, n }) {
    const s = c.mailhiveSmtp({ port, implicitTls: true, auth: false });
    const once = async () => {
      if (!(await s.connect())) throw c.mailhiveFail(s, 'connect');
      if (!(await s.disconnect())) throw c.mailhiveFail(s, 'disconnect');
    };
    await once();
    const t0 = c.now();
    for (let i = 0; i < n; i++) await once();
    return { n, perMs: (c.now() - t0) / n };
  },
  async nodemailer({ port, n }) {
    const t = c.nodemailerTransport({ port, implicitTls: true, auth: false, pool: false });
    await t.verify();
    const t0 = c.now();
    for (let i = 0; i < n; i++) await t.verify();
    return { n, perMs: (c.now() - t0) / n };
  },
};

async function rows(ctx) {
  const opts = { port: ctx.sink.tlsPort, n: ctx.smoke ? 3 : 200 };
  const mh = await c.runCase(__filename, 'mailhive', opts);
  const nm = await c.runCase(__filename, 'nodemailer', opts);
  return [ctx.row(`Connect: TCP+TLS+EHLO+QUIT x ${opts.n} sequential (ms per connection)`, mh.perMs, nm.perMs,
    { higherIsBetter: false, targetText: '(report)', unit: 'ms' })];
}

module.exports = { id: 'connect', rows, clients };
if (require.main === module) c.childMain(clients);
