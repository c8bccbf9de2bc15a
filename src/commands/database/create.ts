import { Command } from 'commander';
import { printRecord } from '../../format/output.js';
import { run } from '../run.js';
import { databaseJson, databaseName, listColumns, managementClient, parseSettings, RETENTION_HELP, type SettingsFlags } from './shared.js';

export function createCommand(): Command {
  return new Command('create')
    .description('create a database')
    .argument('<name>', 'database name (1–64 of letters, digits, _ - /)')
    .option('--retention-period <duration>', RETENTION_HELP)
    .option('--max-tables <n>', 'maximum tables (server default 500; 0 = default)')
    .option('--max-columns <n>', 'maximum columns per table (server default 250; 0 = default)')
    .action(run(async (ctx, opts: SettingsFlags, name: string) => {
      const checked = databaseName(name);
      const settings = parseSettings(opts, 'create');
      const client = await managementClient(ctx, 'database create');
      const created = await client.createDatabase(checked, settings);
      ctx.io.err(`created database "${created.name}"\n`);
      await printRecord(ctx, created, listColumns([created]), databaseJson(created));
    }));
}
