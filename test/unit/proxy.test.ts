import fc from 'fast-check';
import { BlockList } from 'node:net';
import { describe, expect, it } from 'vitest';
import { CliError } from '../../src/errors.js';
import { parseProxyUrl, proxyFor } from '../../src/api/proxy.js';

const http = new URL('http://influx.internal:8086/api');
const https = new URL('https://console.influxdata.com');

describe('proxyFor', () => {
  it('connects directly when no proxy is set (or it is empty)', () => {
    expect(proxyFor(https, {})).toBeUndefined();
    expect(proxyFor(https, { HTTPS_PROXY: ' ', HTTP_PROXY: '' })).toBeUndefined();
  });

  it('uses HTTPS_PROXY for https targets, falling back to HTTP_PROXY; HTTP_PROXY only for http targets', () => {
    const env = { HTTPS_PROXY: 'http://secure:3128', HTTP_PROXY: 'http://plain:3128' };
    expect(proxyFor(https, env)).toMatchObject({ hostname: 'secure', variable: 'HTTPS_PROXY' });
    expect(proxyFor(http, env)).toMatchObject({ hostname: 'plain', variable: 'HTTP_PROXY' });
    expect(proxyFor(https, { HTTP_PROXY: 'http://plain:3128' })).toMatchObject({ hostname: 'plain', variable: 'HTTP_PROXY' });
    expect(proxyFor(http, { HTTPS_PROXY: 'http://secure:3128' })).toBeUndefined();
  });

  it('prefers the lower-case variables, as curl does', () => {
    expect(proxyFor(https, { https_proxy: 'http://lower:1', HTTPS_PROXY: 'http://upper:2' })).toMatchObject({ hostname: 'lower', port: 1, variable: 'https_proxy' });
    expect(proxyFor(http, { http_proxy: 'http://lower:1', HTTP_PROXY: 'http://upper:2' })).toMatchObject({ hostname: 'lower' });
  });

  it.each([
    ['influx.internal', true],
    ['.internal', true],
    ['*.internal', true],
    ['INTERNAL', true],
    ['influx.internal:8086', true],
    ['influx.internal:9999', false],
    ['nal', false],
    ['other.example, influx.internal', true],
    ['other.example influx.internal', true],
    ['*', true],
    ['', false],
  ])('NO_PROXY=%j bypasses http://influx.internal:8086: %s', (noProxy, bypass) => {
    expect(proxyFor(http, { HTTP_PROXY: 'http://p:3128', NO_PROXY: noProxy }) === undefined).toBe(bypass);
  });

  it('reads no_proxy before NO_PROXY and matches the default port', () => {
    expect(proxyFor(https, { HTTPS_PROXY: 'http://p:1', no_proxy: 'console.influxdata.com:443', NO_PROXY: 'x' })).toBeUndefined();
  });

  it('takes an empty no_proxy as unset, as it does an empty proxy variable: NO_PROXY still applies', () => {
    expect(proxyFor(http, { HTTP_PROXY: 'http://p:1', no_proxy: '', NO_PROXY: 'influx.internal' })).toBeUndefined();
    expect(proxyFor(http, { HTTP_PROXY: 'http://p:1', no_proxy: ' ', NO_PROXY: 'influx.internal' })).toBeUndefined();
  });

  it('matches an IPv6 host written in brackets', () => {
    expect(proxyFor(new URL('http://[::1]:8181'), { HTTP_PROXY: 'http://p:1', NO_PROXY: '[::1]' })).toBeUndefined();
  });

  it.each([
    ['::1', true],
    ['localhost,127.0.0.1,::1', true],
    ['0:0:0:0:0:0:0:1', true],
    ['[::1]:8181', true],
    ['[::1]:9999', false],
    ['::2', false],
  ])('matches an IPv6 host written without brackets, as curl and the usual NO_PROXY=localhost,127.0.0.1,::1 write it: %j → %s', (noProxy, bypass) => {
    expect(proxyFor(new URL('http://[::1]:8181'), { HTTP_PROXY: 'http://p:1', NO_PROXY: noProxy }) === undefined).toBe(bypass);
  });

  const viaProxy = (target: string, noProxy: string) => proxyFor(new URL(target), { HTTP_PROXY: 'http://p:1', NO_PROXY: noProxy }) !== undefined;
  const k8s = '10.0.0.0/8,172.16.0.0/12,192.168.0.0/16,fd00::/8,.svc,.cluster.local';

  it.each([
    ['http://10.1.2.3:8086', false],
    ['http://172.31.255.255:8086', false],
    ['http://172.32.0.0:8086', true],
    ['http://192.168.0.1:8086', false],
    ['http://192.169.0.1:8086', true],
    ['http://[fd12:3456::1]:8181', false],
    ['http://[fe80::1]:8181', true],
    ['http://influx.monitoring.svc:8086', false],
    ['http://influx.example.com:8086', true],
  ])('NO_PROXY of a Kubernetes CI job (CIDR ranges and domains): %s through the proxy: %s', (target, proxied) => {
    expect(viaProxy(target, k8s)).toBe(proxied);
  });

  it.each([
    ['10.0.0.0/8', false],
    ['10.1.2.3/32', false],
    ['10.1.2.3', false],
    ['10.1.2.4/32', true],
    ['10.1.2.0/24', false],
    ['10.1.3.0/24', true],
    ['10.255.255.255/8', false], // host bits set: the range is still 10.0.0.0/8, as curl and Go read it
    ['0.0.0.0/0', false],
    ['11.0.0.0/8', true],
    [' 192.168.0.0/16 , 10.0.0.0/8 ', false],
    ['10.0.0.0/8:8086', false], // a port after a range: that port only, as after a name
    ['10.0.0.0/8:9999', true],
    // Malformed: matches nothing, and no error (NO_PROXY is environment, not a flag).
    ['10.0.0.0/33', true],
    ['10.1.2.3/33', true],
    ['10.0.0/8', true],
    ['10.0.0.0/', true],
    ['10.0.0.0/8/8', true],
    ['10.0.0.0/-1', true],
    ['10.0.0.0/8x', true],
    ['/8', true],
    ['010.0.0.0/8', true],
    ['10.0.0.0/8.0', true],
    ['fd00::/129', true],
    ['::ffff:10.1.2.3/129', true],
    // A name never matches the address by suffix: `2.3` is not a domain of 10.1.2.3.
    ['2.3', true],
    ['1.2.3', true],
  ])('NO_PROXY=%j for http://10.1.2.3:8086 goes through the proxy: %s', (noProxy, proxied) => {
    expect(viaProxy('http://10.1.2.3:8086', noProxy)).toBe(proxied);
  });

  it.each([
    ['fd00::/8', false],
    ['[fd00::]/8', false],
    ['[fd00::/8]', false],
    ['[fd00::/8]:8181', false],
    ['[fd00::]/8:8181', false],
    ['[fd00::/8]:9999', true],
    ['FD12:3456:0:0:0:0:0:0/32', false],
    ['fd12:3456::/33', false],
    ['fd12:3457::/32', true],
    ['fc00::/7', false],
    ['fe80::/10', true],
    ['::/0', false],
    ['fd12:3456::1/128', false],
    ['fd12:3456::2/128', true],
    ['10.0.0.0/8', true],
    ['fd00::/8x', true],
    ['fd00::%eth0/8', true],
  ])('NO_PROXY=%j for http://[fd12:3456::1]:8181 goes through the proxy: %s', (noProxy, proxied) => {
    expect(viaProxy('http://[fd12:3456::1]:8181', noProxy)).toBe(proxied);
  });

  it.each([
    // An IPv4-mapped IPv6 address is that IPv4 address (a dual-stack socket reaches 10.1.2.3 there),
    // both ways, as node:net's BlockList reads it; so ::/0 and ::ffff:0:0/96 cover every IPv4 address.
    ['http://[::ffff:10.1.2.3]:8086', '10.0.0.0/8', false],
    ['http://[::ffff:a01:203]:8086', '10.1.2.3', false],
    ['http://[::ffff:10.1.2.3]:8086', '11.0.0.0/8', true],
    ['http://10.1.2.3:8086', '::ffff:10.0.0.0/104', false],
    ['http://10.1.2.3:8086', '::ffff:10.1.2.3', false],
    ['http://10.1.2.3:8086', '[::ffff:0:0]/96', false],
    ['http://10.1.2.3:8086', '::/0', false],
    ['http://10.1.2.3:8086', '::ffff:11.0.0.0/104', true],
    // …but 0.0.0.0/0 is IPv4 only, and ::a01:203 (the deprecated IPv4-compatible form) is not 10.1.2.3.
    ['http://[fd00::1]:8086', '0.0.0.0/0', true],
    ['http://[::a01:203]:8086', '10.0.0.0/8', true],
  ])('IPv4-mapped IPv6: %s with NO_PROXY=%j goes through the proxy: %s', (target, noProxy, proxied) => {
    expect(viaProxy(target, noProxy)).toBe(proxied);
  });

  it('a host name matches no range, even one that looks like it (no DNS lookup)', () => {
    expect(viaProxy('http://influx.internal:8086', '0.0.0.0/0,::/0')).toBe(true);
    expect(viaProxy('http://localhost:8086', '127.0.0.0/8,::1/128')).toBe(true);
    expect(viaProxy('http://10.1.2.3.nip.io:8086', '10.0.0.0/8')).toBe(true);
  });

  const ipv4 = (n: bigint) => [24n, 16n, 8n, 0n].map((shift) => (n >> shift) & 255n).join('.');
  const ipv6 = (n: bigint) => Array.from({ length: 8 }, (_, i) => ((n >> BigInt(112 - 16 * i)) & 0xffffn).toString(16)).join(':');
  const ends = (address: bigint, bits: number, width: number) => {
    const size = 1n << BigInt(width - bits);
    const first = (address / size) * size;
    return { first, last: first + size - 1n, max: (1n << BigInt(width)) - 1n };
  };

  it('an IPv4 range holds its first and last addresses and not the ones just outside it (property)', () => {
    fc.assert(fc.property(fc.bigInt({ min: 0n, max: 2n ** 32n - 1n }), fc.integer({ min: 0, max: 32 }), (address, bits) => {
      const { first, last, max } = ends(address, bits, 32);
      const noProxy = `${ipv4(address)}/${bits}`;
      expect(viaProxy(`http://${ipv4(first)}:8086`, noProxy)).toBe(false);
      expect(viaProxy(`http://${ipv4(last)}:8086`, noProxy)).toBe(false);
      expect(viaProxy(`http://[::ffff:${ipv4(last)}]:8086`, noProxy)).toBe(false);
      if (first > 0n) expect(viaProxy(`http://${ipv4(first - 1n)}:8086`, noProxy)).toBe(true);
      if (last < max) expect(viaProxy(`http://${ipv4(last + 1n)}:8086`, noProxy)).toBe(true);
    }));
  });

  it('an IPv6 range, in any spelling, holds its first and last addresses and not the ones just outside it (property)', () => {
    const spelling = fc.constantFrom(
      (text: string) => text,
      (text: string) => new URL(`http://[${text}]/`).hostname.slice(1, -1),
      (text: string) => `[${text}]`,
      (text: string) => text.toUpperCase(),
    );
    fc.assert(fc.property(fc.bigInt({ min: 0n, max: 2n ** 128n - 1n }), fc.integer({ min: 0, max: 128 }), spelling, (address, bits, spell) => {
      const { first, last, max } = ends(address, bits, 128);
      const noProxy = `${spell(ipv6(address))}/${bits}`;
      expect(viaProxy(`http://[${ipv6(first)}]:8181`, noProxy)).toBe(false);
      expect(viaProxy(`http://[${ipv6(last)}]:8181`, noProxy)).toBe(false);
      if (first > 0n) expect(viaProxy(`http://[${ipv6(first - 1n)}]:8181`, noProxy)).toBe(true);
      if (last < max) expect(viaProxy(`http://[${ipv6(last + 1n)}]:8181`, noProxy)).toBe(true);
    }));
  });

  it('reads a range as node:net\'s BlockList does, IPv4 and IPv4-mapped hosts included (property)', () => {
    type Address = { v: 4 | 6; n: bigint };
    const family = (v: 4 | 6, max: bigint, base = 0n) => fc.bigInt({ min: 0n, max }).map((n): Address => ({ v, n: base | n }));
    const address = fc.oneof(family(4, 2n ** 32n - 1n), family(6, 2n ** 128n - 1n), family(6, 2n ** 32n - 1n, 0xffffn << 32n));
    // Mostly a host near the range's edge: the network's address with its last (width - bits + delta)
    // bits from another address; sometimes written in the other family (10.1.2.3 ↔ ::ffff:10.1.2.3).
    const near = fc.option(fc.integer({ min: -2, max: 2 }), { nil: undefined, freq: 4 });
    const text = (a: Address) => (a.v === 4 ? ipv4(a.n) : ipv6(a.n));
    fc.assert(fc.property(address, address, fc.integer({ min: 0, max: 128 }), near, fc.boolean(), (network, other, b, delta, flip) => {
      const width = network.v === 4 ? 32 : 128;
      const bits = b % (width + 1);
      const mask = (1n << BigInt(Math.min(width, Math.max(0, width - bits + (delta ?? 0))))) - 1n;
      let host = delta === undefined ? other : { v: network.v, n: (network.n & ~mask) | (other.n & mask & ((1n << BigInt(width)) - 1n)) };
      if (flip && host.v === 4) host = { v: 6, n: (0xffffn << 32n) | host.n };
      else if (flip && host.n >> 32n === 0xffffn) host = { v: 4, n: host.n & 0xffffffffn };
      const blockList = new BlockList();
      blockList.addSubnet(text(network), bits, `ipv${network.v}`);
      const target = host.v === 4 ? `http://${text(host)}:1` : `http://[${text(host)}]:1`;
      expect(viaProxy(target, `${text(network)}/${bits}`)).toBe(!blockList.check(text(host), `ipv${host.v}`));
    }));
  });

  it('does not look at a malformed variable that does not apply', () => {
    expect(proxyFor(http, { HTTP_PROXY: 'http://p:1', HTTPS_PROXY: 'http://[bad', NO_PROXY: '' })).toMatchObject({ hostname: 'p' });
    expect(proxyFor(http, { HTTP_PROXY: 'http://[bad', NO_PROXY: 'influx.internal' })).toBeUndefined();
  });
});

describe('parseProxyUrl', () => {
  it('decodes credentials into a Basic header and keeps them out of the display', () => {
    const proxy = parseProxyUrl('HTTPS_PROXY', 'http://ops%40corp:p%3Ass@proxy.corp:3128');
    expect(proxy).toMatchObject({ protocol: 'http:', hostname: 'proxy.corp', port: 3128, display: 'proxy.corp:3128' });
    // What is scrubbed from text by value: every spelling of the pair, its Basic form, the password.
    expect(proxy.secrets.sort()).toEqual(['ops%40corp:p%3Ass', 'ops@corp:p:ss', 'p:ss', Buffer.from('ops@corp:p:ss').toString('base64')].sort());
    expect(Buffer.from(proxy.authorization!.replace('Basic ', ''), 'base64').toString()).toBe('ops@corp:p:ss');
  });

  it('reads host:port without a scheme as http://, and defaults the port', () => {
    expect(parseProxyUrl('HTTP_PROXY', 'proxy.corp:3128')).toMatchObject({ protocol: 'http:', hostname: 'proxy.corp', port: 3128 });
    expect(parseProxyUrl('HTTP_PROXY', 'https://proxy.corp')).toMatchObject({ protocol: 'https:', port: 443 });
    expect(parseProxyUrl('HTTP_PROXY', 'https://proxy.corp')).not.toHaveProperty('authorization');
    expect(parseProxyUrl('HTTP_PROXY', 'http://[::1]:3128')).toMatchObject({ hostname: '::1', display: '[::1]:3128' });
  });

  it.each([
    ['http://user:s3cret@[bad', 'it does not parse as a URL'],
    ['socks5://user:s3cret@proxy:1080', 'the scheme socks5:// is not supported'],
    ['http://user:s3cret%zz@proxy:1', 'its user or password is not valid percent-encoding'],
    ['http://user:s3cret@:3128', 'it does not parse as a URL'],
  ])('refuses %j as a usage error naming the variable, not the value', (value, why) => {
    let error: unknown;
    try {
      parseProxyUrl('HTTPS_PROXY', value);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).exitCode).toBe(2);
    expect((error as CliError).message.startsWith(`HTTPS_PROXY is not a usable proxy URL: ${why}`)).toBe(true);
    expect(`${(error as CliError).message} ${(error as CliError).hint}`).not.toContain('s3cret');
  });
});
