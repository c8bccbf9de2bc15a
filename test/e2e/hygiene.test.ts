import { spawn, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCOUNT, BIN, CLUSTER, cleanEnv, cli, parseJson, startSandbox, tempDir, type SandboxHandle } from './harness.js';

let sandbox: SandboxHandle;
let slow: SandboxHandle;
let big: SandboxHandle;
beforeAll(async () => {
  const state = join(tempDir(), 'state.json');
  const databases = Array.from({ length: 3000 }, (_, i) => ({ id: i + 1, name: `db_${i}`, maxTables: 500, maxColumnsPerTable: 200, retentionPeriod: 0 }));
  writeFileSync(state, JSON.stringify({ version: 1, management: { clustered: { nextId: 3001, databases } } }));
  [sandbox, slow, big] = await Promise.all([startSandbox(), startSandbox(['--latency', '4000']), startSandbox(['--state', state])]);
});
afterAll(async () => {
  await Promise.all([sandbox.stop(), slow.stop(), big.stop()]);
});

describe('process hygiene', () => {
  it('exits 130 on SIGINT mid-request and leaves the config intact', async () => {
    const env = cleanEnv({ INFLUXADM_TOKEN: 't' });
    await cli(['profile', 'create', 'keep', '--product', 'clustered', '--host', slow.url], { env });
    const file = join(env.INFLUXADM_CONFIG_DIR!, 'config.json');
    const before = readFileSync(file, 'utf8');
    const child = spawn('node', [BIN, 'database', 'list'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    await new Promise((resolve) => setTimeout(resolve, 800));
    child.kill('SIGINT');
    const code = await new Promise((resolve) => child.on('close', (c) => resolve(c)));
    expect(code).toBe(130);
    expect(stderr).toMatch(/interrupted/);
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(readFileSync(file, 'utf8')).toBe(before);
  });

  it('does not crash when stdout closes early (| head -1)', () => {
    const r = spawnSync('bash', ['-c', `node ${BIN} --product clustered --host ${big.url} --token t database list --json | head -1; echo "status=\${PIPESTATUS[0]}" >&2`], {
      env: cleanEnv(), encoding: 'utf8',
    });
    expect(r.stdout).toBe('[\n');
    expect(r.stderr.trim()).toBe('status=0');
  });

  it('loses no profile when 50 processes create profiles at once', async () => {
    const env = cleanEnv();
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => cli(['profile', 'create', `c${i}`, '--product', 'core'], { env, timeoutMs: 60_000 })));
    expect(results.filter((r) => r.exitCode !== 0).map((r) => r.stderr)).toEqual([]);
    const names = parseJson<Array<{ name: string }>>((await cli(['profile', 'list', '--json'], { env })).stdout).map((p) => p.name);
    expect(names).toHaveLength(50);
    expect(new Set(names).size).toBe(50);
  }, 120_000);
});

describe('secret hygiene', () => {
  const TOKEN = 'known-credential-7f3a9c2e5b1d';
  const PASSWORD = 'known-password-4e8d2b';

  it('keeps the credential and passwords out of every verb\'s output, --debug included, and out of written files', async () => {
    const env = cleanEnv({ INFLUXADM_TOKEN: TOKEN, INFLUX_TOKEN: TOKEN, INFLUX_ORG: 'my-org', INFLUXDB3_AUTH_TOKEN: TOKEN });
    const m = ['--product', 'clustered', '--host', sandbox.url];
    const d = ['--product', 'dedicated', '--host', sandbox.url, '--account', ACCOUNT, '--cluster', CLUSTER];
    const e = ['--product', 'enterprise', '--host', sandbox.url];
    const v = ['--product', 'v2', '--host', sandbox.url];
    const tokenCreate = parseJson<{ id: string }>((await cli([...d, 'token', 'create', 'hyg', '--read-database', 'a', '--json'], { env })).stdout);
    const runs: Array<{ args: string[]; input?: string; printsSecret?: boolean }> = [
      { args: [...m, 'database', 'create', 'hyg1', '--retention-period', '1d'] },
      { args: [...m, 'database', 'list'] },
      { args: [...m, 'database', 'update', 'hyg1', '--max-tables', '3'] },
      { args: [...m, 'database', 'rename', 'hyg1', 'hyg2'] },
      { args: [...m, 'table', 'create', 'hyg2', 'cpu'] },
      { args: [...m, 'table', 'delete', 'hyg2', 'cpu', '--yes'] },
      { args: [...m, 'database', 'delete', 'hyg2', '--yes'] },
      { args: [...d, 'token', 'create', 'again', '--read-database', 'a'], printsSecret: true },
      { args: [...d, 'token', 'list'] },
      { args: [...d, 'token', 'get', tokenCreate.id] },
      { args: [...d, 'token', 'update', tokenCreate.id, '--description', 'x'] },
      { args: [...d, 'token', 'revoke', tokenCreate.id, '--yes'] },
      { args: [...e, 'database', 'create', 'hyg3'] },
      { args: [...e, 'table', 'create', 'hyg3', 't', '--tags', 'a'] },
      { args: [...e, 'table', 'list', 'hyg3'] },
      { args: [...e, 'token', 'create', '--admin', '--name', 'hyg-admin'], printsSecret: true },
      { args: [...e, 'token', 'list'] },
      { args: [...e, 'token', 'delete', 'hyg-admin', '--yes'] },
      { args: [...v, 'v1-auth', 'create', '--username', 'hyg', '--read-bucket', 'telegraf', '--password-stdin'], input: `${PASSWORD}\n` },
      { args: [...v, 'v1-auth', 'set-password', '--username', 'hyg', '--password-stdin', '--yes'], input: `${PASSWORD}\n` },
      { args: [...v, 'v1-auth', 'list'] },
      { args: ['profile', 'create', 'hp', '--product', 'clustered', '--host', sandbox.url, '--credential-store', 'file'] },
      { args: ['auth', 'login', '--profile', 'hp', '--token-stdin'], input: `${TOKEN}\n` },
      { args: ['auth', 'status', '--profile', 'hp'] },
      { args: [...m, 'database', 'list', '--host', 'http://127.0.0.1:9'] },
    ];
    for (const run of runs) {
      const r = await cli([...run.args, '--debug'], { env, input: run.input });
      for (const secret of [TOKEN, PASSWORD]) {
        expect(r.stderr, `${run.args.join(' ')} stderr`).not.toContain(secret);
        expect(r.stdout, `${run.args.join(' ')} stdout`).not.toContain(secret);
      }
    }
    // Every file it wrote but the credential store is free of them.
    const dir = env.INFLUXADM_CONFIG_DIR!;
    for (const file of readdirSync(dir).filter((f) => f !== 'credentials.json')) {
      const text = readFileSync(join(dir, file), 'utf8');
      expect(text, file).not.toContain(TOKEN);
      expect(text, file).not.toContain(PASSWORD);
    }
    expect(readFileSync(join(dir, 'credentials.json'), 'utf8')).toContain(TOKEN);
  }, 120_000);
});

// Values that no parser accepts in that position.
const badName = fc.oneof(
  fc.constantFrom('', ' ', 'a b', 'x;rm -rf /', '$(reboot)', '`id`', 'a"b', "a'b", 'db\u0000x', 'naïve', '\ud800lone', '_internal', '-flag', 'a'.repeat(65), 'tab\tx', 'new\nline'),
  fc.string({ minLength: 1, maxLength: 12 }).map((s) => `${s} ${s}`),
);
const badDuration = fc.constantFrom('', 'NaN', 'Infinity', '-1d', '1e309d', '99999999999999999999999y', '1', '10x', 'd', '1h-30m', '0x10s', '\ud83d', '30m');
const badNumber = fc.constantFrom('', ' ', 'NaN', '1e3', '-1', '0x1F', '9'.repeat(30), '1.5', '+3', 'Infinity', '٣');

describe('argv fuzzing', () => {
  it('answers invalid input with exit 2 and one error line, whatever the flag order, and sends nothing', async () => {
    const env = cleanEnv({ INFLUXADM_TOKEN: 't' });
    const cases = fc.sample(fc.oneof(
      fc.tuple(badName, fc.constant([] as string[])).map(([name, rest]) => ({ positional: ['database', 'create', name], flags: rest })),
      fc.tuple(fc.constantFrom('okname'), badDuration).map(([name, d]) => ({ positional: ['database', 'create', name], flags: ['--retention-period', d] })),
      fc.tuple(fc.constantFrom('okname'), badNumber).map(([name, n]) => ({ positional: ['database', 'update', name], flags: ['--max-tables', n] })),
      badName.map((name) => ({ positional: ['table', 'create', name, 'tbl'], flags: [] })),
      fc.string({ maxLength: 20 }).filter((p) => p.split(':').length !== 3).map((p) => ({ positional: ['token', 'create', 'desc'], flags: ['--permission', p] })),
      badDuration.filter((d) => d !== '30m').map((d) => ({ positional: ['token', 'create', 'desc'], flags: ['--expiry', d] })),
    ), { numRuns: 60, seed: 42 });
    for (const c of cases) {
      const target = ['--product', 'clustered', '--host', sandbox.url];
      // Shuffle flags among the positionals: commander must accept them anywhere.
      const args = [...c.positional];
      const flags = [...target, ...c.flags];
      for (let i = 0; i < flags.length; i += 2) args.splice(Math.min(args.length, 1 + ((i * 7) % (args.length + 1))), 0, flags[i]!, flags[i + 1]!);
      await sandbox.clearRequests();
      const r = await cli(args, { env });
      const lines = r.stderr.trim().split('\n');
      expect(r.exitCode, `${JSON.stringify(args)} → ${r.stderr}`).toBe(2);
      expect(lines[0], JSON.stringify(args)).toMatch(/^error: /);
      expect(lines.length, JSON.stringify(args)).toBeLessThanOrEqual(2);
      expect(r.stderr).not.toMatch(/\n\s+at |unexpected failure/);
      expect(await sandbox.requests(), JSON.stringify(args)).toEqual([]);
    }
  }, 120_000);

  it('never crashes on arbitrary argv', async () => {
    const env = cleanEnv({ INFLUXADM_TOKEN: 't', INFLUXADM_HOST: sandbox.url, INFLUXADM_PRODUCT: 'clustered' });
    const word = fc.oneof(
      fc.constantFrom('database', 'db', 'table', 'token', 'v1-auth', 'profile', 'auth', 'create', 'list', 'show', 'delete', 'update', 'rename', 'undelete', 'get', 'revoke',
        '--json', '--format', 'csv', '--yes', '--timeout', '1s', '--max-tables', '--retention-period', '--permission', '--product', 'core', 'v2', '--', '-', '-y', '--debug'),
      fc.string({ maxLength: 8 }),
      fc.constantFrom('\ud800', '💥', 'NaN', '-0', '1e999', ''),
    );
    const argvs = fc.sample(fc.array(word, { minLength: 1, maxLength: 6 }), { numRuns: 40, seed: 7 });
    for (const argv of argvs) {
      const r = await cli(argv, { env });
      expect([0, 1, 2, 3, 4, 5], `${JSON.stringify(argv)} → ${r.exitCode} ${r.stderr}`).toContain(r.exitCode);
      expect(r.stderr, JSON.stringify(argv)).not.toMatch(/\n\s+at \S|unexpected failure|this is a bug/);
    }
  }, 120_000);
});
