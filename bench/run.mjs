// `npm run bench`: the ratios of design §10, each measured side by side with its baseline in one run
// (runs interleaved, medians compared), so machine speed cancels out.
//   1. influxadm --version and --help     vs  node -e 0                 target ≤ 1.15×
//   2. database list --format json (10k)  vs  a minimal undici fetch    target ≤ 1.35×
//   3. peak RSS of (2)                                                   target < 120 MiB

import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'bin/influxadm.js');
const runs = Number(process.env.BENCH_RUNS ?? 61);
const work = mkdtempSync(join(tmpdir(), 'influxadm-bench-'));
const env = { PATH: process.env.PATH, HOME: work, INFLUXADM_CONFIG_DIR: join(work, 'config') };

function time(args) {
  const started = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return Number(process.hrtime.bigint() - started) / 1e6;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Interleaves the commands run by run, so drift affects all alike. */
function compare(commands) {
  const samples = commands.map(() => []);
  for (let i = 0; i < 3; i++) commands.forEach((args) => time(args)); // warm the file cache
  for (let i = 0; i < runs; i++) commands.forEach((args, j) => samples[j].push(time(args)));
  return samples.map(median);
}

// 10,000 databases in a sandbox state file.
const state = {
  version: 1,
  management: {
    clustered: {
      nextId: 10001,
      databases: Array.from({ length: 10_000 }, (_, i) => ({
        id: i + 1,
        name: `database_${String(i).padStart(5, '0')}`,
        maxTables: 500,
        maxColumnsPerTable: 200,
        retentionPeriod: (i % 4) * 86_400_000_000_000,
        ...(i % 3 === 0 ? { partitionTemplate: [{ type: 'time', value: '%Y-%m' }, { type: 'tag', value: 'room' }] } : {}),
      })),
    },
  },
};
const stateFile = join(work, 'state.json');
writeFileSync(stateFile, JSON.stringify(state));

const sandbox = spawn(process.execPath, [bin, 'sandbox', '--port', '0', '--state', stateFile], { env, stdio: ['ignore', 'pipe', 'ignore'] });
const url = await new Promise((resolve, reject) => {
  sandbox.stdout.once('data', (chunk) => resolve(chunk.toString().split('\n')[0].trim()));
  sandbox.once('exit', (code) => reject(new Error(`sandbox exited ${code}`)));
});

try {
  const [nodeBare, version, help] = compare([['-e', '0'], [bin, '--version'], [bin, '--help']]);
  const listArgs = [bin, '--product', 'clustered', '--host', url, '--token', 'bench', 'database', 'list', '--format', 'json'];
  const [baseline, list] = compare([[join(root, 'bench/baseline-fetch.mjs'), `${url}/api/v0/databases`, 'bench'], listArgs]);

  const rssFile = join(work, 'rss');
  const check = spawnSync(process.execPath, ['--import', join(root, 'bench/rss-hook.mjs'), ...listArgs], { env: { ...env, BENCH_RSS_FILE: rssFile }, maxBuffer: 1 << 30 });
  const listed = JSON.parse(check.stdout.toString());
  if (listed.length !== 10_000) throw new Error(`expected 10000 databases, got ${listed.length}`);
  const rssMiB = Number(readFileSync(rssFile, 'utf8')) / 1024;

  const rows = [
    ['influxadm --version', version, nodeBare, version / nodeBare, 1.15],
    ['influxadm --help', help, nodeBare, help / nodeBare, 1.15],
    ['database list --format json (10k)', list, baseline, list / baseline, 1.35],
  ];
  console.log(`node ${process.version}, ${runs} interleaved runs each, medians\n`);
  console.log('measurement                          influxadm   baseline   ratio   target');
  let ok = true;
  for (const [name, ms, base, ratio, target] of rows) {
    const pass = ratio <= target;
    ok &&= pass;
    console.log(`${name.padEnd(36)} ${ms.toFixed(1).padStart(7)} ms ${base.toFixed(1).padStart(7)} ms ${ratio.toFixed(3).padStart(7)}× ≤ ${target}× ${pass ? 'ok' : 'OVER'}`);
  }
  const rssOk = rssMiB < 120;
  ok &&= rssOk;
  console.log(`${'peak RSS, database list (10k)'.padEnd(36)} ${rssMiB.toFixed(1).padStart(7)} MiB${''.padStart(28)}< 120 MiB ${rssOk ? 'ok' : 'OVER'}`);
  console.log(`\n(baselines: node -e 0 for start-up; bench/baseline-fetch.mjs for the list)`);
  process.exitCode = ok ? 0 : 1;
} finally {
  sandbox.kill('SIGTERM');
}
