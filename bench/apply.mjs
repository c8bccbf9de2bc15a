// Benchmarks of plan and apply (design §10), each measured side by side with its baseline, runs
// interleaved, medians compared; the spread (min–max) is printed so a loaded machine shows as one.
//   1. apply of 1,000 databases + 1,000 tokens (one process)  vs  the same as 2,000 `create` invocations
//      target: at least 50× faster; peak RSS of the apply under 150 MiB
//   2. plan of a file of 10,000 databases that all exist        vs  `database list --format json` of them
//      target: at most 1.5×
// The invocations of (1) are timed on a sample (BENCH_INVOCATIONS, default 200, half databases, half
// tokens) and scaled to 2,000: each is a separate process doing one request, so their cost is linear.
// Run with `node bench/apply.mjs` after `npm run build`; bench/run.mjs calls it.

import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bin, median, root, scratch, startSandbox, tenThousand, timed, writeState } from './lib.mjs';

const applyRuns = Number(process.env.BENCH_APPLY_RUNS ?? 5);
const planRuns = Number(process.env.BENCH_PLAN_RUNS ?? 11);
const invocations = Number(process.env.BENCH_INVOCATIONS ?? 200);
const { work, env } = scratch('influxadm-bench-apply-');
const COUNT = 1000;

const spread = (values) => `${Math.min(...values).toFixed(0)}–${Math.max(...values).toFixed(0)} ms`;

/** `plan` ends 10 when there are changes: both are a finished run. */
const time = (args, extraEnv = {}) => timed(args, { ...env, ...extraEnv }, [0, 10]);

const sandbox = (args) => startSandbox(args, env);

/** A file of 1,000 databases and 1,000 tokens reading them, named with `prefix` so every run creates anew. */
function applyFile(url, prefix) {
  const lines = ['targets:', '  bench:', '    product: clustered', `    host: ${url}`, '    databases:'];
  for (let i = 0; i < COUNT; i++) lines.push(`      - {name: ${prefix}_db_${i}, retentionPeriod: 30d}`);
  lines.push('    tokens:');
  for (let i = 0; i < COUNT; i++) lines.push(`      - {description: ${prefix} token ${i}, permissions: ["db:${prefix}_db_${i}:read"]}`);
  const path = join(work, `${prefix}.yaml`);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

const target = (url) => ['--product', 'clustered', '--host', url, '--token', 'bench'];

async function applyBench() {
  const server = await sandbox([]);
  try {
    const applied = [];
    const single = [];
    let rssMiB = 0;
    for (let run = 0; run < applyRuns; run++) {
      const file = applyFile(server.url, `a${run}`);
      const secrets = join(work, `secrets-${run}.json`);
      const rssFile = join(work, `rss-${run}`);
      applied.push(time(['--import', join(root, 'bench/rss-hook.mjs'), bin, ...target(server.url), 'apply', '-f', file, '--yes', '--secrets-out', secrets], { BENCH_RSS_FILE: rssFile }));
      rssMiB = Math.max(rssMiB, Number(readFileSync(rssFile, 'utf8')) / 1024);
      const created = Object.keys(JSON.parse(readFileSync(secrets, 'utf8'))).length;
      if (created !== COUNT) throw new Error(`apply stored ${created} secrets, not ${COUNT}`);
      rmSync(secrets);
      // Interleaved with the apply runs: a share of the one-process-per-operation baseline.
      const share = Math.ceil(invocations / applyRuns / 2);
      for (let i = 0; i < share; i++) {
        single.push(time([bin, ...target(server.url), 'database', 'create', `s${run}_db_${i}`, '--retention-period', '30d']));
        single.push(time([bin, ...target(server.url), 'token', 'create', `s${run} token ${i}`, '--read-database', `s${run}_db_${i}`, '-q']));
      }
    }
    const perInvocation = single.reduce((a, b) => a + b, 0) / single.length;
    return { applied, single, perInvocation, sequential: perInvocation * 2 * COUNT, rssMiB };
  } finally {
    server.stop();
  }
}

async function planBench() {
  const stateFile = writeState(join(work, 'state.json'), tenThousand());
  const server = await sandbox(['--state', stateFile]);
  try {
    // The file is what export writes, so plan finds everything unchanged.
    const file = join(work, 'export.yaml');
    const exported = spawnSync(process.execPath, [bin, ...target(server.url), 'export', '-o', file], { env });
    if (exported.status !== 0) throw new Error(`export failed: ${exported.stderr}`);
    const planArgs = [bin, '--token', 'bench', 'plan', '-f', file];
    const listArgs = [bin, ...target(server.url), 'database', 'list', '--format', 'json'];
    const check = spawnSync(process.execPath, planArgs, { env, encoding: 'utf8' });
    if (check.status !== 0 || !/No changes: 10000 unchanged/.test(check.stdout)) throw new Error(`plan did not find 10000 unchanged: ${check.status} ${check.stdout.slice(-200)} ${check.stderr}`);
    for (let i = 0; i < 2; i++) [planArgs, listArgs].forEach((args) => time(args));
    const plans = [];
    const lists = [];
    for (let i = 0; i < planRuns; i++) {
      plans.push(time(planArgs));
      lists.push(time(listArgs));
    }
    return { plans, lists };
  } finally {
    server.stop();
  }
}

try {
  const a = await applyBench();
  const p = await planBench();
  const applyMs = median(a.applied);
  const speedup = a.sequential / applyMs;
  const planRatio = median(p.plans) / median(p.lists);
  console.log(`node ${process.version}; apply: ${applyRuns} runs, ${a.single.length} single invocations sampled; plan: ${planRuns} interleaved runs; medians (min–max)\n`);
  console.log(`apply 1,000 databases + 1,000 tokens     ${applyMs.toFixed(0).padStart(7)} ms  (${spread(a.applied)})`);
  console.log(`2,000 create invocations (${a.perInvocation.toFixed(0)} ms each)  ${a.sequential.toFixed(0).padStart(7)} ms  (one: ${spread(a.single)})`);
  console.log(`  speed-up ${speedup.toFixed(1)}× ≥ 50× ${speedup >= 50 ? 'ok' : 'UNDER'}`);
  console.log(`  peak RSS of apply ${a.rssMiB.toFixed(1)} MiB < 150 MiB ${a.rssMiB < 150 ? 'ok' : 'OVER'}`);
  console.log(`plan of 10,000 unchanged databases      ${median(p.plans).toFixed(0).padStart(7)} ms  (${spread(p.plans)})`);
  console.log(`database list --format json (10k)       ${median(p.lists).toFixed(0).padStart(7)} ms  (${spread(p.lists)})`);
  console.log(`  ratio ${planRatio.toFixed(3)}× ≤ 1.5× ${planRatio <= 1.5 ? 'ok' : 'OVER'}`);
  process.exitCode = speedup >= 50 && a.rssMiB < 150 && planRatio <= 1.5 ? 0 : 1;
} finally {
  rmSync(work, { recursive: true, force: true });
}
