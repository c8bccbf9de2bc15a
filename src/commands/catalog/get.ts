import { Command } from '../../line/command.js';
import { printShown } from '../../format/records.js';
import type { CatalogKind } from '../../products/types.js';
import { ops } from '../ops.js';
import { run } from '../run.js';
import { verb } from '../verb.js';
import { TYPE, type CatalogNoun } from './index.js';

export function getCommand(noun: CatalogNoun): Command {
  const typed = noun.filters.includes(TYPE);
  const cmd = new Command('get')
    .description(`show one of the ${noun.plural}`)
    .argument('<name-or-id>', typed ? 'its name (with --type when several types have it) or ID' : 'its name or ID');
  if (typed) cmd.option('--type <type>', 'the one for this datastore type: engine-version or ID');
  return verb(cmd.action(run(async (ctx, opts: { type?: string }, ref: string) => {
    const catalogs = await ops(ctx, `${noun.kind} get`, 'catalogs');
    await printShown(ctx, await catalogs.get(noun.kind as CatalogKind, ref, { type: opts.type }));
  })), `${noun.kind} get`, [`influxadm ${noun.kind} get ${noun.sample}${typed ? ' --type postgresql-16' : ''}`]);
}
