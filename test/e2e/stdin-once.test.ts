// Standard input can be read once. A verb that reads a secret from it (--password-stdin) while the token
// also comes from it (--token-stdin) is refused before either is read: exit 2, one clear line, nothing
// sent. (It used to read the token, then wait on the closed stream for the password, and exit 0.)

import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BIN, cleanEnv, cli, SUBNET, startSandbox, tempDir, type SandboxHandle } from './harness.js';

let sandbox: SandboxHandle;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox.stop());
beforeEach(() => sandbox.clearRequests());

const REFUSED = 'error: --password-stdin and --token-stdin both read standard input\ngive the token another way: --token-file PATH, INFLUXADM_TOKEN, or a profile (`influxadm auth login`)';

describe('--password-stdin with --token-stdin', () => {
  const v2 = () => ['--product', 'v2', '--host', sandbox.url, '--token-stdin'];
  const dbaas = () => ['--product', 'dbaas', '--host', sandbox.url, '--token-stdin'];
  const cases: Array<[string, () => string[]]> = [
    ['v1-auth create', () => [...v2(), 'v1-auth', 'create', '--username', 'zz3', '--read-bucket', 'telegraf', '--org', 'my-org', '--password-stdin']],
    ['v1-auth set-password', () => [...v2(), 'v1-auth', 'set-password', '--username', 'zz3', '--password-stdin']],
    ['user create', () => [...dbaas(), 'user', 'create', 'app', '--datastore', 'pg', '--password-stdin']],
    ['user update', () => [...dbaas(), 'user', 'update', 'app', '--datastore', 'pg', '--password-stdin']],
    ['datastore create (Redis)', () => [...dbaas(), 'datastore', 'create', 'cache', '--type', 'redis-7', '--flavor', 'x', '--subnet', SUBNET, '--password-stdin']],
    ['datastore password', () => [...dbaas(), 'datastore', 'password', 'cache', '--password-stdin']],
    ['auth login --user', () => ['--profile', 'pg', '--token-stdin', 'auth', 'login', '--user', 'svc', '--account', '123', '--project', 'p', '--identity-url', `${sandbox.url}/identity/v3`, '--password-stdin']],
  ];
  it.each(cases)('%s: exit 2 before anything is read, nothing sent', async (_name, args) => {
    const env = cleanEnv();
    expect((await cli(['profile', 'create', 'pg', '--product', 'dbaas', '--host', sandbox.url], { env })).exitCode).toBe(0);
    const r = await cli(args(), { env, input: 'password123\nsome-token\n', timeoutMs: 10_000 });
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toBe(REFUSED);
    expect(r.stdout).toBe('');
    expect(await sandbox.requests()).toEqual([]);
  });
});

// With no product given, the host's /ping is asked with the flags' token before the command runs. A token
// that can be read once (standard input; a pipe such as `--token-file <(pass show core)`) used to be read
// there and again for the command: `error: standard input was read already` (or `the token from the token
// file /dev/fd/63 is empty`), exit 2, while the same line with --token worked.
describe('a token read once serves product detection and the command', () => {
  // The token's own error, not 'no product given' from a /ping asked without it.
  it('a --token-file that cannot be read is its own error, before anything is sent', async () => {
    const r = await cli(['--host', sandbox.url, '--token-file', '/nonexistent/token', 'database', 'list']);
    expect(r.stderr).toBe('error: cannot read the token file /nonexistent/token: ENOENT');
    expect(r.exitCode).toBe(2);
    expect(await sandbox.requests()).toEqual([]);
  });

  it('--token-stdin', async () => {
    const r = await cli(['--host', sandbox.url, '--token-stdin', 'database', 'list', '--json'], { input: 'any-token-0123456789\n' });
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(expect.arrayContaining([expect.objectContaining({ name: '_internal' })]));
    // /ping and the listing, both with the token that was read.
    const sent = (await sandbox.requests()).map((q) => `${q.method} ${q.path.split('?')[0]} ${q.headers.authorization}`);
    expect(sent).toEqual(['GET /ping Bearer any-token-0123456789', 'GET /api/v3/configure/database Bearer any-token-0123456789']);
  });

});

// A token file may be a named pipe (a secrets agent writing into it). Its reader used to open it twice: a
// writer already waiting was let through by the first open and gone by the second, which then waited for
// a writer forever, in a thread-pool read that kept the process alive through Ctrl-C and SIGTERM.
describe('--token-file naming a FIFO', () => {
  const fifo = () => {
    const path = join(tempDir(), 'token');
    execFileSync('mkfifo', [path]);
    return path;
  };

  it('takes the token of a writer that was there first', async () => {
    const path = fifo();
    const writer = execa('sh', ['-c', 'printf "%s\\n" any-token-0123456789 > "$0"', path], { reject: false, timeout: 15_000 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const r = await cli(['--product', 'core', '--host', sandbox.url, '--token-file', path, 'database', 'list', '--json'], { timeoutMs: 10_000 });
    await writer;
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    expect((await sandbox.requests()).map((q) => q.headers.authorization)).toEqual(['Bearer any-token-0123456789']);
  });

  it('stops on SIGTERM while it waits for a writer', async () => {
    const child = execa('node', [BIN, '--product', 'core', '--host', sandbox.url, '--token-file', fifo(), 'database', 'list'], { reject: false, extendEnv: false, env: cleanEnv(), stdin: 'ignore', timeout: 15_000 });
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const started = Date.now();
    child.kill('SIGTERM');
    const r = await child;
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(r.exitCode).toBe(143);
    expect(await sandbox.requests()).toEqual([]);
  });
});

// A token file was read whole, whatever its size: `--token-file /dev/zero` read until memory ran out. It
// is read to 64 KiB at most, as --token-stdin is; more is exit 2, one line that shows nothing of it.
describe('--token-file larger than any token', () => {
  const refused = (path: string) => `error: the token file ${path} holds more than 64 KiB, more than any token`;

  it('a regular file: exit 2, nothing sent', async () => {
    const path = join(tempDir(), 'token');
    writeFileSync(path, `${'t'.repeat(70_000)}\n`);
    const r = await cli(['--product', 'core', '--host', sandbox.url, '--token-file', path, 'database', 'list'], { timeoutMs: 10_000 });
    expect(r.stderr).toBe(refused(path));
    expect(r.exitCode).toBe(2);
    expect(await sandbox.requests()).toEqual([]);
  });

  it.runIf(process.platform === 'linux')('/dev/zero: stops at the limit, exit 2', async () => {
    const r = await cli(['--product', 'core', '--host', sandbox.url, '--token-file', '/dev/zero', 'database', 'list'], { timeoutMs: 10_000 });
    expect(r.stderr).toBe(refused('/dev/zero'));
    expect(r.exitCode).toBe(2);
    expect(await sandbox.requests()).toEqual([]);
  });

  it('a FIFO whose writer never stops: exit 2', async () => {
    const path = join(tempDir(), 'token');
    execFileSync('mkfifo', [path]);
    const writer = execa('sh', ['-c', 'exec yes > "$0"', path], { reject: false, timeout: 15_000 });
    const r = await cli(['--product', 'core', '--host', sandbox.url, '--token-file', path, 'database', 'list'], { timeoutMs: 10_000 });
    writer.kill();
    await writer;
    expect(r.stderr).toBe(refused(path));
    expect(r.exitCode).toBe(2);
    expect(await sandbox.requests()).toEqual([]);
  });
});
