import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Canary } from '../../../src/apis/index.js';
import type { KubeObject } from '../../../src/kube/kube-object.js';
import { eventually } from '../../support/eventually.js';
import { canaryType } from '../../support/operator-harness.js';
import { guideCanary } from '../../support/scenario-canaries.js';
import {
  asked,
  granted,
  leaderElectionPermissions,
  manifests,
  operatorPermissions,
  rbacManifest,
} from './operator-permissions.js';
import { OperatorRbacWorld, operatorNamespace, operatorUser } from './operator-world.js';

let world: OperatorRbacWorld;
type Phase = NonNullable<Canary['status']>['phase'];

async function phaseOf(name: string): Promise<Phase | undefined> {
  return (await world.canary(name))?.status?.phase;
}

async function waitPhase(name: string, phase: Phase, timeoutMs = 40_000): Promise<void> {
  await eventually(async () => expect(await phaseOf(name)).toBe(phase), { timeoutMs, intervalMs: 100 });
}

/**
 * Answers every `update` of the operator on `resources` with 409 Conflict, and lifts that for each
 * resource as soon as the operator read one (`get`: its re-read after a conflict): the permissions the
 * re-reads need are then used, in whatever order the operator reaches them.
 */
async function conflictsUntilReread(resources: string[], timeoutMs = 30_000): Promise<void> {
  const pending = new Set(resources);
  const from = world.rbac.decisions.length;
  const apply = () =>
    world.rbac.faults(
      pending.size > 0
        ? {
            errorRate: 1,
            errorCodes: [409],
            verbs: ['update'],
            resources: [...pending],
            users: [operatorUser],
          }
        : undefined,
    );
  await apply();
  while (pending.size > 0) {
    const reread = await eventually(
      () => {
        const found = world.rbac.decisions
          .slice(from)
          .find(
            (d) =>
              d.attributes.user.name === operatorUser &&
              d.attributes.verb === 'get' &&
              pending.has(d.attributes.resource),
          );
        if (!found) throw new Error(`no re-read yet of ${[...pending].join(', ')}`);
        return found.attributes.resource;
      },
      { timeoutMs, intervalMs: 50 },
    );
    pending.delete(reread);
    await apply();
  }
}

beforeAll(async () => {
  world = await OperatorRbacWorld.start(rbacManifest);
  await world.create({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'podinfo-config' },
    data: { color: 'blue' },
  });
  await world.create({
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'podinfo-secret' },
    stringData: { token: 'a' },
  });
  await world.createPodinfo('podinfo', (d) => {
    const container = d.spec.template.spec.containers[0];
    if (container)
      (container as { envFrom?: unknown }).envFrom = [
        { configMapRef: { name: 'podinfo-config' } },
        { secretRef: { name: 'podinfo-secret' } },
      ];
  });
  await world.createPodinfo('second');
  await world.create({
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name: 'podinfo' },
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'podinfo' },
      minReplicas: 2,
      maxReplicas: 4,
    },
  });
  // An AlertProvider whose Secret is missing, and an alert naming a provider that does not exist: both
  // are read past the cache (and fail, as they must).
  await world.create({
    apiVersion: 'flagger.app/v1beta1',
    kind: 'AlertProvider',
    metadata: { name: 'on-call' },
    spec: { type: 'slack', secretRef: { name: 'missing-webhook' } },
  });
  await world.startOperator(
    '-enable-leader-election',
    `-leader-election-namespace=${operatorNamespace}`,
    '-leader-election-retry-period=1s',
  );
  const podinfo = guideCanary({
    spec: {
      autoscalerRef: { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', name: 'podinfo' },
      revertOnDeletion: true,
    },
    analysis: {
      interval: '1s',
      threshold: 2,
      stepWeight: 25,
      maxWeight: 50,
      alerts: [
        { name: 'on-call', severity: 'info', providerRef: { name: 'on-call' } },
        { name: 'ghost', severity: 'info', providerRef: { name: 'ghost' } },
      ],
    },
  });
  await world.create(podinfo);
  await world.create<Canary>({
    ...canaryType,
    metadata: { name: 'second', namespace: 'test' },
    spec: {
      provider: 'smi:v1alpha3',
      targetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'second' },
      progressDeadlineSeconds: 60,
      service: { port: 9898 },
      analysis: { interval: '1s', threshold: 2, maxWeight: 50, stepWeight: 50, metrics: [] },
    },
  });
}, 120_000);
afterAll(() => world?.stop(), 60_000);

describe("the operator with deploy/rbac's ServiceAccount, against the API server with RBAC on", () => {
  it('initializes, promotes (with conflicts), reconciles, rolls back and finalizes, and is never refused', async () => {
    await waitPhase('podinfo', 'Initialized');
    await waitPhase('second', 'Initialized');
    expect(world.operator?.isLeader()).toBe(true);

    // Promotion of a new revision: image, tracked config and autoscaler all change; every write the
    // operator re-reads after a conflict meets one.
    await world.raw.patch(
      { apiVersion: 'v1', kind: 'ConfigMap', namespace: 'test', name: 'podinfo-config' },
      { data: { color: 'green' } },
      'application/merge-patch+json',
    );
    await world.raw.patch(
      { apiVersion: 'v1', kind: 'Secret', namespace: 'test', name: 'podinfo-secret' },
      { stringData: { token: 'b' } },
      'application/merge-patch+json',
    );
    await world.raw.patch(
      { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', namespace: 'test', name: 'podinfo' },
      { spec: { maxReplicas: 5 } },
      'application/merge-patch+json',
    );
    await world.setImage('ghcr.io/stefanprodan/podinfo:6.0.1');
    await world.setImage('ghcr.io/stefanprodan/podinfo:6.0.1', 'second');
    await conflictsUntilReread([
      'canaries',
      'configmaps',
      'secrets',
      'deployments',
      'horizontalpodautoscalers',
      'virtualservices',
      'trafficsplits',
    ]);
    await waitPhase('podinfo', 'Succeeded');
    await waitPhase('second', 'Succeeded');
    expect(await world.image('podinfo-primary')).toBe('ghcr.io/stefanprodan/podinfo:6.0.1');
    const copy = await world.raw.get<KubeObject & { data?: Record<string, string> }>({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      namespace: 'test',
      name: 'podinfo-config-primary',
    });
    expect(copy?.data).toEqual({ color: 'green' });

    // A spec change reconciles the generated Services and DestinationRules (meeting conflicts too).
    const window = conflictsUntilReread(['services', 'destinationrules']);
    await world.raw.patch(
      { ...canaryType, namespace: 'test', name: 'podinfo' },
      {
        spec: { service: { port: 9898, portName: 'http-web', trafficPolicy: { tls: { mode: 'DISABLE' } } } },
      },
      'application/merge-patch+json',
    );
    await window;
    await eventually(async () => {
      const service = await world.raw.get<KubeObject & { spec?: { ports?: { name?: string }[] } }>({
        apiVersion: 'v1',
        kind: 'Service',
        namespace: 'test',
        name: 'podinfo',
      });
      expect(service?.spec?.ports?.[0]?.name).toBe('http-web');
    }, 20_000);

    // Rollback: the success rate drops under 99 % during the next run.
    world.prometheus.answer(/istio_requests_total/, 50);
    await world.setImage('ghcr.io/stefanprodan/podinfo:6.0.2');
    await waitPhase('podinfo', 'Failed');
    expect(await world.image('podinfo-primary')).toBe('ghcr.io/stefanprodan/podinfo:6.0.1');

    // revertOnDeletion: the finalizer holds the Canary until the target is handed back.
    await world.raw.delete({ ...canaryType, namespace: 'test', name: 'podinfo' });
    await eventually(async () => expect(await world.canary('podinfo')).toBeUndefined(), 30_000);
    await world.operator?.stop();
    world.operator = undefined;

    expect(await world.rbac.requests(403)).toBe(0);
    const decisions = world.operatorDecisions();
    expect(decisions.filter((d) => !d.allowed)).toEqual([]);
    const used = new Set(decisions.map(asked).filter((p): p is string => p !== undefined));
    const documents = manifests();
    const clusterRole = documents.find((d) => d.kind === 'ClusterRole');
    const role = documents.find((d) => d.kind === 'Role');
    if (!clusterRole || !role) throw new Error('deploy/rbac/rbac.yaml lacks its ClusterRole or Role');
    const grants = new Set([...granted(clusterRole), ...granted(role)]);
    // Everything used is granted (no 403 above says so too) …
    expect([...used].filter((p) => !grants.has(p))).toEqual([]);
    // … and everything granted was used, but for what this run cannot reach (named, with the reason).
    const unreachable = Object.entries({ ...operatorPermissions, ...leaderElectionPermissions })
      .filter(([, p]) => 'exercised' in p && p.exercised === false)
      .map(([key]) => key);
    expect([...grants].filter((p) => !used.has(p)).sort()).toEqual(unreachable.sort());
  }, 240_000);
});
