import { Command } from 'commander';
import { resolveToken } from '../../config/credentials.js';
import { resolveTarget } from '../../config/resolve.js';
import { readConfig, type ConfigFile } from '../../config/store.js';
import type { Context } from '../../context.js';
import { CliError, ExitCode } from '../../errors.js';
import { printList, type Column } from '../../format/output.js';
import { run } from '../run.js';
import type { Verdict } from '../../products/types.js';

interface StatusRow {
  profile: string;
  active: boolean;
  product: string;
  host: string;
  account?: string;
  cluster?: string;
  tokenSource?: string;
  tokenWhere?: string;
  token?: string;
  server: Verdict | 'no token' | 'invalid profile';
  detail?: string;
}

const COLUMNS: ReadonlyArray<Column<StatusRow>> = [
  { header: 'PROFILE', value: (r) => `${r.active ? '* ' : ''}${r.profile}` },
  { header: 'PRODUCT', value: (r) => r.product },
  { header: 'HOST', value: (r) => r.host },
  { header: 'ACCOUNT/CLUSTER', value: (r) => [r.account, r.cluster].filter(Boolean).join(' / ') },
  { header: 'TOKEN FROM', value: (r) => (r.tokenSource ? `${r.tokenSource}: ${r.tokenWhere}` : '') },
  { header: 'TOKEN', value: (r) => r.token ?? '' },
  { header: 'SERVER', value: (r) => `${r.server}${r.detail ? ` (${r.detail})` : ''}` },
];

async function statusOf(ctx: Context, config: ConfigFile, name: string): Promise<StatusRow> {
  const globals = { ...ctx.globals, profile: name };
  const row: Partial<StatusRow> = { profile: name, active: config.active === name };
  try {
    const target = resolveTarget(globals, ctx.env, config);
    Object.assign(row, { product: target.product, host: target.host, account: target.account, cluster: target.cluster });
    const token = await resolveToken({ product: target.product, profileName: name, profile: target.profile, globals, env: ctx.env }).catch((error: unknown) => {
      if (error instanceof CliError && error.exitCode === ExitCode.auth) return undefined;
      throw error;
    });
    if (!token) return { ...row, server: 'no token' } as StatusRow;
    const { maskToken } = await import('../../config/secrets.js');
    Object.assign(row, { tokenSource: token.source, tokenWhere: token.detail, token: maskToken(token.value) });
    const backend = await ctx.backendFor(target, token);
    const { verdict, detail } = await backend.probe();
    return { ...row, server: verdict, ...(detail ? { detail } : {}) } as StatusRow;
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    return { product: '', host: '', ...row, server: 'invalid profile', detail: error.message } as StatusRow;
  }
}

export function statusCommand(): Command {
  return new Command('status')
    .description('show, per profile, where its token comes from and whether the server accepts it (exit 4 if not)')
    .action(run(async (ctx) => {
      const config = await readConfig();
      const names = ctx.globals.profile !== undefined ? [ctx.globals.profile] : Object.keys(config.profiles).sort();
      if (names.length === 0) {
        throw new CliError('there are no profiles', ExitCode.usage, 'create one with `influxadm profile create NAME --product …`');
      }
      for (const name of names) if (!config.profiles[name]) throw new CliError(`there is no profile named "${name}"`, ExitCode.notFound);
      const rows = await Promise.all(names.map((name) => statusOf(ctx, config, name)));
      await printList(ctx, rows, COLUMNS, (r) => r, 'profiles');
      if (rows.some((r) => r.server === 'rejected' || r.server === 'no token')) process.exitCode = ExitCode.auth;
      else if (rows.some((r) => r.server === 'unreachable' || r.server === 'invalid profile')) process.exitCode = ExitCode.failure;
    }));
}
