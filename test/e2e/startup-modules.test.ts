// What a command loads from Node decides much of its start-up (docs/performance.md). Not a timing test:
// it pins which Node modules a command may load, so a stray import at module load shows up here as a
// failure rather than as a slower bench run.

import { execa } from 'execa';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, cleanEnv, startSandbox, type SandboxHandle } from './harness.js';

const HOOK = fileURLToPath(new URL('../fixtures/module-list.cjs', import.meta.url));
/**
 * The stream machinery, sockets, terminals, crypto, processes, promise-based fs: none is needed offline.
 * Nor are os (HOME is set), module (createRequire) or url (import.meta.url): small, but read at every start.
 */
const HEAVY = ['stream', 'net', 'tty', 'crypto', 'child_process', 'fs/promises', 'readline', 'http', 'https', 'tls', 'worker_threads', 'os', 'module', 'url'];

let sandbox: SandboxHandle;
beforeAll(async () => {
  sandbox = await startSandbox([]);
});
afterAll(async () => {
  await sandbox.stop();
});

async function loaded(args: string[], env: Record<string, string>): Promise<{ exitCode: number; modules: string[] }> {
  const file = join(mkdtempSync(join(tmpdir(), 'modules-')), 'list.json');
  const r = await execa(process.execPath, ['-r', HOOK, BIN, ...args], { env: { ...env, MODULE_LIST_FILE: file }, extendEnv: false, reject: false });
  return { exitCode: r.exitCode ?? -1, modules: JSON.parse(readFileSync(file, 'utf8')) as string[] };
}

describe('Node modules a command loads', () => {
  it('offline verbs and refused input load none of the heavy ones, stdout and stderr piped', async () => {
    const env = cleanEnv();
    expect((await execa(process.execPath, [BIN, 'profile', 'create', 'p', '--product', 'clustered', '--host', sandbox.url], { env, extendEnv: false })).exitCode).toBe(0);
    const refused = (product: string) => ['--product', product, '--host', sandbox.url, 'database', 'create', 'bad name', ...(product === 'dbaas' ? ['--datastore', 'x'] : [])];
    for (const args of [['profile', 'list'], ['profile', 'show', 'p'], ...['clustered', 'core', 'dbaas'].map(refused)]) {
      const r = await loaded(args, env);
      expect(r.exitCode, args.join(' ')).toBe(args.includes('bad name') ? 2 : 0);
      expect(r.modules.filter((m) => HEAVY.includes(m)), args.join(' ')).toEqual([]);
    }
  });

  it('--version, --help and completion load no Node module at all', async () => {
    for (const args of [['--version'], ['database', 'create', '--help'], ['completion', 'bash']]) {
      const r = await loaded(args, cleanEnv());
      expect(r.exitCode, args.join(' ')).toBe(0);
      expect(r.modules, args.join(' ')).toEqual([]);
    }
  });

  it('a request loads node:http and what it needs, but not https, crypto, child_process or fs/promises', async () => {
    const tokenFile = join(mkdtempSync(join(tmpdir(), 'token-')), 'token');
    writeFileSync(tokenFile, 't\n');
    for (const token of [['--token', 't'], ['--token-file', tokenFile]]) {
      const r = await loaded(['--product', 'clustered', '--host', sandbox.url, ...token, 'database', 'list', '--json'], cleanEnv());
      expect(r.exitCode, token[0]).toBe(0);
      expect(r.modules, token[0]).toContain('http');
      expect(r.modules.filter((m) => ['https', 'tls', 'crypto', 'child_process', 'fs/promises', 'tty', 'readline'].includes(m)), token[0]).toEqual([]);
    }
  });
});
