import { Command } from 'commander';
import { createDatabase, type CreateFlags } from '../database/create.js';
import { RETENTION_HELP } from '../database/shared.js';
import { run } from '../run.js';

export function createDatabaseCommand(): Command {
  return new Command('database')
    .description('create a database (same as `database create`)')
    .argument('<name>', 'database name')
    .option('--retention-period <duration>', RETENTION_HELP)
    .action(run(async (ctx, opts: CreateFlags, name: string) => createDatabase(ctx, name, opts)));
}
