import { Command } from '../../line/command.js';
import { lazyStores, resolveToken, storedProvider } from '../../config/credentials.js';
import { resolveTarget } from '../../config/resolve.js';
import { readConfig, type ConfigFile } from '../../config/store.js';
import type { Context } from '../../context.js';
import { CliError, ExitCode } from '../../errors.js';
import { isProduct, productInfo, type Product } from '../../products/registry.js';
import { flagColumn, printList, type Column } from '../../format/output.js';
import { run } from '../run.js';
import type { ServiceUser, Verdict } from '../../products/types.js';

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
  // Its own column, as in `profile list`: glued to the name (`* prod`), CSV gave scripts a name no profile has.
  flagColumn('ACTIVE', (r) => r.active, '*'),
  { header: 'PROFILE', value: (r) => r.profile },
  { header: 'PRODUCT', value: (r) => r.product },
  { header: 'HOST', value: (r) => r.host },
  { header: 'ACCOUNT/CLUSTER', value: (r) => [r.account, r.cluster].filter(Boolean).join(' / ') },
  { header: 'TOKEN FROM', value: (r) => (r.tokenSource ? `${r.tokenSource}: ${r.tokenWhere}` : '') },
  { header: 'TOKEN', value: (r) => r.token ?? '' },
  { header: 'SERVER', value: (r) => `${r.server}${r.detail ? ` (${r.detail})` : ''}` },
];

async function statusOf(ctx: Context, config: ConfigFile, name: string): Promise<StatusRow> {
  const row: Partial<StatusRow> = { profile: name, active: config.active === name };
  // Named alone (--profile), a profile is checked as a command would use it: flags and environment
  // included. Across all profiles, each is checked against its own host with its own stored token: an
  // environment token is never sent to every host.
  const alone = ctx.globals.profile !== undefined;
  const globals = alone ? ctx.globals : { profile: name, timeout: ctx.globals.timeout, debug: ctx.globals.debug, color: ctx.globals.color };
  const env = alone ? ctx.env : {};
  try {
    const target = resolveTarget(globals, env, config);
    Object.assign(row, { product: target.product, host: target.host, account: target.account, cluster: target.cluster });
    const request = { product: target.product, profileName: name, profile: target.profile, globals, env, host: target.host, profileHost: target.profileHost };
    let token = await resolveToken(request, alone ? undefined : [storedProvider(lazyStores)]).catch((error: unknown) => {
      if (error instanceof CliError && error.exitCode === ExitCode.auth) return undefined;
      throw error;
    });
    if (!token) return { ...row, server: 'no token' } as StatusRow;
    const { maskToken } = await import('../../config/secrets.js');
    Object.assign(row, { tokenSource: token.source, tokenWhere: token.detail, token: maskToken(token.value) });
    // A stored token that has expired is treated as a command treats it: renewed with the kept password,
    // or refused without being sent. Sent as it is, it would be rejected, though every command works.
    if ((token.source === 'keychain' || token.source === 'credential-file') && target.profile?.tokenExpiresAt) {
      const { freshStoredToken, renewingTarget } = await import('../../config/renew.js');
      const login = async (user: ServiceUser) => (await ctx.backendFor(renewingTarget(target), undefined)).login!(user);
      try {
        token = await freshStoredToken({ profileName: name, profile: target.profile, token, env: ctx.env, login, debug: ctx.debug });
      } catch (error) {
        if (error instanceof CliError && error.exitCode === ExitCode.auth) return { ...row, server: 'rejected', detail: error.message } as StatusRow;
        throw error;
      }
      row.token = maskToken(token.value);
    }
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
      // --profile names the target here as on every other command, where an unknown one is a usage error.
      for (const name of names) {
        if (!config.profiles[name]) throw new CliError(`there is no profile named "${name}" (from --profile)`, ExitCode.usage, 'see `influxadm profile list`, or create it with `influxadm profile create`');
      }
      const rows = await Promise.all(names.map((name) => statusOf(ctx, config, name)));
      if (ctx.globals.profile === undefined) {
        // What a command would send instead of a stored token: a flag, INFLUXADM_TOKEN, or the official
        // variable of a listed profile's product (INFLUXDB3_AUTH_TOKEN, INFLUX_TOKEN).
        const flag = ctx.globals.token !== undefined || ctx.globals.tokenFile !== undefined || ctx.globals.tokenStdin === true;
        const official = names.map((name) => config.profiles[name]?.product).filter((p): p is Product => typeof p === 'string' && isProduct(p)).map((p) => productInfo(p).env?.token);
        const variables = [...new Set(['INFLUXADM_TOKEN', ...official])].filter((name): name is string => name !== undefined && Boolean(ctx.env[name]));
        const sources = [...(flag ? ['a flag'] : []), ...variables];
        if (sources.length > 0) ctx.io.err(`note: a token from ${sources.join(' or ')} goes before stored ones in commands; auth status checks each profile's own (name one with --profile to check what a command would send)\n`);
      }
      await printList(ctx, rows, COLUMNS, (r) => r, 'profiles');
      if (rows.some((r) => r.server === 'rejected' || r.server === 'no token')) process.exitCode = ExitCode.auth;
      else if (rows.some((r) => r.server === 'unreachable' || r.server === 'invalid profile')) process.exitCode = ExitCode.failure;
    }));
}
