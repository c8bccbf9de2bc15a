import { Command } from '../../line/command.js';
import { addHelpSection } from '../../format/help.js';
import { flagProvider, sendable } from '../../config/credentials.js';
import { readConfig, updateConfig, type ConfigFile, type ProfileRecord } from '../../config/store.js';
import type { Context } from '../../context.js';
import { usageError } from '../../errors.js';
import { askYesNo } from '../../input/confirm.js';
import { promptSecret } from '../../io.js';
import { PRODUCTS, productInfo } from '../../products/registry.js';
import { readPipedPassword } from '../password.js';
import { run } from '../run.js';
import { refuseOtherHost, selectedProfile } from './shared.js';

interface LoginFlags {
  user?: string;
  project?: string;
  identityUrl?: string;
  passwordStdin?: boolean;
  storePassword?: boolean;
}

export function loginCommand(): Command {
  return addHelpSection(new Command('login')
    .description("store the token of a profile (keychain by default; see --credential-store), or get one for a service user")
    .option('--user <name>', 'a service user: get a project token from the identity service with its password')
    .option('--project <id>', 'with --user: the project the token is for')
    .option('--identity-url <url>', 'with --user: the identity service (default: the product\'s)')
    .option('--password-stdin', 'with --user: read the password from standard input (first line)')
    .option('--store-password', 'with --user: keep the password in the keychain, so an expired token is renewed')
    .option('--no-store-password', 'with --user: do not keep the password (asked on a terminal otherwise)'), `
Examples:
  influxadm auth login --profile prod --token-stdin < mgmt.token
  printf '%s\\n' "$SERVICE_PASSWORD" | influxadm auth login --profile pg --user svc-ci --account 123456 --project "$PROJECT" --password-stdin --store-password`)
    .action(run(async (ctx, opts: LoginFlags) => {
      const config = await readConfig();
      const { name, record } = selectedProfile(ctx, config);
      if (ctx.globals.host !== undefined) refuseOtherHost(name, record, ctx.globals.host);
      const serviceUser = opts.user !== undefined || (record.serviceUser !== undefined && ctx.globals.token === undefined && ctx.globals.tokenFile === undefined && !ctx.globals.tokenStdin);
      if (serviceUser) return loginAsServiceUser(ctx, config, name, record, opts);
      if (opts.project !== undefined || opts.identityUrl !== undefined || opts.passwordStdin || opts.storePassword !== undefined) {
        throw usageError('--project, --identity-url, --password-stdin and --store-password go with --user (a service user)');
      }
      const { storeModeFor, storesForNewSecrets, storeSecret, recordKeychainScope } = await import('../../config/secrets.js');
      const mode = storeModeFor(ctx.globals.credentialStore, ctx.env, record);
      const given = await flagProvider.find({ product: record.product, profileName: name, globals: ctx.globals, env: ctx.env });
      let token = given?.value;
      if (token === undefined) {
        if (!ctx.io.canPrompt) throw usageError('no token given and no terminal to ask on', 'pipe it in with --token-stdin, or pass --token-file PATH');
        token = sendable((await promptSecret(`Token for profile "${name}": `)).trim(), 'the prompt');
      }
      const { stores, scope, previous } = await storesForNewSecrets(ctx.env, name, record, true);
      const where = await storeSecret(mode, name, token, stores, (line) => ctx.io.err(`${line}\n`), previous('secretIn'));
      await updateConfig((config) => {
        const current = config.profiles[name];
        if (!current) return;
        current.secretIn = where;
        recordKeychainScope(current, scope);
        // A token given by hand has no known expiry.
        delete current.tokenExpiresAt;
      });
      ctx.done(`stored the token of profile "${name}" in ${stores[where].where(name)}`);
    }));
}

/**
 * A service user's password buys a project token from the product's identity service. The token (and its
 * expiry) is stored like any other; the password only if the user agrees, so that an expired token can be
 * renewed without asking. Everything is checked before the password is read.
 */
async function loginAsServiceUser(ctx: Context, config: ConfigFile, name: string, record: ProfileRecord, opts: LoginFlags): Promise<void> {
  const info = productInfo(record.product);
  if (!info.identityUrl) {
    throw usageError(`${record.product} has no service-user login; store its token with --token-stdin or --token-file`, `service users log in to ${PRODUCTS.filter((p) => productInfo(p).identityUrl).join(', ')}`);
  }
  const user = opts.user ?? record.serviceUser!;
  // Flag, environment, profile, as for every target field.
  const accountId = ctx.globals.account ?? (ctx.env.INFLUXADM_ACCOUNT_ID || undefined) ?? record.account;
  const projectId = opts.project ?? record.project;
  if (accountId === undefined) throw usageError('which account? pass --account ID (the account of the service user)');
  if (projectId === undefined) throw usageError('which project? pass --project ID');
  const identityUrl = opts.identityUrl ?? record.identityUrl ?? info.identityUrl;
  const { checkIdentityUrl } = await import('../../config/resolve.js');
  checkIdentityUrl(identityUrl);

  let password: string;
  if (opts.passwordStdin) {
    password = await readPipedPassword();
  } else if (ctx.io.canPrompt) {
    password = await promptSecret(`Password of service user "${user}": `);
    if (password === '') throw usageError('the password is empty; nothing was stored');
  } else {
    throw usageError('there is no terminal to ask for the password', 'pass it on standard input with --password-stdin');
  }
  const keep = opts.storePassword ?? (ctx.io.canPrompt ? await askYesNo('Keep the password in the keychain, so that an expired token is renewed without asking?') : false);

  // The token is the profile's, so its product logs in: a --product or INFLUXADM_PRODUCT naming another one
  // (which has no service users) is not this login's.
  const { resolveTarget } = await import('../../config/resolve.js');
  const target = resolveTarget({ ...ctx.globals, profile: name, product: record.product }, ctx.env, config);
  const backend = await ctx.backendFor(target, undefined);
  const { token, expiresAt } = await backend.login!({ accountId, userName: user, password, projectId, identityUrl });

  const { storeModeFor, storesForNewSecrets, storeSecret, passwordAccount, recordKeychainScope } = await import('../../config/secrets.js');
  const mode = storeModeFor(ctx.globals.credentialStore, ctx.env, record);
  const { stores, scope, previous } = await storesForNewSecrets(ctx.env, name, record, false);
  const warn = (line: string) => ctx.io.err(`${line}\n`);
  const where = await storeSecret(mode, name, token, stores, warn, previous('secretIn'));
  let passwordIn: 'keychain' | 'file' | undefined;
  if (keep) passwordIn = await storeSecret(mode, passwordAccount(name), password, stores, warn, previous('passwordIn'), 'password');
  else if (previous('passwordIn')) await stores[previous('passwordIn')!].delete(passwordAccount(name)).catch(() => false);
  await updateConfig((config) => {
    const current = config.profiles[name];
    if (!current) return;
    Object.assign(current, { secretIn: where, account: accountId, project: projectId, serviceUser: user, tokenExpiresAt: expiresAt });
    if (opts.identityUrl !== undefined) current.identityUrl = opts.identityUrl;
    if (passwordIn) current.passwordIn = passwordIn;
    else delete current.passwordIn;
    recordKeychainScope(current, scope);
  });
  ctx.done(`stored a token for service user "${user}" (valid until ${expiresAt}) in ${stores[where].where(name)}${passwordIn ? '; the password is kept to renew it' : '; log in again when it expires'}`);
}
