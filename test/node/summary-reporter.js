'use strict';
// Spec reporter + a closing line CI recognises: "mocha: N passed, N failed[, N skipped]".
// (This file sits in test/node and is therefore also loaded as a spec file; it defines no tests.)
const Mocha = require('mocha');

class SummaryReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
      const s = runner.stats;
      process.stdout.write(`mocha: ${s.passes} passed, ${s.failures} failed`
        + (s.pending ? `, ${s.pending} skipped` : '') + '\n');
    });
  }
}
module.exports = SummaryReporter;
