import { Command } from '../../line/command.js';
import { asUsage, usageError } from '../../errors.js';
import { printShown } from '../../format/records.js';
import { UUID } from '../../input/names.js';
import { parseWholeNumber } from '../../input/numbers.js';
import { collect } from '../options.js';
import { ops } from '../ops.js';
import { passwordSource } from '../password.js';
import { run } from '../run.js';
import { verb } from '../verb.js';
import { waitOptions, withWait, type WaitFlags } from '../wait.js';
import { flavorChoice, flavorOptions, parseKeyValues, type FlavorFlags } from './shared.js';
import { IF_NOT_EXISTS } from '../if-not-exists.js';

interface CreateFlags extends FlavorFlags, WaitFlags {
  type?: string;
  nodes?: string;
  subnet?: string;
  config?: string[];
  poolerMode?: string;
  poolerSize?: string;
  backupRetentionDays?: string;
  passwordStdin?: boolean;
}

const number = (flag: string, text: string | undefined, min: number, max: number) => (text === undefined ? undefined : asUsage(() => parseWholeNumber(flag, text, { min, max })));

export function createCommand(): Command {
  return verb(waitOptions(flavorOptions(new Command('create')
    .description('create a datastore (a managed cluster)')
    .argument('<name>', 'datastore name')
    .option('--type <type>', 'engine and version, e.g. postgresql-16, mysql-8, redis-7, kafka-3.5 (see datastore-types list), or an ID')
    .option('--nodes <n>', 'number of nodes (default 1)')
    .option('--subnet <id>', 'the subnet it goes in (required)'))
    .option('--config <key=value>', 'an engine parameter (repeatable; see configuration-parameters list)', collect)
    .option('--pooler-mode <mode>', 'connection pooler mode: session, transaction or statement')
    .option('--pooler-size <n>', 'connection pooler size (1–500)')
    .option('--backup-retention-days <n>', 'how many days backups are kept')
    .option('--password-stdin', 'Redis: read its password from standard input (first line); a terminal is asked when --type names the engine (redis-7)'))
    .option(...IF_NOT_EXISTS)
    .action(run(async (ctx, opts: CreateFlags, name: string) => {
      const datastores = await ops(ctx, 'datastore create', 'datastores');
      if (opts.type === undefined) throw usageError('which type? pass --type engine-version, e.g. postgresql-16', 'see `influxadm datastore-types list`');
      if (opts.subnet === undefined) throw usageError('which subnet? pass --subnet ID');
      // Checked here, so that a mistyped one is not sent (the API takes the subnet by its UUID only).
      if (!UUID.test(opts.subnet)) throw usageError(`--subnet ${opts.subnet}: give the subnet's ID (a UUID)`, 'the subnets of the project are in the Selectel panel or `openstack subnet list`');
      const nodes = number('--nodes', opts.nodes, 1, 100) ?? 1;
      const flavor = flavorChoice(opts, true);
      const config = parseKeyValues(opts.config ?? [], '--config');
      const size = number('--pooler-size', opts.poolerSize, 1, 500);
      const days = number('--backup-retention-days', opts.backupRetentionDays, 1, 3650);
      // A Redis password is the only secret here; it is read (or asked) only if the type is Redis. A type
      // named on the command line (`redis-7`, `redis`) says so itself, so a missing password or one for
      // another engine is refused here, before anything is sent. A type given by its ID can be known to be
      // Redis only from the server's type catalog: then a piped password is read now, and the backend
      // decides once it has read the catalog, before anything is created (no terminal prompt for it).
      const byId = UUID.test(opts.type);
      const redis = !byId && /^redis/i.test(opts.type);
      if (opts.passwordStdin && !byId && !redis) throw usageError('--password-stdin is for Redis datastores, whose password this sets');
      const password = redis || (byId && opts.passwordStdin) ? await passwordSource(ctx.io, opts, datastores.checkPassword, { label: 'Redis password' }) : undefined;
      const shown = await withWait(ctx, opts, (options) => datastores.create({
        name, type: opts.type!, nodes, subnet: opts.subnet!, ...flavor,
        ...(Object.keys(config).length ? { config } : {}),
        ...(opts.poolerMode !== undefined || size !== undefined ? { pooler: { ...(opts.poolerMode ? { mode: opts.poolerMode } : {}), ...(size !== undefined ? { size } : {}) } } : {}),
        ...(days !== undefined ? { backupRetentionDays: days } : {}),
        ...(password ? { password } : {}),
      }, options));
      ctx.done(`created datastore "${shown.name}" (${(shown.item as { status: string }).status})`);
      await printShown(ctx, shown);
    })), 'datastore create', [
    'influxadm datastore create pg-main --type postgresql-16 --vcpus 2 --ram 4096 --disk 32 --nodes 2 --subnet "$SUBNET" --wait',
    'influxadm datastore create kafka-1 --type kafka-3.5 --flavor PRC10.2-4096-64 --subnet "$SUBNET" --no-wait --json',
  ]);
}
