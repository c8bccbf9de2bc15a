import { Command } from 'commander';
import { printShown } from '../../format/records.js';
import type { CatalogKind } from '../../products/types.js';
import { ops } from '../ops.js';
import { run } from '../run.js';
import { verb } from '../verb.js';
import type { CatalogNoun } from './index.js';

export function getCommand(noun: CatalogNoun): Command {
  return verb(new Command('get')
    .description(`show one of the ${noun.plural}`)
    .argument('<name-or-id>', 'its name or ID')
    .action(run(async (ctx, _opts, ref: string) => {
      const catalogs = await ops(ctx, `${noun.kind} get`, 'catalogs');
      await printShown(ctx, await catalogs.get(noun.kind as CatalogKind, ref));
    })), `${noun.kind} get`, [`influxadm ${noun.kind} get ${noun.sample}`]);
}
