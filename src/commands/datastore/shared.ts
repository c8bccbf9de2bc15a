// Flags the datastore verbs share: a flavor by name or ID, or by its size; KEY=VALUE lists.

import type { Command } from 'commander';
import { asUsage, usageError } from '../../errors.js';
import { parseWholeNumber } from '../../input/numbers.js';
import { parseKeyValues as parse } from '../../input/key-values.js';
import type { FlavorChoice } from '../../products/types.js';

export interface FlavorFlags {
  flavor?: string;
  vcpus?: string;
  ram?: string;
  disk?: string;
}

export function flavorOptions(cmd: Command): Command {
  return cmd
    .option('--flavor <flavor>', 'flavor name or ID (see flavors list)')
    .option('--vcpus <n>', 'or a flavor by size: vCPUs (with --ram and --disk)')
    .option('--ram <mb>', 'RAM in MB (with --vcpus and --disk)')
    .option('--disk <gb>', 'disk in GB (with --vcpus and --ram)');
}

/** A flavor by name or ID, or by all three of vcpus, RAM and disk; `required` for a create. */
export function flavorChoice(flags: FlavorFlags, required: boolean): FlavorChoice {
  const sized = [flags.vcpus, flags.ram, flags.disk].filter((v) => v !== undefined).length;
  if (flags.flavor !== undefined && sized > 0) throw usageError('give --flavor or the size (--vcpus, --ram, --disk), not both');
  if (sized > 0 && sized < 3) throw usageError('a flavor by size needs all of --vcpus, --ram and --disk');
  if (flags.flavor !== undefined) return { flavor: flags.flavor };
  if (sized === 3) {
    return asUsage(() => ({
      vcpus: parseWholeNumber('--vcpus', flags.vcpus!, { min: 1, max: 1024 }),
      ram: parseWholeNumber('--ram', flags.ram!, { min: 1, max: 16_777_216 }),
      disk: parseWholeNumber('--disk', flags.disk!, { min: 1, max: 1_048_576 }),
    }));
  }
  if (required) throw usageError('which flavor? pass --flavor NAME|ID, or --vcpus N --ram MB --disk GB', 'see `influxadm flavors list --type TYPE`');
  return {};
}

/** `flag` is the one the pairs came with (`--config`, `--set`), for the errors. */
export function parseKeyValues(values: readonly string[], flag: string): Record<string, string> {
  return asUsage(() => parse(values, flag));
}
