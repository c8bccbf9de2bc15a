// --yes answers questions and nothing else; replacing a file or a profile takes --force (exit 2 without
// it, nothing written, nothing sent).

import { existsSync, lstatSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanEnv, cli, parseJson, startSandbox, tempDir, type SandboxHandle } from './harness.js';

let sandbox: SandboxHandle;
beforeAll(async () => {
  sandbox = await startSandbox(['--influxdb3', 'enterprise']);
});
afterAll(() => sandbox.stop());

const target = () => ['--product', 'enterprise', '--host', sandbox.url, '--token', 'admin'];

describe('--output-file of a new token', () => {
  it('is not replaced with --yes: exit 2, the file as it was, no token created; --force replaces it', async () => {
    const file = join(tempDir(), 'token');
    writeFileSync(file, 'old\n');
    await sandbox.clearRequests();
    const refused = await cli([...target(), 'token', 'create', '--name', 'ci1', '--permission', 'db:*:read', '--output-file', file, '--yes']);
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toMatch(/^error: --output-file \S+ exists already\nchoose another path, or pass --force to replace it$/);
    expect(readFileSync(file, 'utf8')).toBe('old\n');
    expect(await sandbox.requests()).toEqual([]);
    const forced = await cli([...target(), 'token', 'create', '--name', 'ci1', '--permission', 'db:*:read', '--output-file', file, '--force']);
    expect(forced.exitCode).toBe(0);
    expect(readFileSync(file, 'utf8')).toMatch(/^apiv3_/);
  });
});

describe('--output-file that is not a regular file', () => {
  const fifo = () => {
    const path = join(tempDir(), 'pipe');
    expect(spawnSync('mkfifo', [path]).status).toBe(0);
    return path;
  };
  const create = (file: string, ...extra: string[]) => cli([...target(), 'token', 'create', '--name', 'nf', '--permission', 'db:*:read', '--output-file', file, ...extra]);

  it('a FIFO, or a symlink to one, is refused with --force too: exit 2, still a FIFO, no token created', async () => {
    const pipe = fifo();
    const link = join(tempDir(), 'link');
    symlinkSync(pipe, link);
    for (const [file, extra] of [[pipe, []], [pipe, ['--force']], [link, ['--force']]] as const) {
      await sandbox.clearRequests();
      const r = await create(file, ...extra);
      expect(r.exitCode).toBe(2);
      expect(r.stderr).toBe(`error: --output-file ${file} is a named pipe (FIFO), not a regular file; it is never replaced\ngive the path of a regular file, or leave out --output-file to have the secret on standard output`);
      expect(r.stdout).toBe('');
      expect(await sandbox.requests()).toEqual([]);
    }
    expect(lstatSync(pipe).isFIFO()).toBe(true);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
  });

  it('token regenerate refuses a FIFO before the token is regenerated', async () => {
    const pipe = fifo();
    await sandbox.clearRequests();
    const r = await cli([...target(), 'token', 'regenerate', '--yes', '--force', '--output-file', pipe]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/^error: --output-file \S+ is a named pipe \(FIFO\), not a regular file/);
    expect(await sandbox.requests()).toEqual([]);
    expect(lstatSync(pipe).isFIFO()).toBe(true);
  });

  it('a symlink that leads nowhere is refused, with or without --force: exit 2, nothing created anywhere', async () => {
    const dir = tempDir();
    const link = join(dir, 'dangling');
    symlinkSync(join(dir, 'nowhere'), link);
    for (const extra of [[], ['--force']]) {
      await sandbox.clearRequests();
      const r = await create(link, ...extra);
      expect(r.exitCode).toBe(2);
      expect(r.stderr).toBe(`error: --output-file ${link} is a symbolic link that leads nowhere (ENOENT)\npoint it at an existing regular file, or choose another path`);
      expect(await sandbox.requests()).toEqual([]);
    }
    expect(existsSync(join(dir, 'nowhere'))).toBe(false);
  });
});

describe('--force does not answer a question', () => {
  it('a destructive verb without a terminal still needs --yes', async () => {
    expect((await cli([...target(), 'database', 'create', 'kept'])).exitCode).toBe(0);
    const r = await cli([...target(), 'database', 'delete', 'kept', '--force']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/pass --yes to confirm in scripts/);
    expect((await cli([...target(), 'database', 'delete', 'kept', '--yes'])).exitCode).toBe(0);
  });
});

describe('an existing profile', () => {
  it('is replaced by profile create only with --force (--yes is not enough)', async () => {
    const env = cleanEnv();
    expect((await cli(['profile', 'create', 'p', '--product', 'core', '--host', 'http://127.0.0.1:1'], { env })).exitCode).toBe(0);
    for (const extra of [[], ['--yes']]) {
      const r = await cli(['profile', 'create', 'p', '--product', 'clustered', '--host', 'http://127.0.0.1:2', ...extra], { env });
      expect(r.exitCode).toBe(2);
      expect(r.stderr).toMatch(/^error: a profile named "p" exists already\nchange it with `influxadm profile update`, or pass --force to replace it$/);
    }
    expect(parseJson((await cli(['profile', 'show', 'p', '--json'], { env })).stdout)).toMatchObject({ product: 'core', host: 'http://127.0.0.1:1' });
    const forced = await cli(['profile', 'create', 'p', '--product', 'clustered', '--host', 'http://127.0.0.1:2', '--force'], { env });
    expect(forced.exitCode).toBe(0);
    expect(forced.stderr).toMatch(/replaced profile "p"/);
    expect(parseJson((await cli(['profile', 'show', 'p', '--json'], { env })).stdout)).toMatchObject({ product: 'clustered', host: 'http://127.0.0.1:2' });
  });

  it('is replaced by profile import only with --force: without it exit 2 and nothing imported', async () => {
    const env = cleanEnv();
    const file = join(tempDir(), 'config.toml');
    writeFileSync(file, '[[profile]]\n  name = "lab"\n  product = "clustered"\n  host = "https://influx.lab"\n[[profile]]\n  name = "new"\n  product = "clustered"\n  host = "https://new.lab"\n');
    expect((await cli(['profile', 'create', 'lab', '--product', 'core', '--host', 'http://127.0.0.1:1'], { env })).exitCode).toBe(0);
    const refused = await cli(['profile', 'import', '--from', 'influxctl', file, '--yes'], { env });
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toMatch(/^error: a profile named "lab" exists already; nothing was imported\npass --force/);
    expect(parseJson<Array<{ name: string }>>((await cli(['profile', 'list', '--json'], { env })).stdout).map((p) => p.name)).toEqual(['lab']);
    const forced = await cli(['profile', 'import', '--from', 'influxctl', file, '--force', '--json'], { env });
    expect(forced.exitCode).toBe(0);
    expect(parseJson<Array<{ result: string }>>(forced.stdout).map((r) => r.result)).toEqual(['imported', 'imported']);
    expect(parseJson((await cli(['profile', 'show', 'lab', '--json'], { env })).stdout)).toMatchObject({ product: 'clustered', host: 'https://influx.lab' });
  });
});
