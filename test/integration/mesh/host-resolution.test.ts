import { Buffer } from 'node:buffer';
import { createServer, type Server } from 'node:http';
import { type AddressInfo, connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../src/kube/kube-object.js';
import { eventually } from '../../support/eventually.js';
import type { FakeApp } from './fake-apps.js';
import { type MeshEnv, startMeshEnv } from './mesh-env.js';

describe('mesh: host resolution', () => {
  let env: MeshEnv;
  let ns: string;
  let app: FakeApp;
  let other: FakeApp;
  let caller: FakeApp;

  beforeAll(async () => {
    env = await startMeshEnv('127.78');
    ns = await env.namespace('hosts');
    app = await env.apps.deploy(ns, 'podinfo', { replicas: 2 });
    await env.service(ns, 'podinfo', { port: 9898, ready: [app] });
    caller = await env.apps.deploy(ns, 'loadtester');
    other = await env.apps.deploy(ns, 'lonely');
    await env.service(ns, 'lonely', { port: 80, ready: [other] });
    // Reachable once the mesh's cache has the Endpoints.
    await eventually(async () => expect((await env.send(`http://podinfo.${ns}:9898/`)).status).toBe(200));
  });
  afterAll(async () => {
    await env?.stop();
  });

  it.each([
    ['svc.ns:port', (n: string) => `http://podinfo.${n}:9898/x`],
    ['svc.ns.svc:port', (n: string) => `http://podinfo.${n}.svc:9898/x`],
    ['svc.ns.svc.cluster.local:port', (n: string) => `http://podinfo.${n}.svc.cluster.local:9898/x`],
    [
      'an upper-case FQDN with a trailing dot',
      (n: string) => `http://PODINFO.${n.toUpperCase()}.SVC.CLUSTER.LOCAL.:9898/x`,
    ],
  ])('resolves %s to the Service’s ready pods, round-robin', async (_, url) => {
    const replies = await Promise.all([0, 1, 2, 3].map(() => env.send(url(ns))));
    expect(replies.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    expect(new Set(replies.map((r) => r.headers['x-pod']))).toEqual(new Set(app.pods.map((p) => p.name)));
    expect(JSON.parse(replies[0]!.body).path).toBe('/x');
  });

  it('resolves a bare name in the namespace of the calling pod (by its source address)', async () => {
    const reply = await env.send('http://podinfo:9898/from-caller', { localAddress: caller.pods[0]!.ip });
    expect(reply.status).toBe(200);
    expect(app.pods.map((p) => p.name)).toContain(reply.headers['x-pod']);
    // The telemetry names the caller, as Istio's source labels do.
    await eventually(async () => {
      const samples = await env.metrics();
      expect(
        samples.find((s) => s.name === 'istio_requests_total' && s.labels.source_workload === 'loadtester')
          ?.labels,
      ).toMatchObject({
        source_workload_namespace: ns,
        source_app: 'loadtester',
        destination_workload: 'podinfo',
      });
    });
  });

  it('resolves a bare name in the namespace named by the proxy credentials (http://<ns>@proxy)', async () => {
    const auth = `Basic ${Buffer.from(`${ns}:`).toString('base64')}`;
    const reply = await env.send('http://podinfo:9898/', { headers: { 'proxy-authorization': auth } });
    expect(reply.status).toBe(200);
    const received = app.pods.flatMap((p) => p.received).at(-1);
    expect(received?.headers['proxy-authorization']).toBeUndefined();
  });

  it('resolves a bare name without a known caller in default, else in the only namespace that has it', async () => {
    // `lonely` exists in this namespace only (and not in default).
    expect((await env.send('http://lonely/')).headers['x-pod']).toBe(other.pods[0]!.name);
    const elsewhere = await env.namespace('hosts');
    const twin = await env.apps.deploy(elsewhere, 'lonely');
    await env.service(elsewhere, 'lonely', { port: 80, ready: [twin] });
    // Two namespaces have it now: a bare name is ambiguous, and default has none.
    await eventually(async () => expect((await env.send('http://lonely/')).status).not.toBe(200));
    expect((await env.send('http://lonely/', { localAddress: caller.pods[0]!.ip })).headers['x-pod']).toBe(
      other.pods[0]!.name,
    );
  });

  it('takes the default port 80 and answers 503 for a port the Service does not have', async () => {
    expect((await env.send(`http://lonely.${ns}/`)).status).toBe(200);
    const reply = await env.send(`http://podinfo.${ns}/`);
    expect(reply.status).toBe(503);
    expect(reply.body).toContain(`service podinfo.${ns} has no port 80`);
  });

  it('routes origin-form requests by their Host header, as a reverse proxy', async () => {
    const reply = await env.send(`http://podinfo.${ns}:9898/hello?q=1`, { originForm: true });
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body)).toMatchObject({ path: '/hello?q=1', host: `podinfo.${ns}:9898` });
    expect((await env.send('http://example.invalid/', { originForm: true })).status).toBe(404);
  });

  it('routes by cluster IP', async () => {
    const service = await env.raw.get<KubeObject & { spec: { clusterIP: string } }>({
      apiVersion: 'v1',
      kind: 'Service',
      namespace: ns,
      name: 'podinfo',
    });
    const reply = await env.send(`http://${service!.spec.clusterIP}:9898/`);
    expect(reply.status).toBe(200);
  });

  describe('hosts outside the cluster', () => {
    let external: Server;
    let port: number;
    beforeAll(async () => {
      external = createServer((req, res) => res.end(`external ${req.method} ${req.url} ${req.headers.host}`));
      await new Promise<void>((resolve) => external.listen(0, '127.0.0.1', resolve));
      port = (external.address() as AddressInfo).port;
    });
    afterAll(() => {
      external.closeAllConnections();
      external.close();
    });

    it('forwards them as a plain HTTP proxy', async () => {
      const reply = await env.send(`http://127.0.0.1:${port}/path?x=1`, { method: 'POST', body: 'data' });
      expect(reply).toMatchObject({ status: 200, body: `external POST /path?x=1 127.0.0.1:${port}` });
      expect((await env.send(`http://localhost:${port}/`)).body).toBe(`external GET / localhost:${port}`);
    });

    it('tunnels CONNECT to outside hosts and to cluster Services (to one of their pods)', async () => {
      expect(await throughTunnel(env, `127.0.0.1:${port}`, '/tunnelled')).toContain(
        'external GET /tunnelled',
      );
      expect(await throughTunnel(env, `podinfo.${ns}:9898`, '/via-connect')).toContain(
        '"path":"/via-connect"',
      );
      expect(await throughTunnel(env, `nothing-here.${ns}:9898`, '/')).toMatch(/^HTTP\/1\.1 502/);
    });
  });
});

/** CONNECTs through the proxy and sends one GET over the tunnel; answers everything the socket received. */
function throughTunnel(env: MeshEnv, authority: string, path: string): Promise<string> {
  const proxy = new URL(env.mesh.proxyUrl);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(proxy.port), proxy.hostname);
    let text = '';
    socket.on('data', (chunk) => {
      text += chunk.toString();
      if (text.startsWith('HTTP/1.1 200 Connection Established\r\n\r\n') && !text.includes('GET sent')) {
        text += 'GET sent\n';
        socket.write(`GET ${path} HTTP/1.1\r\nHost: ${authority}\r\nConnection: close\r\n\r\n`);
      }
    });
    socket.once('error', reject);
    socket.once('close', () => resolve(text));
    socket.write(`CONNECT ${authority} HTTP/1.1\r\nHost: ${authority}\r\n\r\n`);
  });
}
