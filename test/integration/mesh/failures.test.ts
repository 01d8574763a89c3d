import { createServer, type Server } from 'node:http';
import { type AddressInfo, connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../src/kube/kube-object.js';
import { eventually } from '../../support/eventually.js';
import type { Sample } from '../../support/prometheus-text.js';
import { metricsWhere } from './canary-world.js';
import { countByWorkload, type MeshEnv, startMeshEnv } from './mesh-env.js';

function series(samples: readonly Sample[], namespace: string, labels: Record<string, string>): number {
  return samples
    .filter(
      (s) =>
        s.name === 'istio_requests_total' &&
        s.labels.destination_service_namespace === namespace &&
        Object.entries(labels).every(([k, v]) => s.labels[k] === v),
    )
    .reduce((sum, s) => sum + s.value, 0);
}

describe('mesh: failures', () => {
  let env: MeshEnv;
  beforeAll(async () => {
    env = await startMeshEnv('127.81');
  });
  afterAll(async () => {
    await env?.stop();
  });

  it("answers 503 'no healthy upstream' when the Service has no ready endpoint, and counts it", async () => {
    const ns = await env.namespace('empty');
    const app = await env.apps.deploy(ns, 'starting');
    await env.service(ns, 'starting', { port: 80, notReady: [app] });
    await env.service(ns, 'nothing', { port: 80 });
    await eventually(async () =>
      expect((await env.send(`http://starting.${ns}/`)).body).toBe('no healthy upstream'),
    );
    const reply = await env.send(`http://nothing.${ns}/`);
    expect(reply).toMatchObject({ status: 503, body: 'no healthy upstream' });
    await metricsWhere(env, (samples) => {
      expect(
        series(samples, ns, {
          destination_service_name: 'nothing',
          destination_workload: 'unknown',
          response_code: '503',
          response_flags: 'UH',
        }),
      ).toBe(1);
    });
    expect(app.pods[0]!.received).toEqual([]);
  });

  it("answers Envoy's 503 'upstream connect error' (UF) for a pod that refuses connections, counted for its workload", async () => {
    const ns = await env.namespace('refused');
    const app = await env.apps.deploy(ns, 'crashed');
    await env.apps.kill(app.pods[0]!);
    await env.service(ns, 'crashed', { port: 80, ready: [app] });
    await env.create({
      apiVersion: 'networking.istio.io/v1beta1',
      kind: 'VirtualService',
      metadata: { name: 'crashed', namespace: ns },
      spec: {
        hosts: ['crashed'],
        http: [{ retries: { attempts: 0 }, route: [{ destination: { host: 'crashed' } }] }],
      },
    } as KubeObject);
    const reply = await eventually(async () => {
      const r = await env.send(`http://crashed.${ns}/`);
      expect(r.status).toBe(503);
      expect(r.body).not.toBe('no healthy upstream');
      return r;
    });
    expect(reply.body).toBe(
      'upstream connect error or disconnect/reset before headers. reset reason: connection failure, transport failure reason: delayed connect error: 111',
    );
    await metricsWhere(env, (samples) =>
      expect(
        series(samples, ns, { destination_workload: 'crashed', response_code: '503', response_flags: 'UF' }),
      ).toBeGreaterThan(0),
    );
  });

  it("retries a refused connection on another pod (Istio's default retry policy), so clients see no failure", async () => {
    const ns = await env.namespace('retry');
    const app = await env.apps.deploy(ns, 'half', { replicas: 2 });
    await env.apps.kill(app.pods[0]!);
    await env.service(ns, 'half', { port: 80, ready: [app] });
    await eventually(async () => expect((await env.send(`http://half.${ns}/`)).status).toBe(200));
    const replies = await env.sendMany(100, `http://half.${ns}/`);
    expect(countByWorkload(replies)).toEqual({ half: 100 });
    expect(new Set(replies.map((r) => r.headers['x-pod']))).toEqual(new Set([app.pods[1]!.name]));
  });

  it('forwards a Service of type ExternalName to its external name', async () => {
    const ns = await env.namespace('external');
    const outside: Server = createServer((req, res) => res.end(`outside ${req.headers.host}`));
    await new Promise<void>((resolve) => outside.listen(0, '127.0.0.1', resolve));
    const { port } = outside.address() as AddressInfo;
    try {
      await env.create({
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'db', namespace: ns },
        spec: { type: 'ExternalName', externalName: 'localhost' },
      } as KubeObject);
      await eventually(async () =>
        expect((await env.send(`http://db.${ns}:${port}/`)).body).toBe(`outside db.${ns}:${port}`),
      );
    } finally {
      outside.closeAllConnections();
      outside.close();
    }
  });

  it('survives pods that close idle keep-alive connections (no failed request)', async () => {
    const ns = await env.namespace('keepalive');
    const app = await env.apps.deploy(ns, 'idle', { replicas: 1 });
    await env.service(ns, 'idle', { port: 80, ready: [app] });
    await eventually(async () => expect((await env.send(`http://idle.${ns}/`)).status).toBe(200));
    for (let round = 0; round < 5; round++) {
      // Close the pod's side of every pooled connection, then reuse the pool at once.
      await env.apps.dropConnections(app.pods[0]!);
      const replies = await env.sendMany(20, `http://idle.${ns}/`, { method: 'POST', body: 'x' });
      expect(replies.map((r) => r.status)).toEqual(Array(20).fill(200));
    }
  });

  it('counts clients that go away mid-request as Envoy does (code 0, DC) and keeps serving', async () => {
    const ns = await env.namespace('abort');
    const app = await env.apps.deploy(ns, 'podinfo');
    await env.service(ns, 'podinfo', { port: 80, ready: [app] });
    await eventually(async () => expect((await env.send(`http://podinfo.${ns}/`)).status).toBe(200));
    const proxy = new URL(env.mesh.proxyUrl);
    const host = `podinfo.${ns}`;
    const inFlight = [
      `GET http://${host}/delay/30000 HTTP/1.1\r\nHost: ${host}\r\n\r\n`,
      `POST http://${host}/big HTTP/1.1\r\nHost: ${host}\r\nContent-Length: 1000000\r\n\r\n${'x'.repeat(1000)}`,
      `POST http://${host}/chunked HTTP/1.1\r\nHost: ${host}\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n`,
    ];
    for (const text of inFlight) {
      const socket = connect(Number(proxy.port), proxy.hostname);
      socket.on('error', () => {});
      socket.write(text);
      const path = text.split(' ')[1]!.replace(`http://${host}`, '');
      // Gone once the pod has the request.
      await eventually(() => expect(app.pods[0]!.received.map((r) => r.path)).toContain(path));
      socket.destroy();
    }
    for (const text of [
      `POST http://${host}/ HTTP/1.1\r\nContent-Length: 10\r\n\r\nabc`,
      'garbage\r\n\r\n',
    ]) {
      const socket = connect(Number(proxy.port), proxy.hostname);
      socket.on('error', () => {});
      socket.end(text);
    }
    await metricsWhere(env, (samples) =>
      expect(
        series(samples, ns, { destination_workload: 'podinfo', response_code: '0', response_flags: 'DC' }),
      ).toBe(3),
    );
    expect((await env.send(`http://podinfo.${ns}/`)).status).toBe(200);
  });
});
