import { Command } from 'commander';
import { printList } from '../../format/output.js';
import { run } from '../run.js';
import { databaseJson, listColumns, managementClient } from './shared.js';

export function listCommand(): Command {
  return new Command('list')
    .alias('ls')
    .description('list databases')
    .action(run(async (ctx) => {
      const client = await managementClient(ctx, 'database list');
      const databases = await client.listDatabases();
      await printList(ctx, databases, listColumns(databases), databaseJson, 'databases');
    }));
}
