#!/usr/bin/env node
'use strict';
// CommonJS on purpose: an ESM entry costs ~5 ms of loader start-up. `--version` and `--help` are answered
// from texts made at build time; everything else runs the bundled CLI, loaded with its code cache.
const args = process.argv.slice(2);
const fast = process.env.INFLUXADM_NO_FAST_PATH ? undefined : require('../dist/fast.cjs').fastAnswer(args);
if (fast !== undefined) process.stdout.write(fast);
else require('./load.cjs').load().main(args);
