// Completion in a real bash (and zsh and fish where installed): it fills in subcommands, option values
// (products, formats, …) and the names of the saved profiles, read at completion time.

import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, cleanEnv, cli, tempDir } from './harness.js';

const env = cleanEnv();
const bin = tempDir();
const shellEnv = { ...env, PATH: `${bin}:${env.PATH}` };
/** The directory the shells complete in: a file and a directory, for the options that take a path. */
const cwd = tempDir();
writeFileSync(join(cwd, 'plan.yaml'), '');
mkdirSync(join(cwd, 'certs'));

beforeAll(async () => {
  symlinkSync(BIN, join(bin, 'influxadm'));
  for (const name of ['prod', 'staging']) expect((await cli(['profile', 'create', name, '--product', 'core', '--host', 'http://127.0.0.1:1'], { env })).exitCode).toBe(0);
});

/** What bash completes for the words of a line, the last one being typed. */
async function bashCompletes(...words: string[]): Promise<string[]> {
  const script = `source <(influxadm completion bash)
COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _influxadm_complete
printf '%s\\n' "\${COMPREPLY[@]}"`;
  const r = await execa('bash', ['-c', script], { env: shellEnv, extendEnv: false, cwd });
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
    // A path: file names, by the option's meaning in that command (-f is plan's file, create table's fields).
    [['influxadm', 'plan', '-f', 'p'], ['plan.yaml']],
    [['influxadm', 'apply', '--file', 'p'], ['plan.yaml']],
    [['influxadm', 'apply', '--secrets-out', 'c'], ['certs']],
    [['influxadm', 'export', '-o', 'pl'], ['plan.yaml']],
    [['influxadm', 'sandbox', '--state', 'p'], ['plan.yaml']],
    [['influxadm', '--tls-ca', 'c'], ['certs']],
    [['influxadm', '--token-file', '=', 'p'], ['plan.yaml']],
    [['influxadm', 'create', 'table', '-f', ''], []],
    // --flag=value as one word (zsh keeps it whole): the values come back with the flag in front.
    [['influxadm', 'db', 'list', '--format=j'], ['--format=json', '--format=jsonl']],
    [['influxadm', 'plan', '--file=p'], ['--file=plan.yaml']],
    [['influxadm', '--format=table', 'db', ''], ['create', 'list', 'ls', 'update', 'rename', 'delete', 'rm', 'undelete']],
    // After --, words are operands: no option, and an operand that looks like one takes no value.
    [['influxadm', 'db', 'delete', '--', '-'], []],
    [['influxadm', 'profile', 'use', '--', ''], ['prod', 'staging']],
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

/**
 * What zsh's own completion system offers for a line: an interactive zsh on a pseudo-terminal (zpty), Tab
 * typed after the line, and compadd wrapped to write down the matches that survive zsh's own filtering
 * (COMP_WORDS alone would not show that zsh keeps `--format=j` one word).
 */
async function zshCompletes(line: string): Promise<string[]> {
  const out = join(tempDir(), 'matches');
  const driver = `zmodload zsh/zpty
zpty z zsh -f -i
zpty -w z 'PS1= ; autoload -Uz compinit && compinit -u -D; source <(influxadm completion zsh)'
zpty -w z 'compadd() { local -a hits; builtin compadd -O hits "$@"; (( $#hits )) && print -rl -- $hits >> $OUT; builtin compadd "$@"; }'
zpty -w z 'done_() { print -r -- DONE >> $OUT; }; comppostfuncs=(done_)'
zpty -w -n z "$1"$'\\t'
for i in {1..200}; do [[ -f $OUT ]] && grep -q '^DONE$' $OUT && break; sleep 0.05; done
zpty -d z`;
  await execa('zsh', ['-fc', driver, 'zsh', line], { env: { ...shellEnv, OUT: out }, extendEnv: false, cwd });
  return readFileSync(out, 'utf8').split('\n').filter((l) => l && l !== 'DONE');
}

// Skipped on a machine without the shell, but never under CI, which installs both (.ci/run): there a
// missing shell fails its tests instead of hiding the gap.
const without = (shell: string) => !existsSync(`/usr/bin/${shell}`) && !process.env.CI;

describe('zsh and fish', () => {
  it.skipIf(without('zsh')).each([
    ['influxadm --format j', ['json', 'jsonl']],
    ['influxadm --format=j', ['--format=json', '--format=jsonl']],
    ['influxadm db list --product=c', ['--product=clustered', '--product=core']],
    ['influxadm plan -f p', ['plan.yaml']],
    ['influxadm plan --file=p', ['--file=plan.yaml']],
    ['influxadm --tls-ca c', ['certs']],
    ['influxadm db ', ['create', 'list', 'ls', 'update', 'rename', 'delete', 'rm', 'undelete']],
  ])('zsh: %j → %j', async (line, expected) => {
    expect(await zshCompletes(line)).toEqual(expected);
  });

  it('the zsh script does not run compinit itself', async () => {
    const script = (await cli(['completion', 'zsh'])).stdout;
    // compinit appears only in a comment and in the message telling the user to run it.
    expect(script.split('\n').filter((line) => /\bcompinit\b/.test(line) && !/^#|^ *print -u2 /.test(line))).toEqual([]);
  });

  it.skipIf(without('zsh'))('zsh: without compinit, one line on stderr; with it, profile names', async () => {
    const bare = await execa('zsh', ['-fc', 'source <(influxadm completion zsh); echo "rc=$?"'], { env: shellEnv, extendEnv: false });
    expect(bare.stdout).toBe('rc=1');
    expect(bare.stderr).toMatch(/^influxadm: completion needs compinit: put 'autoload -Uz compinit && compinit' before this line in ~\/\.zshrc$/);
    const withCompinit = await execa('zsh', ['-fc', `autoload -Uz compinit && compinit -u; source <(influxadm completion zsh)
emulate -L sh; COMP_WORDS=(influxadm --profile ''); COMP_CWORD=2; _influxadm_complete; echo "\${COMPREPLY[*]}"`], { env: shellEnv, extendEnv: false });
    expect(withCompinit.stdout).toBe('later prod staging');
  });

  it.skipIf(without('fish'))('fish completes option values and profile names', async () => {
    const complete = async (line: string) =>
      (await execa('fish', ['-c', `influxadm completion fish | source; complete -C '${line}'`], { env: shellEnv, extendEnv: false })).stdout.split('\n').map((l) => l.split('\t')[0]);
    expect(await complete('influxadm --product d')).toEqual(['dbaas', 'dedicated']);
    expect(await complete('influxadm --profile ')).toEqual(['later', 'prod', 'staging']);
    expect(await complete('influxadm --host ')).toEqual(['']);
  });

  /** What fish offers for a line: the candidates alone, sorted (fish sorts, but by its own rules). */
  const fishCompletes = async (line: string) =>
    (await execa('fish', ['-c', 'influxadm completion fish | source; complete -C $argv[1]', line], { env: shellEnv, extendEnv: false, cwd }))
      .stdout.split('\n').filter(Boolean).map((l) => l.split('\t')[0]).sort();
  const COMMANDS = ['database', 'db', 'plan', 'profile', 'token'];
  const DB_VERBS = ['create', 'delete', 'list', 'ls', 'rename', 'rm', 'undelete', 'update'];

  it.skipIf(without('fish')).each([
    // The command path is walked past option values: `table` and `json` here are formats.
    ['influxadm --format json ', COMMANDS, []],
    ['influxadm --format table ', COMMANDS, ['list', 'rename']],
    ['influxadm --format table db ', DB_VERBS, ['database']],
    ['influxadm -H x db ', DB_VERBS, []],
    // A word that is an argument is not a command: a profile named db, a database named list.
    ['influxadm profile create db ', [], ['database', 'table', 'token', 'create']],
    ['influxadm profile create db --', ['--use', '--org'], ['--retention-period']],
    ['influxadm db delete -- ', [], ['database', 'table', 'token']],
    // Three levels deep, and commands with no subcommands, have their options.
    ['influxadm v1 auth ', ['create', 'list', 'set-password'], ['login', 'logout']],
    ['influxadm v1 auth create --u', ['--username'], []],
    ['influxadm plan --', ['--file', '--prune'], []],
    ['influxadm plan -', ['-f'], []],
    // Options that take a path: file names (by the option's meaning in that command).
    ['influxadm plan -f ', ['certs/', 'plan.yaml'], []],
    ['influxadm apply --file=p', ['--file=plan.yaml'], []],
    ['influxadm apply --secrets-out ', ['certs/', 'plan.yaml'], []],
    ['influxadm export -o ', ['certs/', 'plan.yaml'], []],
    ['influxadm sandbox --state ', ['certs/', 'plan.yaml'], []],
    ['influxadm --tls-ca ', ['certs/', 'plan.yaml'], []],
    ['influxadm --token-file ', ['certs/', 'plan.yaml'], []],
    ['influxadm create table -f ', [], ['plan.yaml']],
    // Values from a fixed set, in both spellings.
    ['influxadm db list --format ', ['csv', 'json', 'jsonl', 'table'], ['plan.yaml']],
    ['influxadm db list --format=', ['--format=csv', '--format=json', '--format=jsonl', '--format=table'], []],
    ['influxadm --product=c', ['--product=clustered', '--product=core'], []],
  ])('fish: %j offers %j, not %j', async (line, offered, not) => {
    const got = await fishCompletes(line);
    for (const word of offered) expect(got, line).toContain(word);
    for (const word of not) expect(got, line).not.toContain(word);
    if (offered.length === 0) expect(got, line).toEqual([]);
  });
});
