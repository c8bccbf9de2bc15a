import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanEnv, cli, startSandbox, type SandboxHandle } from './harness.js';
import { startConnectProxy, type ConnectProxy } from './hostile.js';

let sandbox: SandboxHandle;
let proxy: ConnectProxy;

beforeAll(async () => {
  [sandbox, proxy] = await Promise.all([startSandbox(), startConnectProxy()]);
});

afterAll(async () => {
  await Promise.all([sandbox.stop(), proxy.close()]);
});

describe('transport options', () => {
  it('sends requests through HTTP_PROXY when it is set', async () => {
    const proxyUrl = proxy.url;
    const r = await cli(['--product', 'clustered', '--host', sandbox.url, 'database', 'list', '--json'], { env: cleanEnv({ HTTP_PROXY: proxyUrl, INFLUXADM_TOKEN: 't' }) });
    expect(r.exitCode).toBe(0);
    expect(proxy.tunnels).toContain(new URL(sandbox.url).host);
  });

  it('reports an unreadable --tls-ca as a usage error before sending', async () => {
    await sandbox.clearRequests();
    const r = await cli(['--product', 'clustered', '--host', sandbox.url, '--token', 't', '--tls-ca', '/nonexistent/ca.pem', 'database', 'list']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/cannot read the CA file \/nonexistent\/ca\.pem: ENOENT/);
    expect(await sandbox.requests()).toEqual([]);
  });
});
