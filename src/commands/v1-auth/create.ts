import { Command } from '../../line/command.js';
import { asUsage, usageError } from '../../errors.js';
import { printShown } from '../../format/records.js';
import { parsePermissionFlags, type PermissionFlags } from '../../input/permission.js';
import { collect } from '../options.js';
import { ops } from '../ops.js';
import { passwordSource, type PasswordFlags } from '../password.js';
import { run } from '../run.js';
import { verb } from '../verb.js';
import { ORG_HELP, type OrgFlags } from './shared.js';
import { IF_NOT_EXISTS } from '../if-not-exists.js';

interface CreateFlags extends OrgFlags, PasswordFlags, PermissionFlags {
  username?: string;
  description?: string;
}

export function createCommand(): Command {
  return verb(new Command('create')
    .description('create a v1-compatible username/password authorization')
    .option('--username <name>', 'the v1 username (required)')
    .option('--description <text>', 'description')
    .option('--read-bucket <bucket>', 'grant read on a bucket, by ID or name; * for all (repeatable)', collect)
    .option('--write-bucket <bucket>', 'grant write on a bucket, by ID or name; * for all (repeatable)', collect)
    .option('--permission <perm>', 'bucket:B1,B2:read,write (repeatable)', collect)
    .option('--org <name>', ORG_HELP)
    .option('--org-id <id>', 'organization ID (env INFLUX_ORG_ID)')
    .option('--password-stdin', 'read the password from standard input (first line)')
    .option('--no-password', 'create it without a password (set one later with set-password)')
    .option(...IF_NOT_EXISTS)
    .action(run(async (ctx, opts: CreateFlags & { password?: boolean }) => {
      const auths = await ops(ctx, 'v1-auth create', 'legacyAuths');
      if (opts.username === undefined) throw usageError('a legacy authorization needs --username NAME');
      const permissions = asUsage(() => parsePermissionFlags(opts));
      const create = auths.create({
        username: opts.username,
        permissions,
        ...(opts.description !== undefined ? { description: opts.description } : {}),
        ...(opts.org !== undefined ? { org: opts.org } : {}),
        ...(opts.orgId !== undefined ? { orgId: opts.orgId } : {}),
      });
      // commander's --no-password sets password=false.
      const password = await passwordSource(ctx.io, { ...opts, noPassword: opts.password === false }, auths.checkPassword, { setLater: 'influxadm v1-auth set-password' });
      const shown = await create(password ?? (async () => undefined));
      if (!password) ctx.io.err(`note: "${shown.name}" has no password and cannot log in until you run \`influxadm v1-auth set-password ${shown.id}\`\n`);
      ctx.done(`created legacy authorization "${shown.name}" (${shown.id})`);
      await printShown(ctx, shown);
    })), 'v1-auth create', [
    'printf \'%s\\n\' "$PASSWORD" | influxadm v1-auth create --username grafana --read-bucket telegraf --password-stdin',
    'influxadm v1-auth create --username etl --permission bucket:raw,staging:read,write --org my-org --no-password',
  ]);
}
