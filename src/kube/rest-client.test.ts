import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { KubeConfig } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KubeConfigTransport } from './rest-client.js';

describe('KubeConfigTransport', () => {
  let connections = 0;
  const seen: IncomingHttpHeaders[] = [];
  const server = createServer((req, res) => {
    seen.push(req.headers);
    res.writeHead(200, { 'content-type': 'application/json' }).end(`{"path":"${req.url}"}`);
  });
  server.on('connection', () => connections++);
  let transport: KubeConfigTransport;
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const kubeConfig = new KubeConfig();
    kubeConfig.loadFromOptions({
      clusters: [
        {
          name: 'local',
          server: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
          skipTLSVerify: true,
        },
      ],
      users: [{ name: 'bench', token: 'secret-token' }],
      contexts: [{ name: 'local', cluster: 'local', user: 'bench' }],
      currentContext: 'local',
    });
    transport = new KubeConfigTransport(kubeConfig);
  });
  afterAll(() => {
    server.closeAllConnections();
    server.close();
  });

  it('sends one request after another over one kept connection, each with the credentials', async () => {
    for (let i = 0; i < 5; i++) {
      const answer = await transport.request<{ path: string }>({
        method: 'GET',
        path: `/api/v1/namespaces/n${i}`,
      });
      expect(answer.path).toBe(`/api/v1/namespaces/n${i}`);
    }
    expect(connections).toBe(1);
    expect(seen.map((headers) => headers.authorization)).toEqual(Array(5).fill('Bearer secret-token'));
  });
});
