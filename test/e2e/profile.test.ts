import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCOUNT, CLUSTER, cleanEnv, cli, parseJson, startSandbox, type SandboxHandle } from './harness.js';

let sandbox: SandboxHandle;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(async () => {
  await sandbox.stop();
});

describe('profiles', () => {
  it('a hand-edited profile of the wrong shape fails only when used; list shows it and delete removes it', async () => {
    const env = cleanEnv();
    mkdirSync(env.INFLUXADM_CONFIG_DIR!, { recursive: true, mode: 0o700 });
    writeFileSync(join(env.INFLUXADM_CONFIG_DIR!, 'config.json'), JSON.stringify({ version: 1, active: 'good', profiles: {
      good: { product: 'core', host: sandbox.url },
      bad: { product: 'core', host: sandbox.url, tlsNoVerify: 'yes', secretIn: 'keyring' },
      num: { product: 'core', host: 8181 },
    } }), { mode: 0o600 });
    expect((await cli(['database', 'list', '--token', 't'], { env })).exitCode).toBe(0);
    const used = await cli(['--profile', 'bad', 'database', 'list', '--token', 't'], { env });
    expect(used.exitCode).toBe(1);
    expect(used.stderr).toMatch(/^error: profile "bad" in the config file .* is not what influxadm writes \(tlsNoVerify is not true or false\)/);
    const listed = await cli(['profile', 'list'], { env });
    expect(listed.exitCode).toBe(0);
    expect(listed.stdout).toMatch(/bad +core/);
    expect(listed.stdout).toMatch(/num +core +8181/);
    expect((await cli(['profile', 'delete', 'bad', 'num', '--yes'], { env })).exitCode).toBe(0);
    expect(parseJson<Array<{ name: string }>>((await cli(['profile', 'list', '--json'], { env })).stdout).map((p) => p.name)).toEqual(['good']);
  });

  // config.json never holds a token, but a user coming from influxctl (whose config.toml does) may write one
  // in by hand. influxadm never reads it, and profile list/show/update printed it with --json all the same.
  it('shows only the fields it knows: a token written into a profile by hand is not printed', async () => {
    const env = cleanEnv();
    mkdirSync(env.INFLUXADM_CONFIG_DIR!, { recursive: true, mode: 0o700 });
    writeFileSync(join(env.INFLUXADM_CONFIG_DIR!, 'config.json'), JSON.stringify({ version: 1, active: 'p', profiles: {
      p: { product: 'core', host: sandbox.url, token: 'hand-written-secret-1', mgmt_token: 'hand-written-secret-2' },
    } }), { mode: 0o600 });
    const outputs = await Promise.all([
      cli(['profile', 'list', '--json'], { env }),
      cli(['profile', 'list', '--format', 'csv'], { env }),
      cli(['profile', 'show', '--json'], { env }),
      cli(['profile', 'show', 'p', '--format', 'jsonl'], { env }),
    ]);
    for (const r of outputs) {
      expect(r.exitCode).toBe(0);
      expect(r.stdout).not.toContain('hand-written-secret');
    }
    expect(parseJson(outputs[2]!.stdout)).toEqual({ name: 'p', active: true, product: 'core', host: sandbox.url });
    const updated = await cli(['profile', 'update', 'p', '--org', 'o', '--json'], { env });
    expect(updated.exitCode).toBe(0);
    expect(parseJson(updated.stdout)).toEqual({ name: 'p', active: true, product: 'core', host: sandbox.url, org: 'o' });
  });

  it('says what profile delete deleted in the delete outcome with --json and jsonl', async () => {
    const env = cleanEnv();
    for (const name of ['a1', 'a2', 'a3']) expect((await cli(['profile', 'create', name, '--product', 'core', '--host', sandbox.url], { env })).exitCode).toBe(0);
    const json = await cli(['profile', 'delete', 'a1', 'a2', '--yes', '--json'], { env });
    expect(json.exitCode).toBe(0);
    expect(parseJson(json.stdout)).toEqual([{ name: 'a1', deleted: true }, { name: 'a2', deleted: true }]);
    const jsonl = await cli(['profile', 'rm', 'a3', '--yes', '--format', 'jsonl'], { env });
    expect(jsonl.stdout).toBe('{"name":"a3","deleted":true}');
  });

  it('checks every name before deleting any: one that is not there is exit 3, nothing deleted, nothing on stdout', async () => {
    // As on DBaaS (docs/json.md): the config file changes once, for all names or none.
    const env = cleanEnv();
    expect((await cli(['profile', 'create', 'kept', '--product', 'core', '--host', sandbox.url], { env })).exitCode).toBe(0);
    const r = await cli(['profile', 'delete', 'kept', 'ghost', '--yes', '--json'], { env });
    expect(r.exitCode).toBe(3);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('error: there is no profile named "ghost"\nsee `influxadm profile list`');
    expect(parseJson<Array<{ name: string }>>((await cli(['profile', 'list', '--json'], { env })).stdout).map((p) => p.name)).toEqual(['kept']);
  });

  it('creates, lists, shows, switches, updates and deletes profiles in a 0600 file', async () => {
    const env = cleanEnv();
    const first = await cli(['profile', 'create', 'prod', '--product', 'clustered', '--host', sandbox.url, '--json'], { env });
    expect(first.exitCode).toBe(0);
    expect(first.stderr).toContain('now the active profile');
    expect(parseJson(first.stdout)).toMatchObject({ name: 'prod', active: true, product: 'clustered', host: sandbox.url });

    const second = await cli(['profile', 'create', 'ded', '--product', 'dedicated', '--account', ACCOUNT, '--cluster', CLUSTER, '--host', sandbox.url], { env });
    expect(second.exitCode).toBe(0);
    expect(second.stderr).not.toContain('now the active profile');

    const file = join(env.INFLUXADM_CONFIG_DIR!, 'config.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(parseJson(readFileSync(file, 'utf8'))).toMatchObject({ version: 1, active: 'prod' });

    const list = parseJson<Array<{ name: string; active: boolean }>>((await cli(['profile', 'list', '--json'], { env })).stdout);
    expect(list.map((p) => [p.name, p.active])).toEqual([['ded', false], ['prod', true]]);
    const table = await cli(['profile', 'list'], { env });
    expect(table.stdout).toMatch(/\*\s+prod/);

    const used = await cli(['profile', 'use', 'ded'], { env });
    expect(used.exitCode).toBe(0);
    expect(used.stderr).toBe('"ded" is now the active profile');
    expect(parseJson((await cli(['profile', 'show', '--json'], { env })).stdout)).toMatchObject({ name: 'ded', active: true, account: ACCOUNT });
    // A variable naming a profile goes before the active one: `use` says so rather than be believed.
    const shadowed = await cli(['profile', 'use', 'ded'], { env: { ...env, INFLUXADM_PROFILE: 'prod' } });
    expect(shadowed.exitCode).toBe(0);
    expect(shadowed.stderr).toBe('"ded" is now the active profile\nnote: INFLUXADM_PROFILE is set in this environment and goes before the active profile: commands here still use "prod" until it is unset');
    expect((await cli(['profile', 'use', 'ded'], { env: { ...env, INFLUXADM_PROFILE: 'ded' } })).stderr).toBe('"ded" is now the active profile');

    const updated = await cli(['profile', 'update', 'prod', '--host', 'http://127.0.0.1:9/x/', '--json'], { env });
    expect(parseJson(updated.stdout)).toMatchObject({ name: 'prod', host: 'http://127.0.0.1:9/x' });
    expect((await cli(['profile', 'update', 'prod'], { env })).exitCode).toBe(2);

    expect((await cli(['profile', 'delete', 'prod'], { env })).exitCode).toBe(2);
    expect((await cli(['profile', 'delete', 'prod', '--yes'], { env })).exitCode).toBe(0);
    expect((await cli(['profile', 'show', 'prod'], { env })).exitCode).toBe(3);
  });

  it('uses the active profile for commands, with flag > env > profile precedence', async () => {
    const env = cleanEnv({ INFLUXADM_TOKEN: 'tok' });
    await cli(['profile', 'create', 'p', '--product', 'clustered', '--host', 'http://127.0.0.1:1'], { env });
    // The profile's host is unreachable; env and flag override it.
    expect((await cli(['database', 'list'], { env })).exitCode).toBe(1);
    expect((await cli(['database', 'list', '--json'], { env: { ...env, INFLUXADM_HOST: sandbox.url } })).exitCode).toBe(0);
    expect((await cli(['database', 'list', '--json', '--host', sandbox.url], { env: { ...env, INFLUXADM_HOST: 'http://127.0.0.1:1' } })).exitCode).toBe(0);
    const debug = await cli(['database', 'list', '--debug', '--host', sandbox.url], { env });
    expect(debug.stderr).toMatch(/product clustered \(profile p\), host http:\/\/127\.0\.0\.1:\d+ \(--host\)/);
    expect(debug.stderr).toMatch(/token: from env \(INFLUXADM_TOKEN\)/);
  });

  it('rejects bad profile input and duplicates (without --force) with exit 2, writing nothing', async () => {
    const env = cleanEnv();
    const file = join(env.INFLUXADM_CONFIG_DIR!, 'config.json');
    for (const [args, message] of [
      [['profile', 'create', 'x'], /needs a product/],
      [['profile', 'create', '../x', '--product', 'core'], /not allowed/],
      [['profile', 'create', 'x', '--product', 'mongo'], /unknown product "mongo"/],
      [['profile', 'create', 'x', '--product', 'core', '--token', 'abc'], /do not keep tokens/],
    ] as const) {
      const r = await cli([...args], { env });
      expect(r.exitCode, `${args.join(' ')}: ${r.stderr}`).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toContain('abc');
      expect(existsSync(file), args.join(' ')).toBe(false);
    }
    expect((await cli(['profile', 'create', 'x', '--product', 'core'], { env })).exitCode).toBe(0);
    const before = readFileSync(file, 'utf8');
    const dup = await cli(['profile', 'create', 'x', '--product', 'clustered', '--host', 'http://other'], { env });
    expect(dup.exitCode).toBe(2);
    expect(readFileSync(file, 'utf8')).toBe(before);
    const ghost = await cli(['--profile', 'ghost', 'database', 'list'], { env });
    expect(ghost.exitCode).toBe(2);
    expect(ghost.stderr).toMatch(/no profile named "ghost"/);
  });

  it('reports a corrupt config file with its path and does not overwrite it', async () => {
    const env = cleanEnv();
    await cli(['profile', 'create', 'x', '--product', 'core'], { env });
    const file = join(env.INFLUXADM_CONFIG_DIR!, 'config.json');
    writeFileSync(file, '{ broken');
    const r = await cli(['profile', 'create', 'y', '--product', 'core'], { env });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain(file);
    expect(readFileSync(file, 'utf8')).toBe('{ broken');
  });

  it('loses nothing when many processes create profiles at once', async () => {
    const env = cleanEnv();
    const count = 20;
    const results = await Promise.all(Array.from({ length: count }, (_, i) => cli(['profile', 'create', `p${i}`, '--product', 'core'], { env })));
    expect(results.map((r) => r.exitCode)).toEqual(Array(count).fill(0));
    const list = parseJson<unknown[]>((await cli(['profile', 'list', '--json'], { env })).stdout);
    expect(list).toHaveLength(count);
  });
});
