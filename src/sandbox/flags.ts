// The sandbox's own command-line options that concern the APIs it plays (the server's generic ones, port,
// state, latency, faults, live in the command). Kept apart from the server so that building the command
// tree loads nothing of it.

import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { asUsage, usageError } from '../errors.js';
import { durationToMs, parseDuration } from '../input/duration.js';
import type { SandboxOptions } from './server.js';

export interface ApiFlags {
  influxdb3?: string;
  dbaasDelay?: string;
  dbaasTokenTtl?: string;
  identityPasswordFile?: string;
}

export function addApiOptions(cmd: Command): Command {
  return cmd
    .option('--influxdb3 <build>', 'which InfluxDB 3 server /api/v3 and /ping play: core or enterprise', 'enterprise')
    .option('--dbaas-delay <duration>', 'Selectel DBaaS: how long creates, updates and deletes stay PENDING_* (default 2s)')
    .option('--dbaas-token-ttl <duration>', 'Selectel DBaaS: how long a token from the identity endpoint lasts (default 24h)')
    .option('--identity-password-file <path>', 'Selectel DBaaS: the identity endpoint takes only the password in this file (default: any)');
}

export function apiOptions(flags: ApiFlags): Pick<SandboxOptions, 'influxdb3' | 'dbaas'> {
  if (flags.influxdb3 !== 'core' && flags.influxdb3 !== 'enterprise') throw usageError(`--influxdb3 must be core or enterprise, not "${flags.influxdb3}"`);
  // Zero is a real setting here, unlike a retention's: no delay (ACTIVE on the next request), tokens that
  // have expired when issued (to rehearse a renewal).
  const ms = (text: string) => (/^\s*0+(\.0*)?\s*[a-zµμ]*\s*$/i.test(text) ? 0 : asUsage(() => durationToMs(parseDuration(text))));
  let identityPassword: string | undefined;
  if (flags.identityPasswordFile !== undefined) {
    try {
      identityPassword = readFileSync(flags.identityPasswordFile, 'utf8').split(/\r?\n/)[0];
    } catch (error) {
      throw usageError(`cannot read ${flags.identityPasswordFile}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
    // An empty password would be no password: every login accepted, which the flag was given to prevent.
    if (!identityPassword) throw usageError(`--identity-password-file ${flags.identityPasswordFile}: its first line, the password, is empty`);
  }
  return {
    influxdb3: flags.influxdb3,
    dbaas: {
      ...(flags.dbaasDelay !== undefined ? { delayMs: ms(flags.dbaasDelay) } : {}),
      ...(flags.dbaasTokenTtl !== undefined ? { tokenTtlMs: ms(flags.dbaasTokenTtl) } : {}),
      ...(identityPassword ? { identityPassword } : {}),
    },
  };
}

/** What to try first, printed when the sandbox is up. */
export function firstSteps(url: string, options: Pick<SandboxOptions, 'influxdb3'>): string {
  return `try: influxadm --host ${url} --product clustered --token any database list   (or --product ${options.influxdb3 ?? 'enterprise'}, or dbaas)`;
}
