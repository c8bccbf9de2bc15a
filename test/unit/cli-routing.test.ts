import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { buildProgram, commandWord, TOP_WORDS } from '../../src/cli.js';

describe('routing a line to the one top-level command it names', () => {
  it('knows every top-level command by its name and its aliases, and nothing else', async () => {
    const program = await buildProgram();
    const named = program.commands.map((c) => [c.name(), ...c.aliases()].sort());
    expect(TOP_WORDS.flat().sort()).toEqual(named.flat().sort());
    // Each entry builds exactly the commands its words name; completion renders the whole tree.
    for (const words of TOP_WORDS) {
      const one = await buildProgram([words[0]!, '--help']);
      const built = one.commands.flatMap((c) => [c.name(), ...c.aliases()]);
      expect(built.sort(), words[0]).toEqual(words[0] === 'completion' ? named.flat().sort() : [...words].sort());
    }
  });

  it('skips global options and their values to find the command word', () => {
    const program = new Command().option('--product <p>').option('--host <url>').option('--json').option('-q, --quiet');
    expect(commandWord(program, ['--product', 'core', '--json', 'database', 'list'])).toBe('database');
    expect(commandWord(program, ['--host=http://x', '-q', 'token', 'create'])).toBe('token');
    expect(commandWord(program, ['--product', 'database', 'table'])).toBe('table');
    expect(commandWord(program, ['--json'])).toBeUndefined();
    expect(commandWord(program, ['--', 'profile'])).toBe('profile');
  });

  it('reads a group of short flags as commander does: the last one that takes a value takes the next word', () => {
    const program = new Command().option('-H, --host <url>').option('-q, --quiet').option('-y, --yes');
    expect(commandWord(program, ['-qH', 'token', 'profile', 'list'])).toBe('profile');
    expect(commandWord(program, ['-qy', 'profile', 'list'])).toBe('profile');
    expect(commandWord(program, ['-Hhttp://x', 'profile'])).toBe('profile');
    expect(commandWord(program, ['-qHhttp://x', 'profile'])).toBe('profile');
    expect(commandWord(program, ['-qZ', 'profile'])).toBe('profile');
  });

  it('builds the whole tree for a line that names no command of ours, so commander can suggest one', async () => {
    const whole = (await buildProgram()).commands.length;
    expect((await buildProgram(['databse', 'list'])).commands.length).toBe(whole);
    expect((await buildProgram(['--json'])).commands.length).toBe(whole);
    expect((await buildProgram(['database', 'list'])).commands.length).toBe(1);
  });
});
