// Errors that use what the tool knows: where a rejected token came from, and where a listing went when
// nothing answered there.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanEnv, cli, startSandbox, tempDir, type SandboxHandle } from './harness.js';

let sandbox: SandboxHandle;
beforeAll(async () => {
  sandbox = await startSandbox(['--token', 'the-good-token']);
});
afterAll(() => sandbox.stop());

const BAD = 'rejected-token-value-123';
const target = () => ['--product', 'clustered', '--host', sandbox.url];

describe('a rejected token (401)', () => {
  it.each([
    ['--token', () => ({ args: ['--token', BAD], env: cleanEnv() }), 'the server did not accept the token from --token; check --token'],
    ['an env var', () => ({ args: [], env: cleanEnv({ INFLUXADM_TOKEN: BAD }) }), "the server did not accept the token from INFLUXADM_TOKEN; check INFLUXADM_TOKEN, or unset it to use the profile's token"],
  ])('from %s: the hint names the source', async (_name, given, hint) => {
    const { args, env } = given();
    const r = await cli([...target(), ...args, 'database', 'list'], { env });
    expect(r.exitCode).toBe(4);
    expect(r.stderr).toBe(`error: listing databases failed: 401 Unauthorized\n${hint}`);
  });

  it('from a token file: names the file', async () => {
    const file = join(tempDir(), 'token');
    writeFileSync(file, `${BAD}\n`);
    const r = await cli([...target(), '--token-file', file, 'database', 'list']);
    expect(r.exitCode).toBe(4);
    expect(r.stderr.split('\n')[1]).toBe(`the server did not accept the token from the token file ${file}; check the token file ${file}`);
  });

  it('stored for a profile: names where it is stored and how to replace it, never the token', async () => {
    const env = cleanEnv();
    expect((await cli(['profile', 'create', 'p', ...target()], { env })).exitCode).toBe(0);
    expect((await cli(['auth', 'login', '--profile', 'p', '--token-stdin', '--credential-store', 'file'], { env, input: BAD })).exitCode).toBe(0);
    const r = await cli(['--profile', 'p', 'database', 'list'], { env });
    expect(r.exitCode).toBe(4);
    expect(r.stderr.split('\n')[1]).toMatch(/^the server did not accept the token from \S+credentials\.json; it was stored for the profile: store a new one with `influxadm auth login`$/);
    expect(r.stderr).not.toContain(BAD);
  });
});

describe('a 404 from a listing', () => {
  it('says where nothing answered, and to check --host (its path prefix) and --product', async () => {
    const r = await cli(['--product', 'clustered', '--host', `${sandbox.url}/influx`, '--token', 'the-good-token', 'database', 'list']);
    expect(r.exitCode).toBe(3);
    expect(r.stderr).toBe(`error: listing databases failed: 404 Not Found\nnothing answers at ${sandbox.url}/influx/api/v0/databases: check that --host is the server's root (a path prefix in it is kept) and that --product is the one that server runs`);
  });

  it('is not said of one object that is missing', async () => {
    const r = await cli([...target(), '--token', 'the-good-token', 'token', 'get', '00000000-0000-4000-8000-000000000001']);
    expect(r.exitCode).toBe(3);
    expect(r.stderr).not.toMatch(/nothing answers at/);
  });
});
