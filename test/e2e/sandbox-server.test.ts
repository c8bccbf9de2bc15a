// `influxadm sandbox` itself, through the built binary: what it does when it cannot start (a --state file
// it cannot use, a port it may not take) and how it answers requests no real client should send.

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, cli, startSandbox, tempDir, type SandboxHandle } from './harness.js';

/** A sandbox that cannot start ends at once; one that starts is stopped by the timeout (and fails the test). */
const sandboxWith = (...args: string[]) => cli(['sandbox', '--port', '0', ...args], { timeoutMs: 5_000 });

describe('a --state file it cannot use: one line naming the file, exit 2, before it listens', () => {
  const dir = tempDir('influxadm-state-');
  const cases: Array<[string, () => string, RegExp]> = [
    ['not JSON', () => (writeFileSync(join(dir, 'broken.json'), '{"version": 1,'), join(dir, 'broken.json')), /^error: the state file .*broken\.json is not JSON$/m],
    ['JSON of another shape', () => (writeFileSync(join(dir, 'other.json'), '[1, 2]'), join(dir, 'other.json')), /^error: .*other\.json is not a sandbox state file$/m],
    ['a directory', () => (mkdirSync(join(dir, 'adir'), { recursive: true }), join(dir, 'adir')), /^error: cannot read the state file .*adir: EISDIR$/m],
    ['in a directory that does not exist', () => join(dir, 'missing', 'state.json'), /^error: cannot write the state file .*state\.json: ENOENT$/m],
  ];

  it.each(cases)('%s', async (_, file, message) => {
    const r = await sandboxWith('--state', file());
    expect(r.exitCode, r.stderr).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/bug|unexpected failure|at .*\.js/);
  });

  it('a file it could use is left as it was', async () => {
    const file = join(dir, 'other.json');
    writeFileSync(file, '[1, 2]');
    await sandboxWith('--state', file);
    expect(readFileSync(file, 'utf8')).toBe('[1, 2]');
  });
});

describe('a port it may not take', () => {
  // Ports below this need privileges; root has them, so as root the sandbox is run as nobody (setpriv).
  const unprivileged = Number(existsSync('/proc/sys/net/ipv4/ip_unprivileged_port_start') ? readFileSync('/proc/sys/net/ipv4/ip_unprivileged_port_start', 'utf8') : 1024);
  const root = process.getuid?.() === 0;
  const runnable = process.platform === 'linux' && unprivileged > 81 && (!root || existsSync('/usr/bin/setpriv'));

  it.skipIf(!runnable)('is exit 2 saying so, not "a bug"', async () => {
    const command = ['node', BIN, 'sandbox', '--port', '81'];
    const [file, ...args] = root ? ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', ...command] : command;
    const r = await execa(file!, args, { reject: false, extendEnv: false, env: { PATH: process.env.PATH!, HOME: '/nonexistent' }, stdin: 'ignore', timeout: 5_000 });
    expect(r.exitCode, String(r.stderr)).toBe(2);
    expect(r.stderr).toBe('error: port 81 needs privileges this process does not have\npick one above 1023 with --port, or --port 0 for any free port');
  });
});

describe('requests no client should send', () => {
  let sandbox: SandboxHandle;
  beforeAll(async () => {
    sandbox = await startSandbox();
  });
  afterAll(async () => {
    await sandbox.stop();
  });

  it('a body over 1 MiB is a 413 saying so, recorded, and nothing is created (it was cut and called "not valid JSON")', async () => {
    await sandbox.clearRequests();
    const body = JSON.stringify({ name: 'x'.repeat(2 * 1024 * 1024) });
    const res = await fetch(`${sandbox.url}/api/v0/databases`, { method: 'POST', headers: { authorization: 'Bearer t', 'content-type': 'application/json' }, body });
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({ code: 413, message: 'the request body is larger than 1 MiB' });
    expect(await sandbox.requests()).toMatchObject([{ method: 'POST', path: '/api/v0/databases', status: 413 }]);
    const list = await fetch(`${sandbox.url}/api/v0/databases`, { headers: { authorization: 'Bearer t' } });
    expect(await list.json()).toEqual([]);
  });
});
