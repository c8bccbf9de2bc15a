#!/usr/bin/env node
'use strict';
// CommonJS on purpose (see bin/package.json): an ESM entry costs ~5 ms of loader start-up, which
// `--version` and `--help` cannot afford. Everything else goes through the bundled ESM CLI.
const args = process.argv.slice(2);
const fast = process.env.INFLUXADM_NO_FAST_PATH ? undefined : require('../dist/fast.cjs').fastAnswer(args);
if (fast !== undefined) process.stdout.write(fast);
else import('../dist/cli.js').then((cli) => cli.main(args));
