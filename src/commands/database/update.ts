import { Command } from 'commander';
import { usageError } from '../../errors.js';
import { printRecord } from '../../format/output.js';
import { run } from '../run.js';
import { databaseJson, databaseName, listColumns, managementClient, parseSettings, RETENTION_HELP, type SettingsFlags } from './shared.js';

export function updateCommand(): Command {
  return new Command('update')
    .description("change a database's retention period or limits (only what you pass)")
    .argument('<name>', 'database name')
    .option('--retention-period <duration>', RETENTION_HELP)
    .option('--max-tables <n>', 'maximum tables')
    .option('--max-columns <n>', 'maximum columns per table')
    .action(run(async (ctx, opts: SettingsFlags, name: string) => {
      const checked = databaseName(name);
      const settings = parseSettings(opts, 'update');
      if (Object.keys(settings).length === 0) {
        throw usageError('nothing to update', 'pass --retention-period, --max-tables or --max-columns');
      }
      const client = await managementClient(ctx, 'database update');
      const updated = await client.updateDatabase(checked, settings);
      ctx.io.err(`updated database "${updated.name}"\n`);
      await printRecord(ctx, updated, listColumns([updated]), databaseJson(updated));
    }));
}
