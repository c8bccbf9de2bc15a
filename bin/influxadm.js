#!/usr/bin/env node
'use strict';
// CommonJS on purpose: an ESM entry costs ~5 ms of loader start-up. `--version`, `--help`, `help …` and
// `completion <shell>` are answered from texts made at build time (dist/fast.cjs decides; this check, a
// looser copy of its conditions, only spares every other command loading it); everything else runs the
// CLI from its packs.
const args = process.argv.slice(2);
const last = args[args.length - 1];
const maybeFast = (last === '--help' || last === '-h' || last === '--version' || last === '-V' || args[0] === 'help' || args[0] === 'completion') && !process.env.INFLUXADM_NO_FAST_PATH;
const fast = maybeFast ? require('../dist/fast.cjs') : undefined;
const answer = fast?.fastAnswer(args);
if (answer !== undefined) fast.writeOut(answer);
else require('./load.cjs').load().main(args).then(exitWhenIdle);

// Once nothing keeps the loop alive, Node waits for V8's background work before it exits: a garbage
// collection begun on a large heap, optimizing compiles. After a 10,000-database listing or plan that
// is 5-20 ms of nothing (list 147 -> 136 ms measured). When the command is done and no handle, request
// or timer is left (a sandbox server, a keychain helper, a progress timer all keep it), exit now; the
// output is already written, synchronously, and 'exit' listeners still run.
function exitWhenIdle() {
  if (process.getActiveResourcesInfo().length === 0) process.exit();
}
