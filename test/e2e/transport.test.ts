import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanEnv, cli, startSandbox, type SandboxHandle } from './harness.js';

let sandbox: SandboxHandle;
let proxy: Server;
const tunnels: string[] = [];

beforeAll(async () => {
  sandbox = await startSandbox();
  // A minimal CONNECT proxy, enough to see that requests go through HTTP(S)_PROXY.
  proxy = createServer((_req, res) => res.writeHead(405).end());
  proxy.on('connect', (req, client, head) => {
    tunnels.push(req.url ?? '');
    const [host, port] = (req.url ?? '').split(':');
    const upstream = connect(Number(port), host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
});

afterAll(async () => {
  await sandbox.stop();
  proxy.closeAllConnections();
  await new Promise((resolve) => proxy.close(resolve));
});

describe('transport options', () => {
  it('sends requests through HTTP_PROXY when it is set', async () => {
    const proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
    const r = await cli(['--product', 'clustered', '--host', sandbox.url, 'database', 'list', '--json'], { env: cleanEnv({ HTTP_PROXY: proxyUrl, INFLUXADM_TOKEN: 't' }) });
    expect(r.exitCode).toBe(0);
    expect(tunnels).toContain(new URL(sandbox.url).host);
  });

  it('reports an unreadable --tls-ca as a usage error before sending', async () => {
    await sandbox.clearRequests();
    const r = await cli(['--product', 'clustered', '--host', sandbox.url, '--token', 't', '--tls-ca', '/nonexistent/ca.pem', 'database', 'list']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/cannot read the CA file \/nonexistent\/ca\.pem: ENOENT/);
    expect(await sandbox.requests()).toEqual([]);
  });
});
