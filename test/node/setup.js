'use strict';
// Root hook: loaded as a spec file by `npx mocha test/node ...` (and usable via --require thanks to
// mochaHooks). Starts the private Dovecot + Postfix once (scripts/mailstack.sh start is idempotent)
// and makes sure the test certificates exist.
const { execFileSync } = require('child_process');
const path = require('path');
const { ROOT, CERTS } = require('./helpers');

let started = false;
function startStack() {
  if (started) return;
  started = true;
  execFileSync('bash', [path.join(ROOT, 'scripts', 'certs.sh'), CERTS], { stdio: ['ignore', 'ignore', 'inherit'] });
  execFileSync('bash', [path.join(ROOT, 'scripts', 'mailstack.sh'), 'start'],
    { stdio: ['ignore', 'ignore', 'inherit'], timeout: 90000 });
}

exports.mochaHooks = {
  beforeAll() {
    this.timeout(120000);
    startStack();
  },
};

if (typeof before === 'function') {
  before(function () { // eslint-disable-line no-undef
    this.timeout(120000);
    startStack();
  });
}
