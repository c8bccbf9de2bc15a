// Global options: declared once on the root program. commander recognises root options anywhere on
// the line (before or after the subcommand and its arguments), which is what design §3 asks for.

import { Option, type Command } from './line/command.js';
import { PRODUCTS } from './products/registry.js';

export const FORMATS = ['table', 'json', 'jsonl', 'csv'] as const;
export type Format = (typeof FORMATS)[number];

export interface GlobalOptions {
  profile?: string;
  product?: string;
  host?: string;
  account?: string;
  cluster?: string;
  token?: string;
  tokenFile?: string;
  tokenStdin?: boolean;
  format?: string;
  json?: boolean;
  wide?: boolean;
  timeout?: string;
  tlsCa?: string;
  tlsNoVerify?: boolean;
  debug?: boolean;
  color?: boolean;
  yes?: boolean;
  force?: boolean;
  credentialStore?: string;
  region?: string;
  quiet?: boolean;
}

export function addGlobalOptions(program: Command): void {
  program
    .option('--profile <name>', 'profile to use (env INFLUXADM_PROFILE)')
    .addOption(new Option('--product <product>', `product: ${PRODUCTS.join('|')} (env INFLUXADM_PRODUCT)`))
    .option('-H, --host <url>', "server root URL; API paths are appended, a path prefix is kept (env INFLUXADM_HOST)")
    .option('--account <id>', 'Cloud Dedicated account ID (env INFLUXADM_ACCOUNT_ID)')
    .option('--cluster <id>', 'Cloud Dedicated cluster ID (env INFLUXADM_CLUSTER_ID)')
    .option('--region <region>', 'Selectel Managed Databases region, e.g. ru-1 (env INFLUXADM_REGION)')
    .option('--token <token>', 'management or admin token (prefer --token-file, --token-stdin or INFLUXADM_TOKEN)')
    .option('--token-file <path>', 'read the token from a file')
    .option('--token-stdin', 'read the token from standard input')
    .option('--format <format>', `output format: ${FORMATS.join('|')} (default: table)`)
    .option('--json', 'same as --format json')
    .option('--wide', 'tables: every column, nothing cut to the terminal width')
    .option('--timeout <duration>', 'per-request timeout, e.g. 10s, 2m (default: 30s)')
    .option('--credential-store <mode>', 'where auth login stores tokens: auto, keyring or file (env INFLUXADM_CREDENTIAL_STORE)')
    .option('--tls-ca <path>', 'PEM file of CA certificates to trust')
    .option('--tls-no-verify', 'do not verify the server certificate (insecure)')
    .option('--debug', 'log each request and response to stderr, secrets redacted')
    .option('-q, --quiet', 'print only what a script needs: no progress or result lines on stderr (errors and warnings stay); token create prints only the token, profile list only the names')
    .option('--no-color', 'never use colour (also NO_COLOR, TERM=dumb)')
    .option('-y, --yes', 'answer yes to the question a destructive action asks')
    .option('--force', 'replace an existing file (--output-file, --secrets-out, -o) or profile');
}
