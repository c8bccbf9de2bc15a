// Names a server hands back can hold terminal escape sequences and bidi controls (anyone with a write
// token can create such a table on InfluxDB 3). None of them may reach the terminal raw; JSON stays exact.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execa } from 'execa';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BIN, cleanEnv, cli, startSandbox, tempDir, type SandboxHandle } from './harness.js';
import { answerWhen, hasScript, onTerminal } from './ux-terminal.js';

// ESC, BEL, a C1 CSI, CR, and the bidi override, mark and isolate: each a command to a terminal.
const EVIL = 'x\u001b]0;pwned\u0007\u202eevil\u009b2J\r\u200f\u2066end';
const SHOWN = 'x\\u001b]0;pwned\\u0007\\u202eevil\\u009b2J\\r\\u200f\\u2066end';
// Anything a terminal acts on: C0 but LF, DEL, C1, bidi controls and marks.
const RAW = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

let sandbox: SandboxHandle;
beforeAll(async () => {
  sandbox = await startSandbox(['--influxdb3', 'enterprise']);
});
afterAll(async () => {
  await sandbox.stop();
});

const target = () => ['--product', 'enterprise', '--host', sandbox.url, '--token', 'admin-tok'];
const run = (...args: string[]) => cli([...target(), ...args]);
/** stdout as the process wrote it, final line feed included. */
async function exactStdout(...args: string[]): Promise<string> {
  const r = await execa('node', [BIN, ...target(), ...args], { extendEnv: false, env: cleanEnv(), stdin: 'ignore', stripFinalNewline: false, encoding: 'utf8' });
  return r.stdout;
}

describe('server text on the terminal', () => {
  const db = `evil${Date.now().toString(36)}`;

  beforeAll(async () => {
    expect((await run('database', 'create', db)).exitCode).toBe(0);
    // influxadm refuses such a name itself (control characters), so it goes in by a request of our own.
    const res = await fetch(`${sandbox.url}/api/v3/configure/table`, {
      method: 'POST',
      headers: { authorization: 'Bearer admin-tok', 'content-type': 'application/json' },
      body: JSON.stringify({ db, table: EVIL, tags: ['host'], fields: [] }),
    });
    expect(res.status).toBe(200);
  });

  it('shows the name escaped in a table, on one line', async () => {
    const r = await run('table', 'list', db);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).not.toMatch(RAW);
    expect(r.stderr).not.toMatch(RAW);
    expect(r.stdout).toMatch(new RegExp(`^${SHOWN.replace(/[\\[\]]/g, '\\$&')}(  |$)`, 'm'));
    expect(r.stdout.trimEnd().split('\n')).toHaveLength(2);
  });

  it('shows the name escaped in CSV', async () => {
    const r = await run('table', 'list', db, '--format', 'csv');
    expect(r.exitCode).toBe(0);
    expect(r.stdout).not.toMatch(RAW);
    expect(r.stdout).toBe(`NAME\n${SHOWN}`);
  });

  it('gives the exact name in JSON, byte for byte what JSON.stringify makes', async () => {
    const rows = [{ database: db, name: EVIL, deleted: false }];
    expect(await exactStdout('table', 'list', db, '--json')).toBe(`${JSON.stringify(rows, null, 2)}\n`);
    expect(await exactStdout('table', 'list', db, '--format', 'jsonl')).toBe(`${JSON.stringify(rows[0])}\n`);
  });

  it('escapes the response body in --debug output', async () => {
    const r = await run('table', 'list', db, '--format', 'csv', '--debug');
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toContain('\\u202eevil\\u009b2J');
    expect(r.stderr).not.toMatch(RAW);
  });

  it('escapes server messages and names in the errors of a batch delete', async () => {
    const r = await run('token', 'revoke', 'gone\u202e1', 'gone\u009b2', '--yes');
    expect(r.exitCode).toBe(3);
    expect(r.stderr).toContain('gone\\u202e1');
    expect(r.stderr).toContain('gone\\u009b2');
    expect(r.stderr).not.toMatch(RAW);
  });

  it('escapes the names in a plan', async () => {
    // --prune would delete the table the file does not list: its name is shown in the plan.
    const file = join(tempDir('influxadm-plan-'), 'f.yaml');
    writeFileSync(file, `targets:\n  e:\n    product: enterprise\n    host: ${sandbox.url}\n    databases:\n      - name: ${db}\n    tables: []\n`);
    const r = await cli(['--token', 'admin-tok', 'plan', '-f', file, '--prune']);
    expect(r.exitCode).toBe(10);
    expect(r.stdout).toContain(SHOWN);
    expect(r.stdout).not.toMatch(RAW);
  });

  it('escapes bidi controls the user typed when an argument is refused', async () => {
    const r = await run('table', 'create', db, 'bad\u001b[2Jname\u202e', '--tags', 'host');
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('bad\\u001b[2Jname\\u202e');
    expect(r.stderr).not.toMatch(RAW);
  });
});

describe.skipIf(!hasScript)('apply on a terminal', () => {
  it('shows the plan above its question even with --quiet', async () => {
    const file = join(tempDir('influxadm-apply-'), 'f.yaml');
    writeFileSync(file, `targets:\n  e:\n    product: enterprise\n    host: ${sandbox.url}\n    databases:\n      - name: asked${Date.now().toString(36)}\n`);
    const child = onTerminal(['--token', 'admin-tok', 'apply', '-f', file, '-q']);
    answerWhen(child, /Apply\? \[y\/N\] /, 'n');
    const r = await child;
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/\+ create +database "asked\w+"[^]*Plan: 1 to create[^]*Apply\? \[y\/N\] /);
  });

  it('draws its status line with real control sequences, not escaped ones', async () => {
    const file = join(tempDir('influxadm-apply-'), 'f.yaml');
    writeFileSync(file, `targets:\n  e:\n    product: enterprise\n    host: ${sandbox.url}\n    databases:\n      - name: drawn${Date.now().toString(36)}\n`);
    const r = await onTerminal(['--token', 'admin-tok', 'apply', '-f', file, '--yes']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/\r\u001b\[Kapplying: 1\/1 done/);
    expect(r.stdout).not.toContain('\\u001b[K');
  });
});
