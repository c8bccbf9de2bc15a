import { Command } from 'commander';
import { asUsage, usageError } from '../../errors.js';
import { printRecord } from '../../format/output.js';
import { checkUuid } from '../../input/names.js';
import {
  difference, fromManagementPermissions, hasPermissionFlags, parsePermissionFlags, parsePermission, union, type PermissionFlags,
} from '../../input/permission.js';
import { managementClient } from '../clients.js';
import { collect } from '../options.js';
import { run } from '../run.js';
import { managementPermissions, MANAGEMENT_TOKEN_COLUMNS, PERMISSION_HELP } from './shared.js';

interface UpdateFlags extends PermissionFlags {
  description?: string;
  addPermission?: string[];
  removePermission?: string[];
}

export function updateCommand(): Command {
  return new Command('update')
    .description("change a token's description or permissions (permissions given replace the token's, as the API does)")
    .argument('<id>', 'token ID')
    .option('--description <text>', 'new description')
    .option('--permission <perm>', `the new permission set: ${PERMISSION_HELP}`, collect)
    .option('--read-database <db>', 'shorthand for --permission db:DB:read (repeatable)', collect)
    .option('--write-database <db>', 'shorthand for --permission db:DB:write (repeatable)', collect)
    .option('--add-permission <perm>', 'add to the current permissions (reads the token first)', collect)
    .option('--remove-permission <perm>', 'remove from the current permissions (reads the token first)', collect)
    .action(run(async (ctx, opts: UpdateFlags, id: string) => {
      await ctx.check('token update');
      const checked = asUsage(() => checkUuid(id, 'token ID'));
      const replace = hasPermissionFlags(opts);
      const add = asUsage(() => (opts.addPermission ?? []).flatMap(parsePermission));
      const remove = asUsage(() => (opts.removePermission ?? []).flatMap(parsePermission));
      const edit = add.length > 0 || remove.length > 0;
      if (replace && edit) throw usageError('either replace the permissions (--permission, --read-database, --write-database) or edit them (--add-permission, --remove-permission), not both');
      if (opts.description !== undefined && opts.description.trim() === '') throw usageError('the description is empty');
      if (!replace && !edit && opts.description === undefined) throw usageError('nothing to update', 'pass --description, --permission (replace) or --add-permission/--remove-permission');

      const body: { description?: string; permissions?: Array<{ action: string; resource: string }> } = {};
      if (opts.description !== undefined) body.description = opts.description;
      if (replace) body.permissions = managementPermissions(asUsage(() => parsePermissionFlags(opts)));
      // Validate the edits for this product before reading anything.
      managementPermissions(add);
      managementPermissions(remove);
      const client = await managementClient(await ctx.connect('token update'));
      if (edit) {
        const current = fromManagementPermissions((await client.getToken(checked)).permissions);
        body.permissions = managementPermissions(difference(union(current, add), remove));
      }
      const updated = await client.updateToken(checked, body);
      ctx.io.err(`updated token ${updated.id}\n`);
      await printRecord(ctx, updated, MANAGEMENT_TOKEN_COLUMNS, updated);
    }));
}
