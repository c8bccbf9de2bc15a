import { Command } from '../../line/command.js';
import { createDatabase, type CreateFlags } from '../database/create.js';
import { RETENTION_HELP } from '../database/shared.js';
import { databaseOrEnv } from '../database-env.js';
import { run } from '../run.js';
import { verb } from '../verb.js';
import { IF_NOT_EXISTS } from '../if-not-exists.js';

export function createDatabaseCommand(): Command {
  return verb(new Command('database')
    .description('create a database (same as `database create`)')
    .argument('[name]', 'database name (core, enterprise: or INFLUXDB3_DATABASE_NAME)')
    .option('--retention-period <duration>', RETENTION_HELP)
    .option(...IF_NOT_EXISTS)
    .action(run(async (ctx, opts: CreateFlags, name?: string) => createDatabase(ctx, await databaseOrEnv(ctx, 'database create', name, 'which database? give its name'), opts))), 'database create', [
    'influxadm create database sensors --retention-period 30d',
  ]);
}
