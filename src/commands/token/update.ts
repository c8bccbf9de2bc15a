import { Command } from '../../line/command.js';
import { asUsage, usageError } from '../../errors.js';
import { printShown } from '../../format/records.js';
import { hasPermissionFlags, parsePermission, parsePermissionFlags, type PermissionFlags } from '../../input/permission.js';
import type { TokenChanges } from '../../products/types.js';
import { collect } from '../options.js';
import { ops } from '../ops.js';
import { run } from '../run.js';
import { verb } from '../verb.js';
import { PERMISSION_HELP } from './shared.js';

interface UpdateFlags extends PermissionFlags {
  description?: string;
  addPermission?: string[];
  removePermission?: string[];
}

export function updateCommand(): Command {
  return verb(new Command('update')
    .description("change a token's description or permissions (permissions given replace the token's, as the API does)")
    .argument('<id>', 'token ID')
    .option('--description <text>', 'new description')
    .option('--permission <perm>', `the new permission set: ${PERMISSION_HELP}`, collect)
    .option('--read-database <db>', 'shorthand for --permission db:DB:read (repeatable)', collect)
    .option('--write-database <db>', 'shorthand for --permission db:DB:write (repeatable)', collect)
    .option('--add-permission <perm>', 'add to the current permissions (reads the token first)', collect)
    .option('--remove-permission <perm>', 'remove from the current permissions (reads the token first)', collect)
    .action(run(async (ctx, opts: UpdateFlags, id: string) => {
      const tokens = await ops(ctx, 'token update', 'tokens');
      const replace = hasPermissionFlags(opts);
      const add = asUsage(() => (opts.addPermission ?? []).flatMap(parsePermission));
      const remove = asUsage(() => (opts.removePermission ?? []).flatMap(parsePermission));
      const edit = add.length > 0 || remove.length > 0;
      if (replace && edit) throw usageError('either replace the permissions (--permission, --read-database, --write-database) or edit them (--add-permission, --remove-permission), not both');
      if (opts.description !== undefined && opts.description.trim() === '') throw usageError('the description is empty');
      if (!replace && !edit && opts.description === undefined) throw usageError('nothing to update', 'pass --description, --permission (replace) or --add-permission/--remove-permission');
      const changes: TokenChanges = {};
      if (opts.description !== undefined) changes.description = opts.description;
      if (replace) changes.permissions = asUsage(() => parsePermissionFlags(opts));
      if (edit) Object.assign(changes, { add, remove });
      const shown = await tokens.update!(id, changes);
      ctx.done(`updated token ${shown.id}`);
      await printShown(ctx, shown);
    })), 'token update', [
    'influxadm token update 5f3c6a2e-… --add-permission db:archive:read',
    'influxadm token update 5f3c6a2e-… --description "grafana (read only)" --read-database sensors',
  ]);
}
