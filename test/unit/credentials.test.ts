import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import { envProvider, flagProvider, resolveToken, storedProvider } from '../../src/config/credentials.js';
import { defaultImportPath, fromInfluxCli, fromInfluxctl, ImportError } from '../../src/config/import.js';
import { fileStore, maskToken, storeModeFor, storeSecret, type SecretStore, type Stores } from '../../src/config/secrets.js';

function memoryStore(kind: 'keychain' | 'file', broken?: string): SecretStore & { data: Map<string, string> } {
  const data = new Map<string, string>();
  const guard = () => {
    if (broken) throw new Error(broken);
  };
  return {
    kind,
    data,
    get: async (a) => (guard(), data.get(a)),
    set: async (a, s) => void (guard(), data.set(a, s)),
    delete: async (a) => (guard(), data.delete(a)),
    where: (a) => `${kind}:${a}`,
  };
}

describe('storing secrets by mode', () => {
  it('auto uses the keychain when it works, and clears any old file copy', async () => {
    const stores = { keychain: memoryStore('keychain'), file: memoryStore('file') };
    stores.file.data.set('p', 'old');
    const warnings: string[] = [];
    expect(await storeSecret('auto', 'p', 's3cret', stores, (w) => warnings.push(w))).toBe('keychain');
    expect(stores.keychain.data.get('p')).toBe('s3cret');
    expect(stores.file.data.has('p')).toBe(false);
    expect(warnings).toEqual([]);
  });

  it('auto falls back to the file loudly, naming the keychain error', async () => {
    const stores = { keychain: memoryStore('keychain', 'DBus error: no session bus'), file: memoryStore('file') };
    const warnings: string[] = [];
    expect(await storeSecret('auto', 'p', 's3cret', stores, (w) => warnings.push(w))).toBe('file');
    expect(stores.file.data.get('p')).toBe('s3cret');
    expect(warnings[0]).toMatch(/keychain is unavailable \(DBus error: no session bus\); the token went to file:p/);
  });

  it('keyring fails closed and stores nothing; file never touches the keychain', async () => {
    const broken: Stores = { keychain: memoryStore('keychain', 'locked'), file: memoryStore('file') };
    await expect(storeSecret('keyring', 'p', 's', broken, () => undefined)).rejects.toMatchObject({ exitCode: 1, message: expect.stringMatching(/unavailable \(locked\); nothing was stored/) });
    expect((broken.file as ReturnType<typeof memoryStore>).data.size).toBe(0);
    // A keychain that works and counts its calls: with `file` it is not asked, not even to fall back from.
    const calls: string[] = [];
    const keychain = memoryStore('keychain');
    const counted: SecretStore = {
      ...keychain,
      get: (a) => (calls.push('get'), keychain.get(a)),
      set: (a, s) => (calls.push('set'), keychain.set(a, s)),
      delete: (a) => (calls.push('delete'), keychain.delete(a)),
    };
    const file = memoryStore('file');
    const warnings: string[] = [];
    expect(await storeSecret('file', 'p', 's', { keychain: counted, file }, (w) => warnings.push(w))).toBe('file');
    expect(calls).toEqual([]);
    expect(file.data.get('p')).toBe('s');
    expect(warnings).toEqual([]);
  });

  it('removes the copy the account had in the keychain when the new secret goes to the file', async () => {
    const stores = { keychain: memoryStore('keychain'), file: memoryStore('file') };
    stores.keychain.data.set('p', 'old');
    expect(await storeSecret('file', 'p', 'new', stores, () => undefined, 'keychain')).toBe('file');
    expect(stores.keychain.data.has('p')).toBe(false);
    expect(stores.file.data.get('p')).toBe('new');
  });

  it('picks the mode: flag > env > profile > auto', () => {
    expect(storeModeFor('file', { INFLUXADM_CREDENTIAL_STORE: 'keyring' }, { credentialStore: 'auto' })).toBe('file');
    expect(storeModeFor(undefined, { INFLUXADM_CREDENTIAL_STORE: 'keyring' }, { credentialStore: 'file' })).toBe('keyring');
    expect(storeModeFor(undefined, {}, { credentialStore: 'file' })).toBe('file');
    expect(storeModeFor(undefined, {}, undefined)).toBe('auto');
    expect(() => storeModeFor('vault', {}, undefined)).toThrow(/unknown credential store "vault"/);
  });

  it('masks tokens', () => {
    expect(maskToken('apiv3_abcdefghijklmnop')).toBe('apiv…mnop');
    expect(maskToken('short')).toBe('****');
  });
});

describe('the credentials file', () => {
  it('keeps tokens per profile in a 0600 file', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'cred-')), 'credentials.json');
    const store = fileStore(path);
    await store.set('a', 'one');
    await store.set('b', 'two');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(await store.get('a')).toBe('one');
    expect(await store.delete('a')).toBe(true);
    expect(await store.delete('a')).toBe(false);
    expect(await store.get('a')).toBeUndefined();
    expect(await store.get('b')).toBe('two');
  });

  it('says a broken file is broken without quoting it (it holds tokens)', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'cred-')), 'credentials.json');
    writeFileSync(path, '{"version":1,"tokens":{"k":supersecret_TOKEN_1234567890}}', { mode: 0o600 });
    const failure = await fileStore(path).get('k').then(() => undefined, (error: Error) => error);
    expect(failure?.message).toMatch(/^the credentials file .* is not valid JSON; it was left as it is$/);
    expect(failure?.message).not.toContain('supersecre');
  });
});

describe('the credentials file and names that Object.prototype has too', () => {
  it('finds only tokens that were stored', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'cred-')), 'credentials.json');
    const store = fileStore(path);
    await store.set('other', 'x');
    for (const name of ['constructor', 'toString', 'hasOwnProperty', '__proto__']) {
      expect(await store.get(name)).toBeUndefined();
      expect(await store.delete(name)).toBe(false);
      await store.set(name, `token-${name}`);
      expect(await store.get(name)).toBe(`token-${name}`);
    }
    expect(await store.delete('__proto__')).toBe(true);
    expect(await store.get('__proto__')).toBeUndefined();
    expect(await store.get('constructor')).toBe('token-constructor');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('token precedence with stored tokens', () => {
  const keychain = memoryStore('keychain');
  keychain.data.set('prod', 'from-keychain');
  const stores = async (): Promise<Stores> => ({ keychain, file: memoryStore('file') });
  const providers = [flagProvider, envProvider, storedProvider(stores)];
  const request = (globals = {}, env = {}, secretIn?: 'keychain' | 'file') => ({ product: 'clustered' as const, profileName: 'prod', profile: { product: 'clustered' as const, ...(secretIn ? { secretIn } : {}) }, globals, env });

  it('uses flags, then env, then the recorded store', async () => {
    expect(await resolveToken(request({ token: 'flag' }, { INFLUXADM_TOKEN: 'env' }, 'keychain'), providers)).toMatchObject({ value: 'flag', source: 'flag' });
    expect(await resolveToken(request({}, { INFLUXADM_TOKEN: 'env' }, 'keychain'), providers)).toMatchObject({ value: 'env', source: 'env' });
    expect(await resolveToken(request({}, {}, 'keychain'), providers)).toMatchObject({ value: 'from-keychain', source: 'keychain', detail: 'keychain:prod' });
  });

  it('never probes a store that was not recorded', async () => {
    await expect(resolveToken(request({}, {}, undefined), providers)).rejects.toMatchObject({ exitCode: 4 });
  });

  it('reports an unreadable keychain as such, not as a missing token', async () => {
    const dead = storedProvider(async () => ({ keychain: memoryStore('keychain', 'prompt dismissed'), file: memoryStore('file') }));
    await expect(resolveToken(request({}, {}, 'keychain'), [dead])).rejects.toMatchObject({ exitCode: 1, message: expect.stringMatching(/failed: prompt dismissed/) });
  });
});

describe('importing profiles', () => {
  it('reads influxctl [[profile]] entries', () => {
    const doc = parse(`
[[profile]]
name = "default"
product = "dedicated"
account_id = "11111111-1111-4111-8111-111111111111"
cluster_id = "33333333-3333-4333-8333-333333333333"
mgmt_token = "tok"

[[profile]]
name = "lab"
product = "clustered"
host = "influx.lab"
port = "8086"
[profile.tls]
disable = true
cert = "c.pem"
[profile.auth.token]
token_file = "/tmp/admin.json"

[[profile]]
name = "sso"
product = "clustered"
host = "https://sso.example.com"
[profile.auth.oauth2]
client_id = "x"

[[profile]]
name = "bad name"
product = "dedicated"
`) as Record<string, unknown>;
    const [dedicated, lab, sso, bad] = fromInfluxctl(doc);
    expect(dedicated).toMatchObject({ name: 'default', token: 'tok', record: { product: 'dedicated', account: '11111111-1111-4111-8111-111111111111' } });
    expect(lab).toMatchObject({ record: { product: 'clustered', host: 'http://influx.lab:8086' } });
    expect(lab!.notes.join(' ')).toMatch(/client certificates.*not supported.*admin token file \/tmp\/admin\.json was not read/);
    expect(sso).toMatchObject({ record: { host: 'https://sso.example.com' } });
    expect(sso!.token).toBeUndefined();
    expect(sso!.notes[0]).toMatch(/OAuth2/);
    expect(bad!.skip).toMatch(/not allowed/);
    expect(() => fromInfluxctl({})).toThrow(ImportError);
  });

  it('reads the influx CLI configs', () => {
    const doc = parse('[local]\nurl = "http://localhost:8086/"\ntoken = "t"\norg = "o"\nactive = true\n[nourl]\ntoken = "x"\n') as Record<string, unknown>;
    const [local, nourl] = fromInfluxCli(doc);
    expect(local).toMatchObject({ name: 'local', token: 't', record: { product: 'v2', host: 'http://localhost:8086', org: 'o' } });
    expect(nourl!.skip).toBe('no url');
  });

  it('never keeps or shows credentials in a URL, however it is written', () => {
    const influx = fromInfluxCli(parse([
      '[a]\nurl = "http://admin:pw-a@localhost:8086/"',
      '[b]\nurl = "https://u:p@ss-b@h.example.com/x@y"',
      '[c]\nurl = "http:\\\\u:pw-c@h.example.com"',
      '[d]\nurl = "ftp://u:pw-d@h.example.com"',
      '[e]\nurl = "http://h.example.com/path@not-userinfo"',
    ].join('\n')) as Record<string, unknown>);
    expect(influx.map((c) => c.record?.host ?? c.skip)).toEqual([
      'http://localhost:8086', 'https://h.example.com/x@y', 'http://h.example.com', 'url "ftp://h.example.com" is not http(s)', 'http://h.example.com/path@not-userinfo',
    ]);
    expect(influx.map((c) => c.notes.includes('credentials in the URL were not imported'))).toEqual([true, true, true, true, false]);
    const influxctl = fromInfluxctl(parse(`
[[profile]]
name = "lab"
product = "clustered"
host = "ops:pw-lab@influx.lab"
[[profile]]
name = "ded"
product = "dedicated"
account_id = "11111111-1111-4111-8111-111111111111"
cluster_id = "33333333-3333-4333-8333-333333333333"
host = "ops:pw-ded@cluster.a.influxdb.io"
`) as Record<string, unknown>);
    expect(influxctl[0]!.record!.host).toBe('https://influx.lab');
    expect(influxctl[1]!.notes).toEqual(['credentials in the URL were not imported', 'host cluster.a.influxdb.io is the query/write endpoint; the Management API is at console.influxdata.com']);
    expect(JSON.stringify([influx, influxctl])).not.toMatch(/pw-|ss-b/);
  });

  it('knows where each tool keeps its file', () => {
    expect(defaultImportPath('influxctl', {}, 'linux', '/home/u')).toBe('/home/u/.config/influxctl/config.toml');
    expect(defaultImportPath('influxctl', {}, 'darwin', '/Users/u')).toBe('/Users/u/Library/Application Support/influxctl/config.toml');
    expect(defaultImportPath('influxctl', { APPDATA: 'C:\\AppData' }, 'win32', 'C:\\u')).toMatch(/influxctl[\\/]config\.toml$/);
    expect(defaultImportPath('influx', {}, 'linux', '/home/u')).toBe('/home/u/.influxdbv2/configs');
    expect(defaultImportPath('influx', { INFLUX_CONFIGS_PATH: '/etc/influx/configs' }, 'linux', '/home/u')).toBe('/etc/influx/configs');
  });
});
