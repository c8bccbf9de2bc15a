// Which proxy a request goes through, from the environment, with the semantics of curl and undici's
// EnvHttpProxyAgent: lower-case variables win over upper-case ones; https:// targets use HTTPS_PROXY
// and fall back to HTTP_PROXY; NO_PROXY lists host names (a leading `.` or `*.` is optional and
// subdomains match), optionally with a port, separated by commas or spaces, and `*` turns proxying
// off. A host that is an IP address is compared as an address, never by name: with an entry that is
// an address (IPv6 bracketed or not, in any spelling) or a CIDR range (`10.0.0.0/8`, `fd00::/8`, as
// curl ≥ 7.86 and Go read them; no DNS lookup, so a host name never matches a range). An IPv4 address
// is its IPv4-mapped IPv6 one (`::ffff:10.1.2.3`), as for node:net's BlockList. An entry that does not
// parse (`10.0.0.0/33`, `10.0.0/8`) matches nothing. A proxy URL may carry user:password@
// (percent-encoded), sent as Proxy-Authorization: Basic.

import { isIP } from 'node:net';
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
  const address = ipValue(host.replace(/^\[(.*)\]$/, '$1'));
  for (const entry of noProxy.split(/[,\s]/)) {
    if (!entry) continue;
    // More than one colon and no brackets: an IPv6 address or range alone (`::1`, as the usual
    // NO_PROXY=localhost,127.0.0.1,::1 writes it; `fd00::/8`), whose last group is not a port.
    const bareIpv6 = !entry.startsWith('[') && entry.indexOf(':') !== entry.lastIndexOf(':');
    const withPort = bareIpv6 ? null : /^(.+):(\d+)$/.exec(entry);
    if (withPort && Number(withPort[2]) !== port) continue;
    const name = (withPort ? withPort[1]! : entry).replace(/^\*?\./, '').toLowerCase();
    if (address === undefined ? host === name || host.endsWith(`.${name}`) : inRange(address, name)) return true;
  }
  return false;
}

/**
 * Whether `address` (from ipValue) is in the range an entry writes: `a.b.c.d[/0-32]` or an IPv6
 * address with an optional `/0-128`, which brackets may enclose (`[fd00::]/8`, `[fd00::/8]`). An
 * address alone is a range of one. False for anything else.
 */
function inRange(address: bigint, entry: string): boolean {
  const [text, prefix, extra] = entry.replace(/^\[([^\]]*)\](\/\d+)?$/, '$1$2').split('/');
  const network = ipValue(text!);
  if (network === undefined || extra !== undefined || (prefix !== undefined && !/^\d{1,3}$/.test(prefix))) return false;
  // An IPv4 range sits in the last 32 bits of ::ffff:0:0/96.
  const width = isIP(text!) === 4 ? 32 : 128;
  const bits = prefix === undefined ? width : Number(prefix);
  if (bits > width) return false;
  const shift = BigInt(width - bits);
  return address >> shift === network >> shift;
}

/**
 * An IP address as a 128-bit number, an IPv4 one as its IPv4-mapped IPv6 address (::ffff:a.b.c.d);
 * undefined if it is none (a host name, `10.0.0`, a zone index).
 */
function ipValue(text: string): bigint | undefined {
  const family = isIP(text);
  if (family === 4) return text.split('.').reduce((n, byte) => (n << 8n) | BigInt(byte), 0xffffn);
  if (family !== 6 || text.includes('%')) return undefined;
  // A trailing dotted IPv4 part (::ffff:1.2.3.4) is the last two groups.
  const hex = text.replace(/(\d+)\.(\d+)\.(\d+)\.(\d+)$/, (_, a, b, c, d) => `${((+a << 8) | +b).toString(16)}:${((+c << 8) | +d).toString(16)}`);
  const [head, tail] = hex.split('::').map((part) => (part ? part.split(':') : []));
  const groups = tail ? [...head!, ...Array<string>(8 - head!.length - tail.length).fill('0'), ...tail] : head!;
  return groups.reduce((n, group) => (n << 16n) | BigInt(parseInt(group, 16)), 0n);
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
