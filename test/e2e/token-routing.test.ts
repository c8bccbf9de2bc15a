// Hardening: a token goes only where it belongs, safety switches are loud, and a token that could never
// be sent is refused where it comes from.

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanEnv, cli, parseJson, startSandbox, tempDir, type SandboxHandle } from './harness.js';

let home: SandboxHandle;
let elsewhere: SandboxHandle;
beforeAll(async () => {
  [home, elsewhere] = await Promise.all([startSandbox(), startSandbox()]);
});
afterAll(async () => {
  await Promise.all([home.stop(), elsewhere.stop()]);
});

const STORED = 'stored-token-of-prod-0123456789';

/** A profile `prod` on `home` with its token in the credentials file (no keychain on this bus). */
async function withStoredToken(extra: Record<string, string> = {}): Promise<Record<string, string>> {
  const env = cleanEnv({ DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus', INFLUXADM_CREDENTIAL_STORE: 'file', ...extra });
  expect((await cli(['profile', 'create', 'prod', '--product', 'clustered', '--host', home.url], { env })).exitCode).toBe(0);
  expect((await cli(['auth', 'login', '--token-stdin'], { env, input: `${STORED}\n` })).exitCode).toBe(0);
  return env;
}

const authorizations = async (sandbox: SandboxHandle) => (await sandbox.requests()).map((r) => r.headers.authorization ?? '');

describe('a stored token goes only to its profile\'s host', () => {
  it('is used for the profile\'s own host', async () => {
    const env = await withStoredToken();
    await home.clearRequests();
    expect((await cli(['database', 'list', '--json'], { env })).exitCode).toBe(0);
    expect(await authorizations(home)).toEqual([`Bearer ${STORED}`]);
  });

  it('is withheld from a host given by a flag or the environment, and the error says why', async () => {
    const env = await withStoredToken();
    await elsewhere.clearRequests();
    for (const args of [['--host', elsewhere.url], []]) {
      const r = await cli([...args, 'database', 'list'], { env: args.length ? env : { ...env, INFLUXADM_HOST: elsewhere.url } });
      expect(r.exitCode).toBe(4);
      expect(r.stderr).toMatch(/stored token of profile "prod" is sent only to http:\/\/127\.0\.0\.1:\d+, not to http:\/\/127\.0\.0\.1:\d+/);
      expect(r.stderr).not.toContain(STORED);
    }
    expect(await elsewhere.requests()).toEqual([]);
  });

  // profile update --host used to keep the token stored for the old host, so the next command sent it to
  // the new one (profile create --force, which replaces a profile, already took it away).
  it('is not taken along when profile update moves the profile to another host', async () => {
    const env = await withStoredToken();
    const dir = env.INFLUXADM_CONFIG_DIR!;
    const moved = await cli(['profile', 'update', 'prod', '--host', elsewhere.url], { env });
    expect(moved.exitCode).toBe(0);
    expect(moved.stderr).toContain(`note: the stored token of "prod" was for ${home.url}, not ${elsewhere.url}; store one for it with \`influxadm auth login --profile prod\``);
    expect(moved.stderr).not.toContain(STORED);
    expect(readFileSync(join(dir, 'credentials.json'), 'utf8')).not.toContain(STORED);
    expect(JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')).profiles.prod).toEqual({ product: 'clustered', host: elsewhere.url });
    await elsewhere.clearRequests();
    const r = await cli(['database', 'list'], { env });
    expect(r.exitCode).toBe(4);
    expect(await elsewhere.requests()).toEqual([]);
  });

  it('stays with profile update changes that keep the host', async () => {
    const env = await withStoredToken();
    for (const args of [['--tls-no-verify'], ['--host', `${home.url}/`], ['--product', 'enterprise']]) {
      const r = await cli(['profile', 'update', 'prod', ...args], { env });
      expect(r.exitCode, r.stderr).toBe(0);
      expect(r.stderr).not.toContain('note:');
    }
    await home.clearRequests();
    expect((await cli(['auth', 'token'], { env })).stdout).toBe(STORED);
  });

  it('auth token prints the stored token only for its own host, as a command would send it', async () => {
    const env = await withStoredToken();
    expect(await cli(['auth', 'token'], { env })).toEqual({ exitCode: 0, stdout: STORED, stderr: '' });
    for (const r of [await cli(['auth', 'token', '--host', elsewhere.url], { env }), await cli(['auth', 'token'], { env: { ...env, INFLUXADM_HOST: elsewhere.url } })]) {
      expect(r.exitCode).toBe(4);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/stored token of profile "prod" is sent only to/);
      expect(r.stderr).not.toContain(STORED);
    }
  });

  it('auth status sends each profile its own token, never an environment token to every host', async () => {
    const env = await withStoredToken({ INFLUXADM_TOKEN: 'environment-token-0123456789' });
    expect((await cli(['profile', 'create', 'other', '--product', 'clustered', '--host', elsewhere.url], { env })).exitCode).toBe(0);
    await Promise.all([home.clearRequests(), elsewhere.clearRequests()]);
    const r = await cli(['auth', 'status', '--json'], { env });
    expect(r.exitCode).toBe(4);
    const rows = parseJson<Array<{ profile: string; server: string; tokenSource?: string }>>(r.stdout);
    expect(rows).toEqual([
      expect.objectContaining({ profile: 'other', server: 'no token' }),
      expect.objectContaining({ profile: 'prod', server: 'accepted', tokenSource: 'credential-file' }),
    ]);
    expect(await authorizations(home)).toEqual([`Bearer ${STORED}`]);
    expect(await elsewhere.requests()).toEqual([]);
    expect(r.stderr).toMatch(/auth status checks each profile's own/);
  });
});

// auth status checks every profile's stored token, and said so when a flag or INFLUXADM_TOKEN would go
// first in commands; INFLUXDB3_AUTH_TOKEN (or INFLUX_TOKEN) goes first as well, for its products, and the
// table said 'accepted' for a token no command would send.
describe('auth status names every token that commands would send instead of the stored ones', () => {
  it.each([
    ['INFLUXDB3_AUTH_TOKEN', 'core'],
    ['INFLUX_TOKEN', 'v2'],
  ])('%s, for a %s profile', async (variable, product) => {
    const env = cleanEnv({ DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus', INFLUXADM_CREDENTIAL_STORE: 'file', [variable]: 'environment-token-0123456789' });
    expect((await cli(['profile', 'create', 'p', '--product', product, '--host', home.url], { env })).exitCode).toBe(0);
    expect((await cli(['auth', 'login', '--token-stdin'], { env, input: `${STORED}\n` })).exitCode).toBe(0);
    const r = await cli(['auth', 'status'], { env });
    expect(r.stderr).toBe(`note: a token from ${variable} goes before stored ones in commands; auth status checks each profile's own (name one with --profile to check what a command would send)`);
    // A variable of another product's is not one a command with this profile would send.
    const other = variable === 'INFLUX_TOKEN' ? 'INFLUXDB3_AUTH_TOKEN' : 'INFLUX_TOKEN';
    const unrelated = await cli(['auth', 'status'], { env: { ...env, [variable]: '', [other]: 'environment-token-0123456789' } });
    expect(unrelated.stderr).toBe('');
  });
});

describe('safety switches are loud', () => {
  it('warns about --tls-no-verify from a flag, the environment and a profile, on every run', async () => {
    const env = cleanEnv({ INFLUXADM_TOKEN: 't' });
    const flag = await cli(['--product', 'clustered', '--host', home.url, '--tls-no-verify', 'database', 'list'], { env });
    expect(flag.stderr).toMatch(/warning: TLS certificate verification is off for http:\/\/127\.0\.0\.1:\d+ \(from --tls-no-verify\)/);
    const fromEnv = await cli(['--product', 'core', '--host', home.url, 'database', 'list'], { env: { ...env, INFLUXDB3_TLS_NO_VERIFY: 'true' } });
    expect(fromEnv.stderr).toMatch(/verification is off .* \(from INFLUXDB3_TLS_NO_VERIFY\)/);
    await cli(['profile', 'create', 'lax', '--product', 'clustered', '--host', home.url, '--tls-no-verify'], { env });
    const profile = await cli(['database', 'list'], { env });
    expect(profile.stderr).toMatch(/verification is off .* \(from profile lax\)/);
    const shown = await cli(['profile', 'show', 'lax'], { env });
    expect(shown.stdout).toMatch(/TLS VERIFY\s+OFF/);
    const debug = await cli(['database', 'list', '--debug'], { env });
    expect(debug.stderr).toMatch(/debug: target: .*TLS verification off \(profile lax\)/);
  });

  it('warns when a token would cross the network in clear text, unless the profile acknowledges it', async () => {
    const env = cleanEnv({ INFLUXADM_TOKEN: 'plain-token-0123456789' });
    // A documentation address (TEST-NET-1): never answers, so the warning is all that happens before the timeout.
    const args = ['--product', 'clustered', '--timeout', '300ms', 'database', 'list'];
    const warned = await cli(['--host', 'http://192.0.2.1:9', ...args], { env });
    expect(warned.stderr).toMatch(/warning: the token goes in clear text over http:\/\/ to 192\.0\.2\.1:9/);
    expect(warned.exitCode).toBe(1);
    expect((await cli(['profile', 'create', 'lan', '--product', 'clustered', '--host', 'http://192.0.2.1:9', '--allow-http'], { env })).exitCode).toBe(0);
    // The same request to the same host, now through the profile: it still went there (timed out, or was
    // refused where there is no route), silently.
    const acknowledged = await cli(args, { env });
    expect(acknowledged.exitCode).toBe(1);
    expect(acknowledged.stderr).toMatch(/^error: listing databases failed: (no answer from|cannot connect to) http:\/\/192\.0\.2\.1:9\b/);
    expect(acknowledged.stderr).not.toMatch(/clear text/);
    // Loopback is no network: the token reaches the sandbox, with no warning.
    await home.clearRequests();
    const local = await cli(['--host', home.url, ...args], { env });
    expect(local.exitCode, local.stderr).toBe(0);
    expect(local.stderr).not.toMatch(/clear text/);
    expect(await authorizations(home)).toEqual(['Bearer plain-token-0123456789']);
  });
});

describe('a token that could never be sent is refused where it comes from', () => {
  it.each([
    ['INFLUXADM_TOKEN', { INFLUXADM_TOKEN: 'tökén€-not-latin1' }, [] as string[], /INFLUXADM_TOKEN contains characters outside Latin-1/],
    ['a token file', {}, ['--token-file', 'CONTROL'], /contains control characters/],
  ])('from %s: exit 2, never echoed, nothing sent', async (_what, extra, flags, message) => {
    const dir = tempDir();
    const file = join(dir, 'token');
    writeFileSync(file, 'abc\u0001def\n');
    await home.clearRequests();
    const r = await cli(['--product', 'clustered', '--host', home.url, ...flags.map((f) => (f === 'CONTROL' ? file : f)), 'database', 'list'], { env: cleanEnv(extra) });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/tökén|abc/);
    expect(await home.requests()).toEqual([]);
  });

  it('auth login refuses such a token and stores nothing', async () => {
    const env = cleanEnv({ INFLUXADM_CREDENTIAL_STORE: 'file' });
    await cli(['profile', 'create', 'p', '--product', 'clustered', '--host', home.url], { env });
    const r = await cli(['auth', 'login', '--token-stdin'], { env, input: 'good\u0000bad\n' });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/contains control characters/);
    expect(parseJson<Array<{ secretIn?: string }>>((await cli(['profile', 'list', '--json'], { env })).stdout)[0]!.secretIn).toBeUndefined();
  });
});

// A target that names its own place is not moved by --host, --product or --profile on the line; their
// variables moved it all the same: with INFLUXADM_HOST exported (and INFLUXADM_TOKEN), a file's `profile:
// prod` target was planned, applied and pruned on that other server.
describe('a target that names its profile is moved neither by the place flags nor by their variables', () => {
  it.each([
    ['--host on the line', (env: Record<string, string>) => ({ args: ['--host', elsewhere.url], env })],
    ['INFLUXADM_HOST', (env: Record<string, string>) => ({ args: [], env: { ...env, INFLUXADM_HOST: elsewhere.url } })],
    ['INFLUXADM_PRODUCT and INFLUXDB3_HOST_URL', (env: Record<string, string>) => ({ args: [], env: { ...env, INFLUXADM_PRODUCT: 'core', INFLUXDB3_HOST_URL: elsewhere.url } })],
  ])('%s', async (_name, how) => {
    const base = await withStoredToken({ INFLUXADM_TOKEN: 'environment-token-0123456789' });
    const file = join(tempDir(), 'prod.yaml');
    writeFileSync(file, 'targets:\n  prod:\n    profile: prod\n    databases:\n      - name: db1\n');
    const { args, env } = how(base);
    await Promise.all([home.clearRequests(), elsewhere.clearRequests()]);
    const r = await cli([...args, 'plan', '-f', file], { env });
    expect(r.exitCode, r.stderr).toBe(10);
    expect(r.stdout).toContain(`target prod (clustered at ${home.url})`);
    expect(await elsewhere.requests()).toEqual([]);
    expect((await home.requests()).length).toBeGreaterThan(0);
  });
});

describe('plan, apply and export send a stored token only to its profile\'s host too', () => {
  it('export to a host from the environment, and a target that moves a profile to another host, get no stored token', async () => {
    const env = await withStoredToken();
    await elsewhere.clearRequests();
    const exported = await cli(['export'], { env: { ...env, INFLUXADM_HOST: elsewhere.url } });
    expect(exported.exitCode, exported.stderr).toBe(4);
    expect(exported.stderr).toMatch(/stored token of profile "prod" is sent only to http:\/\/127\.0\.0\.1:\d+, not to http:\/\/127\.0\.0\.1:\d+/);
    const file = join(tempDir(), 'moved.yaml');
    writeFileSync(file, `targets:\n  moved:\n    profile: prod\n    host: ${elsewhere.url}\n    databases:\n      - name: db1\n`);
    for (const verb of [['plan', '-f', file], ['apply', '-f', file, '--yes']]) {
      const r = await cli(verb, { env });
      expect(r.exitCode, `${verb[0]}: ${r.stderr}`).toBe(4);
      expect(r.stderr).toContain('is sent only to');
      expect(r.stderr).not.toContain(STORED);
    }
    expect(await elsewhere.requests()).toEqual([]);
    // The profile's own host still gets it.
    await home.clearRequests();
    expect((await cli(['export'], { env })).exitCode).toBe(0);
    expect((await authorizations(home)).every((a) => a === `Bearer ${STORED}`)).toBe(true);
  });
});
