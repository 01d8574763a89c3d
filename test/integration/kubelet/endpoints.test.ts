import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Endpoints, Pod, Service } from '../../../src/kube/api/core-v1.js';
import { eventually } from '../../support/eventually.js';
import {
  deployment,
  fixtureImage,
  type KubeletEnv,
  podsOf,
  rolledOut,
  startKubeletEnv,
} from './kubelet-env.js';

const endpointsRef = (namespace: string, name: string) => ({
  apiVersion: 'v1',
  kind: 'Endpoints',
  namespace,
  name,
});

function service(namespace: string, name: string, spec: Service['spec']): Service {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace, labels: { app: name } }, spec };
}

/** Waits until the Endpoints satisfy `check`. */
function endpoints(
  env: KubeletEnv,
  ns: string,
  name: string,
  check: (e: Endpoints) => void,
): Promise<Endpoints> {
  return eventually(async () => {
    const found = await env.raw.get<Endpoints>(endpointsRef(ns, name));
    expect(found).toBeDefined();
    check(found!);
    return found!;
  });
}

const address = (pod: Pod) => ({
  ip: pod.status!.podIP!,
  nodeName: 'weir-local',
  targetRef: {
    kind: 'Pod',
    namespace: pod.metadata.namespace,
    name: pod.metadata.name,
    uid: pod.metadata.uid,
  },
});

const byIp = (a: { ip: string }, b: { ip: string }) => (a.ip < b.ip ? -1 : 1);

describe('kubelet: Endpoints', () => {
  let env: KubeletEnv;
  beforeAll(async () => {
    env = await startKubeletEnv();
  });
  afterAll(async () => {
    expect(env?.problems()).toEqual([]);
    await env?.stop();
  });

  it('lists ready pods with their ports resolved from the targetPort, and follows readiness', async () => {
    const ns = await env.namespace();
    await env.raw.create(
      deployment(ns, 'podinfo', fixtureImage('6.0.0'), {
        replicas: 2,
        container: {
          ports: [
            { name: 'http', containerPort: 9898 },
            { name: 'http-metrics', containerPort: 9797 },
          ],
          // The upstream podinfo form: an exec probe that only checks HTTP.
          readinessProbe: {
            exec: { command: ['podcli', 'check', 'http', 'localhost:9898/readyz'] },
            periodSeconds: 1,
            failureThreshold: 1,
          },
        },
      }),
    );
    await env.raw.create(
      service(ns, 'podinfo', {
        selector: { app: 'podinfo' },
        ports: [
          { name: 'http', port: 9898, targetPort: 'http', protocol: 'TCP' },
          { name: 'metrics', port: 80, targetPort: 9797, protocol: 'TCP' },
        ],
      }),
    );
    await rolledOut(env.raw, ns, 'podinfo');
    const pods = await podsOf(env.raw, ns, 'podinfo');
    const ready = await endpoints(env, ns, 'podinfo', (e) =>
      expect(e.subsets?.[0]?.addresses).toHaveLength(2),
    );
    expect(ready.metadata.labels).toEqual({ app: 'podinfo' });
    expect(ready.subsets).toEqual([
      {
        addresses: pods.map(address).sort(byIp),
        ports: [
          { name: 'http', port: 9898, protocol: 'TCP' },
          { name: 'metrics', port: 9797, protocol: 'TCP' },
        ],
      },
    ]);

    // One pod stops being ready: its address moves to notReadyAddresses, and back once ready again.
    const [first, second] = pods;
    await fetch(`http://${first!.status!.podIP}:9898/readyz/disable`, { method: 'POST' });
    const split = await endpoints(env, ns, 'podinfo', (e) =>
      expect(e.subsets?.[0]?.notReadyAddresses).toHaveLength(1),
    );
    expect(split.subsets?.[0]?.notReadyAddresses).toEqual([address(first!)]);
    expect(split.subsets?.[0]?.addresses).toEqual([address(second!)]);
    const unready = (await podsOf(env.raw, ns, 'podinfo')).find(
      (p) => p.metadata.uid === first!.metadata.uid,
    );
    expect(unready?.status?.conditions?.find((c) => c.type === 'Ready')?.status).toBe('False');

    await fetch(`http://${first!.status!.podIP}:9898/readyz/enable`, { method: 'POST' });
    await endpoints(env, ns, 'podinfo', (e) => {
      expect(e.subsets?.[0]?.addresses).toHaveLength(2);
      expect(e.subsets?.[0]?.notReadyAddresses).toBeUndefined();
    });
  });

  it('lists never-ready pods under notReadyAddresses, or as ready with publishNotReadyAddresses', async () => {
    const ns = await env.namespace();
    await env.raw.create(
      deployment(ns, 'web', 'nginx:1.25', {
        container: {
          ports: [{ name: 'http', containerPort: 80 }],
          readinessProbe: { tcpSocket: { port: 1 }, periodSeconds: 1 },
        },
      }),
    );
    await env.raw.create(
      service(ns, 'web', { selector: { app: 'web' }, ports: [{ port: 8080, targetPort: 'http' }] }),
    );
    await env.raw.create(
      service(ns, 'web-all', {
        selector: { app: 'web' },
        publishNotReadyAddresses: true,
        ports: [{ port: 8080, targetPort: 'http' }],
      }),
    );
    const [pod] = await eventually(async () => {
      const found = await podsOf(env.raw, ns, 'web');
      expect(found[0]?.status?.podIP).toBeDefined();
      return found;
    });
    const notReady = await endpoints(env, ns, 'web', (e) => expect(e.subsets).toHaveLength(1));
    expect(notReady.subsets).toEqual([
      { notReadyAddresses: [address(pod!)], ports: [{ port: 80, protocol: 'TCP' }] },
    ]);
    const published = await endpoints(env, ns, 'web-all', (e) => expect(e.subsets).toHaveLength(1));
    expect(published.subsets).toEqual([
      { addresses: [address(pod!)], ports: [{ port: 80, protocol: 'TCP' }] },
    ]);
  });

  it('leaves the Endpoints of a Service without selector alone, and removes those of a deleted Service', async () => {
    const ns = await env.namespace();
    await env.raw.create(service(ns, 'external', { ports: [{ port: 443 }] }));
    const manual: Endpoints = {
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: { name: 'external', namespace: ns },
      subsets: [{ addresses: [{ ip: '192.0.2.10' }], ports: [{ port: 443, protocol: 'TCP' }] }],
    };
    await env.raw.create(manual);
    await env.raw.create(service(ns, 'empty', { selector: { app: 'nothing' }, ports: [{ port: 80 }] }));
    await endpoints(env, ns, 'empty', (e) => expect(e.subsets).toEqual([]));
    await env.kubelet.idle();
    expect((await env.raw.get<Endpoints>(endpointsRef(ns, 'external')))?.subsets).toEqual(manual.subsets);

    await env.raw.delete({ apiVersion: 'v1', kind: 'Service', namespace: ns, name: 'empty' });
    await eventually(async () => expect(await env.raw.get(endpointsRef(ns, 'empty'))).toBeUndefined());
  });
});
