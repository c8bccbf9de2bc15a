// Pieces the v1-auth verbs share: the client, org and target resolution, columns and JSON.

import type { Command } from 'commander';
import type { V2Client } from '../../api/v2.js';
import type { LegacyAuthorization, LegacyPermission } from '../../api/schemas/v2.js';
import type { Context } from '../../context.js';
import { asUsage, CliError, ExitCode, usageError } from '../../errors.js';
import type { Column } from '../../format/output.js';
import { checkUsername, checkV2Id } from '../../input/v1-auth.js';
import type { Verb } from '../../products.js';

export async function v2Client(ctx: Context, verb: Verb): Promise<V2Client> {
  const conn = await ctx.connect(verb);
  const { V2Client } = await import('../../api/v2.js');
  return new V2Client(conn.http);
}

export interface OrgFlags {
  org?: string;
  orgId?: string;
}

export const ORG_HELP = 'organization name (env INFLUX_ORG, then the profile\'s)';

/** Checks the org flags before anything is sent; returns what to resolve: flag, INFLUX_ORG, then the profile's. */
export function orgChoice(ctx: Context, flags: OrgFlags, profileOrg?: string): { id: string } | { name: string } | undefined {
  if (flags.org !== undefined && flags.orgId !== undefined) throw usageError('give --org or --org-id, not both');
  if (flags.orgId !== undefined) return { id: asUsage(() => checkV2Id(flags.orgId!, 'org ID')) };
  const name = flags.org ?? (ctx.env.INFLUX_ORG || undefined) ?? profileOrg;
  return name === undefined ? undefined : { name };
}

export async function resolveOrg(client: V2Client, choice: { id: string } | { name: string }): Promise<{ id: string; label: string }> {
  if ('id' in choice) return { id: choice.id, label: `org ${choice.id}` };
  const id = await client.findOrgId(choice.name);
  if (!id) throw usageError(`no organization named "${choice.name}"`, 'check --org (or INFLUX_ORG), or pass --org-id');
  return { id, label: `org "${choice.name}"` };
}

export interface TargetFlags {
  id?: string;
  username?: string;
}

/** Exactly one of an ID (argument or --id) or --username, checked before anything is sent. */
export function targetChoice(positional: string | undefined, flags: TargetFlags): { id: string } | { username: string } {
  if (positional !== undefined && flags.id !== undefined && positional !== flags.id) throw usageError(`two IDs given: ${positional} and --id ${flags.id}`);
  const id = positional ?? flags.id;
  if (id !== undefined && flags.username !== undefined) throw usageError('give the ID or --username, not both');
  if (id !== undefined) return { id: asUsage(() => checkV2Id(id, 'authorization ID')) };
  if (flags.username !== undefined) return { username: asUsage(() => checkUsername(flags.username!)) };
  throw usageError('which authorization? give its ID or --username NAME', 'see `influxadm v1-auth list`');
}

export async function resolveTarget(client: V2Client, choice: { id: string } | { username: string }): Promise<string> {
  if ('id' in choice) return choice.id;
  const found = await client.findByUsername(choice.username);
  if (!found) throw new CliError(`no legacy authorization has the username "${choice.username}"`, ExitCode.notFound, 'see `influxadm v1-auth list`');
  return found.id;
}

function permissionText(p: LegacyPermission): string {
  const r = p.resource;
  if (r.type !== 'buckets') return `${p.action}:${r.type}${r.id ? `/${r.id}` : ''}`;
  return `${p.action}:${r.name ?? r.id ?? '*'}`;
}

export const AUTH_COLUMNS: ReadonlyArray<Column<LegacyAuthorization>> = [
  { header: 'ID', value: (a) => a.id },
  { header: 'USERNAME', value: (a) => a.token },
  { header: 'DESCRIPTION', value: (a) => a.description ?? '' },
  { header: 'STATUS', value: (a) => a.status ?? '' },
  { header: 'PERMISSIONS', value: (a) => a.permissions.map(permissionText).join(' ') },
];

/** The API object, with bucket names filled in where we know them and the server did not say. */
export function withBucketNames(auth: LegacyAuthorization, names: ReadonlyMap<string, string>): LegacyAuthorization {
  return {
    ...auth,
    permissions: auth.permissions.map((p) => {
      const name = p.resource.id ? names.get(p.resource.id) : undefined;
      return p.resource.name === undefined && name !== undefined ? { ...p, resource: { ...p.resource, name } } : p;
    }),
  };
}

export const withTargetOptions = (cmd: Command): Command => cmd
  .argument('[id]', 'authorization ID')
  .option('--id <id>', 'authorization ID')
  .option('--username <name>', 'find the authorization by its v1 username');
