import { describe, expect, it } from 'vitest';
import { cli, parseJson } from './harness.js';

const COMMANDS = [
  [],
  ['database'],
  ['database', 'create'],
  ['database', 'list'],
  ['database', 'update'],
  ['database', 'rename'],
  ['database', 'delete'],
  ['database', 'undelete'],
  ['table'],
  ['table', 'create'],
  ['table', 'list'],
  ['table', 'rename'],
  ['table', 'delete'],
  ['table', 'undelete'],
  ['token'],
  ['token', 'create'],
  ['token', 'list'],
  ['token', 'get'],
  ['token', 'update'],
  ['token', 'revoke'],
  ['token', 'regenerate'],
  ['v1-auth'],
  ['v1-auth', 'create'],
  ['v1-auth', 'list'],
  ['v1-auth', 'get'],
  ['v1-auth', 'update'],
  ['v1-auth', 'set-active'],
  ['v1-auth', 'set-inactive'],
  ['v1-auth', 'set-password'],
  ['v1-auth', 'delete'],
  ['create'],
  ['create', 'database'],
  ['create', 'token'],
  ['show', 'tokens'],
  ['delete', 'token'],
  ['create', 'table'],
  ['show'],
  ['show', 'databases'],
  ['update'],
  ['update', 'database'],
  ['delete'],
  ['delete', 'database'],
  ['delete', 'table'],
  ['profile'],
  ['profile', 'create'],
  ['profile', 'list'],
  ['profile', 'show'],
  ['profile', 'use'],
  ['profile', 'update'],
  ['profile', 'delete'],
  ['profile', 'import'],
  ['auth'],
  ['auth', 'login'],
  ['auth', 'status'],
  ['auth', 'logout'],
  ['auth', 'token'],
  ['sandbox'],
  ['completion'],
  ['version'],
];

describe('help', () => {
  it.each(COMMANDS.map((c) => [c.join(' ') || '(root)', c] as const))('%s --help matches its snapshot and exits 0', async (_name, path) => {
    const r = await cli([...path, '--help']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatchSnapshot();
  });
});

describe('top level', () => {
  it('prints the version', async () => {
    const r = await cli(['--version']);
    expect(r).toMatchObject({ exitCode: 0, stdout: expect.stringMatching(/^\d+\.\d+\.\d+$/) });
    expect(parseJson((await cli(['version', '--json'])).stdout)).toMatchObject({ version: expect.any(String) });
  });

  it('treats an unknown command as a usage error: one error line and the suggestion', async () => {
    const r = await cli(['databse', 'list']);
    expect(r.exitCode).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trimEnd().split('\n')).toEqual(["error: unknown command 'databse'", '(Did you mean database?)']);
  });

  it('shows help on stderr and exits 2 when a subcommand is missing', async () => {
    const r = await cli(['database']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/Usage: influxadm database/);
  });
});

/** Every help path the fast path knows, found by asking it about each name the CLI has. */
function HELP_PATHS(fast: { fastAnswer(args: string[]): string | undefined }): Record<string, true> {
  const nouns = [[], ['database'], ['databases'], ['db'], ['table'], ['tables'], ['token'], ['tokens'], ['v1-auth'], ['legacy-auth'], ['auth'], ['completion'], ['create'], ['show'], ['update'], ['delete'], ['profile'], ['profiles'], ['sandbox'], ['version'], ['help']];
  const verbs = ['', 'create', 'list', 'ls', 'update', 'rename', 'delete', 'rm', 'undelete', 'show', 'use', 'database', 'databases', 'table', 'get', 'revoke', 'regenerate', 'token', 'tokens', 'set-active', 'set-inactive', 'set-password', 'import', 'login', 'logout', 'status'];
  const found: Record<string, true> = {};
  for (const noun of nouns) {
    for (const verb of verbs) {
      const path = verb ? [...noun, verb] : noun;
      if (fast.fastAnswer([...path, '--help']) !== undefined) found[path.join(' ')] = true;
    }
  }
  return found;
}

describe('the launcher fast path', () => {
  it('answers --help for every command path exactly as commander does', async () => {
    const { createRequire } = await import('node:module');
    const fast = createRequire(import.meta.url)('../../dist/fast.cjs') as { fastAnswer(args: string[], data?: { help: Record<string, string> }): string | undefined };
    // The inlined answers are the default argument; reach them through a probe of the root help.
    const paths = Object.keys(HELP_PATHS(fast));
    expect(paths.length).toBeGreaterThan(20);
    for (const path of paths) {
      const args = [...(path ? path.split(' ') : []), '--help'];
      const [fast, slow] = await Promise.all([cli(args), cli(args, { env: { PATH: process.env.PATH!, INFLUXADM_NO_FAST_PATH: '1' } })]);
      expect(fast, path).toEqual(slow);
    }
    const [fastVersion, slowVersion] = await Promise.all([cli(['--version']), cli(['--version'], { env: { PATH: process.env.PATH!, INFLUXADM_NO_FAST_PATH: '1' } })]);
    expect(fastVersion).toEqual(slowVersion);
  });

  it('prints every completion script exactly as the command does', async () => {
    const { createRequire } = await import('node:module');
    const fast = createRequire(import.meta.url)('../../dist/fast.cjs') as { fastAnswer(args: string[]): string | undefined };
    for (const shell of ['bash', 'zsh', 'fish']) {
      expect(fast.fastAnswer(['completion', shell]), shell).toBeDefined();
      const [quick, slow] = await Promise.all([cli(['completion', shell]), cli(['completion', shell], { env: { PATH: process.env.PATH!, INFLUXADM_NO_FAST_PATH: '1' } })]);
      expect(quick, shell).toEqual(slow);
      expect(quick.exitCode).toBe(0);
    }
    // Anything else about completion goes to the command itself.
    expect(fast.fastAnswer(['completion', 'tcsh'])).toBeUndefined();
    const r = await cli(['completion', 'tcsh']);
    expect(r.exitCode).toBe(2);
  });
});

describe('completion', () => {
  it('completes commands, subcommands and flags in a real bash', async () => {
    const { spawnSync } = await import('node:child_process');
    const { BIN } = await import('./harness.js');
    const script = [
      `source <(node ${BIN} completion bash)`,
      'c() { COMP_WORDS=("$@"); COMP_CWORD=$(( $# - 1 )); _influxadm_complete; echo "${COMPREPLY[*]}"; }',
      'c influxadm tok',
      'c influxadm token cr',
      'c influxadm --json db create mydb --ret',
      'c influxadm v1-auth set-p',
    ].join('\n');
    const r = spawnSync('bash', ['-c', script], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.stdout.trim().split('\n')).toEqual(['token tokens', 'create', '--retention-period', 'set-password']);
  });

  it('prints zsh and fish scripts and refuses other shells', async () => {
    expect((await cli(['completion', 'zsh'])).stdout).toMatch(/bashcompinit/);
    expect((await cli(['completion', 'fish'])).stdout).toMatch(/complete -c influxadm -n '__influxadm_at "influxadm"' -a 'database databases db /);
    const r = await cli(['completion', 'tcsh']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/no completion for "tcsh"; shells: bash, zsh, fish/);
  });
});
