import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Container } from '../../../kube/api/core-v1.js';
import { execAction, probeAction, runProbeAction } from './probe-action.js';

const container: Container = { name: 'c', ports: [{ name: 'http', containerPort: 9898 }] };

describe('probeAction', () => {
  it('aims httpGet and tcpSocket probes at the pod IP, resolving named ports', () => {
    expect(probeAction({ httpGet: { path: '/readyz', port: 'http' } }, container, '127.1.0.3')).toEqual({
      kind: 'http',
      url: 'http://127.1.0.3:9898/readyz',
      headers: {},
    });
    expect(probeAction({ tcpSocket: { port: 9898 } }, container, '127.1.0.3')).toEqual({
      kind: 'tcp',
      host: '127.1.0.3',
      port: 9898,
    });
    expect(probeAction({ httpGet: { port: 'grpc' } }, container, '127.1.0.3')).toEqual({
      kind: 'fail',
      message: 'port "grpc" not found',
    });
  });

  it("turns the upstream exec probes that only check HTTP into requests to the pod's address", () => {
    expect(execAction(['podcli', 'check', 'http', 'localhost:9898/readyz'], '127.1.0.4')).toEqual({
      kind: 'http',
      url: 'http://127.1.0.4:9898/readyz',
      headers: {},
    });
    expect(
      execAction(
        ['wget', '--quiet', '--tries=1', '--timeout=4', '--spider', 'http://localhost:8080/healthz'],
        '127.1.0.5',
      ),
    ).toEqual({ kind: 'http', url: 'http://127.1.0.5:8080/healthz', headers: {} });
    expect(execAction(['podcli', 'check', 'tcp', 'localhost:9999'], '127.1.0.6')).toEqual({
      kind: 'tcp',
      host: '127.1.0.6',
      port: 9999,
    });
    expect(execAction(['cat', '/tmp/healthy'], '127.1.0.6')).toEqual({ kind: 'pass' });
    expect(execAction(['grpc_health_probe', '-addr=:9999'], '127.1.0.6')).toEqual({ kind: 'pass' });
  });
});

describe('runProbeAction', () => {
  let server: Server;
  let port: number;
  beforeAll(async () => {
    server = createServer((req, res) => {
      res.statusCode = req.url === '/ok' ? 200 : req.url === '/moved' ? 302 : 503;
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('passes 2xx and 3xx answers and an open port; fails other codes and a closed port', async () => {
    const http = (path: string) => ({
      kind: 'http' as const,
      url: `http://127.0.0.1:${port}${path}`,
      headers: {},
    });
    expect(await runProbeAction(http('/ok'), 1000)).toEqual({ ok: true });
    expect(await runProbeAction(http('/moved'), 1000)).toEqual({ ok: true });
    expect(await runProbeAction(http('/down'), 1000)).toEqual({
      ok: false,
      message: 'HTTP probe failed with statuscode: 503',
    });
    expect(await runProbeAction({ kind: 'tcp', host: '127.0.0.1', port }, 1000)).toEqual({ ok: true });
    const closed = await runProbeAction({ kind: 'tcp', host: '127.0.0.1', port: 1 }, 1000);
    expect(closed.ok).toBe(false);
    expect(closed.message).toMatch(/^dial tcp 127\.0\.0\.1:1: .*ECONNREFUSED/);
  });
});
