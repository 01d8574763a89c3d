import { describe, expect, it } from 'vitest';
import type { Canary } from '../apis/index.js';
import type { Deployment } from '../kube/api/apps-v1.js';
import {
  newPrimaryDeployment,
  type PrimaryShape,
  primaryPodSpec,
  promotedPrimary,
} from './primary-deployment.js';
import { includeByPrefix } from './primary-metadata.js';

const canary = {
  apiVersion: 'flagger.app/v1beta1',
  kind: 'Canary',
  metadata: { name: 'podinfo', namespace: 'test', uid: 'canary-uid' },
  spec: {
    targetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'podinfo' },
    service: { port: 9898 },
    analysis: { interval: '1m', threshold: 5 },
  },
} as Canary;

const selectorLabels = ['app', 'name', 'app.kubernetes.io/name'];

function target(): Deployment {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name: 'podinfo',
      namespace: 'test',
      labels: { app: 'podinfo', 'team.example.com/owner': 'web', 'kustomize.toolkit.fluxcd.io/name': 'apps' },
      annotations: { 'team.example.com/docs': 'wiki', 'kustomize.toolkit.fluxcd.io/checksum': 'abc' },
    },
    spec: {
      replicas: 0,
      minReadySeconds: 5,
      revisionHistoryLimit: 5,
      progressDeadlineSeconds: 60,
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1 } },
      selector: { matchLabels: { app: 'podinfo' } },
      template: {
        metadata: {
          labels: { app: 'podinfo', tier: 'web', 'helm.toolkit.fluxcd.io/name': 'x' },
          annotations: {
            'prometheus.io/scrape': 'true',
            'flagger-id': 'stale',
            'kustomize.toolkit.fluxcd.io/x': 'y',
          },
        },
        spec: { containers: [{ name: 'podinfod', image: 'ghcr.io/stefanprodan/podinfo:6.0.0' }] },
      },
    },
  };
}

const shape = (includeLabelPrefix: string[] = []): PrimaryShape => ({
  label: 'app',
  value: 'podinfo',
  selectorLabels,
  includeLabelPrefix,
  flaggerId: 'id-1',
});

describe('newPrimaryDeployment', () => {
  it('builds the primary as §3.1 describes', () => {
    expect(newPrimaryDeployment(canary, target(), shape(['team.example.com']))).toEqual({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: {
        name: 'podinfo-primary',
        namespace: 'test',
        labels: { app: 'podinfo-primary', 'team.example.com/owner': 'web' },
        annotations: { 'team.example.com/docs': 'wiki' },
        ownerReferences: [
          {
            apiVersion: 'flagger.app/v1beta1',
            kind: 'Canary',
            name: 'podinfo',
            uid: 'canary-uid',
            controller: true,
            blockOwnerDeletion: true,
          },
        ],
      },
      spec: {
        progressDeadlineSeconds: 60,
        minReadySeconds: 5,
        revisionHistoryLimit: 5,
        // The target is at zero: the primary starts with one replica.
        replicas: 1,
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1 } },
        selector: { matchLabels: { app: 'podinfo-primary' } },
        template: {
          metadata: {
            labels: { app: 'podinfo-primary', tier: 'web' },
            annotations: { 'prometheus.io/scrape': 'true', 'flagger-id': 'id-1' },
          },
          spec: { containers: [{ name: 'podinfod', image: 'ghcr.io/stefanprodan/podinfo:6.0.0' }] },
        },
      },
    });
  });

  it("keeps the target's replicas when above zero, and copies no object label without a matching prefix", () => {
    const source = target();
    source.spec.replicas = 3;
    const primary = newPrimaryDeployment(canary, source, shape());
    expect(primary.spec.replicas).toBe(3);
    expect(primary.metadata.labels).toEqual({ app: 'podinfo-primary' });
  });
});

describe('includeByPrefix', () => {
  it('matches prefixes, * for all, never the empty prefix nor toolkit keys', () => {
    const labels = { app: 'a', 'team/x': 'b', 'kustomize.toolkit.fluxcd.io/name': 'c' };
    expect(includeByPrefix(labels, [''])).toEqual({});
    expect(includeByPrefix(labels, ['team'])).toEqual({ 'team/x': 'b' });
    expect(includeByPrefix(labels, ['*'])).toEqual({ app: 'a', 'team/x': 'b' });
  });
});

describe('primaryPodSpec', () => {
  it('points topology-spread and anti-affinity selectors on selector labels at the primary', () => {
    const selector = () => ({
      matchLabels: { app: 'podinfo', other: 'podinfo' },
      matchExpressions: [
        { key: 'app', operator: 'In', values: ['podinfo', 'frontend'] },
        { key: 'zone', operator: 'In', values: ['podinfo'] },
      ],
    });
    const spec = primaryPodSpec(
      {
        containers: [{ name: 'app' }],
        topologySpreadConstraints: [{ maxSkew: 1, labelSelector: selector() }],
        affinity: {
          podAntiAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: [
              { labelSelector: selector(), topologyKey: 'zone' },
            ],
            preferredDuringSchedulingIgnoredDuringExecution: [
              { weight: 10, podAffinityTerm: { labelSelector: selector(), topologyKey: 'host' } },
            ],
          },
        },
      },
      'podinfo',
      selectorLabels,
    );
    const expected = {
      matchLabels: { app: 'podinfo-primary', other: 'podinfo' },
      matchExpressions: [
        { key: 'app', operator: 'In', values: ['podinfo-primary', 'frontend'] },
        { key: 'zone', operator: 'In', values: ['podinfo'] },
      ],
    };
    expect(spec.topologySpreadConstraints?.[0]?.labelSelector).toEqual(expected);
    expect(
      spec.affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.[0]?.labelSelector,
    ).toEqual(expected);
    expect(
      spec.affinity?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution?.[0]?.podAffinityTerm
        .labelSelector,
    ).toEqual(expected);
  });
});

describe('promotedPrimary', () => {
  const existing = (): Deployment => {
    const primary = newPrimaryDeployment(canary, target(), shape());
    primary.metadata.resourceVersion = '7';
    primary.metadata.annotations = { 'deployment.kubernetes.io/revision': '2', old: 'x' };
    primary.spec.replicas = 4;
    return primary;
  };

  it('copies the template, rollout settings, replicas and filtered metadata from the target', () => {
    const source = target();
    source.spec.replicas = 2;
    source.spec.minReadySeconds = 10;
    source.spec.template.spec.containers[0]!.image = 'ghcr.io/stefanprodan/podinfo:6.0.1';
    const next = promotedPrimary(existing(), source, {
      ...shape(['team.example.com']),
      flaggerId: 'id-2',
      autoscaled: false,
    });
    expect(next.metadata.resourceVersion).toBe('7');
    expect(next.metadata.labels).toEqual({ app: 'podinfo-primary', 'team.example.com/owner': 'web' });
    // Deployment-controller annotations stay; everything else follows the target.
    expect(next.metadata.annotations).toEqual({
      'team.example.com/docs': 'wiki',
      'deployment.kubernetes.io/revision': '2',
    });
    expect(next.spec.replicas).toBe(2);
    expect(next.spec.minReadySeconds).toBe(10);
    expect(next.spec.selector).toEqual({ matchLabels: { app: 'podinfo-primary' } });
    expect(next.spec.template.spec.containers[0]!.image).toBe('ghcr.io/stefanprodan/podinfo:6.0.1');
    expect(next.spec.template.metadata?.annotations).toEqual({
      'prometheus.io/scrape': 'true',
      'flagger-id': 'id-2',
    });
  });

  it('leaves replicas to the autoscaler when there is one', () => {
    const next = promotedPrimary(existing(), target(), { ...shape(), autoscaled: true });
    expect(next.spec.replicas).toBe(4);
  });
});
