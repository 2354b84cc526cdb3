// The limit: the same SMTP bytes (one STARTTLS connection, AUTH, N x the same ~5 KB message as built by
// mailhive's Message, pipelined) replayed by bench/limit/replay (C, blocking GnuTLS, batched writes).
// Compared with the mailhive Node figure of smtp-bulk (run again here when that case did not run).
'use strict';
const fs = require('fs');
const path = require('path');
const c = require('../lib/common');

const REPLAY = path.join(c.BENCH, 'limit', 'replay');

async function rows(ctx) {
  const n = ctx.smoke ? 5 : 2000;
  const eml = path.join(ctx.tmp, 'message.eml');
  const { Message } = c.mailhive();
  const m = new Message();
  Object.assign(m, { fromAddr: c.FROM, toAddr: c.TO, subject: c.SUBJECT, bodyText: c.BODY });
  if (!m.saveMessage(eml)) throw new Error(`cannot write ${eml}`);
  if (!fs.existsSync(REPLAY)) throw new Error(`${REPLAY} is not built (bench/run.sh builds it)`);
  const targets = [['smtp-server sink', ctx.sink.port]];
  if (ctx.postfix) targets.push(['Postfix', ctx.postfix.port]);
  const out = [];
  for (const [label, port] of targets) {
    const replay = await c.runJson(REPLAY, [String(port), c.CA, eml, String(n)]);
    let mh = ctx.shared.bulk && ctx.shared.bulk[label] && ctx.shared.bulk[label].node;
    if (!mh) mh = (await c.runCase(path.join(__dirname, 'smtp-bulk.js'), 'mailhive', { port, n })).rate;
    out.push(ctx.row(`Limit, ${label}: mailhive Node vs C/GnuTLS replay of the same bytes (msg/s)`, mh, replay.rate,
      { higherIsBetter: true, targetText: '(report: share of the limit)', unit: 'msg/s' }));
  }
  return out;
}

module.exports = { id: 'limit', rows };
