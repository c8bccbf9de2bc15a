// Entry point: reads the line (lite when it can, src/line/; else with the commander program built here),
// runs the command, and turns every failure into one or two lines on stderr and the documented exit code
// (design §7). Nothing runs at import time; bin/ calls main().

import { Command, isCommanderError, useCommander, useLite } from './line/command.js';
import { LiteCommand, parseLine, type LiteParse } from './line/lite.js';
import { annotateCommand, annotateProducts } from './commands/verb.js';
import { VERSION } from './context.js';
import { CliError, ExitCode, flushWhenStopped, whenStopped } from './errors.js';
import { addGlobalOptions } from './globals.js';
import { releaseHeldLocks } from './config/held-locks.js';
import { formatHelp, helpAsFlag, subcommandTerm } from './format/help.js';
import { terminalSafe, terminalSafeLine } from './format/terminal-text.js';
import { colorAllowed } from './io.js';
import { isTerminal, writeErr, writeOut } from './stdio.js';

/** For scripts/docs.mjs: the facts the generated reference pages are made of. */
export const docsFacts = async () => (await import('./docs-facts.js')).docsFacts();

type Make = () => Promise<Command | Command[]>;

/**
 * The top-level commands, by the words that name them (name and aliases), each in its own chunk. A run
 * loads and builds only the one its line names: the whole tree (about 150 commands) costs more than many
 * a command's own work. `test/unit/cli-routing.test.ts` holds these words to the commands' own names.
 */
const TOP: ReadonlyArray<readonly [words: readonly string[], make: Make]> = [
  // InfluxDB
  [['database', 'databases', 'db'], async () => (await import('./commands/database/index.js')).databaseCommand()],
  [['table', 'tables'], async () => (await import('./commands/table/index.js')).tableCommand()],
  [['token', 'tokens'], async () => (await import('./commands/token/index.js')).tokenCommand()],
  [['v1-auth', 'legacy-auth'], async () => (await import('./commands/v1-auth/index.js')).v1AuthCommand()],
  // Managed-database services
  [['datastore', 'datastores'], async () => (await import('./commands/datastore/index.js')).datastoreCommand()],
  [['user', 'users'], async () => (await import('./commands/user/index.js')).userCommand()],
  [['grant', 'grants'], async () => (await import('./commands/grant/index.js')).grantCommand()],
  [['acl', 'acls'], async () => (await import('./commands/acl/index.js')).aclCommand()],
  [['topic', 'topics'], async () => (await import('./commands/topic/index.js')).topicCommand()],
  [['extension', 'extensions'], async () => (await import('./commands/extension/index.js')).extensionCommand()],
  [['replication-slot', 'replication-slots'], async () => (await import('./commands/replication-slot/index.js')).replicationSlotCommand()],
  [['datastore-types', 'datastore-type', 'flavors', 'flavor', 'configuration-parameters', 'configuration-parameter', 'available-extensions', 'available-extension'],
    async () => (await import('./commands/catalog/index.js')).catalogCommands()],
  // Declarative provisioning
  [['plan'], async () => (await import('./commands/apply/plan.js')).planCommand()],
  [['apply'], async () => (await import('./commands/apply/apply.js')).applyCommand()],
  [['export'], async () => (await import('./commands/apply/export.js')).exportCommand()],
  [['schema'], async () => (await import('./commands/apply/schema.js')).schemaCommand()],
  // The tool itself
  [['profile', 'profiles'], async () => (await import('./commands/profile/index.js')).profileCommand()],
  [['auth'], async () => (await import('./commands/auth/index.js')).authCommand()],
  [['create'], async () => (await import('./commands/create/index.js')).createNounCommand()],
  [['show'], async () => (await import('./commands/show/index.js')).showNounCommand()],
  [['update'], async () => (await import('./commands/update/index.js')).updateNounCommand()],
  [['delete'], async () => (await import('./commands/delete/index.js')).deleteNounCommand()],
  [['v1'], async () => (await import('./commands/v1-auth/index.js')).v1Command()],
  [['sandbox'], async () => (await import('./commands/sandbox/index.js')).sandboxCommand()],
  [['completion'], async () => (await import('./commands/completion.js')).completionCommand()],
  [['version'], async () => versionCommand()],
];

/** The entry of the top-level command a word names; none for completion, which needs the whole tree. */
function namedTop(word: string | undefined): (typeof TOP)[number] | undefined {
  return word === undefined || word === 'completion' ? undefined : TOP.find(([words]) => words.includes(word));
}

/** The words that name top-level commands, in order (for tests and routing). */
export const TOP_WORDS: readonly (readonly string[])[] = TOP.map(([words]) => words);

/**
 * `argv` given, only the command it names is loaded and built (with the global options); without it, or
 * when the line names none of ours (help, a typo to suggest for), the whole tree.
 */
export async function buildProgram(argv?: readonly string[]): Promise<Command> {
  await useCommander();
  const program = new Command('influxadm')
    .description('Admin CLI for InfluxDB 3 (Cloud Dedicated, Clustered, Core, Enterprise), InfluxDB OSS v2 and Selectel Managed Databases')
    .version(VERSION, '-V, --version', 'print the version')
    .showSuggestionAfterError(true)
    .helpCommand('help [command...]', 'show the help of a command, e.g. help database create');
  addGlobalOptions(program);
  // A line naming none of ours (a typo to suggest for, help) or completion: the whole tree.
  const only = argv === undefined ? undefined : namedTop(commandWord(program, argv));
  const commands = (await Promise.all((only ? [only] : TOP).map(([, make]) => make()))).flat();
  for (const command of commands) program.addCommand(command);
  // The whole tree is read by completion and the docs; a run's help is annotated as it is shown.
  if (!only) annotateProducts(program);
  const annotatedHelp: typeof formatHelp = (cmd, helper) => {
    annotateCommand(cmd);
    return formatHelp(cmd, helper);
  };
  applyRecursively(program, (cmd) => {
    // A fixed width makes help identical on every terminal, so the launcher can serve it pre-built.
    cmd.configureHelp({ showGlobalOptions: true, helpWidth: 80, formatHelp: annotatedHelp, subcommandTerm });
    cmd.exitOverride();
    cmd.configureOutput({
      writeOut: (text) => writeOut(text),
      // An unknown option is written by report(), which may add an official CLI's spelling (its table
      // loads only then); commander throws right after writing it.
      writeErr: (text) => {
        if (!text.startsWith(UNKNOWN_OPTION)) writeErr(terminalSafe(withoutArgvValues(text)));
      },
    });
  });
  return program;
}

/**
 * The line read without commander (src/line/lite.ts): the command it names built lite and parsed as
 * commander would. Undefined for a line the lite parse leaves to commander, and for completion, which
 * needs the whole tree. Exported for the tests.
 */
export async function liteParse(line: readonly string[]): Promise<LiteParse | undefined> {
  if (process.env.INFLUXADM_NO_FAST_PATH) return undefined;
  const program = await liteProgram(line);
  // A help asked for a command path that does not exist: main() gives commander the line without its
  // --help, which the lite parse would read whole. (It once mistook `-qH token` for a command word, and the
  // two paths read `-qH token token create --name --help` differently.)
  if (!program || unknownHelpTopic(program as unknown as Command, line)) return undefined;
  return parseLine(program, line);
}

/**
 * The lite tree: with `argv`, the program and the one command the line names (undefined when it names
 * none of ours, or completion); without, the whole tree (for the tests that hold it to commander's).
 */
export async function liteProgram(argv?: readonly string[]): Promise<LiteCommand | undefined> {
  useLite();
  const program = new LiteCommand('influxadm').version(VERSION, '-V, --version', 'print the version');
  addGlobalOptions(program as unknown as Command);
  let named = TOP;
  if (argv !== undefined) {
    const only = namedTop(commandWord(program as unknown as Command, argv));
    if (!only) return undefined;
    named = [only];
  }
  for (const [, make] of named) for (const command of [await make()].flat()) program.addCommand(command as unknown as LiteCommand);
  return program;
}

/**
 * commander echoes what was typed in its errors. A value after `--flag=` may be a secret (`--tokne=…`), and
 * so may an unknown command that resembles none of ours (a token pasted in the wrong place): only what looks
 * like a typo of our own vocabulary is repeated.
 */
function withoutArgvValues(text: string): string {
  // `--flag=value`, and a short flag with its value glued on (`-tTOKEN`).
  const named = text.replace(/'(--?[^='\s]+)=[^']*'/g, "'$1=…'").replace(/'(-[^-'=\s])[^'=\s][^']*'/g, "'$1…'");
  if (/^error: unknown command '/.test(named) && !named.includes('(Did you mean')) {
    return 'error: unknown command (not repeated here, in case it was meant for something else); see `influxadm --help`\n';
  }
  return named;
}

const UNKNOWN_OPTION = "error: unknown option '";

function versionCommand(): Command {
  return new Command('version').description('print the version').action(function (this: Command) {
    const json = (this.optsWithGlobals() as { json?: boolean; format?: string });
    if (json.json || json.format === 'json') writeOut(`${JSON.stringify({ version: VERSION, node: process.version }, null, 2)}\n`);
    else writeOut(`influxadm ${VERSION} (node ${process.version})\n`);
  });
}

/** The first word of the line that is not a global option or its value: the top-level command. */
export function commandWord(program: Command, argv: readonly string[]): string | undefined {
  const at = commandIndex(program, argv);
  return at === undefined ? undefined : argv[at];
}

/**
 * The global option a word names (`--x`, `--x=v`, `-x`, a group `-qy`, `-Hvalue`), if any, and whether the
 * next word is its value, read as commander reads them: in a group of short flags, booleans until one that
 * takes a value, which takes the rest of the word, or the next word when it is last (`-qH URL`).
 */
function globalOption(program: Command, word: string): { known: boolean; valueNext: boolean } {
  const find = (flag: string) => program.options.find((o) => o.long === flag || o.short === flag);
  const takesValue = (option: { required: boolean; optional: boolean }) => option.required || option.optional;
  const exact = find(word);
  if (exact) return { known: true, valueNext: takesValue(exact) };
  if (word.length > 2 && word[0] === '-' && word[1] !== '-') {
    for (let at = 1; at < word.length; at++) {
      const option = find(`-${word[at]}`);
      if (!option) return { known: false, valueNext: false };
      if (takesValue(option)) return { known: true, valueNext: at === word.length - 1 };
    }
    return { known: true, valueNext: false };
  }
  const inline = word.startsWith('--') && word.includes('=') ? find(word.slice(0, word.indexOf('='))) : undefined;
  return { known: inline !== undefined, valueNext: false };
}

function commandIndex(program: Command, argv: readonly string[]): number | undefined {
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i]!;
    if (word === '--') return i + 1 < argv.length ? i + 1 : undefined;
    if (!word.startsWith('-') || word === '-') return i;
    if (globalOption(program, word).valueNext) i++;
  }
  return undefined;
}

/**
 * `--profile p help db create` is `--profile p db create --help`, as `help …` first on the line is. Only
 * after known global options: anything else before it (an unknown option, `--`) is left for commander to
 * report as it would.
 */
function helpAfterOptions(program: Command, line: readonly string[]): readonly string[] {
  const at = commandIndex(program, line);
  if (at === undefined || at === 0 || line[at] !== 'help') return line;
  for (let i = 0; i < at; i++) {
    const { known, valueNext } = globalOption(program, line[i]!);
    if (!known) return line;
    if (valueNext) i++;
  }
  return [...line.slice(0, at), ...line.slice(at + 1), '--help'];
}

/** Whether `line` asks for the help (`… --help`) of a command path that does not exist. */
function unknownHelpTopic(program: Command, line: readonly string[]): boolean {
  const last = line[line.length - 1];
  if (last !== '--help' && last !== '-h') return false;
  let cmd = program;
  for (let i = 0; i < line.length - 1; i++) {
    const word = line[i]!;
    if (word.startsWith('-')) {
      // A global option: skip its value as commandWord does; an option of a command ends the path.
      if (cmd !== program) return false;
      if (globalOption(program, word).valueNext) i++;
      continue;
    }
    // A command without subcommands takes the rest as its arguments.
    if (cmd.commands.length === 0) return false;
    const sub = cmd.commands.find((c) => c.name() === word || c.aliases().includes(word));
    if (!sub) return true;
    cmd = sub;
  }
  return false;
}

function applyRecursively(cmd: Command, fn: (cmd: Command) => void): void {
  fn(cmd);
  for (const sub of cmd.commands) applyRecursively(sub, fn);
}

export async function main(argv: string[]): Promise<void> {
  // Ctrl-C, a terminal that went away, `kill`: one line and the conventional 128+N code; locks held by this
  // process are released first so that no other invocation waits on them.
  for (const [signal, code] of [['SIGINT', ExitCode.interrupted], ['SIGTERM', ExitCode.terminated], ['SIGHUP', ExitCode.hangup]] as const) {
    process.on(signal, () => {
      releaseHeldLocks();
      for (const flush of flushWhenStopped) flush();
      // On a terminal the line break ends the `^C` echo or a status line; a log or pipe has neither.
      const start = isTerminal(2) ? '\n' : '';
      writeErr(signal === 'SIGINT' ? `${start}interrupted\n` : `${start}${signal}: stopped\n`);
      for (const note of whenStopped) writeErr(`${terminalSafeLine(note())}\n`);
      process.exit(code);
    });
  }
  // Writing stdout and stderr, and what a failure to write does: src/stdio.ts.
  const debug = argv.includes('--debug');
  try {
    const asked = helpAsFlag(argv);
    const lite = await liteParse(asked);
    if (lite) return await lite.run();
    const program = await buildProgram(asked);
    const line = helpAfterOptions(program, asked);
    // commander answers the help of an unknown command with its parent's help and exit 0; without the
    // --help it reports the unknown command (suggestion, exit 2) as for any other line.
    await program.parseAsync(unknownHelpTopic(program, line) ? line.slice(0, -1) : line, { from: 'user' });
  } catch (error) {
    process.exitCode = await report(error, debug);
  }
}

async function report(error: unknown, debug: boolean): Promise<number> {
  if (isCommanderError(error)) {
    // commander has printed its own one-line message (or the help) already.
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return ExitCode.ok;
    // The help command after global options (`--profile p help`): help asked for, exit 0; a noun without its
    // verb prints the help as an error (exit 1 from commander), a usage error here.
    if (error.code === 'commander.help' && error.exitCode === 0) return ExitCode.ok;
    if (error.message.startsWith(UNKNOWN_OPTION)) {
      const { withOfficialFlagHint } = await import('./official-flags.js');
      writeErr(terminalSafe(withOfficialFlagHint(withoutArgvValues(`${error.message}\n`))));
    }
    return ExitCode.usage;
  }
  const red = await errorColor();
  // Messages quote servers and argv: escaped here, once, whatever raised them. The colour is ours.
  if (error instanceof CliError) {
    writeErr(`${red('error:')} ${terminalSafeLine(error.message)}\n`);
    for (const line of error.more) writeErr(`${red('error:')} ${terminalSafeLine(line)}\n`);
    if (error.hint) writeErr(`${terminalSafeLine(error.hint)}\n`);
    if (debug && error.stack) writeErr(`${terminalSafe(error.stack)}\n`);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  writeErr(`${red('error:')} unexpected failure: ${terminalSafeLine(message)}\n`);
  writeErr(debug && error instanceof Error && error.stack ? `${terminalSafe(error.stack)}\n` : 'this is a bug in influxadm; run again with --debug for details\n');
  return ExitCode.failure;
}

async function errorColor(): Promise<(text: string) => string> {
  if (!colorAllowed(isTerminal(2), process.argv.includes('--no-color'))) return (text) => text;
  const { Chalk } = await import('chalk');
  return new Chalk({ level: 1 }).red;
}
