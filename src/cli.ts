// Entry point: builds the commander program, runs it, and turns every failure into one or two lines
// on stderr and the documented exit code (design §7). Nothing runs at import time; bin/ calls main().

import { Command, CommanderError } from 'commander';
import { applyCommand } from './commands/apply/apply.js';
import { exportCommand } from './commands/apply/export.js';
import { planCommand } from './commands/apply/plan.js';
import { schemaCommand } from './commands/apply/schema.js';
import { authCommand } from './commands/auth/index.js';
import { completionCommand } from './commands/completion.js';
import { createNounCommand } from './commands/create/index.js';
import { databaseCommand } from './commands/database/index.js';
import { deleteNounCommand } from './commands/delete/index.js';
import { profileCommand } from './commands/profile/index.js';
import { sandboxCommand } from './commands/sandbox/index.js';
import { showNounCommand } from './commands/show/index.js';
import { tableCommand } from './commands/table/index.js';
import { tokenCommand } from './commands/token/index.js';
import { updateNounCommand } from './commands/update/index.js';
import { annotateProducts } from './commands/verb.js';
import { v1AuthCommand } from './commands/v1-auth/index.js';
import { VERSION } from './context.js';
import { CliError, ExitCode } from './errors.js';
import { addGlobalOptions } from './globals.js';
import { colorAllowed, stdoutFailuresAreReported } from './io.js';

export { docsFacts } from './docs-facts.js';

export function buildProgram(): Command {
  const program = new Command('influxadm')
    .description('Admin CLI for InfluxDB 3 (Cloud Dedicated, Clustered, Core, Enterprise), InfluxDB OSS v2 and Selectel Managed Databases')
    .version(VERSION, '-V, --version', 'print the version')
    .showSuggestionAfterError(true);
  addGlobalOptions(program);
  program
    .addCommand(databaseCommand())
    .addCommand(tableCommand())
    .addCommand(tokenCommand())
    .addCommand(v1AuthCommand())
    .addCommand(profileCommand())
    .addCommand(authCommand())
    .addCommand(createNounCommand())
    .addCommand(showNounCommand())
    .addCommand(updateNounCommand())
    .addCommand(deleteNounCommand())
    .addCommand(planCommand())
    .addCommand(applyCommand())
    .addCommand(exportCommand())
    .addCommand(schemaCommand())
    .addCommand(sandboxCommand())
    .addCommand(completionCommand())
    .addCommand(
      new Command('version').description('print the version').action(function (this: Command) {
        const json = (this.optsWithGlobals() as { json?: boolean; format?: string });
        if (json.json || json.format === 'json') process.stdout.write(`${JSON.stringify({ version: VERSION, node: process.version }, null, 2)}\n`);
        else process.stdout.write(`influxadm ${VERSION} (node ${process.version})\n`);
      }),
    );
  annotateProducts(program);
  applyRecursively(program, (cmd) => {
    // A fixed width makes help identical on every terminal, so the launcher can serve it pre-built.
    cmd.configureHelp({ showGlobalOptions: true, helpWidth: 80 });
    cmd.exitOverride();
    cmd.configureOutput({
      writeOut: (text) => process.stdout.write(text),
      writeErr: (text) => process.stderr.write(text),
    });
  });
  return program;
}

function applyRecursively(cmd: Command, fn: (cmd: Command) => void): void {
  fn(cmd);
  for (const sub of cmd.commands) applyRecursively(sub, fn);
}

export async function main(argv: string[]): Promise<void> {
  process.on('SIGINT', () => {
    process.stderr.write('\ninterrupted\n');
    process.exit(ExitCode.interrupted);
  });
  // A reader that went away (`| head -1`) is not an error worth a stack trace.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (stdoutFailuresAreReported()) return;
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });

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
  if (error instanceof CliError) {
    process.stderr.write(`${red('error:')} ${error.message}\n`);
    if (error.hint) process.stderr.write(`${error.hint}\n`);
    if (debug && error.stack) process.stderr.write(`${error.stack}\n`);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`${red('error:')} unexpected failure: ${message}\n`);
  process.stderr.write(debug && error instanceof Error && error.stack ? `${error.stack}\n` : 'this is a bug in influxadm; run again with --debug for details\n');
  return ExitCode.failure;
}

async function errorColor(): Promise<(text: string) => string> {
  if (!colorAllowed(process.stderr, process.argv.includes('--no-color'))) return (text) => text;
  const { Chalk } = await import('chalk');
  return new Chalk({ level: 1 }).red;
}
