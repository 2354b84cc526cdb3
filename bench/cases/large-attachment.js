// Large attachment: one message with a 50 MB attachment (a file on disk, attached by path) over one
// STARTTLS connection (AUTH) to the smtp-server sink. Figures: MB/s (attachment MB / time of the send,
// connection already up) and peak RSS growth during the send (process.memoryUsage().rss sampled every
// 10 ms, and VmHWM after resetting it via /proc/self/clear_refs, whichever is higher).
'use strict';
const fs = require('fs');
const path = require('path');
const crypto = require('crypto');
const c = require('../lib/common');

function ensureFile(file, mb) {
  if (fs.existsSync(file) && fs.statSync(file).size === mb * 1048576) return;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const fd = fs.openSync(file, 'w');
  const chunk = crypto.randomBytes(1048576); // incompressible; one random MiB repeated
  for (let i = 0; i < mb; i++) fs.writeSync(fd, chunk);
  fs.closeSync(fd);
}

const clients = {
  async mailhive({ port, file }) {
    const s = c.mailhiveSmtp({ port });
    s.message.addAttachment(file, 'big.bin', '', 'application/octet-stream');
    if (!(await s.connect())) throw c.mailhiveFail(s, 'connect');
    global.gc && global.gc();
    const size = fs.statSync(file).size;
    const rss = c.rssSampler(10);
    const t0 = c.now();
    if (!(await s.send())) throw c.mailhiveFail(s, 'send');
    const ms = c.now() - t0;
    const mem = rss.stop();
    await s.disconnect();
    return { ms, mbps: size / 1e6 / (ms / 1000), ...mem };
  },
  async nodemailer({ port, file }) {
    const t = c.nodemailerTransport({ port });
    await t.sendMail(c.nodemailerMessage()); // the pooled connection is up, as for mailhive
    global.gc && global.gc();
    const size = fs.statSync(file).size;
    const rss = c.rssSampler(10);
    const t0 = c.now();
    await t.sendMail({ ...c.nodemailerMessage(), attachments: [{ path: file, filename: 'big.bin', contentType: 'application/octet-stream' }] });
    const ms = c.now() - t0;
    const mem = rss.stop();
    t.close();
    return { ms, mbps: size / 1e6 / (ms / 1000), ...mem };
  },
};

async function rows(ctx) {
  const mb = ctx.smoke ? 1 : 50;
  const file = path.join(ctx.tmp, `attachment-${mb}MiB.bin`);
  ensureFile(file, mb);
  const opts = { port: ctx.sink.port, file };
  const mh = await c.runCase(__filename, 'mailhive', opts);
  const nm = await c.runCase(__filename, 'nodemailer', opts);
  // The sink's own ceiling: the same message (built by mailhive, saved as .eml) replayed by the C client.
  try {
    const { Message } = c.mailhive();
    const m = new Message();
    Object.assign(m, { fromAddr: c.FROM, toAddr: c.TO, subject: c.SUBJECT, bodyText: c.BODY });
    m.addAttachment(file, 'big.bin', '', 'application/octet-stream');
    const eml = path.join(ctx.tmp, 'big.eml');
    if (m.saveMessage(eml)) {
      const size = fs.statSync(file).size;
      const r = await c.runJson(path.join(c.BENCH, 'limit', 'replay'), [String(ctx.sink.port), c.CA, eml, '1']);
      ctx.note(`Large attachment: the C/GnuTLS replay of the same ${(fs.statSync(eml).size / 1e6).toFixed(1)} MB message `
        + `(bench/limit/replay) reached ${(size / 1e6 / (r.ms / 1000)).toFixed(1)} MB/s of attachment (for reference: at this size the sink, one Node process parsing the DATA stream, bounds every client).`);
      fs.rmSync(eml, { force: true });
    }
  } catch (e) { ctx.note(`Large attachment: replay ceiling not measured (${e.message.split('\n')[0]}).`); }
  return [
    ctx.row(`Large attachment ${mb} MiB, STARTTLS, sink: throughput (MB/s)`, mh.mbps, nm.mbps,
      { higherIsBetter: true, target: 2, unit: 'MB/s' }),
    ctx.row(`Large attachment ${mb} MiB: peak RSS growth (MB)`, mh.growthMB, nm.growthMB,
      { higherIsBetter: false, absTarget: 32, targetText: '<= 32 MB', unit: 'MB' }),
  ];
}

module.exports = { id: 'large-attachment', rows, clients };
if (require.main === module) c.childMain(clients);
