import { describe, expect, it } from 'vitest';
import type { Command } from 'commander';
import { buildProgram, commandWord } from '../../src/cli.js';

describe('short flags', () => {
  it('mean one thing across the whole tree (a letter is one long option wherever it appears)', async () => {
    const program = await buildProgram();
    const meanings = new Map<string, Set<string>>();
    // The influxdb3-shaped commands take influxdb3's own spelling, letters included: `create table -f` is
    // --fields there, as in influxdb3, so that a line written for influxdb3 runs as it is. That is the
    // one letter they mean differently; every other letter of theirs means what it means elsewhere.
    const INFLUXDB3_SHAPED = new Set(['create', 'show', 'update', 'delete']);
    const INFLUXDB3_LETTERS: Record<string, string> = { '-f': '--fields' };
    const walk = (cmd: Command, shaped: boolean) => {
      for (const option of cmd.options) {
        if (!option.short || (shaped && INFLUXDB3_LETTERS[option.short] === option.long)) continue;
        meanings.set(option.short, (meanings.get(option.short) ?? new Set()).add(option.long ?? ''));
      }
      for (const sub of cmd.commands) walk(sub, shaped || (cmd === program && INFLUXDB3_SHAPED.has(sub.name())));
    };
    walk(program, false);
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

describe('the influxdb3-shaped commands', () => {
  it('take influxdb3\'s letters: create table -d DB -f name:type', async () => {
    const program = await buildProgram(['create', 'table']);
    const table = program.commands.find((c) => c.name() === 'create')!.commands.find((c) => c.name() === 'table')!;
    expect(table.options.map((o) => o.flags)).toEqual(expect.arrayContaining(['-d, --database <name>', '-f, --fields <fields>']));
    // Elsewhere -f is --file, and a letter the canonical command lacks is not borrowed from here.
    const canonical = (await buildProgram(['table', 'create'])).commands[0]!.commands.find((c) => c.name() === 'create')!;
    expect(canonical.options.find((o) => o.long === '--fields')!.short).toBeUndefined();
  });
});
