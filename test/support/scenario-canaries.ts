import type { Canary, CanaryAnalysis, CanarySpec, CanaryWebhook } from '../../src/apis/index.js';
import { canaryType } from './operator-harness.js';

/**
 * The Canary of the SMI Istio guide for podinfo (progressDeadlineSeconds 60, interval 10s, threshold 5,
 * maxWeight 50, stepWeight 10, success rate ≥ 99 % over 1m, duration ≤ 500 ms over 30s), without its
 * load-test hook and HPA reference; `spec` and `analysis` adjust it per scenario.
 */
export function guideCanary(
  options: { spec?: Partial<CanarySpec>; analysis?: Partial<CanaryAnalysis>; namespace?: string } = {},
): Canary {
  return {
    ...canaryType,
    metadata: { name: 'podinfo', namespace: options.namespace ?? 'test' },
    spec: {
      targetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'podinfo' },
      progressDeadlineSeconds: 60,
      service: { port: 9898 },
      ...options.spec,
      analysis: {
        interval: '10s',
        threshold: 5,
        maxWeight: 50,
        stepWeight: 10,
        metrics: [
          { name: 'request-success-rate', thresholdRange: { min: 99 }, interval: '1m' },
          { name: 'request-duration', thresholdRange: { max: 500 }, interval: '30s' },
        ],
        ...options.analysis,
      },
    },
  };
}

/** Hook types of Flagger's events_test, with the names and paths it gives them (`<type>-webhook` at `/<type>`). */
export const eventsTestHookTypes = [
  'event',
  'pre-rollout',
  'rollout',
  'confirm-promotion',
  'confirm-rollout',
  'post-rollout',
  'confirm-traffic-increase',
] as const;

/** One webhook of each type in `types`, named `<type>-webhook`, POSTing to `<base>/<type>` (Flagger's events_test). */
export function hooksAt(
  base: string,
  types: readonly CanaryWebhook['type'][] = eventsTestHookTypes,
): CanaryWebhook[] {
  return types.map((type) => ({ type, name: `${type}-webhook`, url: `${base}/${type}` }));
}

/** Istio's builtin success-rate and duration queries of the guide, answered with these values by the stand-in. */
export const istioQueries = {
  successRate: /istio_requests_total/,
  duration: /istio_request_duration_milliseconds_bucket/,
} as const;
