// plan / apply / export on Selectel Managed Databases: a datastore and what lives in it from one file,
// waiting for each object before what depends on it; a second run that writes nothing; changes in place;
// a replace refused; prune; a user's password that never shows; export → plan unchanged.

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, cleanEnv, cli, parseJson, startSandbox, tempDir, type RecordedRequest, type SandboxHandle } from './harness.js';

const TOKEN = 'apply-dbaas-token-0123456789';
const PASSWORD = 'app-password-from-env-42';
const SUBNET = '0f0e0d0c-0b0a-4908-8706-050403020100';
let sandbox: SandboxHandle;
const dir = tempDir('influxadm-apply-dbaas-');

beforeAll(async () => {
  sandbox = await startSandbox(['--dbaas-delay', '150ms']);
});
afterAll(async () => {
  await sandbox.stop();
});

let n = 0;
function file(sections: string): string {
  const path = join(dir, `f${n++}.yaml`);
  writeFileSync(path, `targets:\n  sel:\n    product: dbaas\n    host: ${sandbox.url}\n${sections}`);
  return path;
}
const run = (args: string[]) => cli(['--token', TOKEN, ...args], { env: cleanEnv({ APP_PW: PASSWORD }), timeoutMs: 60_000 });
const writes = (requests: RecordedRequest[]) => requests.filter((r) => r.method !== 'GET');

const base = (pg: string, extra = '') => `    datastores:
      - name: ${pg}
        type: postgresql-16
        vcpus: 2
        ram: 4096
        disk: 32
        subnet: ${SUBNET}
        config: {max_connections: 200}
${extra}    users:
      - {datastore: ${pg}, name: app_rw, password: "\${APP_PW}"}
      - {datastore: ${pg}, name: app_ro, password: "\${APP_PW}"}
    databases:
      - {datastore: ${pg}, name: app, owner: app_rw}
    grants:
      - {datastore: ${pg}, user: app_rw, database: app}
      - {datastore: ${pg}, user: app_ro, database: app}
`;

describe('apply on dbaas', () => {
  it('creates a datastore and what is in it in dependency order, then a second run writes nothing', async () => {
    const f = file(base('pg-a'));
    const plan = await run(['plan', '-f', f]);
    expect(plan.exitCode).toBe(10);
    expect(plan.stdout).toMatch(/\+ create +datastore "pg-a"[\s\S]*\+ create +database "pg-a\/app"/);

    await sandbox.clearRequests();
    const applied = await run(['apply', '-f', f, '--yes', '--format', 'json', '--debug']);
    expect(applied.exitCode, applied.stderr).toBe(0);
    const posts = writes(await sandbox.requests()).map((r) => `${r.method} ${r.path}`);
    // The datastore first, its users and database next (the database names its owner), grants last.
    expect(posts).toEqual(['POST /v1/datastores', 'POST /v1/users', 'POST /v1/users', 'POST /v1/databases', 'POST /v1/grants', 'POST /v1/grants']);
    const users = (await sandbox.requests()).filter((r) => r.method === 'POST' && r.path === '/v1/users');
    expect(users.map((r) => (r.body as { user: { password: string } }).user.password)).toEqual([PASSWORD, PASSWORD]);
    for (const text of [applied.stdout, applied.stderr]) expect(text).not.toContain(PASSWORD);
    expect(applied.stderr).toMatch(/"password":"\[redacted\]"/);

    await sandbox.clearRequests();
    const again = await run(['apply', '-f', f, '--yes']);
    expect(again.exitCode).toBe(0);
    expect(again.stderr).toMatch(/no changes|0 created, 0 updated, 0 replaced, 0 deleted/i);
    expect(writes(await sandbox.requests())).toEqual([]);
  });

  it('creates a Redis datastore with the password from the environment, never shows it, and refuses one for another engine', async () => {
    const redis = (name: string, type: string) => `    datastores:
      - name: ${name}
        type: ${type}
        vcpus: 1
        ram: 2048
        disk: 8
        subnet: ${SUBNET}
        password: "\${APP_PW}"
`;
    const f = file(redis('cache-a', 'redis-7'));
    await sandbox.clearRequests();
    const applied = await run(['apply', '-f', f, '--yes', '--debug']);
    expect(applied.exitCode, applied.stderr).toBe(0);
    const created = (await sandbox.requests()).filter((r) => r.method === 'POST' && r.path === '/v1/datastores');
    expect(created.map((r) => (r.body as { datastore: { redis_password?: string } }).datastore.redis_password)).toEqual([PASSWORD]);
    for (const text of [applied.stdout, applied.stderr]) expect(text).not.toContain(PASSWORD);
    // Create-only: the server never reports it, so a second plan has nothing to compare and nothing to do.
    const again = await run(['plan', '-f', f]);
    expect(again.exitCode, again.stdout).toBe(0);
    expect(again.stdout).not.toContain(PASSWORD);

    await sandbox.clearRequests();
    const without = await run(['plan', '-f', file(redis('cache-b', 'redis-7').replace(/ {8}password: .*\n/, ''))]);
    expect(without.exitCode).toBe(2);
    expect(without.stderr).toMatch(/datastore "cache-b" does not exist yet, and creating it needs password/);
    expect(writes(await sandbox.requests())).toEqual([]);

    await sandbox.clearRequests();
    const postgres = await run(['plan', '-f', file(redis('pg-pw', 'postgresql-16'))]);
    expect(postgres.exitCode).toBe(2);
    expect(postgres.stderr).toMatch(/only a Redis datastore takes a password, and postgresql-16 is not Redis/);
    expect(await sandbox.requests()).toEqual([]);
  });

  it('changes what changes in place, refuses a replace without --allow-replace, and prunes only with --prune', async () => {
    await run(['apply', '-f', file(base('pg-b')), '--yes']);
    const changed = base('pg-b').replace('max_connections: 200', 'max_connections: 300').replace('{datastore: pg-b, name: app, owner: app_rw}', '{datastore: pg-b, name: app, owner: app_ro}');
    const plan = await run(['plan', '-f', file(changed)]);
    expect(plan.stdout).toMatch(/~ update +datastore "pg-b": config \{"max_connections":"200"[^\n]*→ \{"max_connections":"300"\}/);
    expect(plan.stdout).toMatch(/~ update +database "pg-b\/app": owner app_rw → app_ro/);
    await sandbox.clearRequests();
    expect((await run(['apply', '-f', file(changed), '--yes'])).exitCode).toBe(0);
    expect(writes(await sandbox.requests()).map((r) => `${r.method} ${r.path.replace(/[0-9a-f-]{36}/, 'ID')}`).sort()).toEqual(['PUT /v1/databases/ID', 'PUT /v1/datastores/ID/config']);

    const replaced = changed.replace('type: postgresql-16', 'type: postgresql-15');
    const refused = await run(['apply', '-f', file(replaced), '--yes']);
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toMatch(/--allow-replace/);

    const fewer = changed.replace('      - {datastore: pg-b, user: app_ro, database: app}\n', '');
    expect((await run(['plan', '-f', file(fewer)])).exitCode).toBe(0);
    const pruned = await run(['apply', '-f', file(fewer), '--yes', '--prune']);
    expect(pruned.exitCode, pruned.stderr).toBe(0);
    const grants = parseJson<Array<{ user: string }>>((await run(['--product', 'dbaas', '--host', sandbox.url, 'grant', 'list', '--datastore', 'pg-b', '--json'])).stdout);
    expect(grants).toHaveLength(1);
  });

  it('creates again what lives in a replaced datastore, and says what goes with it', async () => {
    expect((await run(['apply', '-f', file(base('pg-r')), '--yes'])).exitCode).toBe(0);
    // The file keeps app_rw and its grant, and leaves app_ro and its grant out.
    const replaced = base('pg-r').replace('type: postgresql-16', 'type: postgresql-15').replace('      - {datastore: pg-r, name: app_ro, password: "${APP_PW}"}\n', '').replace('      - {datastore: pg-r, user: app_ro, database: app}\n', '');
    const path = file(replaced);
    const plan = await run(['plan', '-f', path, '--json']);
    expect(plan.exitCode).toBe(10);
    const shown = parseJson<{ counts: Record<string, number>; targets: Array<{ actions: Array<{ action: string; kind: string }>; notes: string[] }> }>(plan.stdout);
    expect(shown.counts).toMatchObject({ replace: 1, create: 3, delete: 0, unchanged: 0 });
    expect(shown.targets[0]!.actions.map((a) => `${a.action} ${a.kind}`)).toEqual(['replace datastores', 'create users', 'create databases', 'create grants']);
    expect(shown.targets[0]!.notes).toEqual(expect.arrayContaining([expect.stringMatching(/^users: 1 not in the file goes with what it lives in, which is replaced/), expect.stringMatching(/^grants: 1 not in the file goes/)]));
    const applied = await run(['apply', '-f', path, '--yes', '--allow-replace']);
    expect(applied.exitCode, applied.stderr).toBe(0);
    const again = await run(['plan', '-f', path]);
    expect(again.exitCode, again.stdout).toBe(0);
    // What the file left out went with the old datastore.
    const users = parseJson<Array<{ name: string }>>((await run(['--product', 'dbaas', '--host', sandbox.url, 'user', 'list', '--datastore', 'pg-r', '--json'])).stdout);
    expect(users.map((u) => u.name)).toEqual(['app_rw']);
  });

  it('a config value written as the flags take it (off, 0.50) converges: after one apply, plan shows it unchanged and apply sends nothing', async () => {
    const f = file(base('pg-cfg').replace('config: {max_connections: 200}', 'config: {max_connections: "0200", autovacuum: "off", autovacuum_vacuum_scale_factor: "0.50"}'));
    const first = await run(['apply', '-f', f, '--yes']);
    expect(first.exitCode, first.stderr).toBe(0);
    const plan = await run(['plan', '-f', f]);
    expect(plan.exitCode, plan.stdout).toBe(0);
    await sandbox.clearRequests();
    const again = await run(['apply', '-f', f, '--yes']);
    expect(again.exitCode, again.stderr).toBe(0);
    expect(writes(await sandbox.requests())).toEqual([]);
    // A value that differs still does.
    const changed = await run(['plan', '-f', file(base('pg-cfg').replace('config: {max_connections: 200}', 'config: {autovacuum: "on"}'))]);
    expect(changed.exitCode).toBe(10);
    expect(changed.stdout).toMatch(/~ update +datastore "pg-cfg": config/);
  });

  it('a type given as create takes it (an ID, an engine with one version) is the same type afterwards, not a replace', async () => {
    const f = file(`    datastores:
      - {name: kf-t, type: kafka, vcpus: 2, ram: 4096, disk: 64, subnet: ${SUBNET}}
      - {name: pg-t, type: fc58210d-40f4-5bcf-ac9c-75507eaa7d32, vcpus: 2, ram: 4096, disk: 32, subnet: ${SUBNET}}
`);
    const first = await run(['apply', '-f', f, '--yes']);
    expect(first.exitCode, first.stderr).toBe(0);
    const plan = await run(['plan', '-f', f]);
    expect(plan.exitCode, plan.stdout).toBe(0);
    expect(plan.stdout).toMatch(/No changes/);
    // Another type still is a replace, however it is written. (kf-t's new type takes a flavor with less
    // disk than the Kafka one it keeps otherwise: a flavor PostgreSQL does not have is refused at plan.)
    const other = await run(['plan', '-f', file(`    datastores:\n      - {name: pg-t, type: 14fce831-2ce2-57e6-9206-0ab8bc4cf814}\n      - {name: kf-t, type: postgresql-16, vcpus: 2, ram: 4096, disk: 32}\n`)]);
    expect(other.exitCode, other.stderr).toBe(10);
    expect(other.stdout).toMatch(/replace datastore "pg-t": type postgresql-16 → 14fce831-2ce2-57e6-9206-0ab8bc4cf814/);
    expect(other.stdout).toMatch(/replace datastore "kf-t": type kafka-3.5 → postgresql-16/);
    // Export writes the type as engine-version.
    const exported = join(dir, 'export-types.yaml');
    expect((await run(['export', '--product', 'dbaas', '--host', sandbox.url, '-o', exported])).exitCode).toBe(0);
    expect(readFileSync(exported, 'utf8')).toMatch(/name: pg-t\n\s+type: postgresql-16\n/);
  });

  it('exports what exists as a file that plans as unchanged', async () => {
    await run(['apply', '-f', file(base('pg-c')), '--yes']);
    const exported = join(dir, 'export.yaml');
    await sandbox.clearRequests();
    const r = await run(['export', '--product', 'dbaas', '--host', sandbox.url, '-o', exported]);
    expect(r.exitCode, r.stderr).toBe(0);
    // Each kind lists its objects and what names their IDs (datastores; users, databases), nothing more.
    const listings: Record<string, number> = {};
    for (const q of await sandbox.requests()) if (q.method === 'GET' && !/[0-9a-f]{8}-/.test(q.path)) listings[q.path] = (listings[q.path] ?? 0) + 1;
    expect(listings).toEqual({ '/v1/datastore-types': 1, '/v1/datastores': 6, '/v1/users': 4, '/v1/databases': 2, '/v1/grants': 1, '/v1/acls': 1, '/v1/topics': 1 });
    const plan = await run(['plan', '-f', exported]);
    expect(plan.exitCode, plan.stdout).toBe(0);
    expect(plan.stdout).toMatch(/No changes/);
  });

  it('refuses what the command line refuses before anything is sent: a subnet that is not an ID, a firewall entry that is not an address, an ACL that allows nothing', async () => {
    const datastores = `    datastores:
      - {name: pg-sub, type: postgresql-16, vcpus: 2, ram: 4096, disk: 32, subnet: my-subnet}
      - {name: pg-fw, type: postgresql-16, vcpus: 2, ram: 4096, disk: 32, subnet: ${SUBNET}, firewall: [10.0.0.0/8, not-an-ip]}
`;
    await sandbox.clearRequests();
    const sent = await run(['apply', '-f', file(datastores), '--yes']);
    expect(sent.exitCode, sent.stderr).toBe(2);
    expect(sent.stderr).toMatch(/subnet[^\n]*my-subnet[^\n]*(ID|UUID)/);
    expect(sent.stderr).toMatch(/"not-an-ip" is not an IP address or CIDR block/);
    expect(writes(await sandbox.requests())).toEqual([]);

    const kafka = `    datastores:
      - {name: kf-in, type: kafka-3.5, vcpus: 2, ram: 4096, disk: 64, subnet: ${SUBNET}}
    users:
      - {datastore: kf-in, name: ku, password: "\${APP_PW}"}
    acls:
      - {datastore: kf-in, user: ku, patternType: literal, pattern: events}
      - {datastore: kf-in, user: ku, patternType: all, read: false, write: false}
      - {datastore: kf-in, user: ku, patternType: prefixed, pattern: logs., read: false}
`;
    await sandbox.clearRequests();
    const r = await run(['apply', '-f', file(kafka), '--yes']);
    expect(r.exitCode, r.stderr).toBe(2);
    // Each ACL the file gives: neither flag, both false, and one false with the other left out.
    expect(r.stderr.match(/an ACL allows read, write or both/g)).toHaveLength(3);
    expect(writes(await sandbox.requests())).toEqual([]);
  });

  it('refuses at plan, with its place, a datastore whose type, configuration key or flavor the catalogs do not have; apply sends nothing', async () => {
    const f = file(`    datastores:
      - {name: pg-cat1, type: postgresql-99, vcpus: 2, ram: 4096, disk: 32, subnet: ${SUBNET}}
      - {name: pg-cat2, type: postgresql-16, vcpus: 2, ram: 4096, disk: 32, subnet: ${SUBNET}, config: {no_such_key: 1}}
      - {name: pg-cat3, type: postgresql-16, vcpus: 3, ram: 4097, disk: 32, subnet: ${SUBNET}}
      - {name: pg-cat4, type: postgresql-16, vcpus: 2, ram: 4096, disk: 32, subnet: ${SUBNET}}
`);
    for (const verb of [['plan'], ['apply', '--yes']]) {
      await sandbox.clearRequests();
      const r = await run([...verb, '-f', f]);
      expect(r.exitCode, r.stderr).toBe(2);
      expect(r.stdout).toBe('');
      const lines = r.stderr.trim().split('\n');
      expect(lines[0]).toMatch(/:6:9: targets\.sel\.datastores\[0\]: datastore "pg-cat1" is to be created: no datastore type "postgresql-99"; types: .*postgresql-16/);
      expect(lines[1]).toMatch(/:7:9: targets\.sel\.datastores\[1\]: datastore "pg-cat2" is to be created: "no_such_key" is not a configuration parameter of this datastore type/);
      expect(lines[2]).toMatch(/:8:9: targets\.sel\.datastores\[2\]: datastore "pg-cat3" is to be created: no flavor with 3 vCPU, 4097 MB RAM and 32 GB disk/);
      expect(lines.at(-1)).toBe('3 problems; the servers were only read; nothing was changed');
      // The well-formed fourth is not created either: the file is refused as a whole.
      expect(writes(await sandbox.requests())).toEqual([]);
    }
  });

  it('says the servers were read when an object the file leaves incomplete turns out to be new', async () => {
    // Only a datastore that does not exist needs its flavor and subnet: that is known once the listing is in.
    await sandbox.clearRequests();
    const r = await run(['plan', '-f', file('    datastores:\n      - {name: pg-new, type: postgresql-16}\n')]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/datastore "pg-new" does not exist yet, and creating it needs vcpus/);
    expect(r.stderr.split('\n').at(-1)).toBe('4 problems; the servers were only read; nothing was changed');
    expect(r.stderr).not.toMatch(/nothing was sent/);
    expect(writes(await sandbox.requests())).toEqual([]);
  });
});

describe('apply on dbaas, on a terminal', () => {
  it.skipIf(!existsSync('/usr/bin/script'))('the status line is there from the start and its clock moves while a step takes seconds', async () => {
    const slow = await startSandbox(['--dbaas-delay', '2500ms']);
    try {
      const path = join(dir, 'slow.yaml');
      writeFileSync(path, `targets:\n  sel:\n    product: dbaas\n    host: ${slow.url}\n    datastores:\n      - {name: pg-slow, type: postgresql-16, vcpus: 2, ram: 4096, disk: 32, subnet: ${SUBNET}}\n`);
      const command = ['node', BIN, '--no-color', '--token', TOKEN, 'apply', '-f', path, '--yes'].map((a) => `'${a}'`).join(' ');
      const r = await execa('script', ['-qec', command, '/dev/null'], { reject: false, env: cleanEnv(), extendEnv: false, timeout: 30_000 });
      expect(r.exitCode, r.stdout).toBe(0);
      // Before the datastore is ACTIVE (2.5 s): drawn at once, then again a second or so in.
      expect(r.stdout).toMatch(/\r\u001b\[Kapplying: 0\/1 done, 0\.\ds/);
      expect(r.stdout).toMatch(/\r\u001b\[Kapplying: 0\/1 done, [12]\.\ds/);
      expect(r.stdout).toMatch(/\r\u001b\[Kapplying: 1\/1 done/);
    } finally {
      await slow.stop();
    }
  }, 40_000);
});
