// Flags of the official CLIs (influxctl, influxdb3, influx v1 auth) that influxadm spells differently or
// leaves out on purpose. An unknown-option error names what to use instead of commander's nearest
// spelling, which could mean the opposite (influx's --password got "Did you mean --no-password?").

const OFFICIAL_FLAGS: Readonly<Record<string, string>> = {
  '--password': "influx's --password: influxadm takes no password on the command line (ps and the shell history show it); pass it on standard input with --password-stdin, or answer the prompt on a terminal",
  '--filter-status': "influxctl's --filter-status: --show-deleted lists deleted databases and tables too (core, enterprise); the Management API of dedicated and clustered cannot list deleted ones",
  '--offline': "influxdb3's --offline: influxadm creates tokens on the server only; for a token file to start a server with, use `influxdb3 create token --admin --offline --output-file FILE`",
  '--skip-verify': "influx's --skip-verify is --tls-no-verify here",
  '--http-debug': "influx's --http-debug is --debug here (secrets redacted)",
  '--trace': "influxctl's --trace is --debug here",
  '--active-config': "influx's --active-config is --profile here (this run only; the active profile stays)",
  '-c': "influx's -c (--active-config) is --profile here (this run only; the active profile stays)",
  '--configs-path': "influx's configs file: import its profiles with `influxadm profile import --from influx [FILE]`, then choose one with --profile",
  '--config': "influxctl's --config: import its profiles with `influxadm profile import --from influxctl [FILE]`, then choose one with --profile",
  '-t': "influx's -t is --token here (better: INFLUX_TOKEN, --token-file or --token-stdin)",
};

/** commander's unknown-option error, with the official flag's counterpart in place of its suggestion. */
export function withOfficialFlagHint(text: string): string {
  const match = /^error: unknown option '(-[^'=…]*)(?:=…|…)?'\n/.exec(text);
  if (!match || !Object.hasOwn(OFFICIAL_FLAGS, match[1]!)) return text;
  return `${match[0]}${OFFICIAL_FLAGS[match[1]!]}\n`;
}
