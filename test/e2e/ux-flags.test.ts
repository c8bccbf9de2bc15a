// -H for the host, as influxdb3 users type it; short letters that mean one thing everywhere.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, parseJson, startSandbox, tempDir, type SandboxHandle } from './harness.js';

let sandbox: SandboxHandle;
let mgmt: SandboxHandle;
beforeAll(async () => {
  [sandbox, mgmt] = await Promise.all([startSandbox(['--influxdb3', 'core']), startSandbox()]);
});
afterAll(() => Promise.all([sandbox.stop(), mgmt.stop()]));

describe('-H', () => {
  it('is --host, before or after the command, in both command shapes', async () => {
    expect((await cli(['--product', 'core', '--token', 't', '-H', sandbox.url, 'database', 'create', 'viaH'])).exitCode).toBe(0);
    await sandbox.clearRequests();
    for (const line of [['-H', sandbox.url, 'database', 'list'], ['show', 'databases', '-H', sandbox.url], ['database', 'list', `-H${sandbox.url}`]]) {
      const r = await cli(['--product', 'core', '--token', 't', '--json', ...line]);
      expect(r.exitCode, line.join(' ')).toBe(0);
      expect(parseJson<Array<{ name: string }>>(r.stdout).map((d) => d.name)).toContain('viaH');
    }
    expect((await sandbox.requests()).length).toBe(3);
  });
});

describe('letters with one meaning', () => {
  it('-d is --database; the influxdb3-shaped create table takes -f for --fields as influxdb3 does, table create does not', async () => {
    const r = await cli(['--product', 'core', '--token', 't', '-H', sandbox.url, 'create', 'table', '-d', 'viaH', '--tags', 'host', '--fields', 'used:int64', 'mem']);
    expect(r.exitCode).toBe(0);
    const f = await cli(['--product', 'core', '--token', 't', '-H', sandbox.url, 'create', 'table', '-d', 'viaH', '--tags', 'host', '-f', 'used:int64', 'disk']);
    expect(f.exitCode, f.stderr).toBe(0);
    const canonical = await cli(['--product', 'core', '--token', 't', '-H', sandbox.url, 'table', 'create', 'viaH', 'swap', '--tags', 'host', '-f', 'used:int64']);
    expect(canonical).toMatchObject({ exitCode: 2, stderr: "error: unknown option '-f'" });
  });
});

describe('--quiet', () => {
  it('leaves out the result lines on stderr; the data on stdout, errors and the exit code stay', async () => {
    const on = ['--product', 'core', '--token', 't', '-H', sandbox.url, '-q'];
    const created = await cli([...on, 'database', 'create', 'quietly']);
    expect(created).toMatchObject({ exitCode: 0, stderr: '' });
    expect(created.stdout).toMatch(/quietly/);
    expect(await cli([...on, 'database', 'delete', 'quietly', '--yes'])).toEqual({ exitCode: 0, stdout: '', stderr: '' });
    expect(await cli([...on, 'database', 'delete', 'quietly', '--yes', '--ignore-not-found'])).toEqual({ exitCode: 0, stdout: '', stderr: '' });
    const missing = await cli([...on, 'database', 'delete', 'quietly', '--yes']);
    expect(missing.exitCode).toBe(3);
    expect(missing.stderr).toMatch(/^error: /);
    expect((await cli([...on, 'database', 'create', 'qempty'])).exitCode).toBe(0);
    expect(await cli([...on, 'table', 'list', 'qempty'])).toEqual({ exitCode: 0, stdout: '', stderr: '' });
  });

  it('keeps a result line that warns (a rename leaves tokens behind)', async () => {
    const dedicated = ['--product', 'dedicated', '--account', '11111111-1111-4111-8111-111111111111', '--cluster', '33333333-3333-4333-8333-333333333333', '--host', mgmt.url, '--token', 't', '-q'];
    expect((await cli([...dedicated, 'database', 'create', 'q_r1'])).exitCode).toBe(0);
    const r = await cli([...dedicated, 'database', 'rename', 'q_r1', 'q_r2', '--yes']);
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toMatch(/tokens that name "q_r1" no longer grant access/);
  });

  it('makes apply say only what failed', async () => {
    const path = join(tempDir('influxadm-quiet-'), 'f.yaml');
    writeFileSync(path, `targets:\n  k:\n    product: core\n    host: ${sandbox.url}\n    databases:\n      - name: q_a\n      - name: q_b\n`);
    await sandbox.setFaults('500:x1@POST/api/v3/configure/database');
    const r = await cli(['--token', 't', 'apply', '-f', path, '--yes', '-q', '--concurrency', '1']);
    await sandbox.setFaults('');
    expect(r.exitCode).toBe(1);
    const lines = r.stderr.split('\n');
    expect(lines[0]).toMatch(/^error: create database "q_a" on k: creating database "q_a" failed: 500/);
    expect(lines.slice(1)).toEqual(['error: 1 of 2 changes failed', 'fix the cause and apply again: what was done is not done twice']);
    // The results table is the output (stdout); stderr has nothing to say.
    expect(await cli(['--token', 't', 'apply', '-f', path, '--yes', '-q'])).toMatchObject({ exitCode: 0, stderr: '' });
  });
});
