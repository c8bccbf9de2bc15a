import { describe, expect, it } from 'vitest';
import { bashCompletion, completionTable, fishCompletion, zshCompletion, type CompletionNode } from '../../src/format/completion.js';

const root: CompletionNode = {
  names: ['tool'],
  options: [],
  children: [
    { names: ['database', 'db'], options: [], children: [{ names: ['create'], options: ['--retention-period'], children: [] }] },
    { names: ['version'], options: [], children: [] },
  ],
};

describe('completion', () => {
  it('maps every command path, aliases included, to what may follow it, and to its options', () => {
    expect([...completionTable(root)]).toEqual([
      ['tool', ['database', 'db', 'version']],
      ['tool database', ['create']],
      ['tool db', ['create']],
      ['tool database create', []],
      ['tool db create', []],
      ['tool version', []],
    ]);
    expect(completionTable(root, true).get('tool db create')).toEqual(['--retention-period']);
  });

  it('renders bash, zsh and fish scripts from the same tree', () => {
    const bash = bashCompletion('tool', root, ['--json']);
    expect(bash).toContain("['tool db create']='--retention-period'");
    expect(bash).toContain("['tool db']='create'");
    expect(bash).toContain("_tool_complete_globals='--json'");
    expect(bash).toContain('complete -F _tool_complete tool');
    const zsh = zshCompletion('tool', root, ['--json']);
    expect(zsh).toMatch(/^# tool completion for zsh[\s\S]*bashcompinit[\s\S]*complete -F _tool_complete tool/);
    // compinit is the user's to run, once, in their .zshrc: a script that runs it again slows every shell.
    expect(zsh.split('\n').filter((line) => /\bcompinit\b/.test(line) && !/print -u2|^#/.test(line))).toEqual([]);
    const fish = fishCompletion('tool', root, ['--json']);
    expect(fish).toContain(`complete -c tool -n '__tool_at "tool"' -a 'database db version'`);
    // Aliases lead to the first name, under which the options are listed once.
    expect(fish).toContain("case 'tool database' 'tool db'\n            echo 'tool database'");
    expect(fish).toContain(`complete -c tool -n '__tool_at "tool database create"' -l retention-period`);
    expect(fish).toContain('complete -c tool -l json');
  });
});

describe('values of options and arguments', () => {
  const tree: CompletionNode = {
    names: ['tool'],
    options: [],
    children: [
      { names: ['profile'], options: [], children: [{ names: ['use'], options: [], children: [], profileArgument: true }] },
      { names: ['completion'], options: [], children: [], values: ['bash', 'zsh'] },
    ],
  };
  const values = { '--format': ['json', 'csv'], '--profile': 'profiles' } as const;

  it('bash: a case per option, profile names read by running the program, argument values in the table', () => {
    const bash = bashCompletion('tool', tree, ['--format', '--profile'], values);
    expect(bash).toContain("    --format) echo 'json csv' ;;");
    expect(bash).toContain('    --profile) command tool profile list --quiet 2>/dev/null ;;');
    expect(bash).toContain("['tool completion']='bash zsh'");
    expect(bash).toContain("['tool profile use']=1");
  });

  it('fish: -x -a with the values, or the command that prints them', () => {
    const fish = fishCompletion('tool', tree, ['--format', '--profile'], values);
    expect(fish).toContain("complete -c tool -l format -x -a 'json csv'");
    expect(fish).toContain("complete -c tool -l profile -x -a '(command tool profile list --quiet 2>/dev/null)'");
    expect(fish).toContain(`complete -c tool -n '__tool_at "tool profile use"' -a '(command tool profile list --quiet 2>/dev/null)'`);
    expect(fish).toContain(`complete -c tool -n '__tool_at "tool completion"' -a 'bash zsh'`);
  });
});

describe('options that take a value', () => {
  const tree: CompletionNode = {
    names: ['tool'],
    options: [],
    valueOptions: ['--host', '--token-file'],
    fileOptions: ['--token-file'],
    children: [
      { names: ['apply'], options: ['--file'], valueOptions: ['--file', '-f'], fileOptions: ['--file', '-f'], shortOptions: { '--file': '-f' }, children: [] },
      { names: ['create'], options: ['--fields'], valueOptions: ['--fields', '-f'], shortOptions: { '--fields': '-f' }, children: [] },
    ],
  };

  it('bash: a table of them per command, and of those that take a path (-f is a file in one command, fields in another)', () => {
    const bash = bashCompletion('tool', tree, ['--host', '--token-file']);
    expect(bash).toContain("  ['tool']='--host --token-file'\n  ['tool apply']='--file -f'\n  ['tool create']='--fields -f'\n)");
    expect(bash).toContain("  ['tool']='--token-file'\n  ['tool apply']='--file -f'\n)");
  });

  it('fish: -x for a value, -r -F for a path, by what the option means in that command', () => {
    const fish = fishCompletion('tool', tree, ['--host', '--token-file']);
    expect(fish).toContain('complete -c tool -l host -x');
    expect(fish).toContain('complete -c tool -l token-file -r -F');
    expect(fish).toContain(`complete -c tool -n '__tool_at "tool apply"' -s f -l file -r -F`);
    expect(fish).toContain(`complete -c tool -n '__tool_at "tool create"' -s f -l fields -x`);
    // The program's own options take their value under every command.
    expect(fish).toContain("case '* --host' '* --token-file'\n            return 0");
  });
});
