// The lite parse (src/line/lite.ts) must read every line it takes exactly as commander does, and leave to
// commander every line commander would refuse or answer with help. Both trees are built by the same verb
// modules; these tests hold the trees to each other, then run generated lines through both.

import type { Command } from 'commander';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildProgram, liteParse, liteProgram } from '../../src/cli.js';
import { LiteCommand, parseLine } from '../../src/line/lite.js';

type AnyCommand = Command | LiteCommand;
interface Call { path: string; args: unknown[]; opts: Record<string, unknown>; globals: Record<string, unknown>; sources: Record<string, unknown>; globalSources: Record<string, unknown> }

const rootOf = (cmd: Command): Command => (cmd.parent ? rootOf(cmd.parent) : cmd);
const sourcesOf = (cmd: Command) => Object.fromEntries(cmd.options.map((o) => [o.attributeName(), cmd.getOptionValueSource(o.attributeName())]));

const pathOf = (cmd: AnyCommand): string => {
  const names: string[] = [];
  for (let at: AnyCommand | null = cmd; at?.parent; at = at.parent as AnyCommand | null) names.unshift(at.name());
  return names.join(' ');
};

const walk = (cmd: AnyCommand, fn: (cmd: AnyCommand) => void): void => {
  fn(cmd);
  for (const sub of cmd.commands as AnyCommand[]) walk(sub, fn);
};

/** Whether a command runs something (commander keeps its handler private). */
const hasAction = (cmd: AnyCommand): boolean =>
  cmd instanceof LiteCommand ? cmd.actionHandler !== undefined : (cmd as unknown as { _actionHandler: unknown })._actionHandler != null;

/** What a command is, as far as parsing goes: names, arguments, options and their starting values. */
function shape(cmd: AnyCommand): unknown {
  const c = cmd as Command;
  return {
    name: c.name(),
    aliases: c.aliases(),
    action: hasAction(cmd),
    args: c.registeredArguments.map((a) => ({ name: a.name(), required: a.required, variadic: a.variadic, defaultValue: a.defaultValue, parses: a.parseArg !== undefined })),
    options: c.options.map((o) => ({
      flags: o.flags, short: o.short, long: o.long, required: o.required, optional: o.optional, variadic: o.variadic,
      negate: o.negate, mandatory: o.mandatory, defaultValue: o.defaultValue, attribute: o.attributeName(), parses: o.parseArg !== undefined,
      // commander-only features this parse does not read: none may be in use.
      env: (o as { envVar?: unknown }).envVar, preset: (o as { presetArg?: unknown }).presetArg,
      choices: (o as { argChoices?: unknown }).argChoices, implied: (o as { implied?: unknown }).implied,
      conflicts: (o as { conflictsWith?: unknown[] }).conflictsWith?.length ?? 0,
    })),
    values: { ...c.opts() },
    sources: Object.fromEntries(c.options.map((o) => [o.attributeName(), c.getOptionValueSource(o.attributeName())])),
    commands: (c.commands as AnyCommand[]).map(shape),
  };
}

/** Replaces every action by one that records how it was called. */
function recording(root: AnyCommand, calls: Call[]): void {
  walk(root, (cmd) => {
    if (!hasAction(cmd)) return;
    (cmd as Command).action((...params: unknown[]) => {
      const self = params[params.length - 1] as Command;
      const opts = params[params.length - 2] as Record<string, unknown>;
      calls.push({
        path: pathOf(self),
        args: params.slice(0, -2),
        opts: { ...opts },
        globals: { ...self.optsWithGlobals() },
        sources: sourcesOf(self),
        globalSources: sourcesOf(rootOf(self)),
      });
    });
  });
}

async function throughCommander(line: readonly string[]): Promise<Call | 'refused'> {
  const program = await buildProgram(line);
  walk(program, (cmd) => (cmd as Command).configureOutput({ writeOut: () => undefined, writeErr: () => undefined }));
  const calls: Call[] = [];
  recording(program, calls);
  try {
    await program.parseAsync([...line], { from: 'user' });
  } catch {
    return 'refused';
  }
  return calls.length === 1 ? calls[0]! : 'refused';
}

async function throughLite(line: readonly string[]): Promise<Call | 'declined'> {
  const program = await liteProgram(line);
  if (!program) return 'declined';
  const calls: Call[] = [];
  recording(program, calls);
  const parsed = parseLine(program, line);
  if (!parsed) return 'declined';
  await parsed.run();
  return calls[0]!;
}

describe('the lite command tree', () => {
  it('is commander\'s tree: the same commands, arguments, options and starting values', async () => {
    const real = await buildProgram();
    const lite = (await liteProgram())!;
    expect(shape(lite)).toEqual(shape(real));
  });
});

/** Every command with an action: the words of its path (each with its aliases) and the command. */
async function leaves(): Promise<{ path: string[][]; cmd: Command }[]> {
  const real = await buildProgram();
  const found: { path: string[][]; cmd: Command }[] = [];
  const visit = (cmd: Command, path: string[][]) => {
    if (hasAction(cmd) && path.length > 0) found.push({ path, cmd });
    for (const sub of cmd.commands) visit(sub, [...path, [sub.name(), ...sub.aliases()]]);
  };
  visit(real, []);
  return found;
}

const WORDS = ['a', 'b', 'db1', 'x=y', '-5', '-1.5', '-', '--', '--help', '-h', 'help', '--bogus', '-Z', '', '7d', 'core', 'json', '--version', '-V'];

/** A token for an option: `--long v`, `--long=v`, `-s v`, `-sv`, or the flag alone. */
function optionTokens(option: Command['options'][number]): fc.Arbitrary<string[]> {
  const value = fc.constantFrom(...WORDS, 'table', 'enterprise', '10s', 'db:x:read');
  const names = [option.long, option.short].filter((n): n is string => n !== undefined);
  return fc.tuple(fc.constantFrom(...names), value, fc.nat(3)).map(([name, v, form]) => {
    if (!option.required && !option.optional) return form === 0 && option.short ? [`${option.short}${v.startsWith('-') ? '' : 'q'}`] : [name];
    if (form === 0 && name.startsWith('--')) return [`${name}=${v}`];
    if (form === 1 && !name.startsWith('--')) return [`${name}${v}`];
    if (form === 2 && option.optional) return [name];
    return [name, v];
  });
}

describe('the lite parse', () => {
  it('reads a line as commander does, or leaves it to commander', async () => {
    const all = await leaves();
    const globals = (await buildProgram()).options;
    let taken = 0;
    let total = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...all).chain(({ path, cmd }) => fc.record({
          words: fc.tuple(...path.map((names) => fc.constantFrom(...names))),
          groups: fc.array(fc.tuple(fc.oneof(
            { weight: 6, arbitrary: fc.constantFrom(...cmd.options, ...globals).chain(optionTokens) },
            { weight: 1, arbitrary: fc.constantFrom(...WORDS).map((w) => [w]) },
          ), fc.nat(path.length)), { maxLength: 5 }),
          // Mostly as many operands as the command takes, sometimes one fewer or more.
          operands: fc.oneof(
            { weight: 4, arbitrary: fc.constant(cmd.registeredArguments.filter((a) => a.required).map((_, i) => `arg${i}`)) },
            { weight: 1, arbitrary: fc.array(fc.constantFrom('arg', '-7', 'extra'), { maxLength: 3 }) },
          ),
        })),
        async ({ words, groups, operands }) => {
          // The path's words in order; each group of tokens after the word its number picks, or before
          // the first (options only there, or it would be the command word); operands at the end.
          const line: string[] = [];
          const placed = (after: number) => groups.filter(([tokens, at]) => (at === 0 ? tokens[0]!.startsWith('-') : at === after)).flatMap(([tokens]) => tokens);
          line.push(...placed(0));
          words.forEach((word, i) => line.push(word, ...placed(i + 1)));
          line.push(...operands);
          const real = await throughCommander(line);
          const lite = await throughLite(line);
          total++;
          if (lite === 'declined') return;
          taken++;
          expect(real, JSON.stringify(line)).not.toBe('refused');
          expect(lite, JSON.stringify(line)).toEqual(real);
        },
      ),
      { numRuns: 3000 },
    );
    // The lite parse has to take the ordinary lines, or it spares nothing.
    expect(taken / total).toBeGreaterThan(0.3);
  }, 120_000);

  it('takes the lines the bench times, and the plain shapes of every verb', async () => {
    const lines = [
      ['profile', 'list'],
      ['profile', 'show', 'bench'],
      ['--product', 'clustered', '--host', 'http://h', 'database', 'create', 'bad name'],
      ['--product', 'clustered', '--host', 'http://h', '--token', 't', 'database', 'list', '--json'],
      ['--product', 'enterprise', '--host', 'http://h', '--token', 't', 'token', 'create', '--name', 'n', '--permission', 'db:x:read'],
      ['db', 'create', 'x', '--retention-period', '7d', '--json', '-q'],
      ['-qy', 'database', 'delete', 'x'],
      ['--format=json', 'token', 'list'],
      ['version'],
      // A negative number is an operand of a leaf command, as in commander.
      ['profile', 'show', '-5'],
    ];
    for (const line of lines) {
      const real = await throughCommander(line);
          const lite = await throughLite(line);
      expect(lite, line.join(' ')).not.toBe('declined');
      expect(lite, line.join(' ')).toEqual(real);
    }
  });

  it('takes the plain line of every verb: its words, its arguments and its mandatory options', async () => {
    for (const { path, cmd } of await leaves()) {
      // completion builds the whole tree, with commander, always.
      if (path[0]![0] === 'completion') continue;
      const line = [...path.map(([name]) => name!), ...cmd.registeredArguments.filter((a) => a.required).map((_, i) => `v${i}`),
        ...cmd.options.filter((o) => o.mandatory).flatMap((o) => [o.long!, 'v'])];
      const real = await throughCommander(line);
      const lite = await throughLite(line);
      expect(lite, line.join(' ')).not.toBe('declined');
      expect(lite, line.join(' ')).toEqual(real);
    }
  });

  it('leaves help, the version, usage errors and unknown words to commander', async () => {
    const lines = [
      ['profile', 'list', '--help'], ['profile', '-h'], ['help', 'profile'], ['--version'], ['profile', 'list', '-V'],
      ['profile'], ['profile', 'lst'], ['databse', 'list'], ['database', 'create'], ['database', 'create', 'a', 'b'],
      ['profile', 'list', '--bogus'], ['--profile'], ['profile', 'import'], ['completion', 'bash'], [],
    ];
    for (const line of lines) expect(await throughLite(line), line.join(' ')).toBe('declined');
  });

  it('reads a short-flag group before the command as main() does, so commander would get the same whole line', async () => {
    // main() once walked `-qH token` as an unknown option and a command word, and gave commander the line
    // without its --help (a missing value for --name) while the lite parse read the host and the name
    // '--help'. The walk now reads the group as commander does; a help topic that does not exist is still
    // declined here (liteParse), whatever the lite parse would make of it.
    const lines = [['-qH', 'token', 'token', 'create', '--name', '--help'], ['-yH', 'profile', 'profile', 'show', '--', '--help'], ['-qH', 'token', 'token', 'list']];
    for (const line of lines) {
      expect(await liteParse(line), line.join(' ')).toBeDefined();
      const lite = await throughLite(line);
      expect(lite, line.join(' ')).not.toBe('declined');
      expect(lite, line.join(' ')).toEqual(await throughCommander(line));
    }
    expect(await liteParse(['profile', 'lst', '--help'])).toBeUndefined();
  });
});
