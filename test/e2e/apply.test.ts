// plan / apply / export against the sandbox, per product family: create from empty, a second run that
// writes nothing (read from the sandbox's request record), update, replace refused without
// --allow-replace, prune, partial failure with injected faults and convergence on the next run, secrets
// kept out of stdout/stderr/--debug, and export → plan showing no changes.

import { existsSync, lstatSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCOUNT, BIN, CLUSTER, cleanEnv, cli, parseJson, startSandbox, tempDir, type RecordedRequest, type SandboxHandle } from './harness.js';
import { fileWriter, runner, writes } from './apply-harness.js';

const TOKEN = 'apply-test-token-0123456789';
const PENDING = 10;
let main: SandboxHandle;
let core: SandboxHandle;
const dir = tempDir('influxadm-apply-');

beforeAll(async () => {
  [main, core] = await Promise.all([startSandbox(), startSandbox(['--influxdb3', 'core'])]);
});
afterAll(async () => {
  await Promise.all([main.stop(), core.stop()]);
});

const file = fileWriter(dir);

const run = runner(TOKEN);


interface Family {
  name: string;
  sandbox(): SandboxHandle;
  target(): string;
  /** The file's sections at first. */
  create: string;
  /** The same, with fields that change in place changed; undefined where the product has none. */
  update?: { sections: string; shows: RegExp };
  /** The same, with a field that cannot change in place changed. */
  replace: { sections: string; shows: RegExp };
  /** Fewer objects, for --prune. */
  prune: { sections: string; shows: RegExp };
  /** A fresh set and a fault that fails one of its creates. */
  partial: { sections: string; fault: string; failed: RegExp };
  /** Writes a second run of `create` may still send (the Management API's unlistable tables). */
  allowedRewrites?(r: RecordedRequest): boolean;
  secrets: boolean;
}

const mgmtSections = (p: string) => ({
  create: `
    databases:
      - name: ${p}_sensors
        retentionPeriod: 30d
        maxTables: 100
      - name: ${p}_metrics
        partitionTemplate: [{time: "%Y-%m-%d"}, {tag: room}]
    tables:
      - {database: ${p}_sensors, name: cpu}
    tokens:
      - description: ${p} grafana
        permissions: ["db:${p}_sensors:read"]
        expiry: 30d
`,
  update: {
    sections: `
    databases:
      - name: ${p}_sensors
        retentionPeriod: 60d
        maxTables: 200
    tokens:
      - description: ${p} grafana
        permissions: ["db:${p}_sensors:read,write"]
`,
    shows: new RegExp(`~ update  database "${p}_sensors": retentionPeriod 30d → 60d; maxTables 100 → 200[\\s\\S]*~ update  token "${p} grafana": permissions db:${p}_sensors:read → db:${p}_sensors:read,write`),
  },
  replace: {
    sections: `
    databases:
      - name: ${p}_metrics
        partitionTemplate: [{time: "%Y-%m-%d"}, {tag: floor}]
`,
    shows: new RegExp(`± replace database "${p}_metrics": partitionTemplate`),
  },
  prune: {
    sections: `
    databases:
      - name: ${p}_sensors
`,
    shows: new RegExp(`- delete  database "${p}_metrics"`),
  },
  partial: {
    sections: `
    databases:
      - name: ${p}_a
      - name: ${p}_b
    tables:
      - {database: ${p}_a, name: t1}
      - {database: ${p}_b, name: t1}
`,
    fault: `500:x1@POST/api/v0`,
    failed: /error: create database "\w+_a" on t: creating database "\w+_a" failed: 500/,
  },
  allowedRewrites: (r: RecordedRequest) => r.method === 'POST' && r.path.endsWith('/tables') && r.status === 409,
  secrets: true,
});

const FAMILIES: Family[] = [
  {
    name: 'clustered',
    sandbox: () => main,
    target: () => `product: clustered\n    host: ${main.url}`,
    ...mgmtSections('cl'),
  },
  {
    name: 'dedicated',
    sandbox: () => main,
    target: () => `product: dedicated\n    host: ${main.url}\n    account: ${ACCOUNT}\n    cluster: ${CLUSTER}`,
    ...mgmtSections('dd'),
    partial: { ...mgmtSections('dd').partial, fault: `500:x1@POST/api/v0/accounts` },
  },
  {
    name: 'core',
    sandbox: () => core,
    target: () => `product: core\n    host: ${core.url}`,
    create: `
    databases:
      - {name: k_sensors, retentionPeriod: 30d}
      - {name: k_metrics}
    tables:
      - {database: k_sensors, name: cpu, tags: [host], fields: ["usage:float64"]}
      - {database: k_metrics, name: mem}
    tokens:
      - {name: k_ops, admin: true, expiry: 1y}
`,
    replace: { sections: '\n    tokens:\n      - {name: k_ops, admin: true, expiry: never}\n', shows: /± replace token "k_ops": expiry \S+ → never/ },
    prune: {
      sections: '\n    databases:\n      - {name: k_sensors}\n    tables:\n      - {database: k_sensors, name: cpu}\n',
      shows: /- delete  database "k_metrics"[\s\S]*- delete  table "k_metrics\/mem"/,
    },
    partial: {
      sections: '\n    databases:\n      - {name: k_a}\n      - {name: k_b}\n    tables:\n      - {database: k_a, name: t1}\n      - {database: k_b, name: t1}\n',
      fault: '500:x1@POST/api/v3/configure/database',
      failed: /error: create database "k_a" on t: creating database "k_a" failed: 500/,
    },
    secrets: true,
  },
  {
    name: 'enterprise',
    sandbox: () => main,
    target: () => `product: enterprise\n    host: ${main.url}`,
    create: `
    databases:
      - {name: e_sensors, retentionPeriod: 30d}
      - {name: e_metrics}
    tables:
      - {database: e_sensors, name: cpu, tags: [host], fields: ["usage:float64"], retentionPeriod: 7d}
    tokens:
      - {name: e_reader, permissions: ["db:e_sensors:read"], expiry: 1y}
      - {name: e_ops, admin: true}
`,
    replace: { sections: '\n    tokens:\n      - {name: e_reader, permissions: ["db:e_sensors:read,write"]}\n', shows: /± replace token "e_reader": permissions db:e_sensors:read → db:e_sensors:read,write/ },
    prune: { sections: '\n    databases:\n      - {name: e_sensors}\n', shows: /- delete  database "e_metrics"/ },
    partial: {
      sections: '\n    databases:\n      - {name: e_a}\n      - {name: e_b}\n    tokens:\n      - {name: e_ta, permissions: ["db:e_a:read"]}\n      - {name: e_tb, permissions: ["db:e_b:read"]}\n',
      fault: '500:x1@POST/api/v3/configure/database',
      failed: /error: create database "e_a" on t: creating database "e_a" failed: 500/,
    },
    secrets: true,
  },
  {
    name: 'v2',
    sandbox: () => main,
    target: () => `product: v2\n    host: ${main.url}\n    org: my-org`,
    create: `
    legacyAuths:
      - {username: v_telegraf, description: collector, permissions: ["bucket:telegraf:read,write"]}
      - {username: v_grafana, status: inactive, permissions: ["bucket:metrics:read"]}
`,
    update: {
      sections: '\n    legacyAuths:\n      - {username: v_telegraf, description: the collector}\n      - {username: v_grafana, status: active}\n',
      shows: /~ update  legacy authorization "v_telegraf": description collector → the collector[\s\S]*~ update  legacy authorization "v_grafana": status inactive → active/,
    },
    replace: { sections: '\n    legacyAuths:\n      - {username: v_grafana, permissions: ["bucket:metrics:read,write"]}\n', shows: /± replace legacy authorization "v_grafana": permissions bucket:metrics:read → bucket:metrics:read,write/ },
    prune: { sections: '\n    legacyAuths:\n      - {username: v_telegraf, permissions: ["bucket:telegraf:read,write"]}\n', shows: /- delete  legacy authorization "v_grafana"/ },
    partial: {
      sections: '\n    legacyAuths:\n      - {username: v_a, permissions: ["bucket:telegraf:read"]}\n      - {username: v_b, permissions: ["bucket:telegraf:read"]}\n',
      fault: '500:x1@POST/private/legacy/authorizations',
      failed: /error: create legacy authorization "v_\w" on t: creating legacy authorization "v_\w" failed: 500/,
    },
    secrets: false,
  },
];

describe.each(FAMILIES)('apply on $name', (family) => {
  const doc = (sections: string) => file(`targets:\n  t:\n    ${family.target()}${sections}`);
  let secrets = 0;
  const secretsFile = () => join(dir, `secrets-${family.name}-${secrets++}.json`);
  const secretArgs = () => (family.secrets ? ['--secrets-out', secretsFile()] : []);

  it('creates from empty, then a second run sends no write and says no changes', async () => {
    const path = doc(family.create);
    const plan = await run(['plan', '-f', path]);
    expect(plan.exitCode, plan.stderr).toBe(PENDING);
    expect(plan.stdout).toMatch(/\+ create/);
    expect(plan.stdout).not.toMatch(/unchanged \(/);

    const out = secretsFile();
    const first = await run(['apply', '-f', path, '--yes', ...(family.secrets ? ['--secrets-out', out] : [])]);
    expect(first.exitCode, first.stderr).toBe(0);
    expect(first.stderr).toMatch(/\d+ created, 0 updated, 0 replaced, 0 deleted/);
    if (family.secrets) {
      const secrets = parseJson<Record<string, string>>(readFileSync(out, 'utf8'));
      expect(Object.keys(secrets).length).toBeGreaterThan(0);
      for (const [name, secret] of Object.entries(secrets)) {
        expect(name).toMatch(/^t\/tokens\//);
        expect(first.stdout + first.stderr).not.toContain(secret);
      }
      expect(statSync(out).mode & 0o777).toBe(0o600);
    }

    await family.sandbox().clearRequests();
    const second = await run(['apply', '-f', path, '--yes', '--json']);
    expect(second.exitCode, second.stderr).toBe(0);
    const requests = await family.sandbox().requests();
    expect(requests.length).toBeGreaterThan(0);
    expect(writes(requests).filter((r) => !family.allowedRewrites?.(r))).toEqual([]);
    if (family.allowedRewrites) {
      expect(second.stderr).toMatch(/exists already: table/);
      expect(parseJson<{ changed: boolean }>(second.stdout).changed).toBe(false);
    } else {
      expect(second.stderr).toMatch(/^no changes \(\d+ unchanged\)$/m);
      expect(parseJson<{ changed: boolean; results: unknown[] }>(second.stdout)).toMatchObject({ changed: false, results: [] });
    }
    const again = await run(['plan', '-f', path, '--json']);
    expect(again.exitCode, again.stderr).toBe(0);
    expect(parseJson<{ changes: boolean }>(again.stdout).changes).toBe(false);
  });

  if (family.update) {
    const update = family.update;
    it('updates fields in place, old → new, and then shows nothing to do', async () => {
      const path = doc(update.sections);
      const plan = await run(['plan', '-f', path]);
      expect(plan.exitCode).toBe(PENDING);
      expect(plan.stdout).toMatch(update.shows);
      const applied = await run(['apply', '-f', path, '--yes']);
      expect(applied.exitCode, applied.stderr).toBe(0);
      expect(applied.stderr).toMatch(/0 created, [1-9]\d* updated, 0 replaced/);
      expect((await run(['plan', '-f', path])).exitCode).toBe(0);
    });
  }

  it('refuses a replace without --allow-replace, sending nothing, and does it with', async () => {
    const path = doc(family.replace.sections);
    const plan = await run(['plan', '-f', path]);
    expect(plan.exitCode).toBe(PENDING);
    expect(plan.stdout).toMatch(family.replace.shows);
    await family.sandbox().clearRequests();
    const refused = await run(['apply', '-f', path, '--yes', ...secretArgs()]);
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toMatch(/needs? a replace[\s\S]*--allow-replace/);
    expect(writes(await family.sandbox().requests())).toEqual([]);
    const applied = await run(['apply', '-f', path, '--yes', '--allow-replace', ...secretArgs()]);
    expect(applied.exitCode, applied.stderr).toBe(0);
    expect(applied.stderr).toMatch(/1 replaced/);
    expect((await run(['plan', '-f', path])).exitCode).toBe(0);
  });

  it('deletes what the file does not list only with --prune', async () => {
    const path = doc(family.prune.sections);
    const without = await run(['plan', '-f', path]);
    expect(without.exitCode, without.stdout + without.stderr).toBe(0);
    expect(without.stdout).not.toMatch(/- delete/);
    const plan = await run(['plan', '-f', path, '--prune']);
    expect(plan.exitCode).toBe(PENDING);
    expect(plan.stdout).toMatch(family.prune.shows);
    const applied = await run(['apply', '-f', path, '--yes', '--prune']);
    expect(applied.exitCode, applied.stderr).toBe(0);
    expect(applied.stderr).toMatch(/[1-9]\d* deleted/);
    expect((await run(['plan', '-f', path, '--prune'])).exitCode).toBe(0);
  });

  it('goes on past a failure, reports it with the resource, exits 1, and converges on the next run', async () => {
    const path = doc(family.partial.sections);
    await family.sandbox().setFaults(family.partial.fault);
    const failed = await run(['apply', '-f', path, '--yes', '--json', '--concurrency', '1', ...secretArgs()]);
    await family.sandbox().setFaults('');
    expect(failed.exitCode).toBe(1);
    expect(failed.stderr).toMatch(family.partial.failed);
    const results = parseJson<{ counts: { failed: number; created: number }; results: Array<{ status: string; resource: string; error?: string }> }>(failed.stdout);
    expect(results.counts.failed).toBe(1);
    expect(results.counts.created).toBeGreaterThan(0);
    const dependents = results.results.filter((r) => r.status === 'skipped');
    for (const d of dependents) expect(d.error).toMatch(/not attempted: .* failed/);
    const rerun = await run(['apply', '-f', path, '--yes', ...secretArgs()]);
    expect(rerun.exitCode, rerun.stderr).toBe(0);
    expect(rerun.stderr).not.toMatch(/error/);
    const plan = await run(['plan', '-f', path]);
    expect(plan.exitCode, plan.stdout).toBe(0);
  });

  it('exports a file that plans as unchanged', async () => {
    const location = family.target().split('\n').map((l) => l.trim().split(': ')) as Array<[string, string]>;
    const args = location.flatMap(([k, v]) => (k === 'org' ? [] : [`--${k}`, v]));
    const out = join(dir, `export-${family.name}.yaml`);
    const exported = await run(['export', ...args, '-o', out], { INFLUX_ORG: 'my-org' });
    expect(exported.exitCode, exported.stderr).toBe(0);
    const text = readFileSync(out, 'utf8');
    expect(text).toMatch(/^# influxadm export of /);
    const plan = await run(['plan', '-f', out], { INFLUX_ORG: 'my-org' });
    expect(plan.exitCode, plan.stdout + plan.stderr).toBe(0);
    expect(plan.stdout).toMatch(/No changes: [1-9]\d* unchanged\./);
    expect((await run(['export', ...args, '-o', out])).exitCode).toBe(2);
  });
});

describe('replacing', () => {
  const clustered = () => `targets:\n  t:\n    product: clustered\n    host: ${main.url}\n`;

  it('keeps what the file leaves out of a replaced object', async () => {
    const first = file(`${clustered()}    databases:\n      - {name: rk_kept, maxTables: 100, retentionPeriod: 30d}\n`);
    expect((await run(['apply', '-f', first, '--yes'])).exitCode).toBe(0);
    // A new partition template is a replace; the file no longer says maxTables or retentionPeriod.
    const second = file(`${clustered()}    databases:\n      - {name: rk_kept, partitionTemplate: [{time: "%Y-%m"}]}\n`);
    const applied = await run(['apply', '-f', second, '--yes', '--allow-replace']);
    expect(applied.exitCode, applied.stderr).toBe(0);
    expect(applied.stderr).toMatch(/1 replaced/);
    const listed = parseJson<Array<{ name: string; maxTables: number; retentionPeriod: number }>>((await run(['--product', 'clustered', '--host', main.url, 'database', 'list', '--json'])).stdout);
    expect(listed.find((d) => d.name === 'rk_kept')).toMatchObject({ maxTables: 100, retentionPeriod: 30 * 86_400 * 1e9 });
    expect((await run(['plan', '-f', first])).exitCode).toBe(0);
  });

  it('keeps a new token\'s secret when removing the old one fails, and says which one to remove', async () => {
    const out = join(dir, 'rk-secrets.json');
    const first = file(`${clustered()}    tokens:\n      - {description: rk_tok, permissions: ["db:rk_kept:read"], expiry: never}\n`);
    expect((await run(['apply', '-f', first, '--yes', '--secrets-out', out])).exitCode).toBe(0);
    const second = file(`${clustered()}    tokens:\n      - {description: rk_tok, permissions: ["db:rk_kept:read"], expiry: 1y}\n`);
    await main.setFaults('400:x1@DELETE/api/v0/tokens');
    const r = await run(['apply', '-f', second, '--yes', '--allow-replace', '--print-secrets', '--json']);
    await main.setFaults('');
    expect(r.exitCode).toBe(1);
    const shown = parseJson<{ changed: boolean; results: Array<{ status: string; secret?: string; error?: string }> }>(r.stdout);
    expect(shown.changed).toBe(true);
    expect(shown.results).toHaveLength(1);
    expect(shown.results[0]!.status).toBe('failed');
    expect(shown.results[0]!.secret).toMatch(/\S{8,}/);
    const old = /removing the old one \(([0-9a-f-]{36})\) failed: .*; remove it by ID/.exec(shown.results[0]!.error ?? '');
    expect(old, shown.results[0]!.error).not.toBeNull();
    // Two live tokens with that description until the old one goes; then the file holds.
    expect((await run(['plan', '-f', second])).exitCode).toBe(5);
    expect((await run(['--product', 'clustered', '--host', main.url, 'token', 'revoke', old![1]!, '--yes'])).exitCode).toBe(0);
    expect((await run(['plan', '-f', second])).exitCode).toBe(0);
  });

  it('takes the live token when an expired one has the same description, and prunes the expired one', async () => {
    const permissions = [{ action: 'read', resource: 'rk_kept' }];
    for (const expiresAt of ['2020-01-01T00:00:00Z', undefined]) {
      const res = await fetch(`${main.url}/api/v0/tokens`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify({ description: 'rk_twice', permissions, expiresAt }),
      });
      expect(res.status).toBe(200);
    }
    const path = file(`${clustered()}    tokens:\n      - {description: rk_twice, permissions: ["db:rk_kept:read"]}\n`);
    const plan = await run(['plan', '-f', path]);
    expect(plan.exitCode, plan.stderr).toBe(0);
    const pruned = await run(['plan', '-f', path, '--prune', '--json']);
    expect(pruned.exitCode).toBe(PENDING);
    const deletes = parseJson<{ targets: Array<{ actions: Array<{ action: string; resource: string }> }> }>(pruned.stdout).targets[0]!.actions.filter((a) => a.resource === 'rk_twice');
    expect(deletes).toEqual([expect.objectContaining({ action: 'delete', resource: 'rk_twice' })]);
  });
});

describe('prune and what the file keeps', () => {
  it('refuses to delete a database that a table or token the file lists needs, after reads only', async () => {
    const own = await startSandbox(['--influxdb3', 'enterprise']);
    try {
      const where = `targets:\n  e:\n    product: enterprise\n    host: ${own.url}\n`;
      const first = file(`${where}    databases: [{name: pk_a}, {name: pk_b}]\n    tables: [{database: pk_b, name: t1, tags: [h]}]\n    tokens: [{name: pk_r, permissions: ["db:pk_b:read"]}]\n`);
      expect((await run(['apply', '-f', first, '--yes', '--print-secrets'])).exitCode).toBe(0);
      // pk_b is left out of databases, but its table and the token that reads it are still listed.
      const path = file(`${where}    databases:\n      - name: pk_a\n    tables:\n      - {database: pk_b, name: t1}\n    tokens:\n      - {name: pk_r, permissions: ["db:pk_b:read"]}\n`);
      const plan = await run(['plan', '-f', path, '--prune']);
      expect(plan.exitCode, plan.stdout).toBe(2);
      expect(plan.stderr).toMatch(/:8:9: targets\.e\.tables\[0\]: table "pk_b\/t1" is in database "pk_b", which --prune deletes/);
      expect(plan.stderr).toMatch(/:10:9: targets\.e\.tokens\[0\]: token "pk_r" names database "pk_b", which --prune deletes/);
      await own.clearRequests();
      expect((await run(['apply', '-f', path, '--yes', '--prune'])).exitCode).toBe(2);
      expect(writes(await own.requests())).toEqual([]);
      // Without --prune nothing is deleted, and the file plans as it did.
      expect((await run(['plan', '-f', path])).exitCode).toBe(0);
    } finally {
      await own.stop();
    }
  });
});

describe('a kind key with no value', () => {
  // `databases:` with every entry commented out is YAML null. Read as the empty list, `plan --prune` planned
  // to delete every database of the target; it is a schema error instead, and `[]` is the explicit "none".
  it('is a schema error with its place, before any request, under plan and apply --prune; [] still means none', async () => {
    const db = await run(['--product', 'clustered', '--host', main.url, 'database', 'create', 'nv_keep']);
    expect(db.exitCode, db.stderr).toBe(0);
    const where = `targets:\n  t:\n    product: clustered\n    host: ${main.url}\n`;
    const path = file(`${where}    databases:\n      # - name: nv_keep\n`);
    await main.clearRequests();
    for (const args of [['plan', '-f', path, '--prune'], ['apply', '-f', path, '--prune', '--yes']]) {
      const r = await run(args);
      expect(r.exitCode, r.stdout).toBe(2);
      expect(r.stderr.split('\n')).toEqual([
        `error: ${path}:5:5: targets.t.databases: no value (not even an empty list): write \`databases: []\` for none (with --prune, that deletes every database), or remove the key to leave databases alone`,
        'nothing was sent',
      ]);
      expect(r.stdout).toBe('');
    }
    expect(await main.requests()).toEqual([]);
    expect((await run(['--product', 'clustered', '--host', main.url, 'database', 'list', '--format', 'json'])).stdout).toContain('"nv_keep"');
    // The explicit empty list is kept as it was: none wanted, so --prune deletes them.
    const none = await run(['plan', '-f', file(`${where}    databases: []\n`), '--prune']);
    expect(none.exitCode, none.stderr).toBe(PENDING);
    expect(none.stdout).toContain('- delete  database "nv_keep"');
  });

  it('is refused for every kind of the target at once, in flow style and from an empty variable too', async () => {
    const path = file(`targets:\n  k:\n    product: core\n    host: ${core.url}\n    databases: \${APPLY_EMPTY}\n    tables: {}\n    tokens: ~\n`);
    await core.clearRequests();
    const r = await run(['plan', '-f', path, '--prune'], { APPLY_EMPTY: '' });
    expect(r.exitCode).toBe(2);
    expect(r.stderr.split('\n')).toEqual([
      expect.stringMatching(new RegExp(`^error: ${path.replace(/[.]/g, '\\.')}:5:5: targets\\.k\\.databases: no value \\(not even an empty list\\): write \`databases: \\[\\]\` for none`)),
      expect.stringMatching(new RegExp(`^error: ${path.replace(/[.]/g, '\\.')}:6:5: targets\\.k\\.tables: tables must be a list$`)),
      expect.stringMatching(new RegExp(`^error: ${path.replace(/[.]/g, '\\.')}:7:5: targets\\.k\\.tokens: no value \\(not even an empty list\\): write \`tokens: \\[\\]\` for none \\(with --prune, that deletes every token\\)`)),
      '3 problems; nothing was sent',
    ]);
    expect(await core.requests()).toEqual([]);
  });
});

describe('targets', () => {
  it('takes a target from a profile, each target\'s token from its own variable, and refuses one server named twice', async () => {
    const env = cleanEnv({ CORE_TOKEN: 'core-token-1', MGMT_TOKEN: 'mgmt-token-2' });
    expect((await cli(['profile', 'create', 'edge', '--product', 'core', '--host', core.url], { env })).exitCode).toBe(0);
    const path = file([
      'targets:',
      '  edge:',
      '    profile: edge',
      '    tokenEnv: CORE_TOKEN',
      '    databases: [{name: p_edge}]',
      '  central:',
      '    product: clustered',
      `    host: ${main.url}`,
      '    tokenEnv: MGMT_TOKEN',
      '    databases: [{name: p_central}]',
      '',
    ].join('\n'));
    await Promise.all([core.clearRequests(), main.clearRequests()]);
    const r = await cli(['apply', '-f', path, '--yes', '--json'], { env });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(parseJson<{ results: Array<{ target: string; status: string }> }>(r.stdout).results.map((x) => `${x.target}:${x.status}`).sort()).toEqual(['central:done', 'edge:done']);
    expect((await core.requests()).every((q) => q.headers.authorization === 'Bearer core-token-1')).toBe(true);
    expect((await main.requests()).every((q) => q.headers.authorization === 'Bearer mgmt-token-2')).toBe(true);

    const twice = file(`targets:\n  a:\n    profile: edge\n  b:\n    product: core\n    host: ${core.url}\n`);
    const refused = await cli(['plan', '-f', twice], { env });
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toMatch(/targets\.b: this is the same server as target a/);
    const { MGMT_TOKEN: _unset, ...withoutOne } = env;
    const unset = await cli(['plan', '-f', path], { env: withoutOne });
    expect(unset.exitCode).toBe(2);
    expect(unset.stderr).toMatch(/target central: the token variable MGMT_TOKEN of this target is not set/);
  });
});

describe('the org of a v2 target', () => {
  it("is the file's org: before INFLUX_ORG and INFLUX_ORG_ID, as --org is; without one INFLUX_ORG_ID is read, as v1-auth create reads it", async () => {
    const path = file(`targets:\n  t:\n    product: v2\n    host: ${main.url}\n    org: my-org\n    legacyAuths:\n      - {username: o_file, permissions: ["bucket:telegraf:read"]}\n`);
    await main.clearRequests();
    // Another org's ID and name in influx's variables, as a shell set up for influx may have them.
    const r = await run(['apply', '-f', path, '--yes'], { INFLUX_ORG_ID: '0123456789abcdef', INFLUX_ORG: 'other-org' });
    expect(r.exitCode, r.stderr).toBe(0);
    const { orgID } = parseJson<{ orgID: string }>((await run(['--product', 'v2', '--host', main.url, 'v1-auth', 'get', '--username', 'o_file', '--json'])).stdout);
    const myOrg = parseJson<{ orgs: Array<{ id: string }> }>((await fetch(`${main.url}/api/v2/orgs?org=my-org`, { headers: { authorization: `Token ${TOKEN}` } }).then((x) => x.text()))).orgs[0]!.id;
    expect(orgID).toBe(myOrg);
    for (const q of (await main.requests()).filter((x) => x.path === '/api/v2/orgs')) expect(q.query).toEqual({ org: 'my-org' });

    const withoutOrg = file(`targets:\n  t:\n    product: v2\n    host: ${main.url}\n    legacyAuths:\n      - {username: o_file, permissions: ["bucket:telegraf:read"]}\n`);
    const plan = await run(['plan', '-f', withoutOrg], { INFLUX_ORG_ID: orgID });
    expect(plan.stderr).toBe('');
    expect(plan.exitCode, plan.stdout).toBe(0);
  });
});

describe('reading a target', () => {
  it('asks for every kind at once, and reads the databases once for the tables that need them', async () => {
    // A slow server: answers wait 300 ms, so the record shows which requests were in flight together.
    const slow = await startSandbox(['--latency', '300']);
    try {
      const path = file(`targets:\n  t:\n    product: clustered\n    host: ${slow.url}\n    databases: [{name: r_a}]\n    tokens: []\n`);
      const r = await run(['plan', '-f', path, '--json']);
      expect(r.exitCode, r.stderr).toBe(PENDING);
      const reads = (await slow.requests()).filter((q) => q.method === 'GET');
      expect(reads.map((q) => q.path).sort()).toEqual(['/api/v0/databases', '/api/v0/tokens']);
      // Both had arrived before either was answered.
      expect(reads.map((q) => q.answeredAfter)).toEqual([2, 2]);
    } finally {
      await slow.stop();
    }

    // Core's tables are listed per database: export (every database) reuses the databases' own read.
    const created = await run(['apply', '-f', file(`targets:\n  c:\n    product: core\n    host: ${core.url}\n    databases: [{name: rk_one}, {name: rk_two}]\n    tables: [{database: rk_one, name: cpu, tags: [host]}]\n`), '--yes']);
    expect(created.exitCode, created.stderr).toBe(0);
    await core.clearRequests();
    const exported = await run(['export', '--product', 'core', '--host', core.url, '-o', join(dir, 'core-export.yaml')]);
    expect(exported.exitCode, exported.stderr).toBe(0);
    expect((await core.requests()).filter((q) => q.method === 'GET' && q.path === '/api/v3/configure/database')).toHaveLength(1);
    expect(readFileSync(join(dir, 'core-export.yaml'), 'utf8')).toMatch(/- database: rk_one\n\s+name: cpu/);
  });
});

describe('rate limits', () => {
  it('waits out 429 answers (Retry-After) and carries on', async () => {
    const path = file(`targets:\n  t:\n    product: clustered\n    host: ${main.url}\n    databases:\n      - {name: rl_a}\n      - {name: rl_b}\n`);
    await main.setFaults('429:x2@POST/api/v0/databases');
    await main.clearRequests();
    const r = await run(['apply', '-f', path, '--yes', '--json']);
    await main.setFaults('');
    expect(r.exitCode, r.stderr).toBe(0);
    expect(parseJson<{ counts: { created: number } }>(r.stdout).counts.created).toBe(2);
    const posts = (await main.requests()).filter((q) => q.method === 'POST');
    expect(posts.map((q) => q.status)).toEqual(expect.arrayContaining([429, 429, 200, 200]));
    expect(posts).toHaveLength(4);
  });
});

describe('secrets', () => {
  const target = () => `targets:\n  t:\n    product: enterprise\n    host: ${main.url}\n`;

  it('refuses to create tokens without a place for their secrets, before anything is sent', async () => {
    const path = file(`${target()}    tokens:\n      - {name: s_lost, admin: true}\n`);
    await main.clearRequests();
    const r = await run(['apply', '-f', path, '--yes']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/--secrets-out FILE/);
    expect(writes(await main.requests())).toEqual([]);
  });

  // Linux only: elsewhere a bogus D-Bus address does not make the keychain unreachable.
  it.runIf(process.platform === 'linux')('refuses --secrets-to-keychain when the keychain cannot be written, before anything is sent', async () => {
    const path = file(`${target()}    tokens:\n      - {name: s_keychain, admin: true}\n`);
    await main.clearRequests();
    const r = await run(['apply', '-f', path, '--yes', '--secrets-to-keychain'], { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus' });
    expect(r.exitCode, r.stderr).toBe(1);
    expect(r.stderr).toMatch(/keychain/);
    expect(r.stderr).toMatch(/nothing was applied/);
    expect(writes(await main.requests())).toEqual([]);
  });

  // A create still in flight when Ctrl-C exits may be done by the server after influxadm is gone: at most
  // --concurrency secrets can be lost that way (docs/apply.md says how to find them); none of the others.
  it('keeps the secret of every token whose creation was answered before a Ctrl-C', async () => {
    const slow = await startSandbox(['--latency', '150']);
    try {
      const tokens = Array.from({ length: 30 }, (_, i) => `      - {description: int ${i}, permissions: ["db:x:read"]}`).join('\n');
      const path = file(`targets:\n  t:\n    product: clustered\n    host: ${slow.url}\n    tokens:\n${tokens}\n`);
      // Through a symlink (with --force): every write, the one at exit included, lands in its target.
      const real = join(tempDir('influxadm-secrets-'), 'secrets-interrupted.json');
      writeFileSync(real, '{}\n');
      const out = join(dir, 'secrets-interrupted.json');
      symlinkSync(real, out);
      const child = execa('node', [BIN, '--token', TOKEN, 'apply', '-f', path, '--yes', '--concurrency', '2', '--secrets-out', out, '--force'], { env: cleanEnv(), reject: false, stdin: 'ignore' });
      const created = async () => (await slow.requests()).filter((q) => q.method === 'POST' && q.status === 200).length;
      while ((await created()) < 3) await new Promise((resolve) => setTimeout(resolve, 50));
      child.kill('SIGINT');
      const result = await child;
      expect(result.exitCode).toBe(130);
      const made = (await (await fetch(`${slow.url}/api/v0/tokens`, { headers: { authorization: `Bearer ${TOKEN}` } })).json()) as unknown[];
      expect(made.length).toBeGreaterThanOrEqual(3);
      expect(made.length).toBeLessThan(30);
      expect(lstatSync(out).isSymbolicLink()).toBe(true);
      const kept = Object.keys(parseJson<Record<string, string>>(readFileSync(real, 'utf8'))).length;
      expect(kept).toBeLessThanOrEqual(made.length);
      expect(kept).toBeGreaterThanOrEqual(made.length - 2);
    } finally {
      await slow.stop();
    }
  });

  it('--force writes to an earlier run\'s --secrets-out and keeps its secrets: a re-run after a partial failure loses none', async () => {
    const out = join(dir, 'secrets-rerun.json');
    const first = await run(['apply', '-f', file(`${target()}    tokens:\n      - {name: k_one, admin: true}\n`), '--yes', '--secrets-out', out]);
    expect(first.exitCode, first.stderr).toBe(0);
    const before = parseJson<Record<string, string>>(readFileSync(out, 'utf8'));
    expect(Object.keys(before)).toEqual(['t/tokens/k_one']);
    const again = await run(['apply', '-f', file(`${target()}    tokens:\n      - {name: k_one, admin: true}\n      - {name: k_two, admin: true}\n`), '--yes', '--secrets-out', out, '--force']);
    expect(again.exitCode, again.stderr).toBe(0);
    const after = parseJson<Record<string, string>>(readFileSync(out, 'utf8'));
    expect(Object.keys(after).sort()).toEqual(['t/tokens/k_one', 't/tokens/k_two']);
    expect(after['t/tokens/k_one']).toBe(before['t/tokens/k_one']);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    // A file that is not a map of secrets is replaced, as before.
    writeFileSync(out, '["not", "secrets"]');
    const third = await run(['apply', '-f', file(`${target()}    tokens:\n      - {name: k_three, admin: true}\n`), '--yes', '--secrets-out', out, '--force']);
    expect(third.exitCode, third.stderr).toBe(0);
    expect(Object.keys(parseJson<Record<string, string>>(readFileSync(out, 'utf8')))).toEqual(['t/tokens/k_three']);
  });

  it('never shows a secret on stdout, stderr or --debug, and keeps an existing secrets file without --force', async () => {
    const path = file(`${target()}    tokens:\n      - {name: s_one, admin: true}\n      - {name: s_two, admin: true}\n`);
    const out = join(dir, 'secrets-debug.json');
    writeFileSync(out, '{}');
    await main.clearRequests();
    const refused = await run(['apply', '-f', path, '--yes', '--secrets-out', out]);
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toMatch(/exists already/);
    expect(writes(await main.requests())).toEqual([]);
    const r = await run(['apply', '-f', path, '--yes', '--force', '--secrets-out', out, '--debug', '--json']);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/debug: → POST/);
    const secrets = parseJson<Record<string, string>>(readFileSync(out, 'utf8'));
    expect(Object.keys(secrets).sort()).toEqual(['t/tokens/s_one', 't/tokens/s_two']);
    for (const secret of Object.values(secrets)) {
      expect(secret).toMatch(/^apiv3_/);
      expect(r.stdout).not.toContain(secret);
      expect(r.stderr).not.toContain(secret);
    }
    expect(parseJson<{ results: Array<{ secretIn: string }> }>(r.stdout).results.map((x) => x.secretIn)).toEqual([out, out]);
  });
});

describe('--secrets-out and -o that are not regular files', () => {
  it('a dangling symlink or a FIFO (--force or not) is refused before anything is sent: exit 2, the path as it was', async () => {
    const path = file(`targets:\n  t:\n    product: enterprise\n    host: ${main.url}\n    tokens:\n      - {name: nr_one, admin: true}\n`);
    const here = tempDir('influxadm-special-');
    const dangling = join(here, 'dangling');
    symlinkSync(join(here, 'nowhere'), dangling);
    const pipe = join(here, 'pipe');
    expect(spawnSync('mkfifo', [pipe]).status).toBe(0);
    const cases: Array<[string[], string]> = [
      [['--secrets-out', dangling], `error: --secrets-out ${dangling} is a symbolic link that leads nowhere (ENOENT)\npoint it at an existing regular file, or choose another path`],
      [['--secrets-out', dangling, '--force'], `error: --secrets-out ${dangling} is a symbolic link that leads nowhere (ENOENT)\npoint it at an existing regular file, or choose another path`],
      [['--secrets-out', pipe, '--force'], `error: --secrets-out ${pipe} is a named pipe (FIFO), not a regular file; it is never replaced\ngive the path of a regular file`],
    ];
    for (const [extra, stderr] of cases) {
      await main.clearRequests();
      const r = await run(['apply', '-f', path, '--yes', ...extra]);
      expect(r.exitCode).toBe(2);
      expect(r.stderr.split('\n').filter((l) => l.startsWith('error:') || l.startsWith('point') || l.startsWith('give')).join('\n')).toBe(stderr);
      expect(writes(await main.requests())).toEqual([]);
    }
    expect(existsSync(join(here, 'nowhere'))).toBe(false);
    expect(lstatSync(pipe).isFIFO()).toBe(true);
    await main.clearRequests();
    const exported = await run(['export', '--product', 'clustered', '--host', main.url, '-o', pipe, '--force']);
    expect(exported.exitCode).toBe(2);
    expect(exported.stderr).toMatch(/^error: --output \S+ is a named pipe \(FIFO\), not a regular file/);
    expect(await main.requests()).toEqual([]);
    expect(lstatSync(pipe).isFIFO()).toBe(true);
  });
});

describe('file errors', () => {
  it('names an unset variable with file:line:column and sends nothing', async () => {
    const path = file(`targets:\n  t:\n    product: clustered\n    host: ${main.url}\n    databases:\n      - name: "db_\${APPLY_TEST_UNSET}"\n`);
    await main.clearRequests();
    const r = await run(['plan', '-f', path]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain(`error: ${path}:6:19: targets.t.databases[0].name: the environment variable APPLY_TEST_UNSET is not set`);
    expect(await main.requests()).toEqual([]);
  });

  it('expands variables, a plain one into a number', async () => {
    const path = file(`targets:\n  t:\n    product: clustered\n    host: \${APPLY_HOST}\n    databases:\n      - name: "v_\${APPLY_DB}"\n        maxTables: \${APPLY_MAX}\n`);
    const r = await run(['plan', '-f', path, '--json'], { APPLY_HOST: main.url, APPLY_DB: 'expanded', APPLY_MAX: '42' });
    expect(r.exitCode, r.stderr).toBe(PENDING);
    expect(parseJson<{ targets: Array<{ actions: Array<{ resource: string }> }> }>(r.stdout).targets[0]!.actions[0]!.resource).toBe('v_expanded');
  });

  it('names every schema problem with file:line:column, the field path and the products that have a field', async () => {
    const path = file([
      'targets:',
      '  k:',
      `    product: core`,
      `    host: ${core.url}`,
      '    databases:',
      '      - name: ok',
      '        maxTables: 5',
      '      - name: "bad name"',
      '    legacyAuths: []',
      '    tokens:',
      '      - {name: t, admin: true, expiry: soon}',
      '',
    ].join('\n'));
    await core.clearRequests();
    const r = await run(['plan', '-f', path]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain(`${path}:7:9: targets.k.databases[0].maxTables: core (InfluxDB 3 Core) has no maxTables for databases; dedicated (InfluxDB 3 Cloud Dedicated), clustered (InfluxDB 3 Clustered) have it`);
    expect(r.stderr).toContain(`${path}:8:9: targets.k.databases[1].name: the database name "bad name"`);
    expect(r.stderr).toContain(`${path}:9:5: targets.k.legacyAuths: core (InfluxDB 3 Core) has no legacyAuths; v2 (InfluxDB OSS v2) has them`);
    expect(r.stderr).toMatch(new RegExp(`${path.replace(/[.]/g, '\\.')}:11:\\d+: targets\\.k\\.tokens\\[0\\]\\.expiry: `));
    // One line per problem, then the count.
    const lines = r.stderr.split('\n');
    expect(lines).toHaveLength(5);
    expect(lines.slice(0, 4).every((line) => line.startsWith(`error: ${path}:`))).toBe(true);
    expect(lines[4]).toBe('4 problems; nothing was sent');
    expect(await core.requests()).toEqual([]);
  });

  it('points at YAML syntax errors', async () => {
    const path = file('targets:\n  t: {product: core, databases: [ {name: x}\n');
    const r = await run(['plan', '-f', path]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^error: ${path.replace(/[.]/g, '\\.')}:\\d+:\\d+: not valid YAML`));
  });

  it('reads the file from standard input with -f -', async () => {
    const r = await cli(['--token', TOKEN, 'plan', '-f', '-'], { env: cleanEnv(), input: `targets:\n  t:\n    product: core\n    host: ${core.url}\n    databases: []\n` });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/No changes: 0 unchanged/);
  });

  it('reads a file of more than 64 KiB from standard input (the limit of a token or password is not a file\'s)', async () => {
    const comments = `# ${'x'.repeat(98)}\n`.repeat(1000);
    const r = await cli(['--token', TOKEN, 'plan', '-f', '-'], { env: cleanEnv(), input: `${comments}targets:\n  t:\n    product: core\n    host: ${core.url}\n    databases: []\n` });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/No changes: 0 unchanged/);
  });
});

describe('schema', () => {
  it('prints a JSON Schema in which each product has only its own fields', async () => {
    const r = await cli(['schema'], { env: cleanEnv() });
    expect(r.exitCode).toBe(0);
    const schema = parseJson<{ properties: { targets: { additionalProperties: { anyOf: Array<{ properties: Record<string, { anyOf?: unknown[]; items?: { properties: Record<string, unknown> } }> }> } } } }>(r.stdout);
    const variants = schema.properties.targets.additionalProperties.anyOf;
    const product = (name: string) => variants.find((v) => (v.properties.product as { const?: string } | undefined)?.const === name)!;
    const databaseFields = (name: string) => Object.keys(product(name).properties.databases!.items!.properties);
    expect(databaseFields('core')).toEqual(['name', 'retentionPeriod']);
    expect(databaseFields('clustered')).toEqual(expect.arrayContaining(['maxTables', 'partitionTemplate']));
    expect(product('v2').properties.legacyAuths).toBeDefined();
    expect(product('core').properties.legacyAuths).toBeUndefined();
    // A kind is a list, never null: `databases:` with no value is an error, `[]` the explicit "none".
    expect(product('clustered').properties.databases).toMatchObject({ type: 'array' });
    expect(product('clustered').properties.databases!.anyOf).toBeUndefined();
  });
});

describe('progress on a terminal', () => {
  const onTerminal = (args: string[], env: Record<string, string>) => {
    const command = ['node', BIN, '--no-color', ...args].map((a) => `'${a}'`).join(' ');
    return execa('script', ['-qec', command, '/dev/null'], { reject: false, env: { ...env, INFLUXADM_TOKEN: TOKEN }, extendEnv: false, timeout: 20_000 });
  };
  const databases = (prefix: string) => file(`targets:\n  c:\n    product: clustered\n    host: ${main.url}\n    databases:\n${[1, 2, 3].map((i) => `      - name: ${prefix}${i}\n`).join('')}`);

  it.skipIf(!existsSync('/usr/bin/script'))('a status line redrawn in place; with TERM=dumb (no escape sequences) a line per step instead', async () => {
    const drawn = await onTerminal(['apply', '-f', databases('tty_prog_'), '--yes'], cleanEnv());
    expect(drawn.exitCode, drawn.stdout).toBe(0);
    expect(drawn.stdout).toMatch(/\r\u001b\[Kapplying: 3\/3 done/);
    const dumb = await onTerminal(['apply', '-f', databases('dumb_prog_'), '--yes'], { ...cleanEnv(), TERM: 'dumb' });
    expect(dumb.exitCode, dumb.stdout).toBe(0);
    expect(dumb.stdout).not.toContain('\u001b');
    for (const i of [1, 2, 3]) expect(dumb.stdout).toContain(`created database "dumb_prog_${i}" on c`);
  });
});
