import { Command } from '../../line/command.js';
import { usageError } from '../../errors.js';
import { printShown } from '../../format/records.js';
import { ops } from '../ops.js';
import { run } from '../run.js';
import { verb } from '../verb.js';
import { waitOptions, withWait, type WaitFlags } from '../wait.js';
import { DATASTORE } from './shared.js';
import { IF_NOT_EXISTS } from '../if-not-exists.js';

interface CreateFlags extends WaitFlags {
  datastore?: string;
  user?: string;
  pattern?: string;
  patternType?: string;
  read?: boolean;
  write?: boolean;
}

export function createCommand(): Command {
  return verb(waitOptions(new Command('create')
    .description("let a Kafka user consume (--read) and/or produce (--write) on topics")
    .option(...DATASTORE)
    .option('--user <user>', 'the user (name or ID)')
    .option('--pattern <topic>', 'a topic name, or a prefix with --pattern-type prefixed')
    .option('--pattern-type <type>', 'literal (default with --pattern), prefixed, or all (every topic, no --pattern)')
    .option('--read', 'allow consuming')
    .option('--write', 'allow producing'))
    .option(...IF_NOT_EXISTS)
    .action(run(async (ctx, opts: CreateFlags) => {
      const acls = await ops(ctx, 'acl create', 'acls');
      if (opts.user === undefined) throw usageError('whose ACL? pass --user NAME');
      const patternType = opts.patternType ?? (opts.pattern === undefined ? 'all' : 'literal');
      const shown = await withWait(ctx, opts, (options) => acls.create({
        datastore: opts.datastore, user: opts.user!, patternType, ...(opts.pattern !== undefined ? { pattern: opts.pattern } : {}), read: opts.read === true, write: opts.write === true,
      }, options));
      ctx.done(`created ACL ${shown.id} for user "${opts.user}"`);
      await printShown(ctx, shown);
    })), 'acl create', [
    'influxadm acl create --datastore kafka-1 --user ingest --pattern events. --pattern-type prefixed --write',
    'influxadm acl create --datastore kafka-1 --user reader --read',
  ]);
}
