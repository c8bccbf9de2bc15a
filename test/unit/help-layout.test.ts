import { describe, expect, it } from 'vitest';
import { Command } from 'commander';
import { buildProgram, commandWord } from '../../src/cli.js';
import { addHelpSection, helpAsFlag, subcommandTerm } from '../../src/format/help.js';

describe('help a b', () => {
  it('is read as `a b --help`, so the router loads only `a`', async () => {
    expect(helpAsFlag(['help', 'database', 'create'])).toEqual(['database', 'create', '--help']);
    expect(helpAsFlag(['help'])).toEqual(['--help']);
    expect(helpAsFlag(['database', 'help'])).toEqual(['database', 'help']);
    const line = helpAsFlag(['help', 'db', 'ls']);
    expect(commandWord(new Command(), line)).toBe('db');
    expect((await buildProgram(line)).commands.map((c) => c.name())).toEqual(['database']);
  });

  it('is left to commander\'s help command when the line has a --, after which --help would be an operand', () => {
    expect(helpAsFlag(['help', '--', 'db', 'delete', 'x'])).toEqual(['help', '--', 'db', 'delete', 'x']);
  });
});

describe('the help layout', () => {
  it('names a subcommand by all its names, then its arguments', () => {
    const cmd = new Command('delete').alias('rm').alias('del').argument('[why]').argument('<name...>');
    expect(subcommandTerm(cmd)).toBe('delete|rm|del [why] <name...>');
  });

  it('puts sections between the command\'s options and the global ones, in the order added', async () => {
    const program = await buildProgram(['completion']);
    const sub = program.commands.find((c) => c.name() === 'version')!;
    addHelpSection(sub, '\nFirst note\n');
    addHelpSection(sub, 'Second note');
    const text = sub.helpInformation();
    expect(text.indexOf('\nOptions:')).toBeLessThan(text.indexOf('First note\n\nSecond note\n'));
    expect(text.indexOf('Second note')).toBeLessThan(text.indexOf('Global Options:'));
  });
});
