// `--if-not-exists` on a create: meeting the object there already (exit 5, conflict) is what a
// provisioning script wanted, so it is exit 0, and the output says that nothing was created.

import type { Command } from 'commander';
import type { Context } from '../context.js';
import { CliError, ExistsAlready, ExitCode } from '../errors.js';
import { toJson } from '../format/output.js';
import { verbOf } from './verb.js';

export const IF_NOT_EXISTS = ['--if-not-exists', 'an object of that name there already is not an error (exit 0; --json says so)'] as const;

/**
 * True when the failure was the object being there already, and it has been reported as such. One that is
 * still being made is first waited for when the create was to wait (`--if-not-exists --wait` in a re-run
 * of a CI job whose first run did not wait): the next step may need it ready.
 */
export async function reportedAsExisting(ctx: Context, cmd: Command, opts: Record<string, unknown>, args: unknown[], error: unknown): Promise<boolean> {
  if (!ctx.flags.includes(IF_NOT_EXISTS[0]) || !(error instanceof CliError) || error.exitCode !== ExitCode.conflict) return false;
  if (error instanceof ExistsAlready && error.untilReady) await error.untilReady();
  // The object is the last argument (`database create NAME`, `table create DATABASE TABLE`, `create table
  // -d DATABASE TABLE`), or a flag names it (`token create --name NAME`, `v1-auth create --username NAME`).
  const name = [args.at(-1), opts.name, opts.username].find((v): v is string => typeof v === 'string');
  // Every create that has --if-not-exists is marked as its verb: `table create` whatever its shape.
  const noun = verbOf(cmd)!.split(' ')[0];
  ctx.done(`${noun} ${name === undefined ? '' : `"${name}" `}exists already; nothing created (--if-not-exists)`);
  const outcome = { ...(name === undefined ? {} : { name }), created: false, exists: true };
  if (ctx.format === 'json') ctx.io.out(toJson(outcome));
  if (ctx.format === 'jsonl') ctx.io.out(`${JSON.stringify(outcome)}\n`);
  return true;
}
