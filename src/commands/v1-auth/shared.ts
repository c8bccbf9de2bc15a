// Flags the v1-auth verbs share.

import type { Command } from 'commander';

export interface OrgFlags {
  org?: string;
  orgId?: string;
}

export interface TargetFlags {
  id?: string;
  username?: string;
}

export const ORG_HELP = "organization name (env INFLUX_ORG, then the profile's)";

/** An authorization by its ID (argument or --id) or by --username. */
export const withTargetOptions = (cmd: Command): Command => cmd
  .argument('[id]', 'authorization ID')
  .option('--id <id>', 'authorization ID')
  .option('--username <name>', 'find the authorization by its v1 username');
