// JSON for provisioning scripts: one JSON type per field across products, the outcome of a failed delete
// still printed, and --if-not-exists / --ignore-not-found that end in exit 0 with JSON saying what happened.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCOUNT, CLUSTER, cleanEnv, cli, dbaas, parseJson, startSandbox, tempDir, type SandboxHandle } from './harness.js';

let mgmt: SandboxHandle;
let ent: SandboxHandle;
beforeAll(async () => {
  [mgmt, ent] = await Promise.all([startSandbox(), startSandbox(['--influxdb3', 'enterprise'])]);
});
afterAll(() => Promise.all([mgmt.stop(), ent.stop()]));

const TARGETS = {
  dedicated: () => ['--product', 'dedicated', '--host', mgmt.url, '--account', ACCOUNT, '--cluster', CLUSTER, '--token', 'm'],
  clustered: () => ['--product', 'clustered', '--host', mgmt.url, '--token', 'm'],
  enterprise: () => ['--product', 'enterprise', '--host', ent.url, '--token', 'admin'],
  v2: () => ['--product', 'v2', '--host', ent.url, '--token', 'admin'],
};
const run = (product: keyof typeof TARGETS, ...args: string[]) =>
  cli([...TARGETS[product](), ...args], { env: cleanEnv({ INFLUX_ORG: 'my-org' }), input: args.includes('--password-stdin') ? 'correct-horse\n' : undefined });

describe('one JSON type per field', () => {
  it('permissions is an array of objects with an action and a resource on every product', async () => {
    expect((await run('clustered', 'token', 'create', 'ci', '--permission', 'db:a,b:read,write')).exitCode).toBe(0);
    expect((await run('enterprise', 'database', 'create', 'a')).exitCode).toBe(0);
    expect((await run('enterprise', 'token', 'create', '--name', 'ci', '--permission', 'db:a:read,write', '--permission', 'system:health:read')).exitCode).toBe(0);
    expect((await run('v2', 'v1-auth', 'create', '--username', 'grafana', '--read-bucket', 'telegraf', '--password-stdin')).exitCode).toBe(0);

    const permissionsOf = async (product: keyof typeof TARGETS, ...args: string[]) =>
      parseJson<Array<{ permissions: unknown }>>((await run(product, ...args, '--json')).stdout).map((t) => t.permissions);
    const all = [
      ...await permissionsOf('clustered', 'token', 'list'),
      ...await permissionsOf('enterprise', 'token', 'list'),
      ...await permissionsOf('v2', 'v1-auth', 'list'),
    ];
    expect(all.length).toBeGreaterThanOrEqual(3);
    for (const permissions of all) {
      expect(Array.isArray(permissions)).toBe(true);
      for (const p of permissions as unknown[]) expect(p).toMatchObject({ action: expect.any(String), resource: expect.anything() });
    }
    const ci = parseJson<Array<{ name: string; permissions: unknown }>>((await run('enterprise', 'token', 'list', '--json')).stdout).find((t) => t.name === 'ci');
    expect(ci!.permissions).toEqual([
      { type: 'db', resource: 'a', action: 'read' }, { type: 'db', resource: 'a', action: 'write' }, { type: 'system', resource: 'health', action: 'read' },
    ]);
    // The table keeps the server's one-line form.
    expect((await run('enterprise', 'token', 'list')).stdout).toMatch(/ci +db:a:read,write system:health:read|ci +db:a:read,write;system:health:read/);
  });
});

describe('int64 nanoseconds, exactly', () => {
  // A retention period is int64 nanoseconds, past the integers a double holds (2^53 ns is about 104 days).
  // The request carried 17280000000000001; the JSON printed what a double makes of it, 17280000000000000.
  it.each([
    ['database create', ['database', 'create', 'exact_db', '--retention-period', '200d1ns']],
    ['database update', ['database', 'update', 'exact_db', '--retention-period', '200d1ns']],
    ['table create', ['table', 'create', 'exact_db', 'exact_t', '--tags', 'host', '--retention-period', '200d1ns']],
    ['table update', ['table', 'update', 'exact_db', 'exact_t', '--retention-period', '200d1ns']],
  ])('enterprise %s prints the retention that was set, digit for digit, in json and jsonl', async (_verb, args) => {
    const r = await run('enterprise', ...args, '--json');
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/\n {2}"retentionPeriod": 17280000000000001,\n {2}"retentionPeriodHuman": "200d1ns"\n/);
    if (args[1] === 'update') {
      const line = await run('enterprise', ...args, '--format', 'jsonl');
      expect(line.stdout).toMatch(/"retentionPeriod":17280000000000001,"retentionPeriodHuman":"200d1ns"\}$/);
    }
  });
});

describe('--json with -q', () => {
  // JSON asked for is JSON: --quiet drops the stderr lines, not the object (it used to print the bare
  // secret, or nothing at all with --output-file).
  it('token create prints the object, secret included, and nothing on stderr', async () => {
    for (const format of [['--json'], ['--format', 'json'], ['--format', 'jsonl']]) {
      const r = await run('enterprise', 'token', 'create', '--name', `jq${format.length}${format[1] ?? ''}`, '--permission', 'db:*:read', ...format, '-q');
      expect(r.exitCode, r.stderr).toBe(0);
      expect(r.stderr).toBe('');
      expect(parseJson<{ token: string }>(r.stdout).token).toMatch(/^apiv3_/);
    }
  });

  it('with --output-file: the object with tokenFile and without the secret, which is in the file', async () => {
    const file = join(tempDir(), 'token');
    const r = await run('clustered', 'token', 'create', 'jq-file', '--permission', 'db:a:read', '--json', '-q', '--output-file', file);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    const shown = parseJson<Record<string, unknown>>(r.stdout);
    expect(shown).toMatchObject({ description: 'jq-file', tokenFile: file });
    expect(shown).not.toHaveProperty('accessToken');
    expect(readFileSync(file, 'utf8')).toMatch(/^\S+\n$/);
    expect(r.stdout).not.toContain(readFileSync(file, 'utf8').trim());
  });

  it('without --json, -q still prints the bare secret (for TOKEN=$(…)), and profile list -q the bare names', async () => {
    const r = await run('enterprise', 'token', 'create', '--name', 'jq-bare', '--permission', 'db:*:read', '-q');
    expect(r.stdout).toMatch(/^apiv3_\S+$/);
    const env = cleanEnv();
    expect((await cli(['profile', 'create', 'p1', '--product', 'core', '--host', 'http://127.0.0.1:1'], { env })).exitCode).toBe(0);
    expect((await cli(['profile', 'list', '-q'], { env })).stdout).toBe('p1');
    expect(parseJson<Array<{ name: string }>>((await cli(['profile', 'list', '-q', '--json'], { env })).stdout).map((p) => p.name)).toEqual(['p1']);
  });
});

describe('a failed delete with --json', () => {
  it.each(['clustered', 'enterprise'] as const)('%s: one name that fails still prints its outcome, then its error and exit code', async (product) => {
    const r = await run(product, 'database', 'delete', 'nosuch', '--yes', '--json');
    expect(r.exitCode).toBe(3);
    expect(parseJson(r.stdout)).toEqual([{ name: 'nosuch', deleted: false, error: expect.stringMatching(/^deleting database "nosuch" failed: 404/) }]);
    expect(r.stderr).toMatch(/^error: deleting database "nosuch" failed: 404/);
  });

  it('several names: every outcome, in order, and exit 3 when all that failed were not found', async () => {
    expect((await run('clustered', 'database', 'create', 'doomed')).exitCode).toBe(0);
    const r = await run('clustered', 'database', 'delete', 'ghost', 'doomed', '--yes', '--format', 'jsonl');
    expect(r.exitCode).toBe(3);
    expect(r.stdout.split('\n').map((line) => parseJson(line))).toEqual([
      { name: 'ghost', deleted: false, error: expect.stringMatching(/404/) },
      { name: 'doomed', deleted: true },
    ]);
  });
});

describe('--ignore-not-found', () => {
  it.each(['dedicated', 'enterprise'] as const)('%s: a name that is not there is exit 0, and the JSON says so', async (product) => {
    expect((await run(product, 'database', 'create', 'present')).exitCode).toBe(0);
    const r = await run(product, 'database', 'delete', 'absent', 'present', '--yes', '--json', '--ignore-not-found');
    expect(r.exitCode).toBe(0);
    expect(parseJson(r.stdout)).toEqual([{ name: 'absent', deleted: false, notFound: true }, { name: 'present', deleted: true }]);
    expect(r.stderr).toMatch(/^database "absent" is not there; nothing deleted \(--ignore-not-found\)$/m);
  });

  it('applies to token revoke and v1-auth delete too, and to nothing but not-found', async () => {
    const id = '00000000-0000-4000-8000-000000000001';
    const revoke = await run('clustered', 'token', 'revoke', id, '--yes', '--json', '--ignore-not-found');
    expect(revoke.exitCode).toBe(0);
    expect(parseJson(revoke.stdout)).toEqual([{ name: id, deleted: false, notFound: true }]);
    const v1 = await run('v2', 'v1-auth', 'delete', '0000000000000001', '--yes', '--json', '--ignore-not-found');
    expect(v1.exitCode).toBe(0);
    // Without --yes and without a terminal it is still a usage error: the flag answers no question.
    expect((await run('clustered', 'database', 'delete', 'x', '--ignore-not-found')).exitCode).toBe(2);
  });
});

describe('--if-not-exists', () => {
  it.each([
    ['clustered', ['database', 'create', 'twice'], 'twice', 'database'],
    ['enterprise', ['database', 'create', 'twice'], 'twice', 'database'],
    ['enterprise', ['table', 'create', 'twice', 'cpu', '--tags', 'host'], 'cpu', 'table'],
    ['enterprise', ['create', 'table', '-d', 'twice', 'mem', '--tags', 'host'], 'mem', 'table'],
    ['enterprise', ['token', 'create', '--name', 'twice-token', '--permission', 'db:*:read'], 'twice-token', 'token'],
    ['enterprise', ['create', 'database', 'twice2'], 'twice2', 'database'],
    ['v2', ['v1-auth', 'create', '--username', 'twice', '--read-bucket', 'telegraf', '--password-stdin'], 'twice', 'v1-auth'],
  ] as const)('%s %j: there already is exit 0, nothing created, and the JSON says so', async (product, args, name, noun) => {
    expect((await run(product, ...args)).exitCode).toBe(0);
    expect((await run(product, ...args)).exitCode).toBe(5);
    const r = await run(product, ...args, '--if-not-exists', '--json');
    expect(r.exitCode).toBe(0);
    expect(parseJson(r.stdout)).toEqual({ name, created: false, exists: true });
    expect(r.stderr).toBe(`${noun} "${name}" exists already; nothing created (--if-not-exists)`);
  });

  it('creates as usual when the object is not there', async () => {
    const r = await run('clustered', 'database', 'create', 'fresh', '--if-not-exists', '--json');
    expect(r.exitCode).toBe(0);
    expect(parseJson(r.stdout)).toMatchObject({ name: 'fresh' });
  });
});

describe('--ignore-not-found on DBaaS, where names are looked up before anything is deleted', () => {
  it('passes over a datastore or user that is not there, deletes the rest, and says which was which', async () => {
    const sandbox = await startSandbox(['--dbaas-delay', '1ms']);
    try {
      const d = dbaas(sandbox);
      const pg = await d.datastore('pg-ignore');
      await d.child('users', 'user', { datastore_id: pg.id, name: 'present', password: 'Setup-Password-1' });
      const users = await d.run('user', 'delete', 'absent', 'present', '--datastore', 'pg-ignore', '--yes', '--json', '--ignore-not-found', '--no-wait');
      expect(users.exitCode, users.stderr).toBe(0);
      expect(parseJson(users.stdout)).toEqual([{ name: 'absent', deleted: false, notFound: true }, { name: 'present', deleted: true }]);
      expect(users.stderr).toMatch(/^user "absent" is not there; nothing deleted \(--ignore-not-found\)$/m);
      // Without the flag a name that is not there still stops the batch before anything is deleted.
      const strict = await d.run('datastore', 'delete', 'no-such-datastore', 'pg-ignore', '--yes', '--json', '--no-wait');
      expect(strict.exitCode).toBe(3);
      expect(strict.stdout).toBe('');
      const lenient = await d.run('datastore', 'delete', 'no-such-datastore', '--yes', '--json', '--ignore-not-found', '--no-wait');
      expect(lenient.exitCode).toBe(0);
      expect(parseJson(lenient.stdout)).toEqual([{ name: 'no-such-datastore', deleted: false, notFound: true }]);
    } finally {
      await sandbox.stop();
    }
  });

  it('passes over a grant that is not there: an unknown grant ID, an unknown user, a user with no grant there', async () => {
    const sandbox = await startSandbox(['--dbaas-delay', '1ms']);
    try {
      const d = dbaas(sandbox);
      const pg = await d.datastore('pg-grants');
      const user = await d.child('users', 'user', { datastore_id: pg.id, name: 'reader', password: 'Setup-Password-1' });
      const db = await d.child('databases', 'database', { datastore_id: pg.id, name: 'app' });
      const grant = await d.child('grants', 'grant', { datastore_id: pg.id, user_id: user.id, database_id: db.id });
      const unknownId = '00000000-0000-4000-8000-000000000000';
      const byId = await d.run('grant', 'delete', unknownId, grant.id, '--yes', '--json', '--ignore-not-found', '--no-wait');
      expect(byId.exitCode, byId.stderr).toBe(0);
      expect(parseJson(byId.stdout)).toEqual([{ name: unknownId, deleted: false, notFound: true }, { name: grant.id, deleted: true }]);
      expect(byId.stderr).toMatch(new RegExp(`^grant ${unknownId} is not there; nothing deleted \\(--ignore-not-found\\)$`, 'm'));
      for (const who of ['nobody', 'reader']) {
        const pair = await d.run('grant', 'delete', '--datastore', 'pg-grants', '--user', who, '--database', 'app', '--yes', '--json', '--ignore-not-found');
        expect(pair.exitCode, pair.stderr).toBe(0);
        expect(parseJson(pair.stdout)).toEqual([{ name: `${who}@app`, deleted: false, notFound: true }]);
        expect(pair.stderr).toBe(`the grant of user "${who}" on database "app" is not there; nothing deleted (--ignore-not-found)`);
        // Without the flag it is still an error, exit 3.
        expect((await d.run('grant', 'delete', '--datastore', 'pg-grants', '--user', who, '--database', 'app', '--yes')).exitCode).toBe(3);
      }
      // The datastore itself must be there, as for users.
      expect((await d.run('grant', 'delete', '--datastore', 'no-such', '--user', 'reader', '--database', 'app', '--yes', '--ignore-not-found')).exitCode).toBe(3);
    } finally {
      await sandbox.stop();
    }
  });
});
