// Local state through the built binary: the config lock under contention and after a crash, names
// that are also Object.prototype members, file permissions and symlinks, a config dir that is a file,
// secrets in imported URLs, stdin readers, and a keychain that stops answering.

import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { hostIdentity } from '../../src/config/lock.js';
import { startPrivateSecretService } from '../secret-service.js';
import { BIN, cleanEnv, cli, parseJson, startSandbox, tempDir, type SandboxHandle } from './harness.js';

let sandbox: SandboxHandle;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(async () => {
  await sandbox.stop();
});

const configFile = (env: Record<string, string>) => join(env.INFLUXADM_CONFIG_DIR!, 'config.json');
const profileNames = async (env: Record<string, string>) =>
  parseJson<Array<{ name: string }>>((await cli(['profile', 'list', '--json'], { env })).stdout).map((p) => p.name).sort();

function deadPid(): number {
  return Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout);
}

describe('the config lock, across processes', () => {
  const OLD = new Date(Date.now() - 3600_000);
  /** A lock as its holder (by default one that crashed an hour ago) leaves it. */
  const plants = {
    'a lock a crashed influxadm left': async (lock: string, pid = deadPid(), mtime = OLD) => {
      mkdirSync(lock);
      const record = join(lock, 'owner.00000000deadbeef');
      writeFileSync(record, JSON.stringify({ pid, host: await hostIdentity(), created: mtime.toISOString() }));
      utimesSync(record, mtime, mtime);
    },
    'the lock file of an earlier version': async (lock: string, pid = deadPid(), mtime = OLD) => {
      writeFileSync(lock, String(pid));
      utimesSync(lock, mtime, mtime);
    },
  };

  it.each(Object.keys(plants))('keeps every one of 30 concurrent profile creates after %s', async (plant) => {
    const env = cleanEnv();
    mkdirSync(env.INFLUXADM_CONFIG_DIR!, { recursive: true });
    await plants[plant as keyof typeof plants](`${configFile(env)}.lock`);
    const names = Array.from({ length: 30 }, (_, i) => `p${i}`);
    const results = await Promise.all(names.map((name) =>
      cli(['profile', 'create', name, '--product', 'clustered', '--host', 'http://h'], { env, timeoutMs: 60_000 })));
    expect(results.map((r) => r.exitCode)).toEqual(names.map(() => 0));
    expect(await profileNames(env)).toEqual([...names].sort());
    expect(readdirSync(env.INFLUXADM_CONFIG_DIR!)).toEqual(['config.json']);
  });

  it.each(Object.keys(plants))('keeps every profile when 30 waiting processes find at once that the holder of %s died', async (plant) => {
    const env = cleanEnv();
    mkdirSync(env.INFLUXADM_CONFIG_DIR!, { recursive: true });
    const holder = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
    const holderGone = new Promise((resolve) => holder.once('exit', resolve));
    const names = Array.from({ length: 30 }, (_, i) => `w${i}`);
    let results: Awaited<ReturnType<typeof cli>>[];
    try {
      await plants[plant as keyof typeof plants](`${configFile(env)}.lock`, holder.pid!, new Date(Date.now() - 14_000));
      const running = Promise.all(names.map((name) =>
        cli(['profile', 'create', name, '--product', 'clustered', '--host', 'http://h'], { env, timeoutMs: 60_000 })));
      // Let them all start and wait on the lock; then its holder dies and they all see it at once.
      await new Promise((resolve) => setTimeout(resolve, 2000));
      holder.kill('SIGKILL');
      await holderGone;
      results = await running;
    } finally {
      holder.kill('SIGKILL');
    }
    expect(results.map((r) => r.exitCode)).toEqual(names.map(() => 0));
    expect(await profileNames(env)).toEqual([...names].sort());
    expect(readdirSync(env.INFLUXADM_CONFIG_DIR!)).toEqual(['config.json']);
  });

  it('waits for a lock a live process holds, and goes ahead once it is released', async () => {
    const env = cleanEnv();
    mkdirSync(env.INFLUXADM_CONFIG_DIR!, { recursive: true });
    const lock = `${configFile(env)}.lock`;
    mkdirSync(lock);
    // This test's own process is the live holder.
    const record = join(lock, 'owner.00000000c0ffee00');
    writeFileSync(record, JSON.stringify({ pid: process.pid, host: await hostIdentity(), created: OLD.toISOString() }));
    utimesSync(record, OLD, OLD);
    const waiting = cli(['profile', 'create', 'late', '--product', 'core'], { env });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(existsSync(record)).toBe(true);
    expect(existsSync(configFile(env))).toBe(false);
    rmSync(lock, { recursive: true });
    expect((await waiting).exitCode).toBe(0);
    expect(await profileNames(env)).toEqual(['late']);
  });
});

describe('profile names that are also names of Object.prototype members', () => {
  const NAMES = ['constructor', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf'];

  it.each(NAMES)('%s works like any other name', async (name) => {
    const env = cleanEnv();
    const create = await cli(['profile', 'create', name, '--product', 'clustered', '--host', 'http://127.0.0.1:9', '--credential-store', 'file', '--json'], { env });
    expect(create.exitCode, create.stderr).toBe(0);
    expect(parseJson(create.stdout)).toMatchObject({ name, active: true });
    expect(await profileNames(env)).toEqual([name]);
    expect((await cli(['auth', 'token', '--profile', name], { env })).exitCode).toBe(4);
    expect((await cli(['profile', 'update', name, '--host', sandbox.url], { env })).exitCode).toBe(0);
    expect((await cli(['profile', 'use', name], { env })).exitCode).toBe(0);
    expect(parseJson((await cli(['profile', 'show', name, '--json'], { env })).stdout)).toMatchObject({ name, host: sandbox.url });

    const login = await cli(['auth', 'login', '--profile', name, '--token-stdin'], { env, input: `token-of-${name}\n` });
    expect(login.exitCode, login.stderr).toBe(0);
    expect((await cli(['auth', 'token', '--profile', name], { env })).stdout).toBe(`token-of-${name}`);
    expect((await cli(['database', 'list', '--json'], { env })).exitCode).toBe(0);

    expect((await cli(['profile', 'delete', name, '--yes'], { env })).exitCode).toBe(0);
    expect((await cli(['profile', 'show', name], { env })).exitCode).toBe(3);
    expect(parseJson(readFileSync(join(env.INFLUXADM_CONFIG_DIR!, 'credentials.json'), 'utf8'))).toEqual({ version: 1, tokens: {} });
  });

  it('imports them, and keeps a hand-written __proto__ profile as plain data', async () => {
    const env = cleanEnv();
    const dir = tempDir();
    writeFileSync(join(dir, 'configs'), NAMES.map((n) => `[${n}]\n  url = "${sandbox.url}"\n  token = "t-${n}"\n`).join(''));
    const r = await cli(['profile', 'import', '--from', 'influx', join(dir, 'configs'), '--credential-store', 'file', '--json'], { env });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(parseJson<Array<{ result: string }>>(r.stdout).map((row) => row.result)).toEqual(NAMES.map(() => 'imported'));
    expect(await profileNames(env)).toEqual([...NAMES].sort());
    for (const name of NAMES) expect((await cli(['auth', 'token', '--profile', name], { env })).stdout).toBe(`t-${name}`);

    // `__proto__` breaks the name rules (it starts with _), but a hand-edited file may have it.
    writeFileSync(configFile(env), `{"version":1,"active":"__proto__","profiles":{"__proto__":{"product":"clustered","host":"${sandbox.url}"},"plain":{"product":"core"}}}`);
    expect(await profileNames(env)).toEqual(['__proto__', 'plain']);
    expect((await cli(['database', 'list', '--json', '--token', 't'], { env })).exitCode).toBe(0);
    expect((await cli(['profile', 'create', 'more', '--product', 'core'], { env })).exitCode).toBe(0);
    expect(Object.keys(JSON.parse(readFileSync(configFile(env), 'utf8')).profiles as object).sort()).toEqual(['__proto__', 'more', 'plain']);
  });
});

describe('config hygiene', () => {
  it('warns once, in one line, when others may change the config or read the credentials', async () => {
    const env = cleanEnv({ INFLUXADM_CREDENTIAL_STORE: 'file' });
    await cli(['profile', 'create', 'p', '--product', 'clustered', '--host', sandbox.url], { env });
    const quiet = await cli(['auth', 'login', '--token-stdin'], { env, input: 'tok\n' });
    expect(quiet.stderr).not.toMatch(/warning/);

    const dir = env.INFLUXADM_CONFIG_DIR!;
    chmodSync(dir, 0o777);
    chmodSync(join(dir, 'config.json'), 0o664);
    chmodSync(join(dir, 'credentials.json'), 0o644);
    for (const args of [['auth', 'token'], ['database', 'list'], ['profile', 'delete', 'p', '--yes']]) {
      const r = await cli(args, { env });
      expect(r.exitCode, r.stderr).toBe(0);
      const warnings = r.stderr.split('\n').filter((line) => line.startsWith('warning:'));
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toContain(`${dir} is group- and world-writable (mode 0777)`);
      expect(warnings[0]).toContain('config.json is group-writable (mode 0664)');
      expect(warnings[0]).toContain('credentials.json is group- and world-readable (mode 0644)');
    }
  });

  it('keeps a symlinked config.json and credentials.json symlinks, writing through to their targets', async () => {
    const env = cleanEnv({ INFLUXADM_CREDENTIAL_STORE: 'file' });
    const dir = env.INFLUXADM_CONFIG_DIR!;
    const dotfiles = tempDir('dotfiles-');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dotfiles, 'influxadm.json'), '{"version":1,"profiles":{}}\n', { mode: 0o600 });
    symlinkSync(join(dotfiles, 'influxadm.json'), join(dir, 'config.json'));
    // A relative link, to a target that does not exist yet.
    symlinkSync('../secrets/creds.json', join(dir, 'credentials.json'));
    mkdirSync(join(dir, '..', 'secrets'), { mode: 0o700 });

    expect((await cli(['profile', 'create', 'linked', '--product', 'clustered', '--host', sandbox.url], { env })).exitCode).toBe(0);
    expect((await cli(['auth', 'login', '--token-stdin'], { env, input: 'linked-token\n' })).exitCode).toBe(0);
    expect((await cli(['profile', 'update', 'linked', '--org', 'o'], { env })).exitCode).toBe(0);

    expect(lstatSync(join(dir, 'config.json')).isSymbolicLink()).toBe(true);
    expect(lstatSync(join(dir, 'credentials.json')).isSymbolicLink()).toBe(true);
    expect(parseJson(readFileSync(join(dotfiles, 'influxadm.json'), 'utf8'))).toMatchObject({ profiles: { linked: { org: 'o', secretIn: 'file' } } });
    expect(parseJson(readFileSync(join(dir, '..', 'secrets', 'creds.json'), 'utf8'))).toEqual({ version: 1, tokens: { linked: 'linked-token' } });
    expect(statSync(join(dir, '..', 'secrets', 'creds.json')).mode & 0o777).toBe(0o600);
    expect(readdirSync(dotfiles)).toEqual(['influxadm.json']);
    expect(readdirSync(join(dir, '..', 'secrets'))).toEqual(['creds.json']);
    expect((await cli(['auth', 'token'], { env })).stdout).toBe('linked-token');
  });

  it('says in one line that a config dir which is a file cannot be used: exit 2 when INFLUXADM_CONFIG_DIR named it, else 1', async () => {
    const home = tempDir();
    writeFileSync(join(home, 'not-a-dir'), '');
    const named = cleanEnv({ INFLUXADM_CONFIG_DIR: join(home, 'not-a-dir') });
    const below = cleanEnv({ INFLUXADM_CONFIG_DIR: join(home, 'not-a-dir', 'influxadm') });
    mkdirSync(join(home, 'xdg'));
    writeFileSync(join(home, 'xdg', 'influxadm'), '');
    const xdg = cleanEnv({ INFLUXADM_CONFIG_DIR: undefined, XDG_CONFIG_HOME: join(home, 'xdg') });
    for (const [env, code] of [[named, 2], [below, 2], [xdg, 1]] as const) {
      for (const args of [['profile', 'create', 'x', '--product', 'core'], ['profile', 'list'], ['--product', 'core', 'database', 'list', '--token', 't']]) {
        const r = await cli(args, { env });
        expect(r.exitCode, `${args.join(' ')}: ${r.stderr}`).toBe(code);
        const lines = r.stderr.trim().split('\n');
        expect(lines[0]).toMatch(/^error: the config directory .* cannot be used: it, or a directory above it, is a file/);
        expect(lines.length).toBeLessThanOrEqual(2);
      }
    }
  });
});

describe('secrets on the way in', () => {
  it('never stores or echoes credentials found in an imported URL', async () => {
    const env = cleanEnv();
    const dir = tempDir();
    writeFileSync(join(dir, 'configs'), [
      `[withpw]\n  url = "http://admin:hunter2-url-pw@localhost:8086/"\n  token = "t"\n`,
      `[ftp]\n  url = "ftp://admin:hunter2-url-pw@localhost:8086"\n`,
    ].join(''));
    writeFileSync(join(dir, 'config.toml'), `[[profile]]\n  name = "lab"\n  product = "clustered"\n  host = "ops:hunter2-url-pw@influx.lab"\n`);
    const influx = await cli(['profile', 'import', '--from', 'influx', join(dir, 'configs'), '--credential-store', 'file', '--json'], { env });
    const influxctl = await cli(['profile', 'import', '--from', 'influxctl', join(dir, 'config.toml'), '--json'], { env });
    const table = await cli(['profile', 'import', '--from', 'influx', join(dir, 'configs'), '--dry-run'], { env });
    for (const r of [influx, influxctl, table]) expect(`${r.stdout}${r.stderr}`).not.toContain('hunter2');
    expect(readFileSync(configFile(env), 'utf8')).not.toContain('hunter2');
    const rows = parseJson<Array<{ name: string; host?: string; result: string; notes: string[] }>>(influx.stdout);
    expect(rows[0]).toMatchObject({ name: 'withpw', host: 'http://localhost:8086', result: 'imported', notes: ['credentials in the URL were not imported'] });
    expect(rows[1]).toMatchObject({ name: 'ftp', result: 'skipped' });
    expect(parseJson(influxctl.stdout)).toEqual([expect.objectContaining({ name: 'lab', host: 'https://influx.lab', notes: ['credentials in the URL were not imported'] })]);
  });

  it('--password-stdin takes the first line without waiting for the writer to finish', async () => {
    const env = cleanEnv({ INFLUX_HOST: sandbox.url, INFLUX_TOKEN: 'v2-operator-token-abc', INFLUX_ORG: 'my-org' });
    const child = execa('node', [BIN, '--product', 'v2', 'v1-auth', 'create', '--username', `stdin${Date.now().toString(36)}`, '--read-bucket', 'telegraf', '--password-stdin', '--json'], {
      env, extendEnv: false, reject: false, stdin: 'pipe', timeout: 20_000,
    });
    // The writer sends the line and keeps the pipe open, like `(printf 'pw\n'; sleep 60) | influxadm …`.
    child.stdin!.write('correct-horse-battery\n');
    const r = await child;
    child.stdin!.destroy();
    expect(r.exitCode, String(r.stderr)).toBe(0);
    expect(r.isTerminated).toBe(false);
  });

  it('--token-stdin refuses more than 64 KiB without echoing it, also from a writer that never stops', async () => {
    const big = await cli(['--product', 'clustered', '--host', sandbox.url, '--token-stdin', 'database', 'list'], { input: 'A'.repeat(70_000) });
    expect(big.exitCode).toBe(2);
    expect(big.stderr).toMatch(/^error: standard input holds more than 64 KiB/);
    expect(big.stderr).not.toContain('AAAAAAAA');

    const endless = execa('node', [BIN, '--product', 'clustered', '--host', sandbox.url, '--token-stdin', 'database', 'list'], {
      env: cleanEnv(), extendEnv: false, reject: false, stdin: 'pipe', timeout: 20_000,
    });
    endless.stdin!.on('error', () => undefined);
    endless.stdin!.write('B'.repeat(200_000));
    const r = await endless;
    endless.stdin!.destroy();
    expect(r.exitCode).toBe(2);
    expect(r.isTerminated).toBe(false);
  });
});

const service = await startPrivateSecretService();

describe('a keychain that stops answering', () => {
  afterAll(async () => {
    await service?.stop();
  });
  afterEach(() => {
    service?.thaw();
  });
  const env = () => cleanEnv({ DBUS_SESSION_BUS_ADDRESS: service!.env.DBUS_SESSION_BUS_ADDRESS });

  it('has a Secret Service to test against in CI', () => {
    if (process.env.CI) expect(service, 'CI needs dbus-daemon, gnome-keyring-daemon and secret-tool (see .ci/run)').toBeDefined();
  });

  it.runIf(service)('falls back to the 0600 file loudly in mode auto, and fails in one line in mode keyring', async () => {
    const e = env();
    await cli(['profile', 'create', 'p', '--product', 'clustered', '--host', sandbox.url], { env: e });
    service!.freeze('bus');
    const auto = await cli(['auth', 'login', '--token-stdin'], { env: e, input: 'fallback-token\n' });
    expect(auto.exitCode, auto.stderr).toBe(0);
    expect(auto.stderr).toMatch(/^warning: the keychain is unavailable \(the keychain did not answer within 3s\); the token went to .*credentials\.json \(mode 0600\) instead$/m);
    expect((await cli(['auth', 'token'], { env: e })).stdout).toBe('fallback-token');

    const strict = await cli(['auth', 'login', '--token-stdin', '--credential-store', 'keyring'], { env: e, input: 'other-token\n' });
    expect(strict.exitCode).toBe(1);
    expect(strict.stderr).toBe('error: the keychain is unavailable (the keychain did not answer within 3s); nothing was stored\nstart your keychain, or choose --credential-store file (or auto)');
  });

  it.runIf(service)('fails in one line when a stored token cannot be read in time', async () => {
    const e = env();
    await cli(['profile', 'create', 'kc', '--product', 'clustered', '--host', sandbox.url], { env: e });
    const login = await cli(['auth', 'login', '--token-stdin'], { env: e, input: 'keychain-token\n' });
    expect(login.stderr).toMatch(/in the OS keychain/);
    service!.freeze('bus');
    const r = await cli(['database', 'list'], { env: e });
    expect(r.exitCode).toBe(1);
    // The entry is named with the config dir, which is not the default one here (see the next test).
    expect(r.stderr.split('\n')[0]).toBe(`error: reading the token of profile "kc" from the OS keychain (service influxadm, account kc@${e.INFLUXADM_CONFIG_DIR}) failed: the keychain did not answer within 3s`);
  });

  it.runIf(service)('exits 130 on Ctrl-C while the keychain hangs, leaving no helper behind', async () => {
    const e = env();
    await cli(['profile', 'create', 'p', '--product', 'clustered', '--host', sandbox.url], { env: e });
    service!.freeze('bus');
    const child = spawn('node', [BIN, 'auth', 'login', '--token-stdin', '--credential-store', 'keyring'], { env: e, stdio: ['pipe', 'ignore', 'pipe'] });
    child.stdin.end('tok\n');
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const closed = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    const helpers = () => spawnSync('ps', ['-o', 'pid=', '--ppid', String(child.pid)], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean).map(Number);
    for (let i = 0; i < 40 && helpers().length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 50));
    const started = helpers();
    child.kill('SIGINT');
    const code = await Promise.race([closed, new Promise<string>((resolve) => setTimeout(() => resolve('still running'), 15_000))]);
    if (code === 'still running') child.kill('SIGKILL');
    expect(code).toBe(130);
    expect(stderr).toMatch(/interrupted/);
    expect(started.length).toBeGreaterThan(0);
    const running = started.filter((pid) => {
      const stat = spawnSync('cat', [`/proc/${pid}/stat`], { encoding: 'utf8' }).stdout;
      return stat !== '' && !/^\d+ \(.*\) Z/.test(stat);
    });
    expect(running).toEqual([]);
  });
  // The keychain is one per user, config directories are many (INFLUXADM_CONFIG_DIR per project or per
  // CI job). Entries were named by the profile alone, so `prod` of one directory and `prod` of another
  // shared one: the second login overwrote the first, whose commands then sent the second's token to the
  // first's host, and a logout in one removed the other's.
  it.runIf(service)('keep the tokens of profiles of the same name apart', async () => {
    const a = cleanEnv({ DBUS_SESSION_BUS_ADDRESS: service!.env.DBUS_SESSION_BUS_ADDRESS });
    const b = cleanEnv({ DBUS_SESSION_BUS_ADDRESS: service!.env.DBUS_SESSION_BUS_ADDRESS });
    expect((await cli(['profile', 'create', 'prod', '--product', 'clustered', '--host', sandbox.url], { env: a })).exitCode).toBe(0);
    expect((await cli(['profile', 'create', 'prod', '--product', 'clustered', '--host', 'http://127.0.0.1:9'], { env: b })).exitCode).toBe(0);
    const loginA = await cli(['auth', 'login', '--token-stdin', '--credential-store', 'keyring'], { env: a, input: 'token-of-a-0123456789\n' });
    expect(loginA.stderr).toMatch(/in the OS keychain/);
    const loginB = await cli(['auth', 'login', '--token-stdin', '--credential-store', 'keyring'], { env: b, input: 'token-of-b-0123456789\n' });
    expect(loginB.stderr).toMatch(/in the OS keychain/);
    expect(await cli(['auth', 'token'], { env: a })).toMatchObject({ exitCode: 0, stdout: 'token-of-a-0123456789' });
    expect(await cli(['auth', 'token'], { env: b })).toMatchObject({ exitCode: 0, stdout: 'token-of-b-0123456789' });
    expect((await cli(['auth', 'logout'], { env: b })).exitCode).toBe(0);
    expect(await cli(['auth', 'token'], { env: a })).toMatchObject({ exitCode: 0, stdout: 'token-of-a-0123456789' });
    const lookup = (account: string) => spawnSync('secret-tool', ['lookup', 'service', 'influxadm', 'username', account], { env: { ...process.env, ...service!.env }, encoding: 'utf8' }).stdout;
    expect(lookup(`prod@${a.INFLUXADM_CONFIG_DIR}`)).toBe('token-of-a-0123456789');
    expect(lookup(`prod@${b.INFLUXADM_CONFIG_DIR}`)).toBe('');

    // The default directory's entries are named by the profile alone, as before.
    const home = cleanEnv({ DBUS_SESSION_BUS_ADDRESS: service!.env.DBUS_SESSION_BUS_ADDRESS, INFLUXADM_CONFIG_DIR: undefined });
    expect((await cli(['profile', 'create', 'prod', '--product', 'clustered', '--host', sandbox.url], { env: home })).exitCode).toBe(0);
    const loginHome = await cli(['auth', 'login', '--token-stdin', '--credential-store', 'keyring'], { env: home, input: 'token-of-home-0123456789\n' });
    expect(loginHome.stderr).toBe('stored the token of profile "prod" in the OS keychain (service influxadm, account prod)');
    expect(lookup('prod')).toBe('token-of-home-0123456789');
    expect(await cli(['auth', 'token'], { env: a })).toMatchObject({ exitCode: 0, stdout: 'token-of-a-0123456789' });
    expect((await cli(['auth', 'logout'], { env: home })).exitCode).toBe(0);
  });

  // apply --secrets-to-keychain named its entries apply/TARGET/KIND/NAME whatever the config directory:
  // two directories applying the same file (each to its own server) overwrote each other's secrets.
  it.runIf(service)('apply --secrets-to-keychain keeps the secrets of config directories apart', async () => {
    const servers = await Promise.all([startSandbox(), startSandbox(), startSandbox()]);
    try {
      const file = join(tempDir(), 'apply.yaml');
      writeFileSync(file, 'targets:\n  t:\n    product: enterprise\n    host: ${HOST}\n    tokens:\n      - {name: grafana, admin: true}\n');
      const bus = { DBUS_SESSION_BUS_ADDRESS: service!.env.DBUS_SESSION_BUS_ADDRESS };
      const a = cleanEnv(bus);
      const b = cleanEnv(bus);
      const home = cleanEnv({ ...bus, INFLUXADM_CONFIG_DIR: undefined });
      const apply = async (env: Record<string, string>, server: SandboxHandle) => {
        const r = await cli(['--token', 'apply-token-0123456789', 'apply', '-f', file, '--yes', '--secrets-to-keychain', '--json'], { env: { ...env, HOST: server.url } });
        expect(r.exitCode, r.stderr).toBe(0);
        return parseJson<{ results: Array<{ secretIn: string }> }>(r.stdout).results.map((x) => x.secretIn);
      };
      const lookup = (account: string) => spawnSync('secret-tool', ['lookup', 'service', 'influxadm', 'username', account], { env: { ...process.env, ...service!.env }, encoding: 'utf8' }).stdout;
      expect(await apply(a, servers[0]!)).toEqual([`the OS keychain (service influxadm, account apply/t/tokens/grafana@${a.INFLUXADM_CONFIG_DIR})`]);
      expect(await apply(b, servers[1]!)).toEqual([`the OS keychain (service influxadm, account apply/t/tokens/grafana@${b.INFLUXADM_CONFIG_DIR})`]);
      const [secretA, secretB] = [lookup(`apply/t/tokens/grafana@${a.INFLUXADM_CONFIG_DIR}`), lookup(`apply/t/tokens/grafana@${b.INFLUXADM_CONFIG_DIR}`)];
      expect(secretA).not.toBe('');
      expect(secretB).not.toBe('');
      expect(secretA).not.toBe(secretB);

      // The default directory's entries are named as before.
      expect(await apply(home, servers[2]!)).toEqual(['the OS keychain (service influxadm, account apply/t/tokens/grafana)']);
      expect(lookup('apply/t/tokens/grafana')).not.toBe('');
      expect(lookup(`apply/t/tokens/grafana@${a.INFLUXADM_CONFIG_DIR}`)).toBe(secretA);
    } finally {
      await Promise.all(servers.map((server) => server.stop()));
    }
  });
});
