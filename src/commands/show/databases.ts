import { Command } from '../../line/command.js';
import { listDatabases, type ListFlags } from '../database/list.js';
import { run } from '../run.js';
import { verb } from '../verb.js';

export function showDatabasesCommand(): Command {
  return verb(new Command('databases')
    .description('list databases (same as `database list`; --format pretty is the table)')
    .option('--show-deleted', 'include soft-deleted databases')
    .action(run(async (ctx, opts: ListFlags) => listDatabases(ctx, opts))), 'database list', [
    'influxadm show databases --format json',
  ]);
}
