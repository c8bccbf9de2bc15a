import { describe, expect, it } from 'vitest';
import type { Command } from 'commander';
import { buildProgram, commandWord } from '../../src/cli.js';

describe('short flags', () => {
  it('mean one thing across the whole tree (a letter is one long option wherever it appears)', async () => {
    const program = await buildProgram();
    const meanings = new Map<string, Set<string>>();
    const walk = (cmd: Command) => {
      for (const option of cmd.options) if (option.short) meanings.set(option.short, (meanings.get(option.short) ?? new Set()).add(option.long ?? ''));
      cmd.commands.forEach(walk);
    };
    walk(program);
    const twice = [...meanings].filter(([, longs]) => longs.size > 1).map(([short, longs]) => `${short}: ${[...longs].join(', ')}`);
    expect(twice).toEqual([]);
    // The letters users of the official CLIs type.
    expect(Object.fromEntries([...meanings].map(([short, longs]) => [short, [...longs][0]]))).toMatchObject({
      '-H': '--host', '-d': '--database', '-y': '--yes', '-q': '--quiet', '-f': '--file', '-o': '--output',
    });
  });

  it('-H takes a value, so the router skips it to find the command', async () => {
    const program = await buildProgram(['-H', 'http://x', 'database', 'list']);
    expect(commandWord(program, ['-H', 'http://x', 'database', 'list'])).toBe('database');
    expect(program.commands.map((c) => c.name())).toEqual(['database']);
  });
});
