// `auth login --user` on dbaas: a service user's password buys a project-scoped token from the identity
// endpoint; the token and its expiry are stored (file store here), the password only when asked, and an
// expired token is renewed with it or is a clear exit 4 naming `auth login`.

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanEnv, cli, fromCli, parseJson, startSandbox, tempDir, type RecordedRequest, type SandboxHandle } from './harness.js';

const PASSWORD = 'Right-Password-1';
const ACCOUNT_ID = '123456';
const PROJECT = '0123456789abcdef0123456789abcdef';

let long: SandboxHandle;
let short: SandboxHandle;
/** Tokens for 90 minutes: good for now, but not for a long wait. */
let mid: SandboxHandle;
beforeAll(async () => {
  const file = join(tempDir('influxadm-identity-'), 'password');
  writeFileSync(file, `${PASSWORD}\n`);
  [long, short, mid] = await Promise.all([
    startSandbox(['--identity-password-file', file]),
    startSandbox(['--identity-password-file', file, '--dbaas-token-ttl', '2s']),
    startSandbox(['--identity-password-file', file, '--dbaas-token-ttl', '90m']),
  ]);
});
afterAll(async () => {
  await Promise.all([long.stop(), short.stop(), mid.stop()]);
});

interface Profile {
  product: string;
  secretIn?: string;
  passwordIn?: string;
  account?: string;
  project?: string;
  serviceUser?: string;
  tokenExpiresAt?: string;
  identityUrl?: string;
}

/** A config dir with a dbaas profile `p` pointed at `sandbox`, credentials in a file. */
async function profileFor(sandbox: SandboxHandle) {
  const env = cleanEnv();
  const made = await cli(['profile', 'create', 'p', '--product', 'dbaas', '--host', sandbox.url, '--credential-store', 'file'], { env });
  expect(made.exitCode).toBe(0);
  const dir = env.INFLUXADM_CONFIG_DIR!;
  return {
    env,
    login: (extra: string[] = [], password = PASSWORD) => cli(['auth', 'login', '--user', 'svc', '--account', ACCOUNT_ID, '--project', PROJECT, '--password-stdin', '--identity-url', `${sandbox.url}/identity/v3`, ...extra], { env, input: `${password}\n` }),
    run: (...args: string[]) => cli(args, { env }),
    profile: () => parseJson<{ profiles: Record<string, Profile> }>(readFileSync(join(dir, 'config.json'), 'utf8')).profiles.p!,
    configText: () => readFileSync(join(dir, 'config.json'), 'utf8'),
    stored: () => (existsSync(join(dir, 'credentials.json')) ? parseJson<{ tokens: Record<string, string> }>(readFileSync(join(dir, 'credentials.json'), 'utf8')).tokens : {}),
  };
}

const identityCalls = (requests: RecordedRequest[]) => requests.filter((r) => r.method === 'POST' && r.path === '/identity/v3/auth/tokens');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('auth login --user on dbaas', () => {
  it('gets a project token for the service user, stores it with its expiry, and the next command sends it', async () => {
    const p = await profileFor(long);
    await long.clearRequests();
    const before = Date.now();
    const r = await p.login(['--no-store-password']);
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toMatch(/^stored a token for service user "svc" \(valid until \d{4}-\d\d-\d\dT[\d:.]+Z\) in .*credentials\.json; log in again when it expires$/);
    expect(r.stdout).toBe('');

    const [call] = identityCalls(await long.requests());
    expect(call!.body).toEqual({
      auth: {
        identity: { methods: ['password'], password: { user: { name: 'svc', domain: { name: ACCOUNT_ID }, password: PASSWORD } } },
        scope: { project: { id: PROJECT } },
      },
    });

    const profile = p.profile();
    expect(profile).toMatchObject({ product: 'dbaas', secretIn: 'file', account: ACCOUNT_ID, project: PROJECT, serviceUser: 'svc', identityUrl: `${long.url}/identity/v3` });
    expect(profile.passwordIn).toBeUndefined();
    const expiry = Date.parse(profile.tokenExpiresAt!);
    expect(expiry - before).toBeGreaterThan(23 * 3600_000);
    expect(expiry - before).toBeLessThan(25 * 3600_000);
    const stored = p.stored();
    expect(Object.keys(stored)).toEqual(['p']);
    expect(stored.p).toMatch(/^gAAAA/);
    expect(p.configText()).not.toContain(PASSWORD);
    expect(p.configText()).not.toContain(stored.p);

    await long.clearRequests();
    const list = await p.run('datastore', 'list', '--json');
    expect(list.exitCode).toBe(0);
    expect(list.stdout.trim()).toBe('[]');
    const [sent] = fromCli(await long.requests());
    expect(sent!.headers['x-auth-token']).toBe(stored.p);
    // The token is scoped to the project: what it creates belongs there.
    const token = await p.run('token', 'create', 'scrape', '--json');
    expect(parseJson<{ project_id: string }>(token.stdout).project_id).toBe(PROJECT);
  });

  it('with no keychain (auto), each fallback warning names what went to the file: the token, then the password', async () => {
    const p = await profileFor(long);
    // The test's environment has no Secret Service: auto falls back to the credentials file, loudly.
    const login = await p.login(['--store-password', '--credential-store', 'auto']);
    expect(login.exitCode, login.stderr).toBe(0);
    const warnings = login.stderr.split('\n').filter((line) => line.startsWith('warning: the keychain is unavailable'));
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(/; the token went to .*credentials\.json \(mode 0600\) instead$/);
    expect(warnings[1]).toMatch(/; the password went to .*credentials\.json \(mode 0600\) instead$/);
    expect(p.stored()['p:password']).toBe(PASSWORD);
  });

  it('with --store-password, an expired token is renewed on the next command, which then succeeds', async () => {
    const p = await profileFor(short);
    const login = await p.login(['--store-password']);
    expect(login.exitCode).toBe(0);
    expect(login.stderr).toContain('the password is kept to renew it');
    const first = p.stored().p!;
    expect(p.stored()['p:password']).toBe(PASSWORD);
    expect(p.profile().passwordIn).toBe('file');
    expect(p.configText()).not.toContain(PASSWORD);
    const firstExpiry = p.profile().tokenExpiresAt!;

    await sleep(2200);
    await short.clearRequests();
    const r = await p.run('datastore', 'list', '--json', '--debug');
    expect(r.exitCode).toBe(0);
    expect(r.stdout.trim()).toBe('[]');
    expect(r.stderr).toContain('token: renewed for service user "svc"');
    const requests = await short.requests();
    expect(identityCalls(requests)).toHaveLength(1);
    const renewed = p.stored().p!;
    expect(renewed).not.toBe(first);
    expect(fromCli(requests).find((q) => q.path === '/v1/datastores')!.headers['x-auth-token']).toBe(renewed);
    expect(Date.parse(p.profile().tokenExpiresAt!)).toBeGreaterThan(Date.parse(firstExpiry));
  });

  it('a token with under two hours left is renewed early when its password is kept, so a long --wait does not outlive it', async () => {
    const p = await profileFor(mid);
    expect((await p.login(['--store-password'])).exitCode).toBe(0);
    const first = p.stored().p!;
    await mid.clearRequests();
    const r = await p.run('datastore', 'list', '--json', '--debug');
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stderr).toContain('token: renewed for service user "svc"');
    const requests = await mid.requests();
    expect(identityCalls(requests)).toHaveLength(1);
    expect(fromCli(requests).find((q) => q.path === '/v1/datastores')!.headers['x-auth-token']).toBe(p.stored().p);
    expect(p.stored().p).not.toBe(first);

    // An early renewal that fails (the kept password no longer works) leaves the good token in use.
    const credentials = join(p.env.INFLUXADM_CONFIG_DIR!, 'credentials.json');
    const stored = parseJson<{ version: number; tokens: Record<string, string> }>(readFileSync(credentials, 'utf8'));
    writeFileSync(credentials, JSON.stringify({ ...stored, tokens: { ...stored.tokens, 'p:password': 'Wrong-Password-1' } }), { mode: 0o600 });
    await mid.clearRequests();
    const kept = await p.run('datastore', 'list', '--json', '--debug');
    expect(kept.exitCode, kept.stderr).toBe(0);
    expect(kept.stderr).toMatch(/token: not renewed early \(.+\); the stored one is good until \S+/);
    expect(kept.stderr).not.toContain('Wrong-Password-1');
    expect(fromCli(await mid.requests()).find((q) => q.path === '/v1/datastores')!.headers['x-auth-token']).toBe(p.stored().p);
  });

  it('without a kept password, a token with under two hours left is sent as it is', async () => {
    const p = await profileFor(mid);
    expect((await p.login(['--no-store-password'])).exitCode).toBe(0);
    await mid.clearRequests();
    const r = await p.run('datastore', 'list', '--json');
    expect(r.exitCode, r.stderr).toBe(0);
    expect(identityCalls(await mid.requests())).toEqual([]);
  });

  it('without a kept password, an expired token is exit 4 naming auth login, and nothing is sent; the server refuses it too', async () => {
    const p = await profileFor(short);
    expect((await p.login(['--no-store-password'])).exitCode).toBe(0);
    const token = p.stored().p!;
    await sleep(2200);
    await short.clearRequests();
    const r = await p.run('datastore', 'list');
    expect(r.exitCode).toBe(4);
    expect(r.stderr).toMatch(/^error: the token of profile "p" expired at \S+\nlog in again: influxadm auth login --profile p --user svc$/);
    expect(await short.requests()).toEqual([]);

    // Given directly, the server's own 401 says the same.
    const direct = await cli(['--product', 'dbaas', '--host', short.url, '--token', token, 'datastore', 'list']);
    expect(direct.exitCode).toBe(4);
    expect(direct.stderr).toContain('The token has expired.');
    expect(direct.stderr).toContain('auth login');
    expect(direct.stderr).not.toContain(token);
  });

  it('auth status treats an expired stored token as a command does: renewed with a kept password (exit 0), refused unsent without one (exit 4)', async () => {
    const kept = await profileFor(short);
    expect((await kept.login(['--store-password'])).exitCode).toBe(0);
    const lapsed = await profileFor(short);
    expect((await lapsed.login(['--no-store-password'])).exitCode).toBe(0);
    await sleep(2200);

    await short.clearRequests();
    const renewed = await kept.run('auth', 'status', '--json');
    expect(renewed.exitCode, renewed.stderr).toBe(0);
    expect(parseJson(renewed.stdout)).toMatchObject([{ profile: 'p', server: 'accepted', tokenSource: 'credential-file' }]);
    expect(identityCalls(await short.requests())).toHaveLength(1);
    // What it checked is what the next command sends: the renewed token, stored.
    const checked = fromCli(await short.requests()).filter((q) => q.path.startsWith('/v1/'));
    expect(checked.map((q) => q.headers['x-auth-token'])).toEqual(checked.map(() => kept.stored().p));

    await short.clearRequests();
    const refused = await lapsed.run('auth', 'status', '--json');
    expect(refused.exitCode).toBe(4);
    const [row] = parseJson<Array<{ server: string; detail: string; tokenSource: string }>>(refused.stdout);
    expect(row).toMatchObject({ server: 'rejected', tokenSource: 'credential-file' });
    expect(row!.detail).toMatch(/^the token of profile "p" expired at \S+$/);
    expect(await short.requests()).toEqual([]);
  });

  it('a wrong password is exit 4, stores nothing, and is not shown', async () => {
    const p = await profileFor(long);
    const r = await p.login(['--no-store-password'], 'Wrong-Password-9');
    expect(r.exitCode).toBe(4);
    expect(r.stderr).toMatch(/^error: obtaining a token for service user "svc" of account 123456 in project \w+ failed: the identity service refused the user name or password/);
    expect(r.stderr).not.toContain('Wrong-Password-9');
    expect(p.stored()).toEqual({});
    expect(p.profile().tokenExpiresAt).toBeUndefined();
  });

  it('takes the account from INFLUXADM_ACCOUNT_ID when --account is not given, as docs/environment.md says', async () => {
    const p = await profileFor(long);
    await long.clearRequests();
    const env = { ...p.env, INFLUXADM_ACCOUNT_ID: ACCOUNT_ID };
    const r = await cli(['auth', 'login', '--user', 'svc', '--project', PROJECT, '--password-stdin', '--identity-url', `${long.url}/identity/v3`, '--no-store-password'], { env, input: `${PASSWORD}\n` });
    expect(r.exitCode).toBe(0);
    const [call] = identityCalls(await long.requests());
    expect(call!.body).toMatchObject({ auth: { identity: { password: { user: { domain: { name: ACCOUNT_ID } } } } } });
    expect(p.profile().account).toBe(ACCOUNT_ID);
    // The flag still outranks the environment.
    await long.clearRequests();
    const flag = await cli(['auth', 'login', '--user', 'svc', '--account', '654321', '--project', PROJECT, '--password-stdin', '--identity-url', `${long.url}/identity/v3`, '--no-store-password'], { env, input: `${PASSWORD}\n` });
    expect(flag.exitCode).toBe(0);
    expect(identityCalls(await long.requests())[0]!.body).toMatchObject({ auth: { identity: { password: { user: { domain: { name: '654321' } } } } } });
  });

  // A shell set up for Core (INFLUXADM_PRODUCT=core) used to make the login, and the renewal of an expired
  // token, ask Core's backend, which has no service users: 'unexpected failure: … login is not a function'.
  it('logs in and renews with the profile\'s own product, whatever product the environment names', async () => {
    const p = await profileFor(short);
    const env = { ...p.env, INFLUXADM_PRODUCT: 'core' };
    const login = await cli(['auth', 'login', '--user', 'svc', '--account', ACCOUNT_ID, '--project', PROJECT, '--password-stdin', '--identity-url', `${short.url}/identity/v3`, '--store-password'], { env, input: `${PASSWORD}\n` });
    expect(login.stderr).toContain('stored a token for service user "svc"');
    expect(login.exitCode).toBe(0);
    const first = p.stored().p!;
    await sleep(2200);
    await short.clearRequests();
    const token = await cli(['auth', 'token'], { env });
    expect(token.stderr).toBe('');
    expect(token.exitCode).toBe(0);
    expect(identityCalls(await short.requests())).toHaveLength(1);
    expect(token.stdout).toBe(p.stored().p);
    expect(token.stdout).not.toBe(first);
  });

  it('what is missing is a usage error (exit 2) before the password is sent anywhere', async () => {
    const p = await profileFor(long);
    await long.clearRequests();
    const noProject = await cli(['auth', 'login', '--user', 'svc', '--account', ACCOUNT_ID, '--password-stdin'], { env: p.env, input: `${PASSWORD}\n` });
    expect(noProject.exitCode).toBe(2);
    expect(noProject.stderr).toContain('which project? pass --project ID');
    const noAccount = await cli(['auth', 'login', '--user', 'svc', '--project', PROJECT, '--password-stdin'], { env: p.env, input: `${PASSWORD}\n` });
    expect(noAccount.exitCode).toBe(2);
    expect(noAccount.stderr).toContain('which account? pass --account ID');
    const empty = await p.login(['--no-store-password'], '');
    expect(empty.exitCode).toBe(2);
    expect(empty.stderr).toBe('error: --password-stdin read an empty password');
    expect(await long.requests()).toEqual([]);
  });
});

describe('a kept password goes where the token goes', () => {
  /** A profile `p` logged in with --store-password: its token and its password in the file store. */
  async function kept() {
    const p = await profileFor(long);
    expect((await p.login(['--store-password'])).exitCode).toBe(0);
    expect(Object.keys(p.stored()).sort()).toEqual(['p', 'p:password']);
    expect(p.profile().passwordIn).toBe('file');
    return p;
  }
  const removed = (what: string, who: string) => new RegExp(`^removed the ${what} of ${who} from .*credentials\\.json$`);

  it('auth logout removes the token and the password, and the profile records neither', async () => {
    const p = await kept();
    const r = await p.run('auth', 'logout');
    expect(r.exitCode).toBe(0);
    expect(r.stderr.split('\n')).toEqual([expect.stringMatching(removed('token', 'profile "p"')), expect.stringMatching(removed('kept password', 'profile "p"'))]);
    expect(p.stored()).toEqual({});
    expect(p.profile().secretIn).toBeUndefined();
    expect(p.profile().passwordIn).toBeUndefined();
    // The expiry went with the token it was about.
    expect(p.profile().tokenExpiresAt).toBeUndefined();
    expect(p.profile().serviceUser).toBe('svc');
  });

  it('auth logout removes a password that an earlier logout left behind without its token', async () => {
    const p = await kept();
    const dir = p.env.INFLUXADM_CONFIG_DIR!;
    const config = parseJson<{ profiles: Record<string, Profile> }>(p.configText());
    delete config.profiles.p!.secretIn;
    writeFileSync(join(dir, 'config.json'), JSON.stringify(config));
    writeFileSync(join(dir, 'credentials.json'), JSON.stringify({ version: 1, tokens: { 'p:password': PASSWORD } }), { mode: 0o600 });
    const r = await p.run('auth', 'logout');
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toMatch(removed('kept password', 'profile "p"'));
    expect(p.stored()).toEqual({});
    expect(p.profile().passwordIn).toBeUndefined();
  });

  it('profile delete removes the token and the password', async () => {
    const p = await kept();
    const r = await p.run('profile', 'delete', 'p', '--yes');
    expect(r.exitCode).toBe(0);
    expect(r.stderr.split('\n')).toEqual([expect.stringMatching(removed('token', '"p"')), expect.stringMatching(removed('kept password', '"p"')), 'deleted profile "p"']);
    expect(p.stored()).toEqual({});
  });

  it('profile create --force removes the old profile\'s token and password', async () => {
    const p = await kept();
    const r = await p.run('profile', 'create', 'p', '--product', 'dbaas', '--host', long.url, '--credential-store', 'file', '--force');
    expect(r.exitCode).toBe(0);
    expect(r.stderr.split('\n').slice(0, 2)).toEqual([expect.stringMatching(removed('token', 'the old "p"')), expect.stringMatching(removed('kept password', 'the old "p"'))]);
    expect(p.stored()).toEqual({});
    expect(p.profile().passwordIn).toBeUndefined();
  });
});
