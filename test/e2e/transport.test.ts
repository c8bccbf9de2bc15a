import { createServer, type AddressInfo, type Socket } from 'node:net';
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

  it('goes direct to an address NO_PROXY names as a CIDR range, and through the proxy without it', async () => {
    const host = new URL(sandbox.url).host;
    expect(host).toMatch(/^127\./);
    const run = (extra: Record<string, string>) => cli(['--product', 'clustered', '--host', sandbox.url, 'database', 'list', '--json'], { env: cleanEnv({ HTTP_PROXY: proxy.url, INFLUXADM_TOKEN: 't', ...extra }) });
    const tunnels = proxy.tunnels.length;
    await sandbox.clearRequests();
    const direct = await run({ NO_PROXY: '10.0.0.0/8,127.0.0.0/8,fd00::/8' });
    expect(direct.exitCode, direct.stderr).toBe(0);
    expect(proxy.tunnels).toHaveLength(tunnels);
    expect(await sandbox.requests()).not.toEqual([]);
    const proxied = await run({ NO_PROXY: '10.0.0.0/8,fd00::/8' });
    expect(proxied.exitCode, proxied.stderr).toBe(0);
    expect(proxy.tunnels.slice(tunnels)).toEqual([host]);
  });

  it('reports an unreadable --tls-ca as a usage error before sending', async () => {
    await sandbox.clearRequests();
    const r = await cli(['--product', 'clustered', '--host', sandbox.url, '--token', 't', '--tls-ca', '/nonexistent/ca.pem', 'database', 'list']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toMatch(/cannot read the CA file \/nonexistent\/ca\.pem: ENOENT/);
    expect(await sandbox.requests()).toEqual([]);
  });

  it('gives up on a proxy that trickles its answer, and the process ends with the command', async () => {
    // A byte every 50 ms: an idle timeout never fires. Before, the error came after --timeout but the
    // tunnel request lived on and kept the process running as long as the proxy kept trickling.
    const sockets: Socket[] = [];
    const trickler = createServer((socket) => {
      sockets.push(socket);
      socket.on('error', () => undefined);
      socket.once('data', () => {
        const text = `HTTP/1.1 200 Connection established\r\nX-Padding: ${'x'.repeat(100_000)}`;
        let i = 0;
        const timer = setInterval(() => (socket.destroyed ? clearInterval(timer) : socket.write(text[i++]!)), 50);
      });
    });
    await new Promise<void>((resolve) => trickler.listen(0, '127.0.0.1', resolve));
    try {
      const started = Date.now();
      const proxyUrl = `http://127.0.0.1:${(trickler.address() as AddressInfo).port}`;
      const r = await cli(['--product', 'clustered', '--host', 'http://influx.invalid:8086', '--timeout', '500ms', 'database', 'list'], { env: cleanEnv({ HTTP_PROXY: proxyUrl, INFLUXADM_TOKEN: 't' }), timeoutMs: 12_000 });
      expect(r.exitCode, r.stderr).toBe(1);
      expect(r.stderr).toMatch(/^error: listing databases failed: the proxy at 127\.0\.0\.1:\d+ did not open a tunnel within 500ms$/m);
      expect(Date.now() - started).toBeLessThan(8_000);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => trickler.close(resolve));
    }
  }, 20_000);
});
