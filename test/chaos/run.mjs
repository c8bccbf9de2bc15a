// `npm run test:chaos`: the built binary against `influxadm sandbox` with injected faults, across the
// read and write verbs of every API. Each run injects one fault into the verb's main request and
// checks what an operator would rely on:
//   - the exit code is the documented one;
//   - stderr is one error line (plus at most one line of advice), with no stack trace;
//   - reads (and 429s) were retried, and a write that may have reached the server was not;
//   - a write whose answer was lost or unusable says the change may have been applied;
//   - no credential appears in stderr.
// It prints a summary and exits 1 on any violation. CHAOS_FILTER=text runs only matching scenarios.

import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../bin/influxadm.js', import.meta.url));
const ACCOUNT = '11111111-1111-4111-8111-111111111111';
const CLUSTER = '33333333-3333-4333-8333-333333333333';
const CREDENTIAL = 'chaos-credential-0123456789abcdef';
const WORKERS = Number(process.env.CHAOS_WORKERS ?? 3);
const home = mkdtempSync(join(tmpdir(), 'influxadm-chaos-'));
const env = { PATH: process.env.PATH, HOME: home, INFLUXADM_CONFIG_DIR: join(home, 'config'), INFLUXADM_TOKEN: CREDENTIAL };

function exec(args, options = {}) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: options.env ?? env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const killer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('close', (code, signal) => {
      clearTimeout(killer);
      resolve({ code: code ?? (signal ? -1 : 0), stdout, stderr });
    });
  });
}

async function startSandbox(extra = []) {
  const child = spawn(process.execPath, [BIN, 'sandbox', '--port', '0', '--influxdb3', 'enterprise', ...extra], { env, stdio: ['ignore', 'pipe', 'ignore'] });
  const url = await new Promise((resolve, reject) => {
    child.stdout.once('data', (d) => resolve(String(d).split('\n')[0].trim()));
    child.once('exit', (code) => reject(new Error(`sandbox exited ${code}`)));
  });
  const control = async (method, path, body) => fetch(`${url}${path}`, { method, body: body === undefined ? undefined : JSON.stringify(body) });
  return {
    url,
    requests: async () => (await control('GET', '/__sandbox/requests')).json(),
    clear: () => control('DELETE', '/__sandbox/requests'),
    faults: (spec) => control('PUT', '/__sandbox/faults', { spec }),
    stop: () => child.kill('SIGTERM'),
  };
}

let seq = 0;
const unique = (base) => `${base}${process.pid.toString(36)}${(seq++).toString(36)}`;
const dedicated = (url) => ['--product', 'dedicated', '--host', url, '--account', ACCOUNT, '--cluster', CLUSTER];
const clustered = (url) => ['--product', 'clustered', '--host', url];
const enterprise = (url) => ['--product', 'enterprise', '--host', url];
const v2 = (url) => ['--product', 'v2', '--host', url];

/**
 * The verbs. `filter` names the request the fault hits (METHOD + path prefix); `read` says whether it
 * may be retried; `parsesBody` whether the verb reads the answer; `setup` prepares and returns argv.
 */
const SCENARIOS = [
  { name: 'database list (clustered)', read: true, parsesBody: true, filter: 'GET/api/v0/databases', argv: (u) => [...clustered(u), 'database', 'list', '--json'] },
  { name: 'token list (dedicated)', read: true, parsesBody: true, filter: `GET/api/v0/accounts/${ACCOUNT}/clusters/${CLUSTER}/tokens`, argv: (u) => [...dedicated(u), 'token', 'list', '--json'] },
  { name: 'database list (enterprise)', read: true, parsesBody: true, filter: 'GET/api/v3/configure/database', argv: (u) => [...enterprise(u), 'database', 'list', '--json'] },
  { name: 'table list (enterprise)', read: true, parsesBody: true, filter: 'POST/api/v3/query_sql', argv: (u) => [...enterprise(u), 'table', 'list', 'chaosdb', '--json'] },
  { name: 'token list (enterprise)', read: true, parsesBody: true, filter: 'POST/api/v3/query_sql', argv: (u) => [...enterprise(u), 'token', 'list', '--json'] },
  { name: 'v1-auth list (v2)', read: true, parsesBody: true, filter: 'GET/private/legacy/authorizations', argv: (u) => [...v2(u), 'v1-auth', 'list', '--json'] },
  { name: 'database create (clustered)', read: false, parsesBody: true, filter: 'POST/api/v0/databases', argv: (u) => [...clustered(u), 'database', 'create', unique('c'), '--json'] },
  {
    name: 'database update (clustered)', read: false, parsesBody: true, filter: 'PATCH/api/v0/databases',
    setup: async (u) => {
      const db = unique('u');
      await exec([...clustered(u), 'database', 'create', db]);
      return [...clustered(u), 'database', 'update', db, '--max-tables', '9', '--json'];
    },
  },
  {
    name: 'database delete (clustered)', read: false, parsesBody: false, filter: 'DELETE/api/v0/databases',
    setup: async (u) => {
      const db = unique('d');
      await exec([...clustered(u), 'database', 'create', db]);
      return [...clustered(u), 'database', 'delete', db, '--yes'];
    },
  },
  { name: 'token create (dedicated)', read: false, parsesBody: true, secret: true, filter: `POST/api/v0/accounts/${ACCOUNT}/clusters/${CLUSTER}/tokens`, argv: (u) => [...dedicated(u), 'token', 'create', unique('t'), '--read-database', 'db1', '--json'] },
  { name: 'database create (enterprise)', read: false, parsesBody: false, filter: 'POST/api/v3/configure/database', argv: (u) => [...enterprise(u), 'database', 'create', unique('e'), '--json'] },
  { name: 'table create (enterprise)', read: false, parsesBody: false, filter: 'POST/api/v3/configure/table', argv: (u) => [...enterprise(u), 'table', 'create', 'chaosdb', unique('t'), '--tags', 'host', '--json'] },
  { name: 'token create --admin --name (enterprise)', read: false, parsesBody: true, secret: true, filter: 'POST/api/v3/configure/token/named_admin', argv: (u) => [...enterprise(u), 'token', 'create', '--admin', '--name', unique('n'), '--json'] },
  { name: 'v1-auth create (v2)', read: false, parsesBody: true, filter: 'POST/private/legacy/authorizations', argv: (u) => [...v2(u), 'v1-auth', 'create', '--username', unique('v'), '--read-bucket', 'telegraf', '--org', 'my-org', '--no-password', '--json'] },
];

const FAULTS = ['429', 'throttle', '500', '502', '503', '504', 'reset', 'drop', 'stall', 'truncated', 'malformed', 'wrongshape', 'huge'];
const RETRIED_FOR_READS = new Set(['502', '503', '504', 'reset', 'drop', 'truncated']);

/** The documented outcome of one fault on one kind of request. */
function expectation(s, fault) {
  if (fault === '429' || fault === 'throttle') return { exit: 0, attempts: 2 };
  if (s.read && RETRIED_FOR_READS.has(fault)) return { exit: 0, attempts: 2 };
  if (fault === 'stall') return { exit: 1, attempts: 1, message: /no answer from .* within 1s/, applied: !s.read };
  if (/^5\d\d$/.test(fault)) return { exit: 1, attempts: 1, message: new RegExp(`failed: ${fault} `), applied: !s.read };
  if (fault === 'reset' || fault === 'drop' || fault === 'truncated') return { exit: 1, attempts: 1, message: /the connection to .* broke/, applied: true };
  if (fault === 'huge') return { exit: 1, attempts: 1, message: /larger than 32 MiB/, applied: !s.read };
  if (!s.parsesBody) return { exit: 0, attempts: 1 };
  if (fault === 'malformed') return { exit: 1, attempts: 1, message: /answer is not JSON/, applied: !s.read };
  return { exit: 1, attempts: 1, message: /does not have the expected shape/, applied: !s.read };
}

function check(s, fault, want, result, attempts) {
  const problems = [];
  if (result.code !== want.exit) problems.push(`exit ${result.code}, expected ${want.exit}`);
  if (attempts !== want.attempts) problems.push(`${attempts} attempts reached the server, expected ${want.attempts}`);
  if (/\n\s+at \S/.test(result.stderr) || /unexpected failure|this is a bug/.test(result.stderr)) problems.push('stack trace or unexpected failure on stderr');
  if (result.stderr.includes(CREDENTIAL)) problems.push('the credential appears on stderr');
  if (want.exit !== 0) {
    const lines = result.stderr.trim().split('\n');
    if (!lines[0]?.startsWith('error: ')) problems.push(`stderr does not start with "error: ": ${JSON.stringify(lines[0])}`);
    if (lines.length > 2) problems.push(`stderr has ${lines.length} lines`);
    if (want.message && !want.message.test(result.stderr)) problems.push(`stderr does not match ${want.message}: ${JSON.stringify(result.stderr.trim())}`);
    if (want.applied && !/may have applied|probably applied/.test(result.stderr)) problems.push('a write that may have reached the server does not say to check whether it was applied');
  }
  return problems;
}

async function runScenarioSet(sandbox, jobs, report) {
  for (const { s, fault } of jobs) {
    const argv = s.setup ? await s.setup(sandbox.url) : s.argv(sandbox.url);
    await sandbox.clear();
    await sandbox.faults(`${fault}:x1@${s.filter}`);
    const result = await exec([...argv, '--timeout', '1s']);
    await sandbox.faults('');
    const requests = await sandbox.requests();
    const attempts = requests.filter((r) => `${r.method}${r.path}`.startsWith(s.filter)).length;
    const injected = requests.filter((r) => r.fault).length;
    const want = expectation(s, fault);
    report({ scenario: s.name, fault, exit: result.code, injected, problems: check(s, fault, want, result, attempts) });
  }
}

async function extraRuns(report) {
  // Refused before anything was sent: retried for reads and writes alike, then a clear failure.
  for (const args of [['--product', 'clustered', '--host', 'http://127.0.0.1:9', 'database', 'list'], ['--product', 'clustered', '--host', 'http://127.0.0.1:9', 'database', 'create', 'x']]) {
    const r = await exec(args);
    const problems = [];
    if (r.code !== 1) problems.push(`exit ${r.code}, expected 1`);
    if (!/cannot connect to http:\/\/127\.0\.0\.1:9/.test(r.stderr)) problems.push(`stderr: ${r.stderr.trim()}`);
    report({ scenario: `${args[5]} ${args[6]} (connection refused)`, fault: 'refused', exit: r.code, injected: 0, problems });
  }
  // Latency: within the timeout it only slows things down; past it, a timeout.
  const slow = await startSandbox(['--latency', '1500']);
  try {
    for (const [timeout, exit] of [['5s', 0], ['1s', 1]]) {
      const r = await exec([...clustered(slow.url), 'database', 'list', '--timeout', timeout]);
      const problems = r.code === exit ? [] : [`exit ${r.code}, expected ${exit}: ${r.stderr.trim()}`];
      report({ scenario: `database list, 1.5s latency, --timeout ${timeout}`, fault: 'latency', exit: r.code, injected: 0, problems });
    }
  } finally {
    slow.stop();
  }
}

async function main() {
  const filter = process.env.CHAOS_FILTER;
  const jobs = SCENARIOS.filter((s) => !filter || s.name.includes(filter)).flatMap((s) => FAULTS.map((fault) => ({ s, fault })));
  const results = [];
  const report = (r) => {
    results.push(r);
    if (r.problems.length) process.stderr.write(`VIOLATION ${r.scenario} × ${r.fault}: ${r.problems.join('; ')}\n`);
  };
  const started = Date.now();
  const sandboxes = await Promise.all(Array.from({ length: WORKERS }, () => startSandbox()));
  try {
    // Shared fixtures: a database for the table verbs on each sandbox.
    await Promise.all(sandboxes.map((sb) => exec([...enterprise(sb.url), 'database', 'create', 'chaosdb'])));
    await Promise.all(sandboxes.map((sb, i) => runScenarioSet(sb, jobs.filter((_, j) => j % WORKERS === i), report)));
    await extraRuns(report);
  } finally {
    for (const sb of sandboxes) sb.stop();
  }

  const byExit = {};
  for (const r of results) byExit[r.exit] = (byExit[r.exit] ?? 0) + 1;
  const violations = results.filter((r) => r.problems.length > 0);
  const injected = results.reduce((n, r) => n + r.injected, 0);
  console.log('\nchaos summary');
  console.log(`  runs                 ${results.length} (${SCENARIOS.length} verbs × ${FAULTS.length} faults, plus refused connections and latency)`);
  console.log(`  faults injected      ${injected}`);
  console.log(`  outcomes by exit     ${Object.entries(byExit).map(([code, n]) => `exit ${code}: ${n}`).join(', ')}`);
  console.log(`  violations           ${violations.length}`);
  console.log(`  time                 ${((Date.now() - started) / 1000).toFixed(1)}s`);
  console.log(`${results.length} passed, ${violations.length} failed`.replace(/^(\d+) passed/, (_, n) => `${n - violations.length} passed`));
  process.exitCode = violations.length > 0 ? 1 : 0;
}

await main();
