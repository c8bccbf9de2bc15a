// A command tree without commander, for the lines that need nothing of it but the parse: the same verb
// modules build it (src/line/command.ts hands them these classes instead of commander's), and
// parseLine() reads a line the way commander 14 does, for the part of commander we use. Anything else
// (help, the version, an unknown or missing option or argument, a value a parser refuses, a noun without
// its verb) is not parsed here: parseLine() answers undefined and the CLI builds commander's tree, which
// reports it as it always has. So this never decides what commander would reject; it only spares
// commander's load, build and parse (~1.3 ms of CPU, 1.2–2.4 ms of wall time; docs/performance.md).
// test/unit/lite-line.test.ts holds both to the same tree and the same results on generated lines.

type ParseArg = (value: string, previous: unknown) => unknown;
type Action = (...args: unknown[]) => unknown;
type Source = 'default' | 'cli';

export class LiteOption {
  readonly flags: string;
  description: string;
  readonly required: boolean;
  readonly optional: boolean;
  readonly variadic: boolean;
  mandatory = false;
  readonly short: string | undefined;
  readonly long: string | undefined;
  readonly negate: boolean;
  defaultValue: unknown = undefined;
  parseArg: ParseArg | undefined = undefined;
  /** The program's --version: commander answers it. */
  stops = false;

  constructor(flags: string, description?: string) {
    this.flags = flags;
    this.description = description ?? '';
    this.required = flags.includes('<');
    this.optional = flags.includes('[');
    this.variadic = /\w\.\.\.[>\]]$/.test(flags);
    const parts = flags.split(/[ |,]+/);
    let at = 0;
    this.short = /^-[^-]$/.test(parts[at] ?? '') ? parts[at++] : undefined;
    this.long = /^--[^-]/.test(parts[at] ?? '') ? parts[at] : undefined;
    // commander takes more shapes (long before short, two longs); ours are these, and the tree test checks.
    if (this.short === undefined && this.long === undefined) throw new Error(`influxadm: option flags not understood: ${flags}`);
    this.negate = this.long?.startsWith('--no-') ?? false;
  }

  name(): string {
    return this.long !== undefined ? this.long.slice(2) : this.short!.slice(1);
  }

  attributeName(): string {
    const name = this.negate ? this.name().slice(3) : this.name();
    return name.split('-').reduce((camel, word) => camel + word[0]!.toUpperCase() + word.slice(1));
  }

  is(arg: string): boolean {
    return this.short === arg || this.long === arg;
  }

  isBoolean(): boolean {
    return !this.required && !this.optional && !this.negate;
  }

  default(value: unknown): this {
    this.defaultValue = value;
    return this;
  }

  argParser(fn: ParseArg): this {
    this.parseArg = fn;
    return this;
  }
}

export class LiteArgument {
  readonly required: boolean;
  readonly variadic: boolean;
  private readonly argName: string;
  description: string;
  defaultValue: unknown = undefined;
  parseArg: ParseArg | undefined = undefined;

  constructor(spec: string, description?: string) {
    this.description = description ?? '';
    this.required = spec[0] !== '[';
    let name = spec[0] === '<' || spec[0] === '[' ? spec.slice(1, -1) : spec;
    this.variadic = name.endsWith('...');
    if (this.variadic) name = name.slice(0, -3);
    this.argName = name;
  }

  name(): string {
    return this.argName;
  }
}

export class LiteCommand {
  private commandName: string;
  private commandAliases: string[] = [];
  private about = '';
  readonly options: LiteOption[] = [];
  readonly registeredArguments: LiteArgument[] = [];
  readonly commands: LiteCommand[] = [];
  parent: LiteCommand | null = null;
  private handler: Action | undefined;
  private readonly values: Record<string, unknown> = {};
  private readonly sources: Record<string, Source | undefined> = {};

  constructor(name?: string) {
    this.commandName = name ?? '';
  }

  // --- building, as the verb modules call it
  name(): string;
  name(name: string): this;
  name(name?: string): string | this {
    if (name === undefined) return this.commandName;
    this.commandName = name;
    return this;
  }

  alias(alias: string): this {
    this.commandAliases.push(alias);
    return this;
  }

  aliases(): string[];
  aliases(aliases: readonly string[]): this;
  aliases(aliases?: readonly string[]): string[] | this {
    if (aliases === undefined) return this.commandAliases;
    for (const alias of aliases) this.alias(alias);
    return this;
  }

  description(): string;
  description(text: string): this;
  description(text?: string): string | this {
    if (text === undefined) return this.about;
    this.about = text;
    return this;
  }

  argument(spec: string, description?: string, parseOrDefault?: unknown, defaultValue?: unknown): this {
    const argument = new LiteArgument(spec, description);
    if (typeof parseOrDefault === 'function') {
      argument.defaultValue = defaultValue;
      argument.parseArg = parseOrDefault as ParseArg;
    } else {
      argument.defaultValue = parseOrDefault;
    }
    this.registeredArguments.push(argument);
    return this;
  }

  option(flags: string, description?: string, parseOrDefault?: unknown, defaultValue?: unknown): this {
    return this.addOption(optionOf(flags, description, parseOrDefault, defaultValue));
  }

  requiredOption(flags: string, description?: string, parseOrDefault?: unknown, defaultValue?: unknown): this {
    const option = optionOf(flags, description, parseOrDefault, defaultValue);
    option.mandatory = true;
    return this.addOption(option);
  }

  addOption(option: LiteOption): this {
    this.options.push(option);
    const name = option.attributeName();
    // As commander: --no-x alone makes x default to true.
    if (option.negate) {
      const positive = option.long!.replace(/^--no-/, '--');
      if (!this.options.some((o) => o.is(positive))) this.set(name, option.defaultValue === undefined ? true : option.defaultValue, 'default');
    } else if (option.defaultValue !== undefined) {
      this.set(name, option.defaultValue, 'default');
    }
    return this;
  }

  addCommand(command: LiteCommand): this {
    command.parent = this;
    this.commands.push(command);
    return this;
  }

  action(fn: Action): this {
    this.handler = fn;
    return this;
  }

  /** The program's version option: a line that gives it goes to commander. */
  version(_version: string, flags: string, description?: string): this {
    const option = new LiteOption(flags, description);
    option.stops = true;
    this.options.push(option);
    return this;
  }

  // --- what an action reads, as from commander
  opts<T = Record<string, unknown>>(): T {
    return this.values as T;
  }

  optsWithGlobals<T = Record<string, unknown>>(): T {
    // Globals overwrite locals, as in commander.
    const merged: Record<string, unknown> = {};
    for (let cmd: LiteCommand | null = this; cmd; cmd = cmd.parent) Object.assign(merged, cmd.values);
    return merged as T;
  }

  getOptionValue(key: string): unknown {
    return this.values[key];
  }

  getOptionValueSource(key: string): Source | undefined {
    return this.sources[key];
  }

  // --- parsing
  /** @internal */
  set(key: string, value: unknown, source: Source): void {
    this.values[key] = value;
    this.sources[key] = source;
  }

  /** @internal */
  find(name: string | undefined): LiteCommand | undefined {
    return name === undefined ? undefined : this.commands.find((cmd) => cmd.commandName === name || cmd.commandAliases.includes(name));
  }

  /** @internal */
  get actionHandler(): Action | undefined {
    return this.handler;
  }
}

function optionOf(flags: string, description: string | undefined, parseOrDefault: unknown, defaultValue: unknown): LiteOption {
  const option = new LiteOption(flags, description);
  if (typeof parseOrDefault === 'function') option.default(defaultValue).argParser(parseOrDefault as ParseArg);
  else option.default(parseOrDefault);
  return option;
}

/** A line parsed: the command it runs and what its action is called with. */
export interface LiteParse {
  readonly command: LiteCommand;
  readonly args: readonly unknown[];
  run(): Promise<void>;
}

/** Raised inside the parse when commander, not this, should read the line. */
class Declined {}

/** Parses `line` (the arguments after the program name) as commander would, or answers undefined. */
export function parseLine(program: LiteCommand, line: readonly string[]): LiteParse | undefined {
  try {
    return parseCommand(program, [], [...line]);
  } catch (error) {
    if (error instanceof Declined) return undefined;
    throw error;
  }
}

// commander's Command#_parseCommand, for commands without hooks, env options or default commands.
function parseCommand(cmd: LiteCommand, operandsBefore: string[], unknownBefore: string[]): LiteParse {
  const parsed = parseOptions(cmd, unknownBefore);
  const operands = operandsBefore.concat(parsed.operands);
  const unknown = parsed.unknown;
  const sub = cmd.find(operands[0]);
  if (sub) return parseCommand(sub, operands.slice(1), unknown);
  // No verb here: a noun alone, an unknown command, `help`. The help option, an unknown option: unknown.
  const handler = cmd.actionHandler;
  if (!handler || unknown.length > 0) throw new Declined();
  for (let at: LiteCommand | null = cmd; at; at = at.parent) {
    for (const option of at.options) if (option.mandatory && at.getOptionValue(option.attributeName()) === undefined) throw new Declined();
  }
  const args = processArguments(cmd, operands);
  return {
    command: cmd,
    args,
    run: async () => {
      await handler.apply(cmd, [...args, cmd.opts(), cmd]);
    },
  };
}

// commander's _checkNumberOfArguments and _processArguments.
function processArguments(cmd: LiteCommand, given: readonly string[]): unknown[] {
  const declared = cmd.registeredArguments;
  if (declared.some((arg, i) => arg.required && given[i] == null)) throw new Declined();
  if (!(declared.length > 0 && declared[declared.length - 1]!.variadic) && given.length > declared.length) throw new Declined();
  return declared.map((arg, index) => {
    if (arg.variadic) {
      if (index < given.length) {
        const rest = given.slice(index);
        return arg.parseArg ? rest.reduce<unknown>((previous, value) => parsedBy(arg.parseArg!, value, previous), arg.defaultValue) : rest;
      }
      return arg.defaultValue === undefined ? [] : arg.defaultValue;
    }
    if (index < given.length) return arg.parseArg ? parsedBy(arg.parseArg, given[index]!, arg.defaultValue) : given[index];
    return arg.defaultValue;
  });
}

function parsedBy(parse: ParseArg, value: string, previous: unknown): unknown {
  try {
    return parse(value, previous);
  } catch {
    // commander words the refusal (or reports the failure); it reads the line again.
    throw new Declined();
  }
}

const maybeOption = (arg: string) => arg.length > 1 && arg[0] === '-';

// commander's Command#parseOptions (no positional or pass-through options, which we do not use).
function parseOptions(cmd: LiteCommand, args: readonly string[]): { operands: string[]; unknown: string[] } {
  const operands: string[] = [];
  const unknown: string[] = [];
  let dest = operands;
  const negativeNumber = (arg: string) => {
    if (!/^-(\d+|\d*\.\d+)(e[+-]?\d+)?$/.test(arg)) return false;
    for (let at: LiteCommand | null = cmd; at; at = at.parent) if (at.options.some((o) => o.short !== undefined && /^-\d$/.test(o.short))) return false;
    return true;
  };
  let activeVariadic: LiteOption | undefined;
  let activeGroup: string | undefined;
  let i = 0;
  while (i < args.length || activeGroup !== undefined) {
    const arg = activeGroup ?? args[i++]!;
    activeGroup = undefined;
    if (arg === '--') {
      if (dest === unknown) dest.push(arg);
      dest.push(...args.slice(i));
      break;
    }
    if (activeVariadic && (!maybeOption(arg) || negativeNumber(arg))) {
      take(cmd, activeVariadic, arg);
      continue;
    }
    activeVariadic = undefined;
    if (maybeOption(arg)) {
      const option = cmd.options.find((o) => o.is(arg));
      if (option) {
        if (option.required) {
          const value = args[i++];
          if (value === undefined) throw new Declined();
          take(cmd, option, value);
        } else if (option.optional) {
          let value: string | null = null;
          if (i < args.length && (!maybeOption(args[i]!) || negativeNumber(args[i]!))) value = args[i++]!;
          take(cmd, option, value);
        } else {
          take(cmd, option, undefined);
        }
        activeVariadic = option.variadic ? option : undefined;
        continue;
      }
    }
    if (arg.length > 2 && arg[0] === '-' && arg[1] !== '-') {
      const option = cmd.options.find((o) => o.is(`-${arg[1]}`));
      if (option) {
        if (option.required || option.optional) {
          take(cmd, option, arg.slice(2));
        } else {
          take(cmd, option, undefined);
          activeGroup = `-${arg.slice(2)}`;
        }
        continue;
      }
    }
    if (/^--[^=]+=/.test(arg)) {
      const index = arg.indexOf('=');
      const option = cmd.options.find((o) => o.is(arg.slice(0, index)));
      if (option && (option.required || option.optional)) {
        take(cmd, option, arg.slice(index + 1));
        continue;
      }
    }
    if (dest === operands && maybeOption(arg) && !(cmd.commands.length === 0 && negativeNumber(arg))) dest = unknown;
    dest.push(arg);
  }
  return { operands, unknown };
}

// commander's handler of an option's value (Command#addOption), without presets or env values.
function take(cmd: LiteCommand, option: LiteOption, given: string | null | undefined): void {
  if (option.stops) throw new Declined();
  const name = option.attributeName();
  let value: unknown = given;
  // As commander: a parser sees a boolean flag too (its value undefined), only an optional value left out
  // (null) skips it.
  if (given !== null && option.parseArg) value = parsedBy(option.parseArg, given as string, cmd.getOptionValue(name));
  else if (given != null && option.variadic) {
    const previous = cmd.getOptionValue(name);
    value = previous === option.defaultValue || !Array.isArray(previous) ? [given] : [...previous, given];
  }
  if (value == null) value = option.negate ? false : option.isBoolean() || option.optional ? true : '';
  cmd.set(name, value, 'cli');
}
