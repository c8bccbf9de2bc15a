// `npm run bench`: the ratios of design §10, each measured side by side with its baseline in one run
// (runs interleaved, medians compared), so machine speed cancels out.
//   start-up      --version, --help                                   vs node -e 0          ≤ 1.15×
//   offline       profile list, profile show, completion bash,
//                 a usage error (database create "bad name")          vs node -e 0          ≤ 1.25×
//   one request   database list --json (5 databases), database create,
//                 enterprise token create                             vs node -e 0          ≤ 1.5×
//                                                                     vs the same request
//                                                                     with bare node:http   ≤ 1.25×
//   proxied       database list --json through a local CONNECT proxy  figures only
//   10k list      database list --format json (10,000 databases)      vs an undici fetch    ≤ 1.35×
//                 and its peak RSS                                                          < 120 MiB
//   then bench/apply.mjs: apply of 2,000 objects vs 2,000 invocations (≥ 50×, RSS < 150 MiB), and plan
//   of 10,000 unchanged databases vs listing them (≤ 1.5×).
// Every row with a target counts toward the exit code; the figure-only rows do not.

import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bin, database, median, root, scratch, startProcess, startSandbox, tenThousand, timed, writeState } from './lib.mjs';

const runs = Number(process.env.BENCH_RUNS ?? 61);
const { work, env } = scratch('influxadm-bench-');
const TOKEN = 'bench';

/**
 * One command: `args` (or a function of the run number, for names that must be fresh each run),
 * the exit code it must end with, and extra environment.
 */
const command = (args, options = {}) => ({ args, exit: 0, env: {}, ...options });

let seq = 0;
function time({ args, exit, env: extra }) {
  return timed(typeof args === 'function' ? args(seq++) : args, { ...env, ...extra }, [exit]);
}

/** Interleaves the commands run by run, so drift affects all alike. */
function compare(commands) {
  const samples = commands.map(() => []);
  for (let i = 0; i < 3; i++) commands.forEach((c) => time(c)); // warm the file cache
  for (let i = 0; i < runs; i++) commands.forEach((c, j) => samples[j].push(time(c)));
  return samples.map(median);
}

const bigState = writeState(join(work, 'big.json'), tenThousand({ templates: true }));
const smallState = writeState(join(work, 'small.json'), Array.from({ length: 5 }, (_, i) => database(i)));

const helpers = await Promise.all([
  startSandbox(['--state', bigState], env),
  startSandbox(['--state', smallState], env),
  startSandbox(['--influxdb3', 'enterprise'], env),
  startProcess([join(root, 'bench/connect-proxy.mjs')], env),
]);
const [big, small, writes, proxy] = helpers;

/** What the CLI sent for `args`, with `name` replaced by "{unique}": the baseline sends the same. */
async function recordedRequest(sandbox, args, name) {
  await fetch(`${sandbox.url}/__sandbox/requests`, { method: 'DELETE' });
  time(command(args));
  const requests = await (await fetch(`${sandbox.url}/__sandbox/requests`)).json();
  const last = requests[requests.length - 1];
  return { method: last.method, url: `${sandbox.url}${last.path}`, body: JSON.stringify(last.body).replaceAll(`"${name}"`, '"{unique}"') };
}

const row = (name, ms, base, baseline, target) => ({ name, ms, base, baseline, target });

try {
  const rows = [];
  const nodeBare = command(['-e', '0']);

  // Start-up and offline verbs.
  time(command([bin, 'profile', 'create', 'bench', '--product', 'clustered', '--host', small.url]));
  const offline = [
    ['influxadm --version', [bin, '--version'], 0, 1.15],
    ['influxadm --help', [bin, '--help'], 0, 1.15],
    ['profile list', [bin, 'profile', 'list'], 0, 1.25],
    ['profile show bench', [bin, 'profile', 'show', 'bench'], 0, 1.25],
    ['completion bash', [bin, 'completion', 'bash'], 0, 1.25],
    ['database create "bad name" (exit 2)', [bin, '--product', 'clustered', '--host', small.url, 'database', 'create', 'bad name'], 2, 1.25],
  ];
  const [bare1, ...offlineMs] = compare([nodeBare, ...offline.map(([, args, exit]) => command(args, { exit }))]);
  offline.forEach(([name, , , target], i) => rows.push(row(name, offlineMs[i], bare1, 'node -e 0', target)));

  // One request each.
  const clustered = (url) => [bin, '--product', 'clustered', '--host', url, '--token', TOKEN];
  const enterprise = [bin, '--product', 'enterprise', '--host', writes.url, '--token', TOKEN];
  time(command([...enterprise, 'database', 'create', 'x']));
  const createDb = await recordedRequest(writes, [...clustered(writes.url), 'database', 'create', 'probe_db'], 'probe_db');
  const createToken = await recordedRequest(writes, [...enterprise, 'token', 'create', '--name', 'probe_token', '--permission', 'db:x:read'], 'probe_token');
  const baseline = (r) => command([join(root, 'bench/baseline-http.cjs'), r.method, r.url, TOKEN, ...(r.body === undefined ? [] : [r.body])]);
  const verbs = [
    ['database list --json (5)', command([...clustered(small.url), 'database', 'list', '--json']), baseline({ method: 'GET', url: `${small.url}/api/v0/databases` })],
    ['database create', command((n) => [...clustered(writes.url), 'database', 'create', `bench_db_${n}`]), baseline(createDb)],
    ['token create (enterprise)', command((n) => [...enterprise, 'token', 'create', '--name', `bench_token_${n}`, '--permission', 'db:x:read']), baseline(createToken)],
  ];
  const proxied = command([...clustered(small.url), 'database', 'list', '--json'], { env: { HTTP_PROXY: proxy.url } });
  const [bare2, ...oneRequestMs] = compare([nodeBare, ...verbs.flatMap(([, cli, base]) => [cli, base]), proxied]);
  verbs.forEach(([name], i) => {
    const [cli, base] = [oneRequestMs[2 * i], oneRequestMs[2 * i + 1]];
    rows.push(row(name, cli, bare2, 'node -e 0', 1.5));
    rows.push(row(name, cli, base, 'node:http', 1.25));
  });
  const proxiedMs = oneRequestMs[oneRequestMs.length - 1];
  rows.push(row('database list --json (5), proxied', proxiedMs, bare2, 'node -e 0'));
  rows.push(row('database list --json (5), proxied', proxiedMs, oneRequestMs[0], 'direct'));

  // 10,000 databases.
  const listArgs = [...clustered(big.url), 'database', 'list', '--format', 'json'];
  const [fetchMs, listMs] = compare([command([join(root, 'bench/baseline-fetch.mjs'), `${big.url}/api/v0/databases`, TOKEN]), command(listArgs)]);
  rows.push(row('database list --format json (10k)', listMs, fetchMs, 'undici', 1.35));

  const rssFile = join(work, 'rss');
  const check = spawnSync(process.execPath, ['--import', join(root, 'bench/rss-hook.mjs'), ...listArgs], { env: { ...env, BENCH_RSS_FILE: rssFile }, maxBuffer: 1 << 30 });
  const listed = JSON.parse(check.stdout.toString());
  if (listed.length !== 10_000) throw new Error(`expected 10000 databases, got ${listed.length}`);
  const rssMiB = Number(readFileSync(rssFile, 'utf8')) / 1024;

  console.log(`node ${process.version}, ${runs} interleaved runs each, medians\n`);
  console.log(`${'measurement'.padEnd(38)} influxadm    baseline             ratio   target`);
  let ok = true;
  for (const { name, ms, base, baseline: baseName, target } of rows) {
    const ratio = ms / base;
    const verdict = target === undefined ? '(no target)' : `≤ ${target}× ${ratio <= target ? 'ok' : 'OVER'}`;
    if (target !== undefined) ok &&= ratio <= target;
    console.log(`${name.padEnd(38)} ${ms.toFixed(1).padStart(7)} ms ${base.toFixed(1).padStart(7)} ms ${baseName.padEnd(10)} ${ratio.toFixed(3).padStart(6)}× ${verdict}`);
  }
  const rssOk = rssMiB < 120;
  ok &&= rssOk;
  console.log(`${'peak RSS, database list (10k)'.padEnd(38)} ${rssMiB.toFixed(1).padStart(7)} MiB${''.padStart(31)}< 120 MiB ${rssOk ? 'ok' : 'OVER'}`);
  console.log('\n(baselines: node -e 0; bench/baseline-http.cjs, the same request with bare node:http; bench/baseline-fetch.mjs, an undici fetch)');
  for (const helper of helpers) helper.stop();
  helpers.length = 0;
  // plan and apply have their own baselines (bench/apply.mjs); their targets count too.
  console.log('');
  const apply = spawnSync(process.execPath, [join(root, 'bench/apply.mjs')], { stdio: 'inherit' });
  process.exitCode = ok && apply.status === 0 ? 0 : 1;
} finally {
  for (const helper of helpers) helper.stop();
}
