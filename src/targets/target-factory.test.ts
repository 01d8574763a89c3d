import { describe, expect, it } from 'vitest';
import type { Canary } from '../apis/index.js';
import { ManualClock } from '../platform/clock.js';
import { DaemonSetTarget } from './daemonset-target.js';
import { DeploymentTarget, type DeploymentTargetOptions } from './deployment-target.js';
import { ServiceTarget } from './service-target.js';
import { createTarget } from './target-factory.js';
import { TargetError } from './workload-target.js';

const deps: DeploymentTargetOptions = {
  client: {} as DeploymentTargetOptions['client'],
  cache: { get: () => undefined, list: () => [] },
  clock: new ManualClock(),
  selectorLabels: ['app'],
  includeLabelPrefix: [],
};

const canary = (apiVersion: string, kind: string) =>
  ({
    apiVersion: 'flagger.app/v1beta1',
    kind: 'Canary',
    metadata: { name: 'podinfo', namespace: 'test' },
    spec: { targetRef: { apiVersion, kind, name: 'podinfo' }, service: { port: 9898 }, analysis: {} },
  }) as unknown as Canary;

describe('createTarget', () => {
  it('works Deployments, DaemonSets and plain Services', () => {
    expect(createTarget(canary('apps/v1', 'Deployment'), deps)).toBeInstanceOf(DeploymentTarget);
    expect(createTarget(canary('apps/v1', 'DaemonSet'), deps)).toBeInstanceOf(DaemonSetTarget);
    expect(createTarget(canary('v1', 'Service'), deps)).toBeInstanceOf(ServiceTarget);
  });

  it.each([
    [
      'serving.knative.dev/v1',
      'Service',
      'canary podinfo.test: targetRef serving.knative.dev/v1/Service podinfo is not supported yet; supported kinds: Deployment, DaemonSet, Service',
    ],
    [
      'apps/v1',
      'StatefulSet',
      'canary podinfo.test: targetRef apps/v1/StatefulSet podinfo is not a known kind; supported kinds: Deployment, DaemonSet, Service',
    ],
  ])('rejects %s %s instead of assuming a Deployment', (apiVersion, kind, message) => {
    const attempt = () => createTarget(canary(apiVersion, kind), deps);
    expect(attempt).toThrow(message);
    try {
      attempt();
    } catch (error) {
      expect(error).toBeInstanceOf(TargetError);
      expect((error as TargetError).code).toBe('unsupported-kind');
    }
  });
});
