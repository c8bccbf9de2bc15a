// Completion in a real bash (and zsh and fish where installed): it fills in subcommands, option values
// (products, formats, …) and the names of the saved profiles, read at completion time.

import { existsSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, cleanEnv, cli, tempDir } from './harness.js';

const env = cleanEnv();
const bin = tempDir();
const shellEnv = { ...env, PATH: `${bin}:${env.PATH}` };

beforeAll(async () => {
  symlinkSync(BIN, join(bin, 'influxadm'));
  for (const name of ['prod', 'staging']) expect((await cli(['profile', 'create', name, '--product', 'core', '--host', 'http://127.0.0.1:1'], { env })).exitCode).toBe(0);
});

/** What bash completes for the words of a line, the last one being typed. */
async function bashCompletes(...words: string[]): Promise<string[]> {
  const script = `source <(influxadm completion bash)
COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _influxadm_complete
printf '%s\\n' "\${COMPREPLY[@]}"`;
  const r = await execa('bash', ['-c', script], { env: shellEnv, extendEnv: false });
  return r.stdout.split('\n').filter(Boolean);
}

describe('bash completion', () => {
  it.each([
    [['influxadm', '--product', 'c'], ['clustered', 'core']],
    [['influxadm', 'db', 'list', '--format', ''], ['table', 'json', 'jsonl', 'csv']],
    [['influxadm', '--format', '=', 'j'], ['json', 'jsonl']],
    [['influxadm', '--credential-store', ''], ['auto', 'keyring', 'file']],
    [['influxadm', 'profile', 'import', '--from', ''], ['influxctl', 'influx']],
    [['influxadm', 'completion', ''], ['bash', 'zsh', 'fish']],
    [['influxadm', 'db', ''], ['create', 'list', 'ls', 'update', 'rename', 'delete', 'rm', 'undelete']],
    [['influxadm', 'database', 'create', 'x', '--retention'], ['--retention-period']],
    // An option's value is skipped on the way to the command: `table` here is a format, not the noun.
    [['influxadm', '--format', 'table', 'database', ''], ['create', 'list', 'ls', 'update', 'rename', 'delete', 'rm', 'undelete']],
    [['influxadm', '--format', '=', 'table', 'db', ''], ['create', 'list', 'ls', 'update', 'rename', 'delete', 'rm', 'undelete']],
    [['influxadm', '-H', 'token', 'db', ''], ['create', 'list', 'ls', 'update', 'rename', 'delete', 'rm', 'undelete']],
    // The value of an option that takes any text is not offered the subcommands.
    [['influxadm', '--host', ''], []],
    [['influxadm', 'db', 'create', 'x', '--retention-period', ''], []],
  ])('%j → %j', async (words, expected) => {
    expect(await bashCompletes(...words)).toEqual(expected);
  });

  it('fills --profile and profile names from the saved profiles, read when Tab is pressed', async () => {
    expect(await bashCompletes('influxadm', '--profile', '')).toEqual(['prod', 'staging']);
    expect(await bashCompletes('influxadm', 'token', 'list', '--profile', 's')).toEqual(['staging']);
    expect(await bashCompletes('influxadm', 'profile', 'use', '')).toEqual(['prod', 'staging']);
    expect((await cli(['profile', 'create', 'later', '--product', 'core', '--host', 'http://127.0.0.1:1'], { env })).exitCode).toBe(0);
    expect(await bashCompletes('influxadm', '--profile', 'l')).toEqual(['later']);
  });

  it('offers no profile names, and no error, when there is no config', async () => {
    const script = `source <(influxadm completion bash)
COMP_WORDS=(influxadm --profile ''); COMP_CWORD=2; _influxadm_complete; echo "[\${COMPREPLY[*]}]"`;
    const r = await execa('bash', ['-c', script], { env: { ...cleanEnv(), PATH: shellEnv.PATH }, extendEnv: false });
    expect(r).toMatchObject({ stdout: '[]', stderr: '' });
  });

  it('profile list --quiet prints the names alone, one a line', async () => {
    expect((await cli(['profile', 'list', '--quiet'], { env })).stdout).toBe('later\nprod\nstaging');
  });
});

describe('zsh and fish', () => {
  it('the zsh script does not run compinit itself', async () => {
    const script = (await cli(['completion', 'zsh'])).stdout;
    // compinit appears only in a comment and in the message telling the user to run it.
    expect(script.split('\n').filter((line) => /\bcompinit\b/.test(line) && !/^#|^ *print -u2 /.test(line))).toEqual([]);
  });

  it.skipIf(!existsSync('/usr/bin/zsh'))('zsh: without compinit, one line on stderr; with it, profile names', async () => {
    const bare = await execa('zsh', ['-fc', 'source <(influxadm completion zsh); echo "rc=$?"'], { env: shellEnv, extendEnv: false });
    expect(bare.stdout).toBe('rc=1');
    expect(bare.stderr).toMatch(/^influxadm: completion needs compinit: put 'autoload -Uz compinit && compinit' before this line in ~\/\.zshrc$/);
    const withCompinit = await execa('zsh', ['-fc', `autoload -Uz compinit && compinit -u; source <(influxadm completion zsh)
emulate -L sh; COMP_WORDS=(influxadm --profile ''); COMP_CWORD=2; _influxadm_complete; echo "\${COMPREPLY[*]}"`], { env: shellEnv, extendEnv: false });
    expect(withCompinit.stdout).toBe('later prod staging');
  });

  it.skipIf(!existsSync('/usr/bin/fish'))('fish completes option values and profile names', async () => {
    const complete = async (line: string) =>
      (await execa('fish', ['-c', `influxadm completion fish | source; complete -C '${line}'`], { env: shellEnv, extendEnv: false })).stdout.split('\n').map((l) => l.split('\t')[0]);
    expect(await complete('influxadm --product d')).toEqual(['dbaas', 'dedicated']);
    expect(await complete('influxadm --profile ')).toEqual(['later', 'prod', 'staging']);
    expect(await complete('influxadm --host ')).toEqual(['']);
  });
});
