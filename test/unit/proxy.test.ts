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
