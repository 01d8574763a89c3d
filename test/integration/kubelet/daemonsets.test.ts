import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DaemonSet } from '../../../src/kube/api/apps-v1.js';
import type { Pod } from '../../../src/kube/api/core-v1.js';
import { PatchKind } from '../../../src/kube/kube-client.js';
import { eventually } from '../../support/eventually.js';
import { type KubeletEnv, podsOf, startKubeletEnv } from './kubelet-env.js';

const ref = (namespace: string, name: string) => ({
  apiVersion: 'apps/v1',
  kind: 'DaemonSet',
  namespace,
  name,
});

function daemonSet(namespace: string, name: string, nodeSelector?: Record<string, string>): DaemonSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name, namespace },
    spec: {
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: {
          containers: [{ name: 'app', image: 'fluentd:1.16' }],
          ...(nodeSelector ? { nodeSelector } : {}),
        },
      },
    },
  };
}

/** Waits for the DaemonSet's status at its current generation to contain `expected`. */
function statusOf(env: KubeletEnv, ns: string, name: string, expected: Record<string, number>) {
  return eventually(async () => {
    const ds = await env.raw.get<DaemonSet>(ref(ns, name));
    expect(ds?.status?.observedGeneration).toBe(ds?.metadata.generation);
    expect(ds?.status).toMatchObject(expected);
    return ds!;
  });
}

describe('kubelet: DaemonSets on the one node', () => {
  let env: KubeletEnv;
  beforeAll(async () => {
    env = await startKubeletEnv();
  });
  afterAll(async () => {
    expect(env?.problems()).toEqual([]);
    await env?.stop();
  });

  it('runs one pod and reports it', async () => {
    const ns = await env.namespace();
    await env.raw.create(daemonSet(ns, 'agent'));
    const ds = await statusOf(env, ns, 'agent', {
      desiredNumberScheduled: 1,
      currentNumberScheduled: 1,
      updatedNumberScheduled: 1,
      numberReady: 1,
      numberAvailable: 1,
      numberMisscheduled: 0,
    });
    expect(ds.status?.numberUnavailable).toBeUndefined();
    const pods = await podsOf(env.raw, ns, 'agent');
    expect(pods).toHaveLength(1);
    const pod: Pod = pods[0]!;
    expect(pod.metadata.name).toMatch(/^agent-[a-z0-9]{5}$/);
    expect(pod.spec.nodeName).toBe('weir-local');
    expect(pod.metadata.labels?.['controller-revision-hash']).toMatch(/^[a-z0-9]+$/);
    expect(pod.metadata.labels?.['pod-template-generation']).toBe('1');
    expect(pod.metadata.ownerReferences?.[0]).toMatchObject({
      kind: 'DaemonSet',
      name: 'agent',
      controller: true,
    });
  });

  it("runs no pod while Flagger's scale-to-zero nodeSelector excludes the node, and one again once it is removed", async () => {
    const ns = await env.namespace();
    await env.raw.create(daemonSet(ns, 'podinfo'));
    await statusOf(env, ns, 'podinfo', { desiredNumberScheduled: 1, numberAvailable: 1 });

    // What Flagger's ScaleToZero writes.
    await env.raw.patch(
      ref(ns, 'podinfo'),
      { spec: { template: { spec: { nodeSelector: { 'flagger.app/scale-to-zero': 'true' } } } } },
      PatchKind.Strategic,
    );
    const zero = await statusOf(env, ns, 'podinfo', {
      desiredNumberScheduled: 0,
      currentNumberScheduled: 0,
      numberReady: 0,
      numberMisscheduled: 0,
    });
    expect(zero.status?.updatedNumberScheduled).toBeUndefined();
    expect(zero.status?.numberAvailable).toBeUndefined();
    expect(await podsOf(env.raw, ns, 'podinfo')).toEqual([]);

    // What Flagger's ScaleFromZero writes: the selector without the key.
    await env.raw.patch(
      ref(ns, 'podinfo'),
      [{ op: 'remove', path: '/spec/template/spec/nodeSelector/flagger.app~1scale-to-zero' }],
      PatchKind.Json,
    );
    await statusOf(env, ns, 'podinfo', {
      desiredNumberScheduled: 1,
      updatedNumberScheduled: 1,
      numberAvailable: 1,
    });
    expect(await podsOf(env.raw, ns, 'podinfo')).toHaveLength(1);
  });

  it('created with the scale-to-zero selector, it never runs a pod', async () => {
    const ns = await env.namespace();
    await env.raw.create(daemonSet(ns, 'idle', { 'flagger.app/scale-to-zero': 'true' }));
    await statusOf(env, ns, 'idle', { desiredNumberScheduled: 0, currentNumberScheduled: 0, numberReady: 0 });
    await env.kubelet.idle();
    expect(await podsOf(env.raw, ns, 'idle')).toEqual([]);
  });

  it('replaces its pod when the template changes', async () => {
    const ns = await env.namespace();
    await env.raw.create(daemonSet(ns, 'roll'));
    await statusOf(env, ns, 'roll', { updatedNumberScheduled: 1, numberAvailable: 1 });
    const [before] = await podsOf(env.raw, ns, 'roll');
    await env.raw.patch(
      ref(ns, 'roll'),
      { spec: { template: { spec: { containers: [{ name: 'app', image: 'fluentd:1.17' }] } } } },
      PatchKind.Strategic,
    );
    await statusOf(env, ns, 'roll', { updatedNumberScheduled: 1, numberAvailable: 1 });
    const after = await eventually(async () => {
      const pods = await podsOf(env.raw, ns, 'roll');
      expect(pods).toHaveLength(1);
      expect(pods[0]?.spec.containers[0]?.image).toBe('fluentd:1.17');
      return pods[0]!;
    });
    expect(after.metadata.uid).not.toBe(before?.metadata.uid);
    expect(after.metadata.labels?.['controller-revision-hash']).not.toBe(
      before?.metadata.labels?.['controller-revision-hash'],
    );
    expect(after.metadata.labels?.['pod-template-generation']).toBe('2');
  });
});
