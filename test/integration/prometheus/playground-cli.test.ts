import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import { type AddressInfo, createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../src/kube/kube-object.js';
import { eventually } from '../../support/eventually.js';
import { testKube } from '../../support/kube.js';
import { startTestApi, type TestApi } from '../../support/local-api.js';
import { startWeirServer, type WeirProcess } from '../../support/weir-process.js';
import { instantQuery } from './prometheus-query.js';

async function freePort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** GET through an HTTP proxy; answers status and body. */
function viaProxy(proxyPort: number, url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({
      host: '127.0.0.1',
      port: proxyPort,
      path: url,
      headers: { host: new URL(url).host },
    });
    req.once('response', (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => {
        body += chunk.toString();
      });
      res.once('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.once('error', reject);
    req.end();
  });
}

describe('weir local mesh and weir local prometheus (child processes)', () => {
  let api: TestApi;
  let dir: string;
  let app: Server;
  let mesh: WeirProcess | undefined;
  let prometheus: WeirProcess | undefined;

  beforeAll(async () => {
    api = await startTestApi({ inMemory: true });
    dir = mkdtempSync(join(tmpdir(), 'weir-playground-cli-'));
    app = createServer((_req, res) => res.end('hello from podinfo'));
    await new Promise<void>((resolve) => app.listen(0, '127.84.0.1', resolve));
    const { raw } = testKube(api.kubeconfig);
    await raw.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'test' } });
    await raw.create({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'podinfo', namespace: 'test' },
      spec: { ports: [{ name: 'http', port: 9898, targetPort: 'http' }] },
    } as KubeObject);
    await raw.create({
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: { name: 'podinfo', namespace: 'test' },
      subsets: [
        {
          addresses: [{ ip: '127.84.0.1' }],
          ports: [{ name: 'http', port: (app.address() as AddressInfo).port }],
        },
      ],
    } as KubeObject);
  });
  afterAll(async () => {
    await prometheus?.stop();
    await mesh?.stop();
    app?.closeAllConnections();
    app?.close();
    await api?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serve the mesh and a Prometheus scraping it, and stop cleanly on SIGTERM', async () => {
    const [proxyPort, metricsPort, prometheusPort] = [await freePort(), await freePort(), await freePort()];
    mesh = await startWeirServer(
      [
        'local',
        'mesh',
        '--kubeconfig',
        api.kubeconfig,
        '--port',
        String(proxyPort),
        '--metrics-port',
        String(metricsPort),
      ],
      { readyUrl: `http://127.0.0.1:${metricsPort}/healthz` },
    );
    expect(mesh.logs().find((l) => l.msg === 'serving')).toMatchObject({
      proxy: `http://127.0.0.1:${proxyPort}`,
      metrics: `http://127.0.0.1:${metricsPort}/metrics`,
    });
    await eventually(async () => {
      expect(await viaProxy(proxyPort, 'http://podinfo.test:9898/')).toEqual({
        status: 200,
        body: 'hello from podinfo',
      });
    });

    prometheus = await startWeirServer(
      [
        'local',
        'prometheus',
        '--data-dir',
        join(dir, 'prometheus'),
        '--port',
        String(prometheusPort),
        '--kubeconfig',
        api.kubeconfig,
        '--mesh',
        `127.0.0.1:${metricsPort}`,
      ],
      { readyUrl: `http://127.0.0.1:${prometheusPort}/-/ready`, timeoutMs: 60_000 },
    );
    const url = `http://127.0.0.1:${prometheusPort}`;
    await eventually(async () => {
      const [sample] = await instantQuery(
        url,
        'sum(istio_requests_total{job="weir-mesh",destination_service="podinfo.test.svc.cluster.local"})',
      );
      expect(sample?.value).toBeGreaterThanOrEqual(1);
    }, 30_000);

    expect(await prometheus.stop()).toEqual({ code: 0, signal: null });
    // The Prometheus child went with it: nothing answers on its port any more.
    await expect(fetch(`${url}/-/ready`)).rejects.toThrow();
    expect(await mesh.stop()).toEqual({ code: 0, signal: null });
    await expect(fetch(`http://127.0.0.1:${metricsPort}/healthz`)).rejects.toThrow();
  });
});
