import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { startTestApi, type TestApi } from '../../support/local-api.js';
import { flaggerReference } from '../../support/reference.js';

interface Deployment {
  metadata: { uid: string; generation: number; resourceVersion: string };
  spec: {
    replicas: number;
    template: {
      metadata: { annotations?: Record<string, string> };
      spec: { containers: { name: string; image: string }[] };
    };
  };
}

let api: TestApi;
const deployment = (): Promise<Deployment> =>
  api.kubectl.json<Deployment>(['get', 'deployment', '-n', 'test', 'podinfo']);

beforeAll(async () => {
  api = await startTestApi({ inMemory: true });
  await api.kubectl.ok(['create', 'ns', 'test']);
  await api.kubectl.ok(['apply', '-k', flaggerReference('kustomize-podinfo')]);
});
afterAll(async () => {
  await api?.stop();
});

describe('kubectl imperative commands on a Deployment', () => {
  it('set image changes the container image and bumps the generation', async () => {
    const before = await deployment();
    const out = await api.kubectl.ok([
      'set',
      'image',
      '-n',
      'test',
      'deployment/podinfo',
      'podinfod=ghcr.io/stefanprodan/podinfo:6.0.1',
    ]);
    expect(out).toBe('deployment.apps/podinfo image updated\n');
    const after = await deployment();
    expect(after.spec.template.spec.containers).toEqual([
      expect.objectContaining({ name: 'podinfod', image: 'ghcr.io/stefanprodan/podinfo:6.0.1' }),
    ]);
    expect(after.metadata.generation).toBe(before.metadata.generation + 1);
  });

  it('scale sets the replicas through the scale subresource', async () => {
    expect(await api.kubectl.ok(['scale', '-n', 'test', 'deployment/podinfo', '--replicas=3'])).toBe(
      'deployment.apps/podinfo scaled\n',
    );
    expect((await deployment()).spec.replicas).toBe(3);
    const scale = await api.kubectl.run([
      'scale',
      '-n',
      'test',
      'deployment/podinfo',
      '--current-replicas=2',
      '--replicas=5',
    ]);
    expect(scale.code).not.toBe(0);
    expect(scale.stderr).toContain('Expected replicas to be 2, was 3');
    expect((await deployment()).spec.replicas).toBe(3);
  });

  it('rollout restart stamps restartedAt into the pod template and bumps the generation', async () => {
    const before = await deployment();
    expect(before.spec.template.metadata.annotations?.['kubectl.kubernetes.io/restartedAt']).toBeUndefined();
    expect(await api.kubectl.ok(['rollout', 'restart', '-n', 'test', 'deployment/podinfo'])).toBe(
      'deployment.apps/podinfo restarted\n',
    );
    const after = await deployment();
    const restartedAt = after.spec.template.metadata.annotations?.['kubectl.kubernetes.io/restartedAt'];
    expect(restartedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(after.spec.template.metadata.annotations?.['prometheus.io/scrape']).toBe('true');
    expect(after.metadata.generation).toBe(before.metadata.generation + 1);
  });

  it('describe lists the events whose involvedObject is the Deployment', async () => {
    const { metadata } = await deployment();
    const event = (name: string, reason: string, message: string, type: string) =>
      stringify({
        apiVersion: 'v1',
        kind: 'Event',
        metadata: { name, namespace: 'test' },
        involvedObject: {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          name: 'podinfo',
          namespace: 'test',
          uid: metadata.uid,
        },
        reason,
        message,
        type,
        source: { component: 'deployment-controller' },
        count: 1,
        firstTimestamp: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
        lastTimestamp: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
      });
    expect(
      await api.kubectl.ok(
        ['create', '-f', '-'],
        event('podinfo.1', 'ScalingReplicaSet', 'Scaled up replica set podinfo-7d9b8 to 3', 'Normal'),
      ),
    ).toBe('event/podinfo.1 created\n');
    await api.kubectl.ok(
      ['create', '-f', '-'],
      event('podinfo.2', 'ProgressDeadlineExceeded', 'ReplicaSet "podinfo-7d9b8" has timed out', 'Warning'),
    );

    const out = await api.kubectl.ok(['describe', 'deployment', '-n', 'test', 'podinfo']);
    expect(out).toMatch(/^Name:\s+podinfo$/m);
    expect(out).toMatch(/^Replicas:\s+3 desired \| 0 updated \| 0 total \| 0 available \| 0 unavailable$/m);
    expect(out).toMatch(/^\s+Image:\s+ghcr\.io\/stefanprodan\/podinfo:6\.0\.1$/m);
    const events = out.slice(out.indexOf('Events:'));
    expect(events).toMatch(/^\s+Type\s+Reason\s+Age\s+From\s+Message$/m);
    expect(events).toMatch(
      /^\s+Normal\s+ScalingReplicaSet\s+\S+\s+deployment-controller\s+Scaled up replica set podinfo-7d9b8 to 3$/m,
    );
    expect(events).toMatch(
      /^\s+Warning\s+ProgressDeadlineExceeded\s+\S+\s+deployment-controller\s+ReplicaSet "podinfo-7d9b8" has timed out$/m,
    );

    // Events of another object are not listed.
    const hpa = await api.kubectl.ok(['describe', 'hpa', '-n', 'test', 'podinfo']);
    expect(hpa).not.toContain('ScalingReplicaSet');
  });
});
