// Waiting on the DBaaS API's asynchronous work: --wait to the final status, ERROR and DEGRADED (through
// the sandbox's outcome control), --wait-timeout (through its hold control), deletes waited for until 404,
// and child operations on a datastore that is not ACTIVE: waited for with --wait, refused before sending
// without it.

import { execa } from 'execa';
import { existsSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { BIN, cleanEnv, DBAAS_TOKEN, fromCli, parseJson, spawnCli, uniqueName, useDbaasSandbox, SUBNET, type Dbaas, type DbaasObject, type SandboxHandle } from './harness.js';

let sandbox: SandboxHandle;
let d: Dbaas;
let pg: DbaasObject;
let kafka: DbaasObject;
const unique = (base: string) => uniqueName(base);
const dsName = (base: string) => unique(base).replace(/_/g, '-');

useDbaasSandbox(['--dbaas-delay', '300ms'], async (s, dbaas) => {
  [sandbox, d] = [s, dbaas];
  [pg, kafka] = await Promise.all([d.datastore(dsName('pg')), d.datastore(dsName('kafka'), 'kafka-3.5')]);
});
afterEach(async () => {
  await d.control('PUT', 'hold', { hold: false });
  await d.control('DELETE', 'outcomes');
});

const sent = async () => fromCli(await sandbox.requests());
const user = (datastore: DbaasObject, name = unique('u')) => d.child('users', 'user', { datastore_id: datastore.id, name, password: 'Setup-Password-1' });

describe('--wait to the end', () => {
  it('polls the object until ACTIVE and prints it in its final status; stderr has no status line without a terminal', async () => {
    const name = unique('db');
    const r = await d.run('database', 'create', name, '--datastore', pg.name!, '--wait', '--json');
    expect(r.exitCode).toBe(0);
    const db = parseJson<DbaasObject>(r.stdout);
    expect(db.status).toBe('ACTIVE');
    expect(r.stderr).toBe(`created database "${name}"`);
    const polls = (await sent()).filter((q) => q.path === `/v1/databases/${db.id}`);
    expect(polls.length).toBeGreaterThanOrEqual(1);
    expect(polls.every((q) => q.method === 'GET' && q.status === 200)).toBe(true);
  });

  it('does not wait by default without a terminal: the answer is the PENDING_CREATE object and nothing is polled', async () => {
    const r = await d.run('database', 'create', unique('db'), '--datastore', pg.name!, '--json');
    expect(r.exitCode).toBe(0);
    const db = parseJson<DbaasObject>(r.stdout);
    expect(db.status).toBe('PENDING_CREATE');
    expect((await sent()).filter((q) => q.path === `/v1/databases/${db.id}`)).toEqual([]);
  });

  it('a --wait-timeout that is not a duration is exit 2 and nothing is sent', async () => {
    const r = await d.run('database', 'create', unique('db'), '--datastore', pg.name!, '--wait', '--wait-timeout', 'soon');
    expect(r.exitCode).toBe(2);
    expect(await sent()).toEqual([]);
  });

  it('deletes wait until the object is a 404', async () => {
    const db = await d.child('databases', 'database', { datastore_id: pg.id, name: unique('gone') });
    const r = await d.run('database', 'delete', db.name!, '--datastore', pg.name!, '--yes', '--wait');
    expect(r.exitCode).toBe(0);
    const after = (await sent()).filter((q) => q.path === `/v1/databases/${db.id}`);
    expect(after[0]).toMatchObject({ method: 'DELETE', status: 204 });
    // Read (200, PENDING_DELETE) as often as it took, then gone.
    expect(after.length).toBeGreaterThanOrEqual(2);
    expect(after.slice(1).map((q) => q.status)).toEqual([...Array(after.length - 2).fill(200), 404]);
  });
});

describe('an object already being deleted (PENDING_DELETE)', () => {
  it('is not sent a second DELETE: it counts as deleted, and --wait waits until it is gone', async () => {
    const [ds, db] = await Promise.all([d.datastore(dsName('twice')), d.child('databases', 'database', { datastore_id: pg.id, name: unique('twice') })]);
    // Held, the earlier deletes stay PENDING_DELETE until the test lets them finish.
    await d.control('PUT', 'hold', { hold: true });
    await Promise.all([d.api('DELETE', `/v1/datastores/${ds.id}`), d.api('DELETE', `/v1/databases/${db.id}`)]);

    const noWait = await d.run('database', 'delete', db.name!, '--datastore', pg.name!, '--yes', '--json', '--no-wait');
    expect(noWait.exitCode, noWait.stderr).toBe(0);
    expect(parseJson(noWait.stdout)).toEqual([{ name: db.name, deleted: true }]);
    expect(noWait.stderr).toContain(`database "${db.name}" in datastore "${pg.name}" is already being deleted`);

    const waiting = d.run('datastore', 'delete', ds.name!, '--yes', '--json', '--wait');
    // Let the deletes finish only once the CLI has found the datastore pending and is polling it.
    for (let i = 0; i < 200 && !(await sent()).some((q) => q.path === `/v1/datastores/${ds.id}`); i++) await new Promise((r) => setTimeout(r, 25));
    await d.control('PUT', 'hold', { hold: false });
    const r = await waiting;
    expect(r.exitCode, r.stderr).toBe(0);
    expect(parseJson(r.stdout)).toEqual([{ name: ds.name, deleted: true }]);
    expect((await sent()).filter((q) => q.method !== 'GET')).toEqual([]);
    expect((await sent()).filter((q) => q.path === `/v1/datastores/${ds.id}`).at(-1)).toMatchObject({ method: 'GET', status: 404 });
  });
});

describe('--if-not-exists on an object still being made', () => {
  it('with --wait, waits for it to be ACTIVE before saying it exists (exit 0, nothing created); without, answers at once', async () => {
    const name = unique('again');
    // Held, a create made through the API (a first run that did not wait) stays PENDING_CREATE.
    await d.control('PUT', 'hold', { hold: true });
    const made = (await d.api<Record<string, DbaasObject>>('POST', '/v1/databases', { database: { datastore_id: pg.id, name } })).database!;
    expect(made.status).toBe('PENDING_CREATE');

    const at = await d.run('database', 'create', name, '--datastore', pg.name!, '--if-not-exists', '--json');
    expect(at.exitCode, at.stderr).toBe(0);
    expect(parseJson(at.stdout)).toEqual({ name, created: false, exists: true });
    expect((await sent()).filter((q) => q.path === `/v1/databases/${made.id}`)).toEqual([]);

    const waiting = d.run('database', 'create', name, '--datastore', pg.name!, '--if-not-exists', '--wait', '--json');
    // Let the create finish only once the CLI is polling it.
    for (let i = 0; i < 200 && !(await sent()).some((q) => q.path === `/v1/databases/${made.id}`); i++) await new Promise((r) => setTimeout(r, 25));
    await d.control('PUT', 'hold', { hold: false });
    const r = await waiting;
    expect(r.exitCode, r.stderr).toBe(0);
    expect(parseJson(r.stdout)).toEqual({ name, created: false, exists: true });
    expect((await sent()).filter((q) => q.method !== 'GET')).toEqual([]);
    const polls = (await sent()).filter((q) => q.path === `/v1/databases/${made.id}`);
    expect(polls.length).toBeGreaterThanOrEqual(1);
    expect(polls.every((q) => q.method === 'GET' && q.status === 200)).toBe(true);
  });
});

// `script` gives the command a terminal, where waiting is the default and a status line is drawn.
const hasScript = existsSync('/usr/bin/script');

describe('on a terminal', () => {
  const run = (extra: string[], env: Record<string, string> = cleanEnv()) => {
    const command = ['node', BIN, '--no-color', '--product', 'dbaas', '--host', sandbox.url, '--token', DBAAS_TOKEN, ...extra].map((a) => `'${a}'`).join(' ');
    return execa('script', ['-qec', command, '/dev/null'], { reject: false, env, extendEnv: false, timeout: 20_000 });
  };

  it.skipIf(!hasScript)('waits by default and draws a status line with the elapsed time on stderr, cleared at the end; --quiet draws none', async () => {
    const name = unique('tty');
    const shown = await run(['database', 'create', name, '--datastore', pg.name!]);
    expect(shown.exitCode).toBe(0);
    // Its first reading may already be ACTIVE on a slow machine.
    expect(shown.stdout).toMatch(new RegExp(`\\r\\u001b\\[Kdatabase "${name}" in datastore "${pg.name}": (PENDING_CREATE|ACTIVE) \\(\\d+s\\)`));
    expect(shown.stdout).toMatch(/STATUS\s+ACTIVE/);
    const quiet = await run(['database', 'create', unique('tty'), '--datastore', pg.name!, '--quiet']);
    expect(quiet.exitCode).toBe(0);
    expect(quiet.stdout).not.toContain('PENDING_CREATE');
    expect(quiet.stdout).toMatch(/STATUS\s+ACTIVE/);
  });

  it.skipIf(!hasScript)('a multi-name delete: each result line starts at the left margin, the status line cleared before it', async () => {
    const [a, b] = await Promise.all([unique('ttydel'), unique('ttydel')].map((name) => d.child('databases', 'database', { datastore_id: pg.id, name })));
    const r = await run(['database', 'delete', a!.name!, b!.name!, '--datastore', pg.name!, '--yes']);
    expect(r.exitCode, r.stdout).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`database "${a!.name}" in datastore "${pg.name}": PENDING_DELETE \\(\\d+s\\)`));
    // Not `… PENDING_DELETE (1s)deleted database …`: a result line written after the status text.
    expect(r.stdout).not.toMatch(/\(\d+s\)deleted/);
    for (const db of [a!, b!]) expect(r.stdout).toMatch(new RegExp(`(^|\\n|\\r\\u001b\\[K)deleted database "${db.name}"`));
  });

  it.skipIf(!hasScript)('the time on the line moves every second, also between polls that have grown seconds apart', async () => {
    // Held, the create stays PENDING_CREATE: polls at about 0, 0.5, 1.3, 2.4, 4.1 and 6.6 s, then the timeout.
    await d.control('PUT', 'hold', { hold: true });
    const r = await run(['database', 'create', unique('tick'), '--datastore', pg.name!, '--wait-timeout', '7s']);
    expect(r.exitCode, r.stdout).toBe(1);
    const shown = new Set([...r.stdout.matchAll(/PENDING_CREATE \((\d+)s\)/g)].map((m) => Number(m[1])));
    for (const second of [1, 2, 3, 4, 5, 6]) expect(shown, [...shown].join(' ')).toContain(second);
  }, 20_000);

  it.skipIf(!hasScript)('TERM=dumb (a terminal that takes no escape sequences, e.g. an editor\'s shell): it waits, but draws no status line', async () => {
    const r = await run(['database', 'create', unique('dumb'), '--datastore', pg.name!], { ...cleanEnv(), TERM: 'dumb' });
    expect(r.exitCode, r.stdout).toBe(0);
    expect(r.stdout).toMatch(/STATUS\s+ACTIVE/);
    expect(r.stdout).not.toContain('\u001b');
    expect(r.stdout).not.toMatch(/PENDING_CREATE \(\d+s\)/);
  });

  it.skipIf(!hasScript)('the status line is cut to the terminal width (a wrapped line cannot be redrawn in place), the elapsed time kept', async () => {
    const name = unique('a_rather_long_database_name_for_a_narrow_terminal');
    const r = await run(['database', 'create', name, '--datastore', pg.name!], { ...cleanEnv(), COLUMNS: '50' });
    expect(r.exitCode, r.stdout).toBe(0);
    const drawn = r.stdout.split('\r\u001b[K').filter((part) => part.startsWith('database "'));
    expect(drawn.length).toBeGreaterThan(0);
    for (const line of drawn) {
      expect(line.length, line).toBeLessThanOrEqual(49);
      expect(line).toMatch(/… \(\d+s\)$/);
    }
  });
});

describe('ERROR and DEGRADED', () => {
  it('a datastore that ends in ERROR is exit 1 naming the status; it was created once', async () => {
    await d.control('POST', 'outcomes', { status: 'ERROR', kind: 'datastore' });
    const name = dsName('pgerr');
    const r = await d.run('datastore', 'create', name, '--type', 'postgresql-16', '--flavor', 'PRC10.2-4096-32', '--subnet', SUBNET, '--wait');
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`^error: datastore "${name}" is ERROR\\n`));
    expect(r.stdout).toBe('');
    expect((await sent()).filter((q) => q.method === 'POST')).toHaveLength(1);
  });

  it('a user that ends DEGRADED is exit 1 naming the status', async () => {
    const name = unique('deg');
    await d.control('POST', 'outcomes', { status: 'DEGRADED', kind: 'user', name, operation: 'create' });
    const r = await d.runWith({ input: 'Pa55word\n' }, 'user', 'create', name, '--datastore', pg.name!, '--password-stdin', '--wait');
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain(`error: user "${name}" in datastore "${pg.name}" is DEGRADED`);
  });

  it('an update that ends in ERROR is exit 1 (a topic given more partitions)', async () => {
    const topic = await d.child('topics', 'topic', { datastore_id: kafka.id, name: unique('t'), partitions: 1 });
    await d.control('POST', 'outcomes', { status: 'ERROR', id: topic.id, operation: 'update' });
    const r = await d.run('topic', 'update', topic.name!, '--datastore', kafka.name!, '--partitions', '4', '--wait');
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain(`topic "${topic.name}" in datastore "${kafka.name}" is ERROR`);
  });

  it('a delete that ends in ERROR instead of going away is exit 1', async () => {
    const db = await d.child('databases', 'database', { datastore_id: pg.id, name: unique('stuck') });
    await d.control('POST', 'outcomes', { status: 'ERROR', id: db.id, operation: 'delete' });
    const r = await d.run('database', 'delete', db.name!, '--datastore', pg.name!, '--yes', '--wait');
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain(`database "${db.name}" in datastore "${pg.name}" is ERROR instead of going away`);
  });

  it('`datastore wait` on a datastore in ERROR fails at once with exit 1', async () => {
    const ds = await d.datastore(dsName('broken'));
    await d.control('PUT', `objects/${ds.id}`, { status: 'ERROR' });
    const r = await d.run('datastore', 'wait', ds.name!);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain(`datastore "${ds.name}" is ERROR`);
  });
});

describe('--wait-timeout', () => {
  it('a create still pending when the time is up: exit 1, "still PENDING_CREATE after 1s"', async () => {
    await d.control('PUT', 'hold', { hold: true });
    const name = dsName('slow');
    const r = await d.run('datastore', 'create', name, '--type', 'postgresql-16', '--flavor', 'PRC10.2-4096-32', '--subnet', SUBNET, '--wait', '--wait-timeout', '1s');
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toBe(`error: datastore "${name}" is still PENDING_CREATE after 1s\nit may still finish: check later with \`influxadm datastore get\`, or wait longer with --wait-timeout`);
  });

  it('an update that never ends: "still PENDING_UPDATE"; a delete: "still PENDING_DELETE"', async () => {
    const [ds, db] = await Promise.all([d.datastore(dsName('upd')), d.child('databases', 'database', { datastore_id: pg.id, name: unique('del') })]);
    await d.control('PUT', `objects/${ds.id}`, { status: 'PENDING_UPDATE' });
    const wait = await d.run('datastore', 'wait', ds.id, '--wait-timeout', '700ms');
    expect(wait.exitCode).toBe(1);
    expect(wait.stderr).toContain(`datastore "${ds.name}" is still PENDING_UPDATE after 700ms`);

    await d.control('PUT', 'hold', { hold: true });
    const del = await d.run('database', 'delete', db.name!, '--datastore', pg.name!, '--yes', '--wait', '--wait-timeout', '700ms');
    expect(del.exitCode).toBe(1);
    expect(del.stderr).toContain(`database "${db.name}" in datastore "${pg.name}" is still PENDING_DELETE after 700ms`);
  });
});

describe('a wait stopped by a signal', () => {
  // A CI job's own timeout sends SIGTERM mid-wait: the create was taken, and the log said only
  // "SIGTERM: stopped". It says what was left, as a wait that times out does.
  it.each([['SIGTERM', 143, 'SIGTERM: stopped'], ['SIGINT', 130, 'interrupted']] as const)('%s: exit %i, and a line saying the datastore is still PENDING_CREATE', async (signal, code, line) => {
    await d.control('PUT', 'hold', { hold: true });
    const name = dsName('stopped');
    const target = ['--product', 'dbaas', '--host', sandbox.url, '--token', DBAAS_TOKEN];
    const child = spawnCli([...target, 'datastore', 'create', name, '--type', 'postgresql-16', '--flavor', 'PRC10.2-4096-32', '--subnet', SUBNET, '--wait', '--debug']);
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      // The answer to the wait's first read of the datastore: it has seen its status.
      if (/→ GET \S+\/v1\/datastores\/[0-9a-f-]{36}\n(?:.*\n)*?debug: ← 200 /.test(stderr) && !child.killed) child.kill(signal);
    });
    const r = await child;
    expect(r.exitCode).toBe(code);
    const said = String(r.stderr).split('\n').filter((l) => l !== '' && !l.startsWith('debug:'));
    expect(said).toEqual([line, `datastore "${name}" is still PENDING_CREATE; it may still finish: check later with \`influxadm datastore get\``]);
  });
});

describe('a datastore that is not ACTIVE', () => {
  it('without --wait a child operation is refused and nothing is sent', async () => {
    await d.control('PUT', 'hold', { hold: true });
    const ds = (await d.api<{ datastore: DbaasObject }>('POST', '/v1/datastores', { datastore: { name: dsName('busy'), type_id: 'fc58210d-40f4-5bcf-ac9c-75507eaa7d32', flavor_id: 'eabd28a2-91ea-5a76-99bc-46404b0f8d96', subnet_id: SUBNET, node_count: 1 } })).datastore;
    await sandbox.clearRequests();
    const attempts = await Promise.all([
      d.run('database', 'create', 'app', '--datastore', ds.name!, '--no-wait'),
      d.runWith({ input: 'Pa55word\n' }, 'user', 'create', 'app', '--datastore', ds.name!, '--password-stdin'),
      d.run('datastore', 'rename', ds.name!, dsName('other')),
      d.run('datastore', 'resize', ds.name!, '--nodes', '2'),
    ]);
    for (const r of attempts) {
      expect(r.exitCode).toBe(1);
      expect(r.stderr).toBe(`error: datastore "${ds.name}" is PENDING_CREATE, not ACTIVE: the server refuses changes inside it until it is\nwait for it with --wait, or first: influxadm datastore wait ${ds.name}`);
    }
    expect((await sent()).filter((q) => q.method !== 'GET')).toEqual([]);
  });

  it('with --wait a child operation waits for the datastore, then is sent once and accepted', async () => {
    await d.control('PUT', 'hold', { hold: true });
    const ds = (await d.api<{ datastore: DbaasObject }>('POST', '/v1/datastores', { datastore: { name: dsName('soon'), type_id: 'fc58210d-40f4-5bcf-ac9c-75507eaa7d32', flavor_id: 'eabd28a2-91ea-5a76-99bc-46404b0f8d96', subnet_id: SUBNET, node_count: 1 } })).datastore;
    await sandbox.clearRequests();
    const running = spawnCli(['--product', 'dbaas', '--host', sandbox.url, '--token', DBAAS_TOKEN, 'database', 'create', 'app', '--datastore', ds.name!, '--wait', '--json']);
    // Let it find the datastore pending and start polling, then let the datastore finish.
    for (let i = 0; i < 100 && !(await sent()).some((q) => q.path === `/v1/datastores/${ds.id}`); i++) await new Promise((r) => setTimeout(r, 50));
    await d.control('PUT', 'hold', { hold: false });
    const r = await running;
    expect(r.exitCode).toBe(0);
    expect(parseJson<DbaasObject>(String(r.stdout))).toMatchObject({ name: 'app', datastore_id: ds.id, status: 'ACTIVE' });
    const requests = await sent();
    const post = requests.findIndex((q) => q.method === 'POST');
    expect(requests.filter((q) => q.method === 'POST')).toHaveLength(1);
    expect(requests[post]!.status).toBe(200);
    expect(requests.slice(0, post).filter((q) => q.path === `/v1/datastores/${ds.id}`).length).toBeGreaterThanOrEqual(1);
  });

  it('with --wait, a datastore that ends in ERROR fails the child operation before it is sent', async () => {
    const ds = await d.datastore(dsName('err'));
    await d.control('PUT', `objects/${ds.id}`, { status: 'ERROR' });
    const r = await d.run('database', 'create', 'app', '--datastore', ds.name!, '--wait');
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain(`datastore "${ds.name}" is ERROR`);
    expect((await sent()).filter((q) => q.method !== 'GET')).toEqual([]);
  });
});

describe('what an operation names that is not ACTIVE (a user still being created, a topic being changed)', () => {
  it('without --wait is refused before anything is sent, as a datastore that is not ACTIVE is', async () => {
    const [owner, db, topic] = await Promise.all([user(pg), d.child('databases', 'database', { datastore_id: pg.id, name: unique('db') }),
      d.child('topics', 'topic', { datastore_id: kafka.id, name: unique('t'), partitions: 1 })]);
    const kafkaUser = await user(kafka);
    for (const id of [owner.id, topic.id, kafkaUser.id]) await d.control('PUT', `objects/${id}`, { status: 'PENDING_CREATE' });
    await sandbox.clearRequests();
    const attempts = await Promise.all([
      d.run('database', 'create', unique('app'), '--datastore', pg.name!, '--owner', owner.name!, '--no-wait'),
      d.run('database', 'update', db.name!, '--datastore', pg.name!, '--owner', owner.name!, '--no-wait'),
      d.run('grant', 'create', '--datastore', pg.name!, '--user', owner.name!, '--database', db.name!, '--no-wait'),
      d.runWith({ input: 'New-Password-2\n' }, 'user', 'update', owner.name!, '--datastore', pg.name!, '--password-stdin', '--no-wait'),
      d.run('topic', 'update', topic.name!, '--datastore', kafka.name!, '--partitions', '2', '--no-wait'),
      d.run('acl', 'create', '--datastore', kafka.name!, '--user', kafkaUser.name!, '--pattern-type', 'all', '--read', '--no-wait'),
    ]);
    for (const r of attempts) {
      expect(r.exitCode, r.stderr).toBe(1);
      expect(r.stderr).toMatch(/^error: (user|topic) "[^"]+" is PENDING_CREATE, not ACTIVE: the server refuses to use it until it is\nwait for it with --wait\n?$/);
    }
    expect((await sent()).filter((q) => q.method !== 'GET')).toEqual([]);
  });

  it('with --wait is waited for, then the operation is sent once and accepted', async () => {
    const db = await d.child('databases', 'database', { datastore_id: pg.id, name: unique('db') });
    await d.control('PUT', 'hold', { hold: true });
    const pending = (await d.api<{ user: DbaasObject }>('POST', '/v1/users', { user: { datastore_id: pg.id, name: unique('u'), password: 'Setup-Password-1' } })).user;
    await sandbox.clearRequests();
    const running = spawnCli(['--product', 'dbaas', '--host', sandbox.url, '--token', DBAAS_TOKEN, 'grant', 'create', '--datastore', pg.name!, '--user', pending.name!, '--database', db.name!, '--wait', '--json']);
    // Let it find the user pending and start polling it, then let the user finish.
    for (let i = 0; i < 100 && !(await sent()).some((q) => q.path === `/v1/users/${pending.id}`); i++) await new Promise((r) => setTimeout(r, 50));
    await d.control('PUT', 'hold', { hold: false });
    const r = await running;
    expect(r.exitCode, String(r.stderr)).toBe(0);
    expect(parseJson<DbaasObject>(String(r.stdout))).toMatchObject({ user_id: pending.id, database_id: db.id, status: 'ACTIVE' });
    const posts = (await sent()).filter((q) => q.method === 'POST');
    expect(posts.map((q) => [q.path, q.status])).toEqual([['/v1/grants', 200]]);
  });
});
