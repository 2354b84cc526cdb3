'use strict';
// End-to-end tests of examples/contact-php and examples/contact-node in headless Chromium
// (Debian's chromium driven by playwright-core). The same list runs against both examples.
//
//   bash test/browser/setup.sh      # chromium from apt, once
//   npx mocha test/browser --timeout 60000 --reporter test/node/summary-reporter.js
//
// Each test has a unique marker in its subject and body; the message is looked for in the private
// Maildir of scripts/mailstack.sh (started by the root hook in test/node/setup.js, via .mocharc.json).
const assert = require('assert');
const {
  EXAMPLES, FROM_ADDRESS, TO_ADDRESS, marker, freePort, smtpEnv, startExample, launchBrowser,
  waitForMessage, messagesAfterWait, postfixLogSize, postfixLogSince,
} = require('./helpers');

const LINE_BREAK_ERROR = (field) => new RegExp(`Please remove line breaks from the ${field} field`);

/** Opens the form, fills it in like a visitor, lets `tamper(page)` change it, submits. */
async function submitForm(ctx, url, values, tamper) {
  const page = await ctx.newPage();
  await page.goto(url);
  await page.fill('#name', values.name);
  await page.fill('#email', values.email);
  await page.fill('#subject', values.subject);
  await page.fill('#message', values.message);
  if (tamper) await tamper(page);
  await Promise.all([
    page.waitForNavigation({ waitUntil: 'load', timeout: 45000 }),
    page.click('#send'),
  ]);
  return page;
}

/**
 * A text input strips CR and LF from its value, so a hostile visitor edits the page: the field
 * becomes a hidden input (which keeps them) carrying the raw value; browser validation is off.
 */
function rawField(field, value) {
  return (page) => page.evaluate(([f, v]) => {
    const form = document.getElementById('contact');
    form.noValidate = true;
    const old = form.elements[f];
    const hidden = document.createElement('input');
    hidden.type = 'hidden';
    hidden.name = f;
    hidden.value = v;
    old.replaceWith(hidden);
  }, [field, value]);
}

async function pageResult(page) {
  const ok = await page.$('#success');
  const err = await page.$('#error');
  return {
    success: ok ? (await ok.textContent()).trim() : null,
    error: err ? (await err.textContent()).trim() : null,
    html: await page.content(),
  };
}

function assertCleanErrorPage(result) {
  assert.ok(result.error, `expected an error page, got:\n${result.html.slice(0, 2000)}`);
  assert.strictEqual(result.success, null);
  for (const leak of [/Stack trace/i, /Fatal error/i, /ValueError/, /TypeError/, /\bat .*\.js:\d+/, /\.php on line/i, /Warning:/]) {
    assert.doesNotMatch(result.html, leak, 'the error page leaks internals');
  }
}

function headerNames(mail) {
  return [...mail.headers.keys()];
}

/** The delivered message carries exactly one sender, one recipient and no injected header. */
function assertNoInjection(mail, victim) {
  const names = headerNames(mail);
  assert.ok(!names.includes('bcc'), `a Bcc header arrived: ${names}`);
  assert.ok(!names.includes('cc'), `a Cc header arrived: ${names}`);
  assert.deepStrictEqual(mail.to.value.map((a) => a.address), [TO_ADDRESS]);
  assert.deepStrictEqual(mail.from.value.map((a) => a.address), [FROM_ADDRESS]);
  if (victim) {
    for (const [name, value] of mail.headers) {
      if (['subject', 'reply-to'].includes(name)) continue;
      assert.ok(!JSON.stringify(value).includes(victim), `header ${name} carries ${victim}`);
    }
  }
}

for (const example of EXAMPLES) {
  describe(`contact form in the browser: ${example.name}`, function () {
    this.timeout(60000);
    let server;
    let chrome;
    let ctx;

    before(async function () {
      this.timeout(60000);
      server = await startExample(example, smtpEnv());
      chrome = await launchBrowser();
    });
    after(async function () {
      if (chrome) await chrome.close();
      if (server) await server.stop();
    });
    beforeEach(async function () {
      ctx = await chrome.browser.newContext();
    });
    afterEach(async function () {
      if (this.currentTest.state === 'failed' && server) {
        console.log(`---- ${example.name} server output ----\n${server.output().slice(-3000)}`); // eslint-disable-line no-console
      }
      if (ctx) await ctx.close();
    });

    it('sends a UTF-8 message: From fixed, Reply-To the visitor, subject and body intact', async function () {
      const m = marker('ok');
      const since = Date.now();
      const values = {
        name: 'Zoë Ångström-O\'Brien "Zed"',
        email: `visitor.${m}@example.com`,
        subject: `Grüße aus Köln ✓ ${m}`,
        message: `Hello 👋 from the contact form.\nÄÖÜ äöü ß — €100, 日本語のテキスト.\n\n<b>not html</b> & "quotes"\n${m}`,
      };
      const page = await submitForm(ctx, server.url, values);
      const r = await pageResult(page);
      assert.strictEqual(r.error, null, `error page: ${r.error}`);
      assert.match(r.success, /Your message has been sent/);
      assert.ok(r.success.includes('Zoë Ångström-O\'Brien "Zed"'), r.success);

      const found = await waitForMessage(m, since);
      assert.strictEqual(found.length, 1, 'exactly one message');
      const { mail } = found[0];
      assertNoInjection(mail);
      assert.strictEqual(mail.from.value[0].address, FROM_ADDRESS);
      assert.strictEqual(mail.replyTo.value.length, 1);
      assert.strictEqual(mail.replyTo.value[0].address, values.email);
      assert.strictEqual(mail.replyTo.value[0].name, values.name);
      assert.strictEqual(mail.subject, `[Contact] ${values.subject}`);
      assert.ok(mail.text.includes(values.message), `body:\n${mail.text}`);
      assert.ok(mail.text.includes(`Name: ${values.name}`));
      assert.ok(mail.text.includes(`Email: ${values.email}`));
    });

    it('HTML-escapes what it echoes back', async function () {
      const m = marker('xss');
      const since = Date.now();
      const name = `<img src=x onerror="window.pwned=1"><script>window.pwned=2</script>${m}`;
      const page = await submitForm(ctx, server.url, {
        name, email: `x.${m}@example.com`, subject: `escape ${m}`, message: `body ${m}`,
      });
      const r = await pageResult(page);
      assert.strictEqual(r.error, null, `error page: ${r.error}`);
      assert.ok(r.success.includes(name), r.success);
      assert.strictEqual(await page.$('img'), null, 'an <img> element was injected');
      assert.strictEqual(await page.$('body script'), null, 'a <script> element was injected');
      assert.strictEqual(await page.evaluate(() => window.pwned), undefined);
      const found = await waitForMessage(m, since);
      assert.strictEqual(found.length, 1);
      assert.strictEqual(found[0].mail.replyTo.value[0].name, name);
    });

    for (const field of ['name', 'subject', 'email']) {
      it(`CRLF in the ${field} field: error page, no message, no Bcc recipient`, async function () {
        const m = marker(`crlf${field}`);
        const victim = `victim-${m}@example.com`;
        const since = Date.now();
        const logAt = postfixLogSize();
        const values = {
          name: `Mallory ${m}`, email: `mallory.${m}@example.com`, subject: `hi ${m}`, message: `body ${m}`,
        };
        const hostile = `${values[field]}\r\nBcc: ${victim}`;
        const page = await submitForm(ctx, server.url, values, rawField(field, hostile));
        const r = await pageResult(page);
        assertCleanErrorPage(r);
        assert.match(r.error, LINE_BREAK_ERROR(field));

        const arrived = await messagesAfterWait(m, since);
        assert.strictEqual(arrived.length, 0, 'a message arrived although the form reported an error');
        const log = postfixLogSince(logAt);
        assert.ok(!log.includes(victim), `Postfix saw the injected recipient:\n${log}`);
      });
    }

    it('a 10 MB body: error page, nothing sent', async function () {
      const m = marker('big');
      const since = Date.now();
      const page = await submitForm(ctx, server.url, {
        name: `Big ${m}`, email: `big.${m}@example.com`, subject: `big ${m}`, message: 'x',
      }, (p) => p.evaluate((mark) => {
        // 10 MB in the message field (as a hidden input: a 10 MB textarea takes long to lay out).
        const form = document.getElementById('contact');
        form.noValidate = true;
        const big = document.createElement('input');
        big.type = 'hidden';
        big.name = 'message';
        big.value = `${mark}\n${'0123456789abcdef'.repeat(640 * 1024)}`;
        form.elements.message.replaceWith(big);
      }, m));
      const r = await pageResult(page);
      assertCleanErrorPage(r);
      assert.match(r.error, /too large/i);
      assert.match(r.error, /1 MB/);
      const arrived = await messagesAfterWait(m, since);
      assert.strictEqual(arrived.length, 0, 'a message arrived although the form reported an error');
    });

    it('an address list in the email field adds no recipient', async function () {
      const m = marker('list');
      const second = `d-${m}@example.com`;
      const since = Date.now();
      const logAt = postfixLogSize();
      const page = await submitForm(ctx, server.url, {
        name: `List ${m}`, email: 'x', subject: `list ${m}`, message: `body ${m}`,
      }, rawField('email', `a.${m}@example.com, ${second}`));
      const r = await pageResult(page);
      const arrived = await messagesAfterWait(m, since, r.error ? 4000 : 2000);
      if (r.error) {
        // Rejected: this implementation's answer.
        assertCleanErrorPage(r);
        assert.match(r.error, /valid email address/);
        assert.strictEqual(arrived.length, 0);
      } else {
        // Accepted: then only as the one Reply-To, never as a recipient.
        assert.strictEqual(arrived.length, 1);
        assertNoInjection(arrived[0].mail, second);
        assert.ok(arrived[0].mail.replyTo.value.length <= 1);
      }
      const log = postfixLogSince(logAt);
      assert.ok(!log.includes(second), `Postfix saw ${second}:\n${log}`);
    });

    it('an invalid email address: error page, nothing sent', async function () {
      const m = marker('bad');
      const since = Date.now();
      const page = await submitForm(ctx, server.url, {
        name: `Bad ${m}`, email: 'x', subject: `bad ${m}`, message: `body ${m}`,
      }, rawField('email', 'not an address'));
      const r = await pageResult(page);
      assertCleanErrorPage(r);
      assert.match(r.error, /valid email address/);
      assert.strictEqual((await messagesAfterWait(m, since, 2000)).length, 0);
    });
  });

  describe(`contact form in the browser: ${example.name}, mail server failures`, function () {
    this.timeout(60000);
    let chrome;
    before(async function () { chrome = await launchBrowser(); });
    after(async function () { if (chrome) await chrome.close(); });

    async function failWith(env, pattern) {
      const server = await startExample(example, smtpEnv(env));
      const ctx = await chrome.browser.newContext();
      try {
        const m = marker('fail');
        const since = Date.now();
        const page = await submitForm(ctx, server.url, {
          name: `Fail ${m}`, email: `fail.${m}@example.com`, subject: `fail ${m}`, message: `body ${m}`,
        });
        const r = await pageResult(page);
        assertCleanErrorPage(r);
        assert.match(r.error, pattern);
        assert.doesNotMatch(r.html, /secret|ca\.pem|10025/, 'the error page shows server settings');
        assert.strictEqual((await messagesAfterWait(m, since, 1500)).length, 0);
      } finally {
        await ctx.close();
        await server.stop();
      }
    }

    it('no server listening: "could not send (errCode 4)"', async function () {
      await failWith({ SMTP_PORT: String(await freePort()) }, /could not be sent \(errCode 4\)/);
    });

    it('certificate not trusted (no test CA): "could not send (errCode 12)", nothing delivered', async function () {
      await failWith({ SMTP_CA_FILE: '' }, /could not be sent \(errCode 12\)/);
    });
  });
}
