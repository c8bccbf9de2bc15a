// `npm run demo`: starts `influxadm sandbox` on a free port and walks a database through create,
// list (table and JSON), update, rename, delete and undelete on Cloud Dedicated and on Clustered, then
// shows tables, tokens, InfluxDB 3 Enterprise, OSS v2 legacy authorizations and Selectel Managed
// Databases (a PostgreSQL datastore with a database, a user and a grant) on the same sandbox.
// Every step is a real run of bin/influxadm.js; the demo stops at the first unexpected exit code.

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'bin/influxadm.js');
if (!existsSync(join(root, 'dist/cli/cli.js'))) spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });

const home = mkdtempSync(join(tmpdir(), 'influxadm-demo-'));
const env = { PATH: process.env.PATH, HOME: home, INFLUXADM_CONFIG_DIR: join(home, 'config'), INFLUXADM_TOKEN: 'demo-management-token' };

const sandbox = spawn(process.execPath, [bin, 'sandbox', '--port', '0', '--dbaas-delay', '500ms'], { env, stdio: ['ignore', 'pipe', 'inherit'] });
const url = await new Promise((resolve, reject) => {
  sandbox.stdout.once('data', (chunk) => resolve(chunk.toString().split('\n')[0].trim()));
  sandbox.once('exit', (code) => reject(new Error(`sandbox exited with ${code}`)));
});

function step(args, expectCode = 0, input = undefined) {
  console.log(`\n$ ${input === undefined ? '' : 'printf … | '}influxadm ${args.map((a) => (/[\s"*]/.test(a) ? `'${a}'` : a)).join(' ')}`);
  const r = spawnSync(process.execPath, [bin, ...args], { env, encoding: 'utf8', input });
  process.stdout.write(r.stdout);
  process.stdout.write(r.stderr.replace(/^/gm, '  (stderr) ').replace(/ {2}\(stderr\) $/, ''));
  if (r.status !== expectCode) {
    console.error(`\ndemo: expected exit ${expectCode}, got ${r.status}`);
    sandbox.kill();
    process.exit(1);
  }
  return r.stdout;
}

try {
  console.log(`sandbox: ${url}  (token from INFLUXADM_TOKEN)`);
  step(['profile', 'create', 'demo-dedicated', '--product', 'dedicated', '--host', url,
    '--account', '11111111-1111-4111-8111-111111111111', '--cluster', '33333333-3333-4333-8333-333333333333']);
  step(['profile', 'create', 'demo-clustered', '--product', 'clustered', '--host', url]);
  step(['profile', 'list']);

  for (const profile of ['demo-dedicated', 'demo-clustered']) {
    console.log(`\n=== ${profile} ===`);
    const p = ['--profile', profile];
    step(['database', 'create', 'sensors', '--retention-period', '30d', '--max-tables', '100', ...p]);
    step(['database', 'create', 'scratch', ...p]);
    step(['database', 'list', ...p]);
    step(['database', 'list', '--json', ...p]);
    step(['database', 'update', 'sensors', '--retention-period', '90d', '--max-columns', '300', ...p]);
    const renamed = JSON.parse(step(['database', 'rename', 'sensors', 'sensors-v2', '--json', ...p]));
    step(['database', 'delete', 'sensors-v2', 'scratch', '--yes', ...p]);
    step(['database', 'delete', 'sensors-v2', ...p], 2); // no terminal and no --yes: refused, nothing sent
    step(['database', 'undelete', String(renamed.id), ...p]);
    step(['database', 'list', '--format', 'csv', ...p]);
  }
  console.log('\n=== tables and tokens (demo-dedicated) ===');
  step(['table', 'create', 'sensors-v2', 'cpu', '--template-tag', 'host', '--template-timeformat', '%Y-%m-%d']);
  step(['token', 'create', 'grafana reader', '--read-database', 'sensors-v2', '--expiry', '1y']);
  const tokenId = JSON.parse(step(['token', 'list', '--json']))[0].id;
  step(['token', 'update', tokenId, '--add-permission', 'db:sensors-v2:write']);
  step(['token', 'revoke', tokenId, '--yes']);

  console.log('\n=== InfluxDB 3 Enterprise (same sandbox, /api/v3) ===');
  const ent = ['--product', 'enterprise', '--host', url];
  step([...ent, 'token', 'create', '--admin', '--quiet']);
  step([...ent, 'create', 'database', 'metrics', '--retention-period', '90d']);
  step([...ent, 'create', 'table', '-d', 'metrics', '--tags', 'host,region', '-f', 'usage:float64', 'cpu']);
  step([...ent, 'show', 'databases', '--format', 'pretty']);
  step([...ent, 'table', 'list', 'metrics']);
  step([...ent, 'token', 'create', '--name', 'metrics-reader', '--permission', 'db:metrics:read', '--expiry', '30d']);
  step([...ent, 'show', 'tokens']);

  console.log('\n=== InfluxDB OSS v2 legacy authorizations ===');
  const v2 = ['--product', 'v2', '--host', url, '--org', 'my-org'];
  step(['v1-auth', 'create', '--username', 'telegraf-v1', '--read-bucket', 'telegraf', '--write-bucket', 'metrics', '--no-password', ...v2]);
  step(['v1-auth', 'list', '--product', 'v2', '--host', url]);

  console.log('\n=== Selectel Managed Databases (same sandbox, /v1; PENDING_* lasts 0.5 s here) ===');
  step(['profile', 'create', 'demo-dbaas', '--product', 'dbaas', '--host', url]);
  const db = ['--profile', 'demo-dbaas'];
  step(['datastore-types', 'list', ...db]);
  step(['datastore', 'create', 'pg-main', '--type', 'postgresql-16', '--vcpus', '2', '--ram', '4096', '--disk', '32',
    '--subnet', '0f0e0d0c-0b0a-4908-8706-050403020100', '--config', 'max_connections=200', '--wait', ...db]);
  step(['user', 'create', 'app_rw', '--datastore', 'pg-main', '--password-stdin', '--wait', ...db], 0, 'demo-password-1\n');
  step(['database', 'create', 'app', '--datastore', 'pg-main', '--owner', 'app_rw', '--wait', ...db]);
  step(['grant', 'create', '--datastore', 'pg-main', '--user', 'app_rw', '--database', 'app', '--wait', ...db]);
  step(['database', 'list', '--datastore', 'pg-main', '--json', ...db]);
  step(['database', 'create', 'app', '--datastore', 'pg-main', ...db], 5); // exists: refused before sending
  step(['token', 'create', 'prometheus', ...db]);
  step(['token', 'list', ...db]);
  step(['datastore', 'delete', 'pg-main', '--yes', '--wait', ...db]);

  console.log('\ndemo: every step exited as expected');
} finally {
  sandbox.kill('SIGTERM');
}
