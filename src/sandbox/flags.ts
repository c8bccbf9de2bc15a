// The sandbox's own command-line options that concern the APIs it plays (the server's generic ones, port,
// state, latency, faults, live in the command). Kept apart from the server so that building the command
// tree loads nothing of it.

import type { Command } from 'commander';
import { usageError } from '../errors.js';
import type { SandboxOptions } from './server.js';

export function addApiOptions(cmd: Command): Command {
  return cmd.option('--influxdb3 <build>', 'which InfluxDB 3 server /api/v3 and /ping play: core or enterprise', 'enterprise');
}

export function apiOptions(flags: { influxdb3?: string }): Pick<SandboxOptions, 'influxdb3'> {
  if (flags.influxdb3 !== 'core' && flags.influxdb3 !== 'enterprise') throw usageError(`--influxdb3 must be core or enterprise, not "${flags.influxdb3}"`);
  return { influxdb3: flags.influxdb3 };
}

/** What to try first, printed when the sandbox is up. */
export function firstSteps(url: string, options: Pick<SandboxOptions, 'influxdb3'>): string {
  return `try: influxadm --host ${url} --product clustered --token any database list   (or --product ${options.influxdb3 ?? 'enterprise'})`;
}
