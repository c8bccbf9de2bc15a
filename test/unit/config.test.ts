import { chmodSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import * as fsp from 'node:fs/promises';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { flagProvider, envProvider, resolveToken, sendable } from '../../src/config/credentials.js';
import { resolveTarget } from '../../src/config/resolve.js';
import { checkProfileShape, readConfig, removeUnfinishedTemps, updateConfig, warnAboutPermissions, writeAtomic, type AtomicFs, type ConfigFile } from '../../src/config/store.js';
import { CliError } from '../../src/errors.js';

const config: ConfigFile = {
  version: 1,
  active: 'prod',
  profiles: {
    prod: { product: 'clustered', host: 'https://prod.example.com' },
    ded: { product: 'dedicated', account: 'a', cluster: 'c' },
  },
};

/** What `fn` throws; a test that expects an error fails here when there is none. */
function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error, and nothing was thrown');
}

describe('resolveTarget precedence: flag > env > profile > default', () => {
  it('takes the active profile when nothing else is given', () => {
    const t = resolveTarget({}, {}, config);
    expect(t).toMatchObject({ product: 'clustered', host: 'https://prod.example.com', profileName: 'prod' });
    expect(t.origins.host).toBe('profile prod');
  });

  it('lets env beat the profile and flags beat env', () => {
    const env = { INFLUXADM_HOST: 'http://env:1', INFLUXADM_PRODUCT: 'clustered' };
    expect(resolveTarget({}, env, config).host).toBe('http://env:1');
    expect(resolveTarget({ host: 'http://flag:2' }, env, config).host).toBe('http://flag:2');
  });

  it('chooses the profile by flag, then INFLUXADM_PROFILE, then INFLUXCTL_PROFILE, then the active one', () => {
    expect(resolveTarget({ profile: 'ded' }, { INFLUXADM_PROFILE: 'prod' }, config).product).toBe('dedicated');
    expect(resolveTarget({}, { INFLUXADM_PROFILE: 'ded' }, config).product).toBe('dedicated');
    expect(resolveTarget({}, { INFLUXCTL_PROFILE: 'ded' }, config).product).toBe('dedicated');
    expect(resolveTarget({}, { INFLUXCTL_PROFILE: 'not-ours' }, config).product).toBe('clustered');
    expect(() => resolveTarget({ profile: 'nope' }, {}, config)).toThrow(/no profile named "nope"/);
  });

  it('falls back to the product default host, and to official variables for their products', () => {
    const empty: ConfigFile = { version: 1, profiles: {} };
    expect(resolveTarget({ product: 'dedicated' }, {}, empty).host).toBe('https://console.influxdata.com');
    expect(resolveTarget({ product: 'core' }, { INFLUXDB3_HOST_URL: 'http://h:8181/' }, empty).host).toBe('http://h:8181');
    expect(resolveTarget({ product: 'v2' }, { INFLUX_HOST: 'http://v2:8086' }, empty).host).toBe('http://v2:8086');
    expect(() => resolveTarget({ product: 'clustered' }, {}, empty)).toThrow(/no host given for clustered/);
  });

  it("honours influx's INFLUX_ACTIVE_CONFIG (a profile of that name, this run only) and INFLUX_SKIP_VERIFY (v2)", () => {
    expect(resolveTarget({}, { INFLUX_ACTIVE_CONFIG: 'ded' }, config)).toMatchObject({ product: 'dedicated', profileName: 'ded' });
    expect(resolveTarget({}, { INFLUX_ACTIVE_CONFIG: 'not-ours' }, config).profileName).toBe('prod');
    expect(resolveTarget({}, { INFLUX_ACTIVE_CONFIG: 'ded', INFLUXADM_PROFILE: 'prod' }, config).profileName).toBe('prod');
    const empty: ConfigFile = { version: 1, profiles: {} };
    const v2 = resolveTarget({ product: 'v2' }, { INFLUX_SKIP_VERIFY: 'true' }, empty);
    expect(v2.tlsNoVerify).toBe(true);
    expect(v2.origins.tlsNoVerify).toBe('INFLUX_SKIP_VERIFY');
    expect(resolveTarget({ product: 'core' }, { INFLUX_SKIP_VERIFY: 'true' }, empty).tlsNoVerify).toBe(false);
  });

  it('reads INFLUXDB3_TLS_NO_VERIFY as influxdb3 does (on, y, t are yes; off, n, f are no), and refuses any other word', () => {
    const empty: ConfigFile = { version: 1, profiles: {} };
    const noVerify = (value: string) => resolveTarget({ product: 'core' }, { INFLUXDB3_TLS_NO_VERIFY: value }, empty).tlsNoVerify;
    for (const value of ['1', 'true', 'YES', 'on', 'y', 't', ' On ']) expect(noVerify(value), value).toBe(true);
    for (const value of ['', '0', 'false', 'no', 'OFF', 'n', 'f']) expect(noVerify(value), value).toBe(false);
    const refused = thrown(() => noVerify('sometimes'));
    expect(refused).toBeInstanceOf(CliError);
    expect(refused.message).toBe('INFLUXDB3_TLS_NO_VERIFY=sometimes is neither on nor off');
    expect(resolveTarget({ product: 'clustered', host: 'https://h' }, { INFLUXDB3_TLS_NO_VERIFY: 'sometimes' }, empty).tlsNoVerify).toBe(false);
  });

  it("leaves a profile's region out when --product names a product without regions, but refuses --region given for one", () => {
    // The sandbox's own hint, `--host URL --product clustered --token any database list`, with a dbaas profile active.
    const withDbaas: ConfigFile = { version: 1, active: 'pg', profiles: { pg: { product: 'dbaas', region: 'ru-7' } } };
    const t = resolveTarget({ product: 'clustered', host: 'http://127.0.0.1:8787' }, {}, withDbaas);
    expect(t).toMatchObject({ product: 'clustered', host: 'http://127.0.0.1:8787', profileName: 'pg' });
    expect(t.region).toBeUndefined();
    expect(resolveTarget({}, {}, withDbaas)).toMatchObject({ product: 'dbaas', region: 'ru-7', host: 'https://ru-7.dbaas.selcloud.ru' });
    expect(() => resolveTarget({ product: 'clustered', host: 'http://h', region: 'ru-1' }, {}, withDbaas)).toThrow(/clustered has no regions \(--region from --region\)/);
  });

  it('keeps a path prefix and rejects hosts that are not http(s) URLs or carry credentials', () => {
    const empty: ConfigFile = { version: 1, profiles: {} };
    expect(resolveTarget({ product: 'clustered', host: 'https://proxy.example.com/influx/' }, {}, empty).host).toBe('https://proxy.example.com/influx');
    expect(() => resolveTarget({ product: 'clustered', host: 'ftp://x' }, {}, empty)).toThrow(/http:\/\/ or https:\/\//);
    expect(() => resolveTarget({ product: 'clustered', host: 'nonsense' }, {}, empty)).toThrow(/not a URL/);
    const withPassword = thrown(() => resolveTarget({ product: 'clustered', host: 'https://u:hunter2@x' }, {}, empty));
    expect(withPassword.message).toMatch(/must not carry credentials/);
    expect(withPassword.message).not.toContain('hunter2');
  });

  it('refuses an unknown product with exit 2', () => {
    const error = thrown(() => resolveTarget({ product: 'mysql' }, {}, config));
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).exitCode).toBe(2);
    expect(error.message).toMatch(/unknown product "mysql"/);
  });
});

describe('token resolution', () => {
  const request = (globals = {}, env = {}) => ({ product: 'core' as const, globals, env });

  it('prefers flags over env, and INFLUXADM_TOKEN over the official variable', async () => {
    expect(await resolveToken(request({ token: 'f' }, { INFLUXADM_TOKEN: 'e' }))).toMatchObject({ value: 'f', source: 'flag' });
    expect(await resolveToken(request({}, { INFLUXADM_TOKEN: 'e', INFLUXDB3_AUTH_TOKEN: 'o' }))).toMatchObject({ value: 'e', detail: 'INFLUXADM_TOKEN' });
    expect(await resolveToken(request({}, { INFLUXDB3_AUTH_TOKEN: 'o' }))).toMatchObject({ value: 'o', detail: 'INFLUXDB3_AUTH_TOKEN' });
  });

  it('takes a token from the environment without the white space around it', async () => {
    expect(await resolveToken(request({}, { INFLUXADM_TOKEN: '  e-token \n' }))).toMatchObject({ value: 'e-token', source: 'env' });
  });

  it.each([
    ['a\u007fb', /contains control characters/],
    ['a\u0000b', /contains control characters/],
    ['a\u001bb', /contains control characters/],
    ['a\nb', /has more than one line/],
    ['a\rb', /has more than one line/],
    ['a\u0100b', /outside Latin-1/],
    ['   ', /is empty/],
  ])('refuses a token that could never be sent in a header: %j', (token, message) => {
    const error = thrown(() => sendable(token, 'INFLUXADM_TOKEN'));
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).exitCode).toBe(2);
    expect(error.message).toMatch(message);
  });

  it.each(['apiv3_abc-DEF.123~', 'a\tb', 'caf\u00e9'])('takes %j as it is', (token) => {
    expect(sendable(token, 'INFLUXADM_TOKEN')).toBe(token);
  });

  it('reads a token file and refuses two sources at once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tok-'));
    writeFileSync(join(dir, 't'), 'from-file\n');
    expect(await resolveToken(request({ tokenFile: join(dir, 't') }))).toMatchObject({ value: 'from-file', source: 'file' });
    await expect(resolveToken(request({ token: 'a', tokenFile: join(dir, 't') }))).rejects.toThrow(/one way only/);
    await expect(resolveToken(request({ tokenFile: join(dir, 'missing') }))).rejects.toThrow(/cannot read the token file/);
  });

  it('says how to give a token when there is none (exit 4)', async () => {
    await expect(resolveToken(request())).rejects.toMatchObject({ exitCode: 4 });
    await expect(resolveToken(request(), [flagProvider, envProvider])).rejects.toThrow(/no token for core/);
  });

  it('accepts a new provider without changing callers', async () => {
    const keychain = { name: 'fake keychain', find: async () => ({ value: 'k', source: 'keychain' as const, detail: 'test' }) };
    expect(await resolveToken(request(), [flagProvider, envProvider, keychain])).toMatchObject({ source: 'keychain' });
  });
});

describe('config store', () => {
  it('writes mode 0600 and reads it back', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'cfg-')), 'sub', 'config.json');
    await updateConfig((c) => {
      c.profiles.a = { product: 'core' };
    }, path);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect((await readConfig(path)).profiles.a).toEqual({ product: 'core' });
  });

  it.each([
    [{ x: null }, 'not an object'],
    [{ x: { host: 'http://h' } }, 'no product'],
    [{ x: { product: 'core', host: 8181 } }, 'host is not text'],
    [{ x: { product: 'core', secretIn: 'keyring' } }, 'secretIn is not one of keychain, file'],
    [{ x: { product: 'core', allowHttp: 'yes' } }, 'allowHttp is not true or false'],
  ])('refuses to use a hand-edited profile %j, naming it and what is wrong; the others are read', async (profiles, wrong) => {
    const path = join(mkdtempSync(join(tmpdir(), 'cfg-')), 'config.json');
    const text = JSON.stringify({ version: 1, profiles: { ...profiles, good: { product: 'core' } } });
    writeFileSync(path, text);
    const config = await readConfig(path);
    expect(() => checkProfileShape('good', config.profiles.good, path)).not.toThrow();
    expect(() => checkProfileShape('x', config.profiles.x, path)).toThrow(`profile "x" in the config file ${path} is not what influxadm writes (${wrong}); it was left as it is`);
    expect(readFileSync(path, 'utf8')).toBe(text);
  });

  it('creates the config directory 0700, and the file 0600 in it', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'cfg-')), 'new', 'influxadm');
    await updateConfig((c) => {
      c.profiles.a = { product: 'core' };
    }, join(dir, 'config.json'));
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(join(dir, 'config.json')).mode & 0o777).toBe(0o600);
  });

  it('loses no change under concurrent writers', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'cfg-')), 'config.json');
    await Promise.all(Array.from({ length: 25 }, (_, i) => updateConfig((c) => {
      c.profiles[`p${i}`] = { product: 'core' };
    }, path)));
    expect(Object.keys((await readConfig(path)).profiles)).toHaveLength(25);
  });

  it('reads profile names as data, never as Object.prototype members', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'cfg-')), 'config.json');
    writeFileSync(path, '{"version":1,"active":"__proto__","profiles":{"__proto__":{"product":"core","polluted":true},"plain":{"product":"v2"}}}');
    const config = await readConfig(path);
    expect(Object.keys(config.profiles)).toEqual(['__proto__', 'plain']);
    expect(config.profiles['constructor' as string]).toBeUndefined();
    expect(config.profiles['toString' as string]).toBeUndefined();
    expect(Object.getPrototypeOf(config.profiles)).toBeNull();
    expect(config.profiles.__proto__).toMatchObject({ product: 'core' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(resolveTarget({}, {}, config)).toMatchObject({ product: 'core', profileName: '__proto__' });
    const name: string = 'constructor';
    await updateConfig((c) => {
      expect(c.profiles[name]).toBeUndefined();
      c.profiles[name] = { product: 'clustered', host: 'http://h' };
    }, path);
    expect(Object.keys(JSON.parse(readFileSync(path, 'utf8')).profiles as object)).toEqual(['__proto__', 'plain', 'constructor']);
  });

  it('warns once per run, in one line, about a config others may change', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cfg-'));
    writeFileSync(join(dir, 'config.json'), '{"version":1,"profiles":{}}', { mode: 0o666 });
    chmodSync(join(dir, 'config.json'), 0o666);
    const lines: string[] = [];
    await warnAboutPermissions(dir, (line) => lines.push(line));
    await warnAboutPermissions(dir, (line) => lines.push(line));
    expect(lines).toEqual([`warning: ${dir}/config.json is group- and world-writable (mode 0666): other users could change your profiles or read your tokens; fix with chmod go-rwx ${dir}/config.json`]);
    const tidy = mkdtempSync(join(tmpdir(), 'cfg-'));
    writeFileSync(join(tidy, 'credentials.json'), '{}', { mode: 0o600 });
    await warnAboutPermissions(tidy, (line) => lines.push(line));
    expect(lines).toHaveLength(1);
  });

  it('reports a corrupt file with its path and leaves it alone', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'cfg-')), 'config.json');
    writeFileSync(path, '{"version": 1, "profiles": ');
    await expect(updateConfig(() => undefined, path)).rejects.toThrow(path);
    expect(readFileSync(path, 'utf8')).toBe('{"version": 1, "profiles": ');
  });
});

describe('atomic writes', () => {
  const big = (fill: string) => `${JSON.stringify({ version: 1, profiles: { p: { product: 'core', host: `http://${fill.repeat(400_000)}` } } })}\n`;
  const leftovers = (dir: string) => readdirSync(dir).filter((name) => name.endsWith('.tmp'));

  /** Real file operations, except that the second chunk written to any file fails as a full disk would. */
  function diskFullAfterOneChunk(): AtomicFs {
    return {
      ...fsp,
      open: (async (...args: Parameters<typeof fsp.open>) => {
        const handle = await fsp.open(...args);
        let writes = 0;
        return new Proxy(handle, {
          get(target, key) {
            if (key === 'write') {
              return (...w: unknown[]) => {
                if (++writes > 1) return Promise.reject(Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' }));
                return (target.write as (...a: unknown[]) => Promise<unknown>)(...w);
              };
            }
            const value = Reflect.get(target, key) as unknown;
            return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
          },
        });
      }) as typeof fsp.open,
    };
  }

  it('leaves the old file whole and no temp file behind when the write fails half-way', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'atomic-'));
    const path = join(dir, 'config.json');
    const old = big('a');
    writeFileSync(path, old, { mode: 0o600 });
    await expect(writeAtomic(path, big('b'), { fs: diskFullAfterOneChunk() })).rejects.toMatchObject({ code: 'ENOSPC' });
    expect(readFileSync(path, 'utf8')).toBe(old);
    expect(leftovers(dir)).toEqual([]);
  });

  it('leaves no temp file behind when the run ends mid-write (Ctrl-C or SIGTERM: process.exit)', async () => {
    // An apply stopped while --secrets-out was being rewritten left `tokens.json.<pid>.<hex>.tmp`, which
    // may hold secrets. The signal handlers end the run with process.exit: its 'exit' hook removes them.
    const dir = mkdtempSync(join(tmpdir(), 'atomic-'));
    const handles: fsp.FileHandle[] = [];
    let opened!: () => void;
    const open = new Promise<void>((resolve) => (opened = resolve));
    const stalled: AtomicFs = {
      ...fsp,
      open: (async (...args: Parameters<typeof fsp.open>) => {
        const handle = await fsp.open(...args);
        handles.push(handle);
        opened();
        return new Proxy(handle, {
          get(target, key) {
            // The write never finishes: the signal comes meanwhile.
            if (key === 'write') return () => new Promise(() => undefined);
            const value = Reflect.get(target, key) as unknown;
            return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
          },
        });
      }) as typeof fsp.open,
    };
    void writeAtomic(join(dir, 'tokens.json'), '{"t/tokens/a": "secret"}\n', { fs: stalled });
    await open;
    // writeAtomic goes on once the open it awaits has returned.
    await new Promise((resolve) => setImmediate(resolve));
    expect(leftovers(dir)).toHaveLength(1);
    const exitHooks = process.listeners('exit');
    expect(exitHooks).toContain(removeUnfinishedTemps);
    removeUnfinishedTemps();
    expect(readdirSync(dir)).toEqual([]);
    await Promise.all(handles.map((h) => h.close()));
  });

  it('never renames over a FIFO, itself or behind a symlink (a caller\'s check can be raced): exit 2, still a FIFO', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'atomic-'));
    const pipe = join(dir, 'pipe');
    expect(spawnSync('mkfifo', [pipe]).status).toBe(0);
    const link = join(dir, 'link');
    symlinkSync(pipe, link);
    for (const path of [pipe, link]) {
      await expect(writeAtomic(path, 'secret\n')).rejects.toMatchObject({ exitCode: 2, message: `${pipe} is not a regular file; it was not replaced` });
    }
    expect(lstatSync(pipe).isFIFO()).toBe(true);
    expect(leftovers(dir)).toEqual([]);
  });

  it('leaves the old file whole and no temp file behind when the rename fails', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'atomic-'));
    const path = join(dir, 'config.json');
    const old = big('a');
    writeFileSync(path, old, { mode: 0o600 });
    const renames: string[] = [];
    const failingRename: AtomicFs = {
      ...fsp,
      rename: (async (from: string) => {
        renames.push(String(from));
        throw Object.assign(new Error('EIO: i/o error, rename'), { code: 'EIO' });
      }) as typeof fsp.rename,
    };
    await expect(writeAtomic(path, big('b'), { fs: failingRename })).rejects.toMatchObject({ code: 'EIO' });
    // It wrote somewhere else first: the rename was asked to move a temp file beside the target.
    expect(renames).toHaveLength(1);
    expect(renames[0]).toMatch(new RegExp(`^${dir}/config\\.json\\.\\d+\\.[0-9a-f]{8}\\.tmp$`));
    expect(readFileSync(path, 'utf8')).toBe(old);
    expect(leftovers(dir)).toEqual([]);
  });

  it('never shows a reader a partial file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'atomic-'));
    const path = join(dir, 'config.json');
    const versions = ['a', 'b', 'c', 'd'].map(big);
    writeFileSync(path, versions[0]!);
    let writing = true;
    const writer = (async () => {
      for (let i = 1; i <= 40; i++) await writeAtomic(path, versions[i % versions.length]!);
      writing = false;
    })();
    const seen = new Set<string>();
    let reads = 0;
    while (writing) {
      const text = await fsp.readFile(path, 'utf8');
      reads++;
      if (!versions.includes(text)) seen.add(`${text.length} bytes`);
    }
    await writer;
    expect(reads).toBeGreaterThan(0);
    expect([...seen]).toEqual([]);
  });

  it('writes through a symlink to its target, which stays a symlink; exclusive refuses a symlink, even a dangling one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'atomic-'));
    mkdirSync(join(dir, 'real'));
    writeFileSync(join(dir, 'real', 'token'), 'old\n');
    symlinkSync('real/token', join(dir, 'link'));
    await writeAtomic(join(dir, 'link'), 'new\n');
    expect(lstatSync(join(dir, 'link')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dir, 'real', 'token'), 'utf8')).toBe('new\n');
    expect(statSync(join(dir, 'real', 'token')).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir).sort()).toEqual(['link', 'real']);

    symlinkSync('real/missing', join(dir, 'dangling'));
    await expect(writeAtomic(join(dir, 'dangling'), 'x\n', { exclusive: true })).rejects.toMatchObject({ code: 'EEXIST' });
    expect(readdirSync(join(dir, 'real'))).toEqual(['token']);
    expect(leftovers(dir)).toEqual([]);
  });

  it('removes temp files a crashed writer left, under the lock', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'atomic-'));
    const path = join(dir, 'config.json');
    writeFileSync(join(dir, 'config.json.4242.0a1b2c3d.tmp'), '{"half":');
    writeFileSync(join(dir, 'other.json.4242.0a1b2c3d.tmp'), 'not ours');
    await updateConfig((c) => {
      c.profiles.a = { product: 'core' };
    }, path);
    expect(leftovers(dir)).toEqual(['other.json.4242.0a1b2c3d.tmp']);
  });
});

