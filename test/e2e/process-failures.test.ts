// Hardening: every failure is one line and a documented exit code — signals, a full disk, a closed
// stderr — and the parser never repeats a value that may be a secret.

import { spawn, spawnSync } from 'node:child_process';
import { closeSync, constants, existsSync, mkdirSync, openSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, cleanEnv, cli, startSandbox, type SandboxHandle } from './harness.js';

let stalled: SandboxHandle;
beforeAll(async () => {
  stalled = await startSandbox(['--faults', 'stall:1']);
});
afterAll(async () => {
  await stalled.stop();
});

function runUntil(args: string[], env: Record<string, string>, ready: (stderr: string) => boolean, signal: NodeJS.Signals) {
  return new Promise<{ code: number | null; stderr: string }>((resolve) => {
    const child = spawn('node', [BIN, ...args], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    let sent = false;
    child.stderr.on('data', (d) => {
      stderr += d;
      if (!sent && ready(stderr)) {
        sent = true;
        child.kill(signal);
      }
    });
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

describe('signals', () => {
  it.each([['SIGTERM', 143], ['SIGHUP', 129], ['SIGINT', 130]] as const)('%s mid-request exits %i with one line', async (signal, code) => {
    const env = cleanEnv({ INFLUXADM_TOKEN: 't' });
    // --debug says when the request is on the wire; the stalled sandbox never answers it.
    const r = await runUntil(['--product', 'clustered', '--host', stalled.url, '--debug', 'database', 'list'], env, (e) => e.includes('→ GET'), signal);
    expect(r.code).toBe(code);
    expect(r.stderr.split('\n').filter((l) => l !== '' && !l.startsWith('debug:'))).toHaveLength(1);
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/);
  });

  it.each([['SIGTERM', 143, 'SIGTERM: stopped'], ['SIGINT', 130, 'interrupted']] as const)('%s with stderr not a terminal: exit %i and that one line, no blank line before it', async (signal, code, line) => {
    // The blank line ends a terminal's `^C` echo or status line; a CI log has neither, and got an empty line.
    const r = await runUntil(['--product', 'clustered', '--host', stalled.url, '--debug', 'database', 'list'], cleanEnv({ INFLUXADM_TOKEN: 't' }), (e) => e.includes('→ GET'), signal);
    expect(r.code).toBe(code);
    expect(r.stderr.split('\n').filter((l) => !l.startsWith('debug:'))).toEqual([line, '']);
  });

  it('releases the config lock when stopped while holding it', async () => {
    const env = cleanEnv();
    const dir = env.INFLUXADM_CONFIG_DIR!;
    mkdirSync(dir, { recursive: true });
    // A FIFO as config.json: reading it blocks, so the writer is stopped with the lock in hand.
    expect(spawnSync('mkfifo', [join(dir, 'config.json')]).status).toBe(0);
    const child = spawn('node', [BIN, 'profile', 'create', 'p', '--product', 'clustered', '--host', 'http://h'], { env, stdio: 'ignore' });
    const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
    while (!existsSync(join(dir, 'config.json.lock'))) await new Promise((resolve) => setTimeout(resolve, 20));
    child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 300));
    // Then EOF, as a writer would give it (the read waits on the event loop, so the signal ends it anyway).
    // Non-blocking: a process that is already gone has no read end, and the open must not wait for one.
    try {
      closeSync(openSync(join(dir, 'config.json'), constants.O_WRONLY | constants.O_NONBLOCK));
    } catch {
      // ENXIO: nobody is reading any more.
    }
    expect(await closed).toBe(143);
    expect(readdirSync(dir).filter((f) => f.endsWith('.lock'))).toEqual([]);
  }, 20_000);
});

describe('output that cannot be written', () => {
  it('a full disk on stdout is one line and exit 1', () => {
    const env = cleanEnv();
    const r = spawnSync('sh', ['-c', `node ${BIN} version --json > /dev/full`], { env, encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('error: cannot write to standard output (ENOSPC)\n');
  });

  it('a usage error with nobody reading stderr still exits 2, without a crash', async () => {
    const child = spawn('node', [BIN, 'database', 'create', 'bad name', '--product', 'clustered', '--host', 'http://h'], { env: cleanEnv(), stdio: ['ignore', 'ignore', 'pipe'] });
    // The reader goes away before the error is written: the write fails with EPIPE.
    child.stderr.destroy();
    expect(await new Promise((resolve) => child.on('close', resolve))).toBe(2);
  });
});

describe('the parser never repeats what may be a secret', () => {
  it('drops the value of a misspelled --flag=value', async () => {
    const r = await cli(['--tokne=supersecret-value-123', 'database', 'list']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/unknown option '--tokne=…'/);
    expect(r.stderr).not.toContain('supersecret');
  });

  it('drops the value glued to an unknown short flag (-tTOKEN), and still says what -t is here', async () => {
    const r = await cli(['database', 'list', '-tsupersecret-value-456']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/^error: unknown option '-t…'\ninflux's -t is --token here/);
    expect(r.stderr).not.toContain('supersecret');
  });

  it('repeats an unknown command only when it looks like a typo of one of ours', async () => {
    const secret = await cli(['apiv3_Zk9sQ2hhcmxpZS1zZWNyZXQ']);
    expect(secret.exitCode).toBe(2);
    expect(secret.stderr).not.toContain('Zk9s');
    expect(secret.stderr).toMatch(/unknown command \(not repeated here/);
    const typo = await cli(['databse', 'list']);
    expect(typo.stderr).toMatch(/unknown command 'databse'\n\(Did you mean database\?\)/);
  });
});
