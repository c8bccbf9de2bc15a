// Help: what a command leads to first, its own options and examples next, the global options last;
// every alias shown; `help a b` is `a b --help`, from the launcher's pre-built texts and from commander alike.

import { describe, expect, it } from 'vitest';
import { cleanEnv, cli, startSandbox } from './harness.js';

const slow = () => cleanEnv({ INFLUXADM_NO_FAST_PATH: '1' });
const order = (text: string, headings: string[]) => headings.map((h) => text.indexOf(h));

describe('help', () => {
  it.each([
    [['help'], ['--help']],
    [['help', 'database'], ['database', '--help']],
    [['help', 'database', 'create'], ['database', 'create', '--help']],
    [['help', 'db', 'ls'], ['database', 'list', '--help']],
    [['help', 'delete', 'token'], ['delete', 'token', '--help']],
  ])('%j is exit 0 and the same text as %j, on the fast path and the slow one', async (asked, flag) => {
    const expected = await cli(flag);
    expect(expected.exitCode).toBe(0);
    for (const env of [cleanEnv(), slow()]) {
      const r = await cli(asked, { env });
      expect(r).toEqual({ exitCode: 0, stdout: expected.stdout, stderr: '' });
    }
  });

  it.each([
    [['help', 'nope']],
    [['nope', '--help']],
    [['help', 'db', 'nope']],
    [['db', 'nope', '-h']],
    [['--product', 'core', 'help', 'nope']],
  ])('%j is an unknown command: exit 2, one line, no help page', async (asked) => {
    for (const env of [cleanEnv(), slow()]) {
      const r = await cli(asked, { env });
      expect(r.exitCode).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/^error: unknown command/);
    }
  });

  it('suggests the command a help topic was a typo of', async () => {
    const r = await cli(['help', 'databse']);
    expect(r).toEqual({ exitCode: 2, stdout: '', stderr: "error: unknown command 'databse'\n(Did you mean database?)" });
  });

  it('leaves an unknown option before the help command to commander (exit 2), as without help', async () => {
    for (const asked of [['--bogus', 'help', 'database'], ['-p', 'help']]) {
      const r = await cli(asked);
      expect(r.exitCode).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/^error: unknown option '(--bogus|-p)'/);
    }
  });

  it('shows the help of a line whose global options are a group ending in one that takes a value (-qH URL), on both paths', async () => {
    for (const env of [cleanEnv(), slow()]) {
      const r = await cli(['-qH', 'http://127.0.0.1:9', 'profile', 'show', '--help'], { env });
      expect(r).toEqual({ exitCode: 0, stdout: (await cli(['profile', 'show', '--help'])).stdout, stderr: '' });
    }
  });

  it('runs nothing for `help` with a `--` in the line (the --help would be an operand after it)', async () => {
    const sandbox = await startSandbox();
    try {
      const at = ['--product', 'clustered', '--host', sandbox.url, '--token', 'any'];
      expect((await cli([...at, 'database', 'create', 'x'])).exitCode).toBe(0);
      for (const env of [cleanEnv(), slow()]) {
        const r = await cli(['help', '--', 'db', 'delete', 'x', ...at], { env });
        expect(r.exitCode, r.stderr).toBe(0);
        expect(r.stdout).toMatch(/^Usage: influxadm database/);
      }
      expect((await sandbox.requests()).filter((q) => q.method !== 'GET').map((q) => q.method)).toEqual(['POST']);
    } finally {
      await sandbox.stop();
    }
  });

  it('takes the help command after global options, as before a command', async () => {
    const r = await cli(['--product', 'core', 'help', 'database']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe((await cli(['database', '--help'])).stdout);
  });

  it('shows a verb\'s options, then its products and examples, then the global options', async () => {
    for (const env of [cleanEnv(), slow()]) {
      const { stdout } = await cli(['help', 'database', 'create'], { env });
      const at = order(stdout, ['Usage:', 'Arguments:', '\nOptions:', 'Products:', 'Examples:', 'Global Options:']);
      expect(at.every((i) => i >= 0)).toBe(true);
      expect([...at].sort((a, b) => a - b)).toEqual(at);
      expect(stdout.slice(stdout.indexOf('Global Options:'))).not.toMatch(/Examples|--retention-period/);
    }
  });

  it('shows a noun\'s subcommands before its options, with every alias', async () => {
    const { stdout } = await cli(['help', 'database']);
    expect(stdout).toMatch(/^Aliases: databases, db$/m);
    expect(stdout).toMatch(/^ {2}list\|ls /m);
    expect(stdout).toMatch(/^ {2}delete\|rm <name\.\.\.> /m);
    expect(stdout.indexOf('Commands:')).toBeLessThan(stdout.indexOf('\nOptions:'));
    expect(stdout.indexOf('\nOptions:')).toBeLessThan(stdout.indexOf('Global Options:'));
  });

  it('starts the top-level help with the commands, all their names, and keeps it within 80 columns', async () => {
    const { stdout } = await cli(['--help']);
    expect(stdout.indexOf('Commands:')).toBeLessThan(stdout.indexOf('Global Options:'));
    expect(stdout).toMatch(/^ {2}database\|databases\|db /m);
    expect(stdout).toMatch(/^ {2}help \[command\.\.\.\] +show the help of a command/m);
    for (const line of stdout.split('\n')) expect(line.length, line).toBeLessThanOrEqual(80);
  });

  it('examples given as help text come before the global options too', async () => {
    const { stdout } = await cli(['help', 'completion']);
    expect(stdout.indexOf('Examples:')).toBeGreaterThan(0);
    expect(stdout.indexOf('Examples:')).toBeLessThan(stdout.indexOf('Global Options:'));
  });
});
