// -H for the host, as influxdb3 users type it; short letters that mean one thing everywhere.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, parseJson, startSandbox, type SandboxHandle } from './harness.js';

let sandbox: SandboxHandle;
beforeAll(async () => {
  sandbox = await startSandbox(['--influxdb3', 'core']);
});
afterAll(() => sandbox.stop());

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
