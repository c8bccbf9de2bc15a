import { Command } from 'commander';
import type { V2Client } from '../../api/v2.js';
import { asUsage, CliError, ExitCode, usageError } from '../../errors.js';
import { printRecord } from '../../format/output.js';
import { parsePermissionFlags } from '../../input/permission.js';
import { checkUsername, resolveBucket } from '../../input/v1-auth.js';
import { collect } from '../options.js';
import { run } from '../run.js';
import { passwordSource, resolvePassword, type PasswordFlags } from './password.js';
import { AUTH_COLUMNS, ORG_HELP, orgChoice, resolveOrg, v2Client, withBucketNames, type OrgFlags } from './shared.js';

interface CreateFlags extends OrgFlags, PasswordFlags {
  username?: string;
  description?: string;
  readBucket?: string[];
  writeBucket?: string[];
  permission?: string[];
}

export function createCommand(): Command {
  return new Command('create')
    .description('create a v1-compatible username/password authorization')
    .option('--username <name>', 'the v1 username (required)')
    .option('-d, --description <text>', 'description')
    .option('--read-bucket <bucket>', 'grant read on a bucket, by ID or name; * for all (repeatable)', collect)
    .option('--write-bucket <bucket>', 'grant write on a bucket, by ID or name; * for all (repeatable)', collect)
    .option('--permission <perm>', 'bucket:B1,B2:read,write (repeatable)', collect)
    .option('-o, --org <name>', ORG_HELP)
    .option('--org-id <id>', 'organization ID')
    .option('--password-stdin', 'read the password from standard input (first line)')
    .option('--no-password', 'create it without a password (set one later with set-password)')
    .action(run(async (ctx, opts: CreateFlags & { password?: boolean }) => {
      const target = await ctx.check('v1-auth create');
      // commander's --no-password sets password=false.
      const flags: CreateFlags = { ...opts, noPassword: opts.password === false };
      if (flags.username === undefined) throw usageError('a legacy authorization needs --username NAME');
      const username = asUsage(() => checkUsername(flags.username!));
      const grants = asUsage(() => parsePermissionFlags({
        permission: [
          ...(flags.permission ?? []),
          ...(flags.readBucket ?? []).map((b) => `bucket:${b}:read`),
          ...(flags.writeBucket ?? []).map((b) => `bucket:${b}:write`),
        ],
      }));
      const wrongType = grants.find((g) => g.type !== 'bucket');
      if (wrongType) throw usageError(`${wrongType.type} permissions do not apply to legacy authorizations; they grant bucket:NAMES:read,write`);
      if (grants.length === 0) throw usageError('a legacy authorization needs at least one bucket permission', 'pass --read-bucket B, --write-bucket B or --permission bucket:B:read');
      const orgWanted = orgChoice(ctx, flags, target.profile?.org);
      if (!orgWanted) throw usageError('which organization? pass --org NAME or --org-id ID (or set INFLUX_ORG)');
      const source = await passwordSource(ctx.io, flags, true);

      const client = await v2Client(ctx, 'v1-auth create');
      const org = await resolveOrg(client, orgWanted);
      const buckets = grants.some((g) => g.name !== '*') ? await client.listBuckets(org.id) : [];
      // Reads first, then writes, as the influx CLI sends them.
      const permissions = [...grants].sort((a, b) => a.action.localeCompare(b.action)).map((g) => {
        const id = asUsage(() => resolveBucket(g.name, buckets, org.label));
        return { action: g.action as 'read' | 'write', resource: { type: 'buckets' as const, orgID: org.id, ...(id === '*' ? {} : { id }) } };
      });
      const taken = await client.findByUsername(username);
      if (taken) throw new CliError(`the username "${username}" is taken (authorization ${taken.id})`, ExitCode.conflict, 'choose another username, or change that one with `influxadm v1-auth update`');

      const password = await resolvePassword(source, ctx.io);
      const created = await client.create({ orgID: org.id, token: username, ...(flags.description !== undefined ? { description: flags.description } : {}), permissions });
      if (password !== undefined) await setPasswordOrRollBack(client, created.id, password);
      else ctx.io.err(`note: "${username}" has no password and cannot log in until you run \`influxadm v1-auth set-password ${created.id}\`\n`);
      ctx.io.err(`created legacy authorization "${username}" (${created.id})\n`);
      const shown = withBucketNames(created, new Map(buckets.map((b) => [b.id, b.name])));
      await printRecord(ctx, shown, AUTH_COLUMNS, shown);
    }));
}

/** The authorization must not outlive a failed password: delete it and say so. */
async function setPasswordOrRollBack(client: V2Client, id: string, password: string): Promise<void> {
  try {
    await client.setPassword(id, password);
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    try {
      await client.delete(id);
    } catch (rollback) {
      throw new CliError(`${error.message}; deleting the new authorization ${id} failed too (${(rollback as Error).message})`, error.exitCode, `delete it by hand: influxadm v1-auth delete ${id} --yes`);
    }
    throw new CliError(`${error.message}; the new authorization ${id} was deleted again`, error.exitCode, error.hint);
  }
}
