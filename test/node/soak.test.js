'use strict';
// Soak: 1,000 connect/send/disconnect cycles against a fast scripted SMTP server (STARTTLS with the
// test CA, AUTH, one message each) leave memory and file descriptors flat: after a warm-up, the open
// file descriptors (/proc/self/fd) come back to the baseline +- 5 and RSS (after global.gc(), which
// .mocharc.json enables with --expose-gc) grows by less than 30 MB.
const assert = require('assert');
const fs = require('fs');
const { withScripted, scriptedSmtp, describeError, sleep } = require('./helpers');

const CYCLES = 1000;
const WARMUP = 50;

const fdCount = () => fs.readdirSync('/proc/self/fd').length;

async function settle() {
  // let closed sockets and finalizers run, then collect (twice: weak callbacks free native memory)
  for (let i = 0; i < 3; i++) {
    await sleep(100);
    if (global.gc) global.gc();
  }
}

describe('soak', function () {
  this.timeout(600000);

  it(`${CYCLES} connect/send/disconnect cycles (STARTTLS + AUTH): fds back to baseline +- 5, RSS growth < 30 MB`, async function () {
    await withScripted('starttls-ok', async (srv) => {
      const cycle = async (i) => {
        const smtp = scriptedSmtp(srv.port, { startTls: true });
        smtp.userName = 'test';
        smtp.password = 'secret';
        smtp.message.subject = `soak ${i}`;
        assert.strictEqual(await smtp.connect(), true, `cycle ${i} connect: ${describeError(smtp)}`);
        assert.strictEqual(await smtp.send(), true, `cycle ${i} send: ${describeError(smtp)}`);
        assert.strictEqual(await smtp.disconnect(), true, `cycle ${i} disconnect: ${describeError(smtp)}`);
        assert.strictEqual(smtp.connected, false);
      };
      for (let i = 0; i < WARMUP; i++) await cycle(i);
      await settle();
      const fd0 = fdCount();
      const rss0 = process.memoryUsage().rss;
      for (let i = WARMUP; i < WARMUP + CYCLES; i++) await cycle(i);
      await settle();
      const fd1 = fdCount();
      const rss1 = process.memoryUsage().rss;
      const info = `gc=${Boolean(global.gc)} fds ${fd0} -> ${fd1}, RSS ${Math.round(rss0 / 1e6)} -> ${Math.round(rss1 / 1e6)} MB`;
      assert.strictEqual(srv.messages().length, WARMUP + CYCLES, info);
      assert.strictEqual(srv.connections(), WARMUP + CYCLES, info);
      assert.ok(Math.abs(fd1 - fd0) <= 5, `file descriptors not flat: ${info}`);
      assert.ok(rss1 - rss0 < 30e6, `RSS grew by ${Math.round((rss1 - rss0) / 1e6)} MB: ${info}`);
      this.test.title += ` [${info}]`;
    });
  });
});
