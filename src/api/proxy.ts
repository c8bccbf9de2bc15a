// Which proxy a request goes through, from the environment, with the semantics of curl and undici's
// EnvHttpProxyAgent: lower-case variables win over upper-case ones; https:// targets use HTTPS_PROXY
// and fall back to HTTP_PROXY; NO_PROXY lists host names (a leading `.` or `*.` is optional and
// subdomains match), optionally with a port, separated by commas or spaces, and `*` turns proxying
// off; an IPv6 address matches bracketed or not, in any spelling of it. A proxy URL may carry
// user:password@ (percent-encoded), sent as Proxy-Authorization: Basic.

import { CliError, ExitCode } from '../errors.js';

export interface Proxy {
  /** http: or https: — how to reach the proxy itself. */
  protocol: 'http:' | 'https:';
  hostname: string;
  port: number;
  /** host:port, for messages: never the credentials. */
  display: string;
  /** The variable it came from, for messages. */
  variable: string;
  /** `Basic …` when the URL carried credentials. */
  authorization?: string;
  /**
   * The credentials as text may spell them outside a URL (`user:password`, as written and decoded, its
   * Basic form, the password alone), to scrub from anything shown; in a URL the userinfo goes as a whole
   * (redact.ts), whatever its length. Empty without credentials.
   */
  secrets: string[];
}

const DEFAULT_PORTS: Record<string, number> = { 'http:': 80, 'https:': 443 };

/** The proxy for `target`, or undefined to connect directly. Throws a usage error for a bad proxy URL. */
export function proxyFor(target: URL, env: NodeJS.ProcessEnv): Proxy | undefined {
  const variable = target.protocol === 'https:'
    ? firstSet(env, ['https_proxy', 'HTTPS_PROXY', 'http_proxy', 'HTTP_PROXY'])
    : firstSet(env, ['http_proxy', 'HTTP_PROXY']);
  if (!variable) return undefined;
  // Brackets stay around an IPv6 address, as NO_PROXY entries write it.
  const host = target.host.replace(/:\d*$/, '').toLowerCase();
  const port = Number(target.port) || DEFAULT_PORTS[target.protocol] || 0;
  // An empty no_proxy is unset, as an empty proxy variable is: NO_PROXY still applies.
  const noProxy = firstSet(env, ['no_proxy', 'NO_PROXY']);
  if (noProxy && bypassed(host, port, env[noProxy]!)) return undefined;
  return parseProxyUrl(variable, env[variable]!);
}

function firstSet(env: NodeJS.ProcessEnv, names: string[]): string | undefined {
  return names.find((name) => env[name] !== undefined && env[name]!.trim() !== '');
}

function bypassed(host: string, port: number, noProxy: string): boolean {
  if (noProxy.trim() === '*') return true;
  for (const entry of noProxy.split(/[,\s]/)) {
    if (!entry) continue;
    // More than one colon and no brackets: an IPv6 address alone (`::1`, as the usual
    // NO_PROXY=localhost,127.0.0.1,::1 writes it), whose last group is not a port.
    const bareIpv6 = !entry.startsWith('[') && entry.indexOf(':') !== entry.lastIndexOf(':');
    const withPort = bareIpv6 ? null : /^(.+):(\d+)$/.exec(entry);
    let name = (withPort ? withPort[1]! : entry).replace(/^\*?\./, '').toLowerCase();
    if (withPort && Number(withPort[2]) !== port) continue;
    if (name.includes(':')) name = ipv6Host(name);
    if (host === name || host.endsWith(`.${name}`)) return true;
  }
  return false;
}

/** An IPv6 address, bracketed or not, as a URL writes it (`[::1]` for `0:0:0:0:0:0:0:1`); as given if it is none. */
function ipv6Host(address: string): string {
  try {
    return new URL(`http://[${address.replace(/^\[(.*)\]$/, '$1')}]/`).hostname;
  } catch {
    return address;
  }
}

export function parseProxyUrl(variable: string, value: string): Proxy {
  const bad = (why: string) =>
    new CliError(`${variable} is not a usable proxy URL: ${why}`, ExitCode.usage, `set ${variable} to http://[user:password@]host:port, or unset it`);
  const text = value.trim();
  // "proxy.corp:3128" without a scheme is common, and curl reads it as http://.
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `http://${text}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    // The value may hold credentials: say what is wrong, never what it is.
    throw bad('it does not parse as a URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw bad(`the scheme ${url.protocol}// is not supported (http:// and https:// are)`);
  if (!url.hostname) throw bad('it has no host');
  let user: string;
  let password: string;
  try {
    user = decodeURIComponent(url.username);
    password = decodeURIComponent(url.password);
  } catch {
    throw bad('its user or password is not valid percent-encoding');
  }
  const port = Number(url.port) || DEFAULT_PORTS[url.protocol]!;
  const basic = Buffer.from(`${user}:${password}`).toString('base64');
  const hostname = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  return {
    protocol: url.protocol,
    hostname,
    port,
    display: `${url.hostname}:${port}`,
    variable,
    ...(user || password ? { authorization: `Basic ${basic}` } : {}),
    secrets: user || password ? [...new Set([password, `${user}:${password}`, `${url.username}:${url.password}`, basic])].filter((s) => s !== '') : [],
  };
}
