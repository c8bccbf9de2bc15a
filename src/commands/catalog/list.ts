import { Command } from '../../line/command.js';
import { printListing } from '../../format/records.js';
import type { CatalogKind } from '../../products/types.js';
import { ops } from '../ops.js';
import { run } from '../run.js';
import { verb } from '../verb.js';
import type { CatalogNoun } from './index.js';

export function listCommand(noun: CatalogNoun): Command {
  const cmd = new Command('list').alias('ls').description(`list ${noun.plural}`);
  for (const [flag, description] of noun.filters) cmd.option(flag, description);
  return verb(cmd.action(run(async (ctx, opts: Record<string, string | undefined>) => {
    const catalogs = await ops(ctx, `${noun.kind} list`, 'catalogs');
    await printListing(ctx, await catalogs.list(noun.kind as CatalogKind, opts), noun.plural);
  })), `${noun.kind} list`, noun.examples);
}
