// The y/N question of a destructive verb on a terminal: it names the target and the object; no is not an
// error; Ctrl-C and Ctrl-D are an interruption (130, one line), never "unexpected failure".

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCOUNT, CLUSTER, cli, sandboxCall, startSandbox, type SandboxHandle } from './harness.js';
import { answerWhen, hasScript, onTerminal, screen } from './ux-terminal.js';

let sandbox: SandboxHandle;
const target = () => ['--product', 'dedicated', '--host', sandbox.url, '--account', ACCOUNT, '--cluster', CLUSTER, '--token', 'mgmt', '--no-color'];
const exists = async (name: string) => (await cli([...target(), 'database', 'list', '--json'])).stdout.includes(`"${name}"`);

beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox.stop());

const QUESTION = /Delete database "victim"\? .*\[y\/N\] /;

describe.skipIf(!hasScript)('the y/N question of database delete', () => {
  beforeAll(async () => {
    expect((await cli([...target(), 'database', 'create', 'victim'])).exitCode).toBe(0);
  });

  it('names the product, host, account and cluster above the question', async () => {
    const child = onTerminal([...target(), 'database', 'delete', 'victim']);
    answerWhen(child, QUESTION, 'n');
    const r = await child;
    const lines = screen(r.stdout);
    const at = lines.findIndex((line) => QUESTION.test(line));
    expect(lines[at - 1]).toBe(`target: dedicated at ${sandbox.url}, account ${ACCOUNT}, cluster ${CLUSTER}`);
  });

  it('no is exit 0 with "nothing deleted", and nothing is', async () => {
    const child = onTerminal([...target(), 'database', 'delete', 'victim']);
    answerWhen(child, QUESTION, 'n');
    const r = await child;
    expect(r.exitCode).toBe(0);
    expect(screen(r.stdout).at(-1)).toBe('nothing deleted');
    expect(r.stdout).not.toMatch(/error/);
    expect(await exists('victim')).toBe(true);
  });

  it.each([['Ctrl-C', '\u0003'], ['Ctrl-D', '\u0004']])('%s is exit 130 with one line, and nothing is deleted', async (_key, char) => {
    const child = onTerminal([...target(), 'database', 'delete', 'victim']);
    answerWhen(child, QUESTION, char);
    const r = await child;
    expect(r.exitCode).toBe(130);
    const lines = screen(r.stdout);
    expect(lines.at(-1)).toBe('interrupted');
    expect(lines.at(-2)).toMatch(QUESTION);
    expect(r.stdout).not.toMatch(/unexpected|bug|error/);
    expect(await exists('victim')).toBe(true);
  });

  it('yes deletes', async () => {
    const child = onTerminal([...target(), 'database', 'delete', 'victim']);
    answerWhen(child, QUESTION, 'y');
    const r = await child;
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/deleted database "victim"/);
    expect(await exists('victim')).toBe(false);
  });
});

describe.skipIf(!hasScript)('objects named as people know them', () => {
  it('token revoke asks about the token by its description, not only its ID', async () => {
    const created = await cli([...target(), 'token', 'create', 'grafana reader', '--read-database', 'victim2', '--json']);
    expect(created.exitCode).toBe(0);
    const { id } = JSON.parse(created.stdout) as { id: string };
    const child = onTerminal([...target(), 'token', 'revoke', id]);
    const question = new RegExp(`Revoke token "grafana reader" \\(${id}\\)\\? This cannot be undone\\. \\[y/N\\] `);
    answerWhen(child, question, 'n');
    const r = await child;
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(question);
    expect(screen(r.stdout).at(-1)).toBe('nothing revoked');
  });

  it('escapes what the server says the token is called in the question', async () => {
    // The server accepts any description; a title change, a bell and a screen clear must not reach the terminal.
    const res = await fetch(`${sandbox.url}/api/v0/accounts/${ACCOUNT}/clusters/${CLUSTER}/tokens`, {
      method: 'POST',
      headers: { authorization: 'Bearer mgmt', 'content-type': 'application/json' },
      body: JSON.stringify({ description: 'x\u001b]0;pwned\u0007\u001b[2J', permissions: [] }),
    });
    expect(res.status).toBe(200);
    const { id } = (await res.json()) as { id: string };
    const child = onTerminal([...target(), 'token', 'revoke', id]);
    answerWhen(child, /\[y\/N\] /, 'n');
    const r = await child;
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain(`Revoke token "x\\u001b]0;pwned\\u0007\\u001b[2J" (${id})?`);
    expect(r.stdout).not.toContain('\u0007');
    expect(r.stdout).not.toContain('\u001b]0;');
  });
});

describe('without a terminal', () => {
  it('refuses a destructive verb without --yes: exit 2, naming the flag, nothing sent', async () => {
    expect((await cli([...target(), 'database', 'create', 'kept'])).exitCode).toBe(0);
    await sandbox.clearRequests();
    const r = await cli([...target(), 'database', 'delete', 'kept']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/^error: refusing to go ahead without confirmation: there is no terminal to ask on\npass --yes to confirm in scripts$/);
    expect((await sandbox.requests()).filter((q) => q.method === 'DELETE')).toEqual([]);
  });

  it('does not look the objects up to name them when nobody is asked (--yes)', async () => {
    const created = await cli([...target(), 'token', 'create', 'short-lived', '--read-database', 'kept', '--json']);
    const { id } = JSON.parse(created.stdout) as { id: string };
    await sandbox.clearRequests();
    expect((await cli([...target(), 'token', 'revoke', id, '--yes'])).exitCode).toBe(0);
    expect((await sandbox.requests()).map((q) => q.method)).toEqual(['DELETE']);
  });
});

describe.skipIf(!hasScript)('the question about a name with a control character', () => {
  it('shows the name escaped, as every other line on stderr', async () => {
    // Deleting takes any name the server holds (a control character too), so the question may carry one.
    const core = await startSandbox(['--influxdb3', 'core']);
    try {
      const on = ['--product', 'core', '--host', core.url, '--token', 't', '--no-color'];
      expect((await cli([...on, 'database', 'create', 'q'])).exitCode).toBe(0);
      const made = await sandboxCall(core.url, 'POST', '/api/v3/configure/table', { db: 'q', table: 'bell\u0007x', tags: ['t'], fields: [] }, { authorization: 'Bearer t', 'content-type': 'application/json' });
      expect(made.status).toBe(200);
      const child = onTerminal([...on, 'table', 'delete', 'q', 'bell\u0007x']);
      answerWhen(child, /Delete table "bell\\u0007x" from database "q"\? .*\[y\/N\] /, 'n');
      const r = await child;
      expect(r.exitCode).toBe(0);
      expect(String(r.stdout)).not.toContain('\u0007');
    } finally {
      await core.stop();
    }
  });
});
