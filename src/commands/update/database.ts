import { Command } from '../../line/command.js';
import { usageError } from '../../errors.js';
import { updateDatabase } from '../database/update.js';
import { RETENTION_HELP, type SettingsFlags } from '../database/shared.js';
import { databaseOrEnv } from '../database-env.js';
import { run } from '../run.js';
import { verb } from '../verb.js';

export function updateDatabaseCommand(): Command {
  return verb(new Command('database')
    .description('change a database (same as `database update`)')
    .argument('[name]', 'database name (or -d)')
    .option('-d, --database <name>', 'database name (core, enterprise: else INFLUXDB3_DATABASE_NAME)')
    .option('-r, --retention-period <duration>', RETENTION_HELP)
    .action(run(async (ctx, opts: SettingsFlags & { database?: string }, name?: string) => {
      if (name !== undefined && opts.database !== undefined && name !== opts.database) {
        throw usageError(`two database names given: "${name}" and -d "${opts.database}"`);
      }
      await updateDatabase(ctx, await databaseOrEnv(ctx, 'database update', name ?? opts.database, 'which database? pass -d/--database NAME'), opts);
    })), 'database update', [
    'influxadm update database -d sensors -r 90d',
  ]);
}
