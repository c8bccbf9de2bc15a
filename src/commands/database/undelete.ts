import { Command } from 'commander';
import { CliError, ExitCode, usageError } from '../../errors.js';
import { printRecord } from '../../format/output.js';
import type { ManagementDatabase } from '../../api/schemas/management.js';
import { run } from '../run.js';
import { databaseJson, databaseName, listColumns } from './shared.js';
import { managementClient } from '../clients.js';

const INT64_MAX = 9_223_372_036_854_775_807n;

export function undeleteCommand(): Command {
  return new Command('undelete')
    .description('restore a deleted database by its numeric ID (or by name when the server lists IDs)')
    .argument('<id-or-name>', 'database ID (shown by rename and undelete), or name')
    .action(run(async (ctx, _opts, idOrName: string) => {
      const target = await ctx.check('database undelete');
      const id = /^\d+$/.test(idOrName) ? checkedId(idOrName) : undefined;
      const name = id === undefined ? databaseName(target.product, idOrName) : undefined;
      const client = await managementClient(await ctx.connect('database undelete'));
      const resolved = id ?? resolveId(await client.listDatabases(), name!);
      const restored = await client.undeleteDatabase(resolved);
      ctx.io.err(`restored database "${restored.name}" (ID ${restored.id ?? resolved}); its old tokens were not restored\n`);
      await printRecord(ctx, restored, listColumns([restored]), databaseJson(restored));
    }));
}

/** A positive int64, as the Management API's undelete paths take. */
export function checkedId(text: string, what = 'database ID'): string {
  if (!/^\d+$/.test(text)) throw usageError(`the ${what} "${text}" is not a number`);
  const value = BigInt(text);
  if (value < 1n || value > INT64_MAX) throw usageError(`the ${what} ${text} is out of range (1 to ${INT64_MAX})`);
  return value.toString();
}

/** The Management API undeletes by ID; a name works only when the listing carries IDs. */
export function resolveId(listing: readonly ManagementDatabase[], name: string): string {
  if (!listing.some((d) => d.id !== undefined)) {
    throw usageError(
      `cannot find the ID of "${name}": this server's database listing carries no IDs`,
      'pass the numeric ID instead (rename and undelete print it; influxctl database list --filter-status deleted shows it)',
    );
  }
  const match = listing.find((d) => d.name === name && d.id !== undefined);
  if (!match) throw new CliError(`no database named "${name}" with an ID in the listing`, ExitCode.notFound, 'pass the numeric ID instead');
  return String(match.id);
}
