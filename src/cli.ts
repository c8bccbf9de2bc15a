// Entry point: builds the commander program, runs it, and turns every failure into one or two lines
// on stderr and the documented exit code (design §7). Nothing runs at import time; bin/ calls main().

import { Command, CommanderError } from 'commander';
import { aclCommand } from './commands/acl/index.js';
import { applyCommand } from './commands/apply/apply.js';
import { exportCommand } from './commands/apply/export.js';
import { planCommand } from './commands/apply/plan.js';
import { schemaCommand } from './commands/apply/schema.js';
import { authCommand } from './commands/auth/index.js';
import { catalogCommands } from './commands/catalog/index.js';
import { completionCommand } from './commands/completion.js';
import { createNounCommand } from './commands/create/index.js';
import { databaseCommand } from './commands/database/index.js';
import { datastoreCommand } from './commands/datastore/index.js';
import { deleteNounCommand } from './commands/delete/index.js';
import { extensionCommand } from './commands/extension/index.js';
import { grantCommand } from './commands/grant/index.js';
import { profileCommand } from './commands/profile/index.js';
import { replicationSlotCommand } from './commands/replication-slot/index.js';
import { sandboxCommand } from './commands/sandbox/index.js';
import { showNounCommand } from './commands/show/index.js';
import { tableCommand } from './commands/table/index.js';
import { tokenCommand } from './commands/token/index.js';
import { topicCommand } from './commands/topic/index.js';
import { updateNounCommand } from './commands/update/index.js';
import { userCommand } from './commands/user/index.js';
import { annotateProducts } from './commands/verb.js';
import { v1AuthCommand } from './commands/v1-auth/index.js';
import { VERSION } from './context.js';
import { CliError, ExitCode } from './errors.js';
import { addGlobalOptions } from './globals.js';
import { releaseHeldLocks } from './config/held-locks.js';
import { terminalSafe, terminalSafeLine } from './format/terminal-text.js';
import { colorAllowed, stdoutFailuresAreReported } from './io.js';

export { docsFacts } from './docs-facts.js';

export function buildProgram(): Command {
  const program = new Command('influxadm')
    .description('Admin CLI for InfluxDB 3 (Cloud Dedicated, Clustered, Core, Enterprise), InfluxDB OSS v2 and Selectel Managed Databases')
    .version(VERSION, '-V, --version', 'print the version')
    .showSuggestionAfterError(true);
  addGlobalOptions(program);
  const commands = [
    // InfluxDB
    databaseCommand(), tableCommand(), tokenCommand(), v1AuthCommand(),
    // Managed-database services
    datastoreCommand(), userCommand(), grantCommand(), aclCommand(), topicCommand(), extensionCommand(), replicationSlotCommand(),
    ...catalogCommands(),
    // Declarative provisioning
    planCommand(), applyCommand(), exportCommand(), schemaCommand(),
    // The tool itself
    profileCommand(), authCommand(),
    createNounCommand(), showNounCommand(), updateNounCommand(), deleteNounCommand(),
    sandboxCommand(), completionCommand(),
    new Command('version').description('print the version').action(function (this: Command) {
      const json = (this.optsWithGlobals() as { json?: boolean; format?: string });
      if (json.json || json.format === 'json') process.stdout.write(`${JSON.stringify({ version: VERSION, node: process.version }, null, 2)}\n`);
      else process.stdout.write(`influxadm ${VERSION} (node ${process.version})\n`);
    }),
  ];
  for (const command of commands) program.addCommand(command);
  annotateProducts(program);
  applyRecursively(program, (cmd) => {
    // A fixed width makes help identical on every terminal, so the launcher can serve it pre-built.
    cmd.configureHelp({ showGlobalOptions: true, helpWidth: 80 });
    cmd.exitOverride();
    cmd.configureOutput({
      writeOut: (text) => process.stdout.write(text),
      writeErr: (text) => process.stderr.write(terminalSafe(withoutArgvValues(text))),
    });
  });
  return program;
}

/**
 * commander echoes what was typed in its errors. A value after `--flag=` may be a secret (`--tokne=…`), and
 * so may an unknown command that resembles none of ours (a token pasted in the wrong place): only what looks
 * like a typo of our own vocabulary is repeated.
 */
export function withoutArgvValues(text: string): string {
  const named = text.replace(/'(--?[^='\s]+)=[^']*'/g, "'$1=…'");
  if (/^error: unknown command '/.test(named) && !named.includes('(Did you mean')) {
    return 'error: unknown command (not repeated here, in case it was meant for something else); see `influxadm --help`\n';
  }
  return named;
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
      process.stderr.write(signal === 'SIGINT' ? '\ninterrupted\n' : `\n${signal}: stopped\n`);
      process.exit(code);
    });
  }
  // A reader that went away (`| head -1`) is not an error worth a stack trace; any other failure to write
  // (a full disk) is one line and exit 1.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (stdoutFailuresAreReported()) return;
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    process.stderr.write(`error: cannot write to standard output (${error.code ?? error.message})\n`);
    process.exit(ExitCode.failure);
  });
  // With stderr closed there is nobody to tell; the exit code still says what happened.
  process.stderr.on('error', () => undefined);

  const debug = argv.includes('--debug');
  try {
    await buildProgram().parseAsync(argv, { from: 'user' });
  } catch (error) {
    process.exitCode = await report(error, debug);
  }
}

async function report(error: unknown, debug: boolean): Promise<number> {
  if (error instanceof CommanderError) {
    // commander has printed its own one-line message (or the help) already.
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return ExitCode.ok;
    return ExitCode.usage;
  }
  const red = await errorColor();
  // Messages quote servers and argv: escaped here, once, whatever raised them. The colour is ours.
  if (error instanceof CliError) {
    process.stderr.write(`${red('error:')} ${terminalSafeLine(error.message)}\n`);
    if (error.hint) process.stderr.write(`${terminalSafeLine(error.hint)}\n`);
    if (debug && error.stack) process.stderr.write(`${terminalSafe(error.stack)}\n`);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`${red('error:')} unexpected failure: ${terminalSafeLine(message)}\n`);
  process.stderr.write(debug && error instanceof Error && error.stack ? `${terminalSafe(error.stack)}\n` : 'this is a bug in influxadm; run again with --debug for details\n');
  return ExitCode.failure;
}

async function errorColor(): Promise<(text: string) => string> {
  if (!colorAllowed(process.stderr, process.argv.includes('--no-color'))) return (text) => text;
  const { Chalk } = await import('chalk');
  return new Chalk({ level: 1 }).red;
}
