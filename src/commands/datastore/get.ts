import { Command } from '../../line/command.js';
import { printShown } from '../../format/records.js';
import { ops } from '../ops.js';
import { run } from '../run.js';
import { verb } from '../verb.js';

export function getCommand(): Command {
  return verb(new Command('get')
    .description('show one datastore: status, nodes, connection hosts, configuration')
    .argument('<datastore>', 'datastore name or ID')
    .action(run(async (ctx, _opts, ref: string) => {
      const datastores = await ops(ctx, 'datastore get', 'datastores');
      await printShown(ctx, await datastores.get(ref));
    })), 'datastore get', [
    'influxadm datastore get pg-main',
    "influxadm datastore get pg-main --json | jq -r '.connection.master'",
  ]);
}
