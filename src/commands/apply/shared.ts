// The options plan and apply share: the file, --prune and the concurrency bound.

import type { Command } from 'commander';

export function fileOptions(cmd: Command): Command {
  return cmd
    .option('-f, --file <path>', 'the file (- reads standard input)', 'influxadm.yaml')
    .option('--prune', 'also delete what the file does not list, for the kinds it lists')
    .option('--concurrency <n>', 'at most this many requests at a time (default: 8)');
}
