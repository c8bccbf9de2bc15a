import { Command } from '../../line/command.js';
import { readConfig } from '../../config/store.js';
import { printList } from '../../format/output.js';
import { run } from '../run.js';
import { PROFILE_COLUMNS, profileRows } from './shared.js';

export function listCommand(): Command {
  return new Command('list')
    .alias('ls')
    .description('list profiles; * marks the active one (--quiet: the names only)')
    .action(run(async (ctx) => {
      const rows = profileRows(await readConfig());
      // The names alone, one a line: what shell completion reads. JSON asked for is JSON, --quiet or not.
      if (ctx.globals.quiet && ctx.format !== 'json' && ctx.format !== 'jsonl') return ctx.io.out(rows.map((row) => `${row.name}\n`).join(''));
      await printList(ctx, rows, PROFILE_COLUMNS, (row) => row, 'profiles');
    }));
}
