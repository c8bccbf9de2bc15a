// Datastores on Selectel Managed Databases: every datastore verb against the sandbox, what the server
// received (IDs, envelopes), the output in table and JSON, and how the server is picked (--region, --host).

import { beforeAll, describe, expect, it } from 'vitest';
import { cleanEnv, cli, DBAAS_TOKEN, fromCli, parseJson, uniqueName, useDbaasSandbox, SUBNET, type Dbaas, type DbaasObject, type SandboxHandle } from './harness.js';

const PG16 = 'fc58210d-40f4-5bcf-ac9c-75507eaa7d32';
const KAFKA = '7a78d4e4-9ee7-5c15-984a-3702936f1517';

let sandbox: SandboxHandle;
let d: Dbaas;
useDbaasSandbox(['--dbaas-delay', '200ms'], (s, dbaas) => {
  [sandbox, d] = [s, dbaas];
});

const unique = (base: string) => uniqueName(base, '-');

interface Datastore extends DbaasObject {
  name: string;
  type_id: string;
  flavor_id: string;
  node_count: number;
  flavor: { vcpus: number; ram: number; disk: number };
  firewall: Array<{ ip: string }>;
  pooler: { mode: string; size: number } | null;
  config: Record<string, unknown>;
  backup_retention_days: number;
}

describe('datastore create', () => {
  it('resolves the type by name and the flavor by size, sends their IDs, and waits for ACTIVE', async () => {
    const name = unique('pg');
    const r = await d.run('datastore', 'create', name, '--type', 'postgresql-16', '--vcpus', '2', '--ram', '8192', '--disk', '64', '--nodes', '2', '--subnet', SUBNET, '--wait', '--json');
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toContain(`created datastore "${name}" (ACTIVE)`);
    const shown = parseJson<Datastore>(r.stdout);
    expect(shown).toMatchObject({ name, status: 'ACTIVE', type_id: PG16, node_count: 2, flavor: { vcpus: 2, ram: 8192, disk: 64 } });

    const sent = fromCli(await sandbox.requests());
    const posts = sent.filter((q) => q.method === 'POST');
    expect(posts).toHaveLength(1);
    const { datastore } = posts[0]!.body as { datastore: Record<string, unknown> };
    expect(datastore).toEqual({ name, type_id: PG16, subnet_id: SUBNET, node_count: 2, flavor_id: shown.flavor_id });
    expect(posts[0]!.headers['x-auth-token']).toBe(DBAAS_TOKEN);
    // It polled the datastore until it was ACTIVE.
    expect(sent.some((q) => q.method === 'GET' && q.path === `/v1/datastores/${shown.id}`)).toBe(true);
  });

  it('answers at once with --no-wait, showing PENDING_CREATE, and in a table names the type', async () => {
    const name = unique('pgnw');
    const r = await d.run('datastore', 'create', name, '--type', PG16, '--flavor', 'PRC10.2-4096-32', '--subnet', SUBNET, '--no-wait');
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toContain(`created datastore "${name}" (PENDING_CREATE)`);
    expect(r.stdout).toMatch(new RegExp(`NAME\\s+${name}`));
    expect(r.stdout).toMatch(/STATUS\s+PENDING_CREATE/);
    expect(r.stdout).toMatch(/TYPE\s+postgresql-16/);
    expect(r.stdout).toMatch(/FLAVOR\s+2 vCPU \/ 4096 MB \/ 32 GB/);
    expect(fromCli(await sandbox.requests()).filter((q) => q.method === 'GET' && /^\/v1\/datastores\/[0-9a-f-]{36}$/.test(q.path))).toEqual([]);
  });

  it('types configuration values by the parameter catalog and sends pooler and backup settings', async () => {
    const name = unique('pgcfg');
    const r = await d.run('datastore', 'create', name, '--type', 'postgresql-16', '--flavor', 'PRC10.2-4096-32', '--subnet', SUBNET,
      '--config', 'max_connections=200', '--config', 'autovacuum=false', '--config', 'autovacuum_vacuum_scale_factor=0.5',
      '--pooler-mode', 'transaction', '--pooler-size', '50', '--backup-retention-days', '14', '--no-wait', '--json');
    expect(r.exitCode).toBe(0);
    const post = fromCli(await sandbox.requests()).find((q) => q.method === 'POST')!;
    expect((post.body as { datastore: unknown }).datastore).toMatchObject({
      config: { max_connections: 200, autovacuum: false, autovacuum_vacuum_scale_factor: 0.5 },
      pooler: { mode: 'transaction', size: 50 },
      backup_retention_days: 14,
    });
    expect(parseJson<Datastore>(r.stdout)).toMatchObject({ config: { max_connections: 200, autovacuum: false }, pooler: { mode: 'transaction', size: 50 }, backup_retention_days: 14 });
  });

  it('refuses a value outside the parameter range, an unknown parameter and a flavor not offered, sending nothing', async () => {
    const base = ['datastore', 'create', unique('pgbad'), '--subnet', SUBNET, '--no-wait'];
    const range = await d.run(...base, '--type', 'postgresql-16', '--flavor', 'PRC10.2-4096-32', '--config', 'max_connections=5');
    expect(range.exitCode).toBe(2);
    expect(range.stderr).toBe('error: max_connections must be at least 10, not 5');
    const unknown = await d.run(...base, '--type', 'postgresql-16', '--flavor', 'PRC10.2-4096-32', '--config', 'no_such=1');
    expect(unknown.exitCode).toBe(2);
    expect(unknown.stderr).toContain('"no_such" is not a configuration parameter of this datastore type');
    const size = await d.run(...base, '--type', 'kafka-3.5', '--vcpus', '2', '--ram', '4096', '--disk', '32');
    expect(size.exitCode).toBe(2);
    expect(size.stderr).toContain('no flavor with 2 vCPU, 4096 MB RAM and 32 GB disk for this datastore type');
    const type = await d.run(...base, '--type', 'postgresql-99', '--flavor', 'PRC10.2-4096-32');
    expect(type.exitCode).toBe(2);
    expect(type.stderr).toContain('no datastore type "postgresql-99"');
    expect(fromCli(await sandbox.requests()).filter((q) => q.method !== 'GET')).toEqual([]);
  });

  it('refuses what the engine does not have before anything is sent: a pooler off PostgreSQL, a password off Redis', async () => {
    const kafka = await d.datastore(unique('kfeng'), 'kafka-3.5');
    const pg = await d.datastore(unique('pgeng'));
    await sandbox.clearRequests();
    const create = await d.run('datastore', 'create', unique('mybad'), '--type', 'mysql-8', '--flavor', 'PRC10.2-4096-32', '--subnet', SUBNET, '--pooler-mode', 'session', '--no-wait');
    expect(create.exitCode, create.stderr).toBe(2);
    expect(create.stderr).toBe('error: the datastore type mysql-8 has no connection pooler; only PostgreSQL has one');
    const pooler = await d.run('datastore', 'pooler', kafka.name!, '--mode', 'transaction');
    expect(pooler.exitCode, pooler.stderr).toBe(2);
    expect(pooler.stderr).toBe(`error: datastore "${kafka.name}" is kafka-3.5, which has no connection pooler; only PostgreSQL has one`);
    const password = await d.runWith({ input: 'Redis-Pass-1\n' }, 'datastore', 'password', pg.name!, '--password-stdin');
    expect(password.exitCode, password.stderr).toBe(2);
    expect(password.stderr).toBe(`error: datastore "${pg.name}" is postgresql-16, not Redis; only a Redis datastore has a password`);
    expect(fromCli(await sandbox.requests()).filter((q) => q.method !== 'GET')).toEqual([]);
  });

  it('refuses a subnet that is not an ID before asking the server anything', async () => {
    await sandbox.clearRequests();
    const r = await d.run('datastore', 'create', unique('pgsub'), '--subnet', 'notauuid', '--type', 'postgresql-16', '--flavor', 'PRC10.2-4096-32', '--no-wait');
    expect(r.exitCode).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe("error: --subnet notauuid: give the subnet's ID (a UUID)");
    expect(fromCli(await sandbox.requests())).toEqual([]);
  });
});

describe('datastore list and get', () => {
  let kafka: DbaasObject;
  beforeAll(async () => {
    kafka = await d.datastore(unique('kafka'), 'kafka-3.5');
  });

  it('lists as a table and as a JSON array of the API objects, with the filters sent as the API has them', async () => {
    const table = await d.run('datastore', 'list');
    expect(table.exitCode).toBe(0);
    expect(table.stdout).toMatch(/NAME\s+STATUS\s+TYPE\s+NODES\s+FLAVOR\s+HOST\s+ID/);
    expect(table.stdout).toMatch(new RegExp(`${kafka.name}\\s+ACTIVE\\s+kafka-3.5`));

    await sandbox.clearRequests();
    // The status as typed in lower case is the API's upper-case one.
    const json = await d.run('datastore', 'list', '--type', 'kafka-3.5', '--status', 'active', '--name', kafka.name!, '--json');
    expect(json.exitCode).toBe(0);
    const items = parseJson<Datastore[]>(json.stdout);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ id: kafka.id, name: kafka.name, type_id: KAFKA, status: 'ACTIVE', project_id: expect.any(String), instances: expect.any(Array), connection: expect.any(Object) });
    const list = fromCli(await sandbox.requests()).find((q) => q.path === '/v1/datastores')!;
    expect(list.query).toEqual({ name: kafka.name, status: 'ACTIVE', type_id: KAFKA });
  });

  it('prints [] for an empty list and exits 0 (a table says so on stderr)', async () => {
    const json = await d.run('datastore', 'list', '--name', 'nothing-by-this-name', '--json');
    expect(json.exitCode).toBe(0);
    expect(json.stdout.trim()).toBe('[]');
    const table = await d.run('datastore', 'list', '--status', 'DISK_FULL');
    expect(table.exitCode).toBe(0);
    expect(table.stdout).toBe('');
    expect(table.stderr).toMatch(/no datastores/);
  });

  it('gets one by name and by ID, as the API object', async () => {
    const byName = await d.run('datastore', 'get', kafka.name!, '--json');
    expect(byName.exitCode).toBe(0);
    const shown = parseJson<Datastore>(byName.stdout);
    expect(shown).toMatchObject({ id: kafka.id, name: kafka.name, type_id: KAFKA, pooler: null });
    const byId = await d.run('datastore', 'get', kafka.id);
    expect(byId.exitCode).toBe(0);
    expect(byId.stdout).toMatch(new RegExp(`NAME\\s+${kafka.name}`));
    expect(byId.stdout).toMatch(/TYPE\s+kafka-3.5/);
    // By ID it is read directly, not searched for.
    expect(fromCli(await sandbox.requests()).filter((q) => q.path === `/v1/datastores/${kafka.id}`)).toHaveLength(1);
  });
});

describe('datastore changes', () => {
  let pg: DbaasObject;
  beforeAll(async () => {
    pg = await d.datastore(unique('pgchg'));
  });

  it('renames (PUT with the new name), then is found by the new name only', async () => {
    const newName = unique('pgren');
    const r = await d.run('datastore', 'rename', pg.name!, newName, '--wait', '--json');
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toContain(`renamed datastore "${pg.name}" to "${newName}"`);
    expect(parseJson<Datastore>(r.stdout)).toMatchObject({ id: pg.id, name: newName, status: 'ACTIVE' });
    const put = fromCli(await sandbox.requests()).find((q) => q.method === 'PUT')!;
    expect(put).toMatchObject({ path: `/v1/datastores/${pg.id}`, body: { datastore: { name: newName } } });
    expect((await d.run('datastore', 'get', pg.name!)).exitCode).toBe(3);
    pg.name = newName;
  });

  it('resizes by nodes, by flavor size and by disk, waiting through RESIZING', async () => {
    const nodes = await d.run('datastore', 'resize', pg.name!, '--nodes', '3', '--wait', '--json');
    expect(nodes.exitCode).toBe(0);
    expect(parseJson<Datastore>(nodes.stdout)).toMatchObject({ node_count: 3, status: 'ACTIVE' });
    const flavor = await d.run('datastore', 'resize', pg.id, '--vcpus', '4', '--ram', '16384', '--disk', '128', '--wait', '--json');
    expect(flavor.exitCode).toBe(0);
    expect(parseJson<Datastore>(flavor.stdout)).toMatchObject({ flavor: { vcpus: 4, ram: 16384, disk: 128 }, status: 'ACTIVE' });
    const disk = await d.run('datastore', 'resize', pg.name!, '--disk-size', '200', '--no-wait', '--json');
    expect(disk.exitCode).toBe(0);
    expect(parseJson<Datastore>(disk.stdout).status).toBe('RESIZING');
    const posts = fromCli(await sandbox.requests()).filter((q) => q.method === 'POST');
    expect(posts.map((q) => [q.path, q.body])).toEqual([
      [`/v1/datastores/${pg.id}/resize`, { resize: { node_count: 3 } }],
      [`/v1/datastores/${pg.id}/resize`, { resize: { flavor_id: '94f99d03-d88c-5dcf-954b-162a1af8723f' } }],
      [`/v1/datastores/${pg.id}/resize`, { resize: { disk: { size: 200 } } }],
    ]);
    await d.until('datastores', pg.id, 'ACTIVE');
  });

  it('changes the configuration: values typed, a reset sent as null', async () => {
    const set = await d.run('datastore', 'config', pg.name!, '--set', 'max_connections=300', '--set', 'default_transaction_isolation=serializable', '--wait', '--json');
    expect(set.exitCode).toBe(0);
    expect(set.stderr).toContain(`changed the configuration of datastore "${pg.name}"`);
    expect(parseJson<Datastore>(set.stdout).config).toMatchObject({ max_connections: 300, default_transaction_isolation: 'serializable' });
    const reset = await d.run('datastore', 'config', pg.name!, '--reset', 'max_connections', '--wait', '--json');
    expect(reset.exitCode).toBe(0);
    expect(parseJson<Datastore>(reset.stdout).config).not.toHaveProperty('max_connections');
    const puts = fromCli(await sandbox.requests()).filter((q) => q.method === 'PUT');
    expect(puts.map((q) => [q.path, q.body])).toEqual([
      [`/v1/datastores/${pg.id}/config`, { config: { max_connections: 300, default_transaction_isolation: 'serializable' } }],
      [`/v1/datastores/${pg.id}/config`, { config: { max_connections: null } }],
    ]);
    const unchangeable = await d.run('datastore', 'config', pg.name!, '--set', 'shared_buffers=128');
    expect(unchangeable.exitCode).toBe(2);
    expect(unchangeable.stderr).toContain('"shared_buffers" cannot be changed');
    // A malformed pair is named by the flag it came with.
    const malformed = await d.run('datastore', 'config', pg.name!, '--set', 'max_connections');
    expect(malformed.exitCode).toBe(2);
    expect(malformed.stderr).toBe('error: --set "max_connections" must be KEY=VALUE, e.g. max_connections=200');
  });

  it('reads the parameter catalog once for a change that sets one value and resets another', async () => {
    const r = await d.run('datastore', 'config', pg.name!, '--set', 'max_connections=250', '--reset', 'default_transaction_isolation', '--no-wait');
    expect(r.exitCode).toBe(0);
    expect(fromCli(await sandbox.requests()).filter((q) => q.path === '/v1/configuration-parameters').map((q) => q.query)).toEqual([{ datastore_type_id: pg.type_id }]);
    await d.until('datastores', pg.id, 'ACTIVE');
  });

  it('sets the firewall as a whole list, then changes it by --add and --remove against the current list', async () => {
    const whole = await d.run('datastore', 'firewall', pg.name!, '--ip', '10.0.0.0/24', '--ip', '192.0.2.10', '--wait', '--json');
    expect(whole.exitCode).toBe(0);
    expect(parseJson<Datastore>(whole.stdout).firewall).toEqual([{ ip: '10.0.0.0/24' }, { ip: '192.0.2.10' }]);
    const changed = await d.run('datastore', 'firewall', pg.name!, '--add', '198.51.100.7', '--remove', '192.0.2.10', '--wait', '--json');
    expect(changed.exitCode).toBe(0);
    expect(parseJson<Datastore>(changed.stdout).firewall).toEqual([{ ip: '10.0.0.0/24' }, { ip: '198.51.100.7' }]);
    const cleared = await d.run('datastore', 'firewall', pg.name!, '--clear', '--wait', '--json');
    expect(cleared.exitCode).toBe(0);
    expect(parseJson<Datastore>(cleared.stdout).firewall).toEqual([]);
    const puts = fromCli(await sandbox.requests()).filter((q) => q.method === 'PUT').map((q) => q.body);
    expect(puts).toEqual([{ firewall: { ips: ['10.0.0.0/24', '192.0.2.10'] } }, { firewall: { ips: ['10.0.0.0/24', '198.51.100.7'] } }, { firewall: { ips: [] } }]);
    const bad = await d.run('datastore', 'firewall', pg.name!, '--ip', '300.1.1.1');
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toContain('"300.1.1.1" is not an IP address or CIDR block');
  });

  it('sets the pooler and the backup retention', async () => {
    const pooler = await d.run('datastore', 'pooler', pg.name!, '--mode', 'statement', '--size', '40', '--wait', '--json');
    expect(pooler.exitCode).toBe(0);
    expect(parseJson<Datastore>(pooler.stdout).pooler).toEqual({ mode: 'statement', size: 40 });
    const backups = await d.run('datastore', 'backups', pg.name!, '--retention-days', '21', '--wait', '--json');
    expect(backups.exitCode).toBe(0);
    expect(backups.stderr).toContain(`backups of datastore "${pg.name}" are kept 21 days`);
    expect(parseJson<Datastore>(backups.stdout).backup_retention_days).toBe(21);
    const puts = fromCli(await sandbox.requests()).filter((q) => q.method === 'PUT');
    expect(puts.map((q) => [q.path, q.body])).toEqual([
      [`/v1/datastores/${pg.id}/pooler`, { pooler: { mode: 'statement', size: 40 } }],
      [`/v1/datastores/${pg.id}/backups`, { backups: { backup_retention_days: 21 } }],
    ]);
    const mode = await d.run('datastore', 'pooler', pg.name!, '--mode', 'eager');
    expect(mode.exitCode).toBe(2);
    expect(mode.stderr).toContain('the pooler mode must be session, transaction, statement, not "eager"');
  });

  it('waits for a datastore with `datastore wait`, printing it when ACTIVE', async () => {
    await d.api('PUT', `/v1/datastores/${pg.id}/backups`, { backups: { backup_retention_days: 7 } });
    const r = await d.run('datastore', 'wait', pg.name!, '--json');
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toContain(`datastore "${pg.name}" is ACTIVE`);
    expect(parseJson<Datastore>(r.stdout)).toMatchObject({ id: pg.id, status: 'ACTIVE', backup_retention_days: 7 });
  });
});

describe('datastore delete', () => {
  it('deletes with --wait until the datastore is gone (404), printing the outcome as JSON', async () => {
    const pg = await d.datastore(unique('pgdel'));
    const r = await d.run('datastore', 'delete', pg.name!, '--yes', '--wait', '--json');
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toContain(`deleted datastore "${pg.name}"`);
    expect(parseJson(r.stdout)).toEqual([{ name: pg.name, deleted: true }]);
    const sent = fromCli(await sandbox.requests());
    expect(sent.filter((q) => q.method === 'DELETE').map((q) => q.path)).toEqual([`/v1/datastores/${pg.id}`]);
    expect(sent.at(-1)).toMatchObject({ method: 'GET', path: `/v1/datastores/${pg.id}`, status: 404 });
    expect((await d.run('datastore', 'get', pg.id)).exitCode).toBe(3);
  });

  it('without --wait returns while the datastore is still PENDING_DELETE; without --yes and no terminal it refuses', async () => {
    const pg = await d.datastore(unique('pgdel'));
    const refused = await d.run('datastore', 'rm', pg.name!);
    expect(refused.exitCode).toBe(2);
    expect(fromCli(await sandbox.requests()).filter((q) => q.method === 'DELETE')).toEqual([]);
    // Held, so that the delete is still running when it is looked at.
    await d.control('PUT', 'hold', { hold: true });
    try {
      const r = await d.run('datastore', 'rm', pg.name!, '--yes', '--no-wait');
      expect(r.exitCode).toBe(0);
      const after = await d.run('datastore', 'get', pg.id, '--json');
      expect(parseJson<Datastore>(after.stdout).status).toBe('PENDING_DELETE');
    } finally {
      await d.control('PUT', 'hold', { hold: false });
    }
    await d.until('datastores', pg.id, 'GONE');
  });
});

describe('which server: --region and --host', () => {
  it('--region picks https://REGION.dbaas.selcloud.ru and appends /v1', async () => {
    const r = await cli(['--product', 'dbaas', '--region', 'ru-7', '--token', DBAAS_TOKEN, '--timeout', '1s', '--debug', 'datastore-types', 'list']);
    // The request cannot succeed here (no network, or a token the service refuses); the URL is what counts.
    expect(r.exitCode).not.toBe(0);
    expect(r.stderr).toContain('host https://ru-7.dbaas.selcloud.ru (region ru-7)');
    expect(r.stderr).toContain('→ GET https://ru-7.dbaas.selcloud.ru/v1/datastore-types');
    expect(r.stderr).not.toContain(DBAAS_TOKEN);
  });

  it('a profile keeps the region', async () => {
    const env = cleanEnv();
    expect((await cli(['profile', 'create', 'sel', '--product', 'dbaas', '--region', 'kz-1'], { env })).exitCode).toBe(0);
    const r = await cli(['--token', DBAAS_TOKEN, '--timeout', '1s', '--debug', 'datastore', 'list'], { env });
    expect(r.stderr).toContain('→ GET https://kz-1.dbaas.selcloud.ru/v1/datastores');
  });

  it('an unknown region is exit 2, naming the regions', async () => {
    const r = await cli(['--product', 'dbaas', '--region', 'ru-5', '--token', DBAAS_TOKEN, '--debug', 'datastore', 'list']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('unknown region "ru-5" (from --region); regions: ru-1, ru-2, ru-3, ru-7, ru-8, ru-9, uz-1, kz-1');
    expect(r.stderr).not.toContain('→ GET');
  });

  it('--host overrides --region, and a path prefix in --host is kept before /v1', async () => {
    const over = await cli(['--product', 'dbaas', '--region', 'ru-7', '--host', sandbox.url, '--token', DBAAS_TOKEN, 'datastore-types', 'list', '--json']);
    expect(over.exitCode).toBe(0);
    expect(parseJson<unknown[]>(over.stdout)).toHaveLength(7);
    const prefixed = await cli(['--product', 'dbaas', '--host', `${sandbox.url}/dbaas-proxy/`, '--token', DBAAS_TOKEN, 'datastore-types', 'list']);
    // The sandbox serves nothing under the prefix: what matters is where the request went.
    expect(prefixed.exitCode).toBe(3);
    expect(fromCli(await sandbox.requests()).map((q) => q.path)).toEqual(['/v1/datastore-types', '/dbaas-proxy/v1/datastore-types']);
  });
});
