// `npm run test:chaos`: the built binary against `influxadm sandbox` with injected faults, across the
// read and write verbs of every API. Each run injects one fault into the verb's main request and
// checks what an operator would rely on:
//   - the exit code is the documented one;
//   - stderr is one error line (plus at most one line of advice), with no stack trace;
//   - reads (and 429s) were retried, and a write that may have reached the server was not;
//   - a write whose answer was lost or unusable says the change may have been applied;
//   - no credential appears in stderr.
// The same verbs then meet a hostile server (in this process) that answers what the sandbox's faults
// do not: redirects (301, 302, 307, 308, with credentials in the Location), a 304, a Retry-After far
// past the cap, error messages full of terminal escapes, and errors that echo the request back. There
// every run must also reach the server exactly once (nothing followed, nothing retried) and leave no
// raw control, C1 or bidi character on stderr. Last, requests that cannot be sent: a token with a line
// break, and a proxy that wants credentials.
// It prints a summary and exits 1 on any violation. CHAOS_FILTER=text runs only matching scenarios.

import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
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

/** Answers of the hostile server, by kind; `url` is the server's own, for Locations that point back at it. */
const HOSTILE = {
  301: (res, req, url) => res.writeHead(301, { location: `http://chaos:leaked-pw@${url.slice(7)}/moved${req.url}` }).end(),
  302: (res, req, url) => res.writeHead(302, { location: `http://chaos:leaked-pw@${url.slice(7)}/moved${req.url}` }).end(),
  307: (res, req, url) => res.writeHead(307, { location: `http://chaos:leaked-pw@${url.slice(7)}/moved${req.url}` }).end(),
  308: (res, req, url) => res.writeHead(308, { location: `http://chaos:leaked-pw@${url.slice(7)}/moved${req.url}` }).end(),
  304: (res) => res.writeHead(304).end(),
  wait: (res) => res.writeHead(429, { 'retry-after': '120' }).end('{"message":"slow down"}'),
  escapes: (res) => res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ message: 'x\u001b]0;owned\u0007\u001b[2J\u009b31m\r\u202eevil\u2066' })),
  echo: (res, req, _url, body) => res.writeHead(400, { 'content-type': 'application/json' })
    .end(JSON.stringify({ message: `you sent ${body} with ${req.headers.authorization ?? req.headers['x-auth-token'] ?? 'no credential'}` })),
};
const HOSTILE_KINDS = Object.keys(HOSTILE);
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

/** `first`: METHOD+path of the request that met the answer; a verb may read (an org, say) before it writes. */
function hostileExpectation(s, kind, first) {
  const write = !s.read && first.startsWith(s.filter);
  if (/^30[1278]$/.test(kind)) return { exit: 1, attempts: 1, message: /the server redirected to http:\/\/127\.0\.0\.1:\d+\/moved\/.*\n.*use --host http:\/\/127\.0\.0\.1:\d+\/moved/ };
  if (kind === '304') return { exit: 1, attempts: 1, message: /failed: 304 Not Modified/ };
  if (kind === 'wait') return { exit: 1, attempts: 1, message: /429 Too Many Requests: slow down; the server asked to wait 120s before trying again/ };
  if (kind === 'escapes') return { exit: 1, attempts: 1, message: /failed: 500 Internal Server Error: x\\u001b\]0;owned\\u0007/, applied: write };
  return { exit: 2, attempts: 1, message: /failed: 400 Bad Request: you sent/ };
}

async function startHostile() {
  const state = { kind: '301', requests: 0, first: '' };
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      if (state.requests++ === 0) state.first = `${req.method}${new URL(req.url, url).pathname}`;
      HOSTILE[state.kind](res, req, url, body);
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${server.address().port}`;
  return { url, state, stop: () => server.close() };
}

function check(s, fault, want, result, attempts) {
  const problems = [];
  if (result.code !== want.exit) problems.push(`exit ${result.code}, expected ${want.exit}`);
  if (attempts !== want.attempts) problems.push(`${attempts} attempts reached the server, expected ${want.attempts}`);
  if (/\n\s+at \S/.test(result.stderr) || /unexpected failure|this is a bug/.test(result.stderr)) problems.push('stack trace or unexpected failure on stderr');
  if (result.stderr.includes(CREDENTIAL)) problems.push('the credential appears on stderr');
  if (result.stderr.includes('leaked-pw')) problems.push('the credentials of a Location appear on stderr');
  if (RAW_CONTROL.test(result.stderr)) problems.push('a raw control, C1 or bidi character on stderr');
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
    const problems = check(s, fault, want, result, attempts);
    // A fault that never fired (its filter matched no request) would let a scenario pass untested.
    if (injected !== 1) problems.push(`the fault was injected ${injected} times, expected once`);
    report({ scenario: s.name, fault, exit: result.code, injected, problems });
  }
}

async function runHostileSet(hostile, jobs, report) {
  for (const { s, kind } of jobs) {
    hostile.state.kind = kind;
    const argv = s.setup ? await s.setup(hostile.url) : s.argv(hostile.url);
    hostile.state.requests = 0;
    const result = await exec([...argv, '--timeout', '5s']);
    const want = hostileExpectation(s, kind, hostile.state.first);
    report({ scenario: s.name, fault: `hostile ${kind}`, exit: result.code, injected: 1, problems: check(s, kind, want, result, hostile.state.requests) });
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
  // Never sent: a token that cannot go in a header (exit 2), a proxy that wants credentials (exit 4).
  const local = await startSandbox();
  const proxy = createServer((_req, res) => res.writeHead(405).end());
  let tunnels = 0;
  proxy.on('connect', (_req, client) => {
    tunnels++;
    client.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="chaos"\r\n\r\n');
  });
  await new Promise((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  try {
    const cases = [
      { name: 'bad token (line break)', env: { ...env, INFLUXADM_TOKEN: `${CREDENTIAL}\nx` }, exit: 2, message: /the token from INFLUXADM_TOKEN has more than one line/ },
      { name: 'proxy 407', env: { ...env, HTTP_PROXY: `http://127.0.0.1:${proxy.address().port}` }, exit: 4, message: /the proxy at 127\.0\.0\.1:\d+ asked for credentials \(407\)/, tunnels: 1 },
    ];
    for (const c of cases) {
      for (const args of [[...clustered(local.url), 'database', 'list'], [...clustered(local.url), 'database', 'create', unique('never')]]) {
        await local.clear();
        tunnels = 0;
        const r = await exec(args, { env: c.env });
        const problems = check({ read: true }, c.name, { exit: c.exit, attempts: 0, message: c.message }, r, (await local.requests()).length);
        if (/may have applied|probably applied/.test(r.stderr)) problems.push('a request that was never sent says it may have been applied');
        if (c.tunnels !== undefined && tunnels !== c.tunnels) problems.push(`${tunnels} tunnel requests, expected ${c.tunnels}`);
        report({ scenario: `${args[5]} ${args[6]} (${c.name})`, fault: c.name, exit: r.code, injected: 0, problems });
      }
    }
  } finally {
    local.stop();
    proxy.close();
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
  const hostileJobs = SCENARIOS.filter((s) => !filter || s.name.includes(filter)).flatMap((s) => HOSTILE_KINDS.map((kind) => ({ s, kind })));
  const sandboxes = await Promise.all(Array.from({ length: WORKERS }, () => startSandbox()));
  const hostiles = await Promise.all(Array.from({ length: WORKERS }, () => startHostile()));
  try {
    // Shared fixtures: a database for the table verbs on each sandbox.
    await Promise.all(sandboxes.map((sb) => exec([...enterprise(sb.url), 'database', 'create', 'chaosdb'])));
    await Promise.all(sandboxes.map((sb, i) => runScenarioSet(sb, jobs.filter((_, j) => j % WORKERS === i), report)));
    await Promise.all(hostiles.map((h, i) => runHostileSet(h, hostileJobs.filter((_, j) => j % WORKERS === i), report)));
    await extraRuns(report);
  } finally {
    for (const sb of sandboxes) sb.stop();
    for (const h of hostiles) h.stop();
  }

  const byExit = {};
  for (const r of results) byExit[r.exit] = (byExit[r.exit] ?? 0) + 1;
  const violations = results.filter((r) => r.problems.length > 0);
  const injected = results.reduce((n, r) => n + r.injected, 0);
  console.log('\nchaos summary');
  console.log(`  runs                 ${results.length} (${SCENARIOS.length} verbs × ${FAULTS.length} sandbox faults and × ${HOSTILE_KINDS.length} hostile answers, plus refused connections, unsendable requests and latency)`);
  console.log(`  faults injected      ${injected}`);
  console.log(`  outcomes by exit     ${Object.entries(byExit).map(([code, n]) => `exit ${code}: ${n}`).join(', ')}`);
  console.log(`  violations           ${violations.length}`);
  console.log(`  time                 ${((Date.now() - started) / 1000).toFixed(1)}s`);
  console.log(`${results.length} passed, ${violations.length} failed`.replace(/^(\d+) passed/, (_, n) => `${n - violations.length} passed`));
  process.exitCode = violations.length > 0 ? 1 : 0;
}

await main();
