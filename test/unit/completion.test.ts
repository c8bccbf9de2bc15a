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
  it('maps every command path, aliases included, to what may follow it', () => {
    expect([...completionTable(root)]).toEqual([
      ['tool', ['database', 'db', 'version']],
      ['tool database', ['create']],
      ['tool db', ['create']],
      ['tool database create', ['--retention-period']],
      ['tool db create', ['--retention-period']],
      ['tool version', []],
    ]);
  });

  it('renders bash, zsh and fish scripts from the same tree', () => {
    const bash = bashCompletion('tool', root, ['--json']);
    expect(bash).toContain("['tool db create']='--retention-period'");
    expect(bash).toContain("_tool_complete_globals='--json'");
    expect(bash).toContain('complete -F _tool_complete tool');
    expect(zshCompletion('tool', root, ['--json'])).toMatch(/^# tool completion for zsh[\s\S]*bashcompinit[\s\S]*complete -F _tool_complete tool/);
    const fish = fishCompletion('tool', root, ['--json']);
    expect(fish).toContain("complete -c tool -n '__fish_use_subcommand' -a 'database db version'");
    expect(fish).toContain("complete -c tool -n '__fish_seen_subcommand_from database db; and __fish_seen_subcommand_from create' -l retention-period");
    expect(fish).toContain('complete -c tool -l json');
  });
});
