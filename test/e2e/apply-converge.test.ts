// Convergence: what the server holds after an apply, or what export writes, must plan as unchanged. Each
// case here once planned a change forever (a false flag read back as absent, a bucket by ID read back by
// name, an empty description read back as none) or refused export's own file (a blank description).

import { join } from 'node:path';
import { writeFileSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseJson, sandboxCall, startSandbox, tempDir, type SandboxHandle } from './harness.js';
import { fileWriter, runner, writes } from './apply-harness.js';

const TOKEN = 'converge-test-token-0123456789';
let main: SandboxHandle;
let enterprise: SandboxHandle;
const dir = tempDir('influxadm-converge-');

beforeAll(async () => {
  [main, enterprise] = await Promise.all([startSandbox(), startSandbox(['--influxdb3', 'enterprise'])]);
});
afterAll(async () => {
  await Promise.all([main.stop(), enterprise.stop()]);
});

const file = fileWriter(dir);

const run = runner(TOKEN);

/** Applies the file, then checks that a second apply writes nothing and plan says unchanged. */
async function converges(sandbox: SandboxHandle, path: string, extra: string[] = []): Promise<void> {
  const first = await run(['apply', '-f', path, '--yes', ...extra]);
  expect(first.exitCode, first.stderr).toBe(0);
  const plan = await run(['plan', '-f', path]);
  expect(plan.stdout).not.toMatch(/replace|update/);
  expect(plan.exitCode, plan.stdout).toBe(0);
  await sandbox.clearRequests();
  const second = await run(['apply', '-f', path, '--yes', '--allow-replace', ...extra]);
  expect(second.exitCode, second.stderr).toBe(0);
  expect(second.stderr).toMatch(/^no changes \(\d+ unchanged\)$/m);
  expect(writes(await sandbox.requests())).toEqual([]);
}

describe('InfluxDB 3 Enterprise tokens', () => {
  it('admin: false with permissions is unchanged after apply (the server has no admin flag to read back)', async () => {
    const path = file(`targets:
  e:
    product: enterprise
    host: ${enterprise.url}
    databases:
      - name: conv_db
    tokens:
      - name: conv_reader
        admin: false
        permissions: ["db:conv_db:read"]
`);
    await converges(enterprise, path, ['--secrets-out', join(dir, 'e-secrets.json'), '--force']);
  });

  it('admin: true against a permissions token is still a replace, shown as false → true', async () => {
    const path = file(`targets:
  e:
    product: enterprise
    host: ${enterprise.url}
    databases:
      - name: conv_db2
    tokens:
      - name: conv_reader2
        permissions: ["db:conv_db2:read"]
`);
    expect((await run(['apply', '-f', path, '--yes', '--secrets-out', join(dir, 'e2-secrets.json')])).exitCode).toBe(0);
    writeFileSync(path, readFileSync(path, 'utf8').replace('permissions: ["db:conv_db2:read"]', 'admin: true'));
    const plan = await run(['plan', '-f', path]);
    expect(plan.exitCode).toBe(10);
    expect(plan.stdout).toContain('± replace token "conv_reader2": admin false → true');
  });

  it('a token granting one action on every database and on a named one is created, and then unchanged', async () => {
    const path = file(`targets:
  e:
    product: enterprise
    host: ${enterprise.url}
    databases:
      - name: conv_db4
    tokens:
      - name: conv_wild
        permissions: ["db:conv_db4:read", "db:*:read"]
`);
    await converges(enterprise, path, ['--secrets-out', join(dir, 'e4-secrets.json'), '--force']);
  });

  it('an admin token replaced by one with permissions is made with those permissions, not as an admin token again', async () => {
    const admin = file(`targets:
  e:
    product: enterprise
    host: ${enterprise.url}
    tokens:
      - name: conv_narrowed
        admin: true
`);
    const secrets = ['--secrets-out', join(dir, 'e3-secrets.json'), '--force'];
    expect((await run(['apply', '-f', admin, '--yes', ...secrets])).exitCode).toBe(0);
    const narrowed = file(`targets:
  e:
    product: enterprise
    host: ${enterprise.url}
    databases:
      - name: conv_db3
    tokens:
      - name: conv_narrowed
        permissions: ["db:conv_db3:read"]
`);
    const applied = await run(['apply', '-f', narrowed, '--yes', '--allow-replace', ...secrets]);
    expect(applied.exitCode, applied.stderr).toBe(0);
    const listed = await run(['--product', 'enterprise', '--host', enterprise.url, 'token', 'list', '--json']);
    const token = parseJson<Array<{ name: string; permissions: Array<{ type: string; resource: string; action: string }> }>>(listed.stdout).find((t) => t.name === 'conv_narrowed')!;
    expect(token.permissions).toEqual([{ type: 'db', resource: 'conv_db3', action: 'read' }]);
    const plan = await run(['plan', '-f', narrowed]);
    expect(plan.exitCode, plan.stdout).toBe(0);
  });
});

describe('InfluxDB OSS v2 legacy authorizations', () => {
  const target = () => `targets:\n  v:\n    product: v2\n    host: ${main.url}\n    org: my-org\n    legacyAuths:\n`;
  const bucketId = async (name: string) => {
    const { body } = await sandboxCall<{ buckets: Array<{ id: string; name: string }> }>(main.url, 'GET', '/api/v2/buckets', undefined, { authorization: `Token ${TOKEN}` });
    return body.buckets.find((b) => b.name === name)!.id;
  };

  it('a bucket given by ID (any case) is unchanged after apply, though the server reports its name too', async () => {
    const id = await bucketId('telegraf');
    const path = file(`${target()}      - username: conv_by_id\n        permissions: ["bucket:${id.toUpperCase()}:read", "bucket:metrics:write"]\n`);
    await converges(main, path);
  });

  it('an empty description is unchanged after apply, and clears one that was set', async () => {
    const path = file(`${target()}      - username: conv_empty\n        description: ""\n        permissions: ["bucket:telegraf:read"]\n`);
    await converges(main, path);

    const set = file(`${target()}      - username: conv_empty\n        description: something\n`);
    expect((await run(['apply', '-f', set, '--yes'])).exitCode).toBe(0);
    const plan = await run(['plan', '-f', path]);
    expect(plan.exitCode).toBe(10);
    expect(plan.stdout).toContain('~ update  legacy authorization "conv_empty": description something → ""');
    await converges(main, path);
  });

  it('a bucket whose name the grammar cannot write (a comma, a colon, or just *) is exported by its ID, and plans as unchanged', async () => {
    const headers = { authorization: `Token ${TOKEN}` };
    const { body: orgs } = await sandboxCall<{ orgs: Array<{ id: string }> }>(main.url, 'GET', '/api/v2/orgs', undefined, headers);
    const orgID = orgs.orgs[0]!.id;
    const ids: string[] = [];
    for (const name of ['odd,name', 'odd:name', '*']) ids.push((await sandboxCall<{ id: string }>(main.url, 'POST', '/api/v2/buckets', { orgID, name }, headers)).body.id);
    const permissions = ids.map((id) => ({ action: 'read', resource: { type: 'buckets', orgID, id } }));
    expect((await sandboxCall(main.url, 'POST', '/private/legacy/authorizations', { orgID, token: 'conv_odd_names', permissions }, headers)).status).toBe(201);

    const out = join(dir, 'v2-odd-names-export.yaml');
    const exported = await run(['export', '--product', 'v2', '--host', main.url, '-o', out]);
    expect(exported.exitCode, exported.stderr).toBe(0);
    const text = readFileSync(out, 'utf8');
    for (const id of ids) expect(text).toContain(`bucket:${id}:read`);
    expect(text).not.toMatch(/bucket:(odd|\*)/);
    const plan = await run(['plan', '-f', out], { INFLUX_ORG: 'my-org' });
    expect(plan.exitCode, plan.stdout + plan.stderr).toBe(0);
  });

  // Last here: it leaves a bucket named with telegraf's ID in the shared sandbox.
  it('a bucket named with another bucket\'s ID: the file\'s ID means the bucket with that ID, in plan as in apply', async () => {
    const headers = { authorization: `Token ${TOKEN}` };
    const telegraf = await bucketId('telegraf');
    const { body: orgs } = await sandboxCall<{ orgs: Array<{ id: string }> }>(main.url, 'GET', '/api/v2/orgs', undefined, headers);
    const orgID = orgs.orgs[0]!.id;
    const { body: shadow } = await sandboxCall<{ id: string }>(main.url, 'POST', '/api/v2/buckets', { orgID, name: telegraf }, headers);
    const made = await sandboxCall(main.url, 'POST', '/private/legacy/authorizations', { orgID, token: 'conv_shadow', permissions: [{ action: 'read', resource: { type: 'buckets', orgID, id: shadow.id } }] }, headers);
    expect(made.status).toBe(201);

    const path = file(`${target()}      - username: conv_shadow\n        permissions: ["bucket:${telegraf}:read"]\n`);
    const plan = await run(['plan', '-f', path]);
    expect(plan.exitCode, plan.stdout).toBe(10);
    expect(plan.stdout).toContain(`± replace legacy authorization "conv_shadow": permissions bucket:${shadow.id}:read → bucket:${telegraf}:read`);
    const apply = await run(['apply', '-f', path, '--yes', '--allow-replace']);
    expect(apply.exitCode, apply.stderr).toBe(0);
    await converges(main, path);
    const { body: after } = await sandboxCall<{ authorizations: Array<{ token: string; permissions: Array<{ resource: { id: string } }> }> }>(main.url, 'GET', '/private/legacy/authorizations', undefined, headers);
    expect(after.authorizations.filter((a) => a.token === 'conv_shadow').map((a) => a.permissions.map((p) => p.resource.id))).toEqual([[telegraf]]);

    // Export writes a grant on the bucket so named by that bucket's ID: its name would read as telegraf's ID.
    await sandboxCall(main.url, 'POST', '/private/legacy/authorizations', { orgID, token: 'conv_shadow_kept', permissions: [{ action: 'read', resource: { type: 'buckets', orgID, id: shadow.id } }] }, headers);
    const out = join(dir, 'v2-shadow-export.yaml');
    const exported = await run(['export', '--product', 'v2', '--host', main.url, '-o', out]);
    expect(exported.exitCode, exported.stderr).toBe(0);
    const text = readFileSync(out, 'utf8');
    expect(text).toContain(`bucket:${shadow.id}:read`);
    expect(text).not.toContain(`bucket:${telegraf}:`);
  });
});

describe('Clustered tokens', () => {
  it('a blank description (which the server accepts) is exported and then plans as unchanged; apply can create one', async () => {
    const created = await sandboxCall(main.url, 'POST', '/api/v0/tokens', { description: '   ', permissions: [] }, { authorization: `Bearer ${TOKEN}` });
    expect(created.status).toBe(200);
    const out = join(dir, 'clustered-export.yaml');
    const exported = await run(['export', '--product', 'clustered', '--host', main.url, '-o', out]);
    expect(exported.exitCode, exported.stderr).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('- description: "   "');
    const plan = await run(['plan', '-f', out]);
    expect(plan.stderr).toBe('');
    expect(plan.exitCode, plan.stdout).toBe(0);

    // One the server does not hold yet is created as written, and then found.
    const path = file(`targets:\n  c:\n    product: clustered\n    host: ${main.url}\n    tokens:\n      - description: " "\n        permissions: ["db:*:read"]\n`);
    await converges(main, path, ['--print-secrets']);
    const tokens = parseJson<Array<{ description: string }>>((await run(['token', 'list', '--product', 'clustered', '--host', main.url, '--json'])).stdout);
    expect(tokens.filter((t) => t.description === ' ')).toHaveLength(1);
  });

  it('still refuses an empty description', async () => {
    const path = file(`targets:\n  c:\n    product: clustered\n    host: ${main.url}\n    tokens:\n      - description: ""\n        permissions: ["db:*:read"]\n`);
    const plan = await run(['plan', '-f', path]);
    expect(plan.exitCode).toBe(2);
    expect(plan.stderr).toMatch(/description/);
  });
});

describe('Clustered partition templates', () => {
  it('one the server holds but influxadm would not make (tag-only, another time format) exports and plans as unchanged; a new one must meet the rules', async () => {
    const auth = { authorization: `Bearer ${TOKEN}` };
    const older = await sandboxCall(main.url, 'POST', '/api/v0/databases', { name: 'tpl_tag_only', partitionTemplate: [{ type: 'tag', value: 'room' }] }, auth);
    expect(older.status).toBe(200);
    const hourly = await sandboxCall(main.url, 'POST', '/api/v0/databases', { name: 'tpl_hourly', partitionTemplate: [{ type: 'time', value: '%Y-%m-%dT%H' }] }, auth);
    expect(hourly.status).toBe(200);
    const out = join(dir, 'clustered-templates.yaml');
    const exported = await run(['export', '--product', 'clustered', '--host', main.url, '-o', out]);
    expect(exported.exitCode, exported.stderr).toBe(0);
    expect(readFileSync(out, 'utf8')).toMatch(/name: tpl_tag_only\n(?:.*\n)*?\s+partitionTemplate:\n\s+- tag: room\n/);
    const plan = await run(['plan', '-f', out]);
    expect(plan.stderr).toBe('');
    expect(plan.exitCode, plan.stdout).toBe(0);

    await main.clearRequests();
    const fresh = file(`targets:\n  c:\n    product: clustered\n    host: ${main.url}\n    databases:\n      - {name: tpl_new, partitionTemplate: [{tag: room}]}\n      - {name: tpl_hourly, partitionTemplate: [{time: "%Y-%m-%dT%H"}]}\n`);
    const refused = await run(['plan', '-f', fresh]);
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toMatch(/^error: .*:6:\d+: targets\.c\.databases\[0\]\.partitionTemplate: database "tpl_new" is to be created: a partition template with tag parts needs a time part/m);
    // The one that exists as written is not refused.
    expect(refused.stderr).not.toMatch(/tpl_hourly/);
    expect(writes(await main.requests())).toEqual([]);
  });
});

describe('Clustered retention under an hour', () => {
  it('one the server holds exports and plans as unchanged; a new database or an update to one is refused before anything is written', async () => {
    const auth = { authorization: `Bearer ${TOKEN}` };
    const short = await sandboxCall(main.url, 'POST', '/api/v0/databases', { name: 'ret_short', retentionPeriod: 30 * 60 * 1e9 }, auth);
    expect(short.status).toBe(200);
    const out = join(dir, 'clustered-short-retention.yaml');
    expect((await run(['export', '--product', 'clustered', '--host', main.url, '-o', out])).exitCode).toBe(0);
    expect(readFileSync(out, 'utf8')).toMatch(/name: ret_short\n\s+retentionPeriod: 30m\n/);
    const plan = await run(['plan', '-f', out]);
    expect(plan.stderr).toBe('');
    expect(plan.exitCode, plan.stdout).toBe(0);

    await main.clearRequests();
    const path = file(`targets:\n  c:\n    product: clustered\n    host: ${main.url}\n    databases:\n      - {name: ret_new, retentionPeriod: 10m}\n      - {name: ret_short, retentionPeriod: 45m}\n`);
    const refused = await run(['apply', '-f', path, '--yes']);
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toMatch(/:6:\d+: targets\.c\.databases\[0\]\.retentionPeriod: database "ret_new" is to be created: retentionPeriod 10m is shorter than the minimum of 1h/);
    expect(refused.stderr).toMatch(/:7:\d+: targets\.c\.databases\[1\]\.retentionPeriod: database "ret_short" is to be updated: retentionPeriod 45m is shorter than the minimum of 1h/);
    expect(writes(await main.requests())).toEqual([]);
  });
});

describe('export of what a file cannot name', () => {
  it('leaves out, with a comment, a token with an empty description and a table with a control character, and plans unchanged', async () => {
    const created = await sandboxCall(main.url, 'POST', '/api/v0/tokens', { description: '', permissions: [] }, { authorization: `Bearer ${TOKEN}` });
    expect(created.status).toBe(200);
    const out = join(dir, 'unnameable-clustered.yaml');
    const exported = await run(['export', '--product', 'clustered', '--host', main.url, '-o', out]);
    expect(exported.exitCode, exported.stderr).toBe(0);
    const text = readFileSync(out, 'utf8');
    expect(text).toContain('# 1 tokens are left out: a file cannot name them (description "": must not be empty); plan --prune would delete them\n');
    expect(text).not.toContain('description: ""');
    const plan = await run(['plan', '-f', out], { INFLUX_ORG: 'my-org' });
    expect(plan.exitCode, plan.stdout + plan.stderr).toBe(0);

    const core = await startSandbox(['--influxdb3', 'core']);
    try {
      expect((await run(['database', 'create', 'ctl', '--product', 'core', '--host', core.url])).exitCode).toBe(0);
      const table = await sandboxCall(core.url, 'POST', '/api/v3/configure/table', { db: 'ctl', table: 'bad\u0001x', tags: ['t'], fields: [] }, { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' });
      expect(table.status).toBe(200);
      const coreOut = join(dir, 'unnameable-core.yaml');
      expect((await run(['export', '--product', 'core', '--host', core.url, '-o', coreOut])).exitCode).toBe(0);
      const coreText = readFileSync(coreOut, 'utf8');
      expect(coreText).toContain('# 1 tables are left out: a file cannot name them (the table name "bad\\u0001x" contains a control character); plan --prune would delete them\n');
      expect(coreText).not.toContain('\u0001');
      const corePlan = await run(['plan', '-f', coreOut]);
      expect(corePlan.exitCode, corePlan.stdout + corePlan.stderr).toBe(0);
    } finally {
      await core.stop();
    }
  });
});
