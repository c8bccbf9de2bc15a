// `influxadm export`: one target's current state as a file that plan shows as unchanged.

import { Command } from '../../line/command.js';
import { addHelpSection } from '../../format/help.js';
import { run } from '../run.js';

export function exportCommand(): Command {
  return addHelpSection(new Command('export')
    .description('write the current state of the target as a file for plan and apply (YAML; JSON with --json)')
    .option('-o, --output <file>', 'write to this file instead of stdout; --force replaces an existing one')
    .option('--concurrency <n>', 'at most this many requests at a time (default: 8)')
    .action(run(async (ctx, opts: { output?: string; concurrency?: string }) => {
      const { runExport } = await import('../../apply/index.js');
      await runExport(ctx, opts);
    })), [
      '\nExamples:',
      '  influxadm export --profile prod -o prod.yaml',
      '  influxadm export --product core --host http://127.0.0.1:8181 > core.yaml',
    ].join('\n'));
}
