import { describe, expect, it } from 'vitest';
import type { Canary } from '../apis/index.js';
import { alertFields } from './alert-fields.js';
import { alertReceives } from './alert-router.js';

const canary = (
  analysis: Partial<Canary['spec']['analysis']>,
  extra: Partial<Canary['spec']> = {},
): Canary => ({
  apiVersion: 'flagger.app/v1beta1',
  kind: 'Canary',
  metadata: { name: 'podinfo', namespace: 'test' },
  spec: {
    targetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'podinfo' },
    analysis: { interval: '1m', threshold: 10, ...analysis },
    ...extra,
  },
});

describe('alertFields', () => {
  it("adds Flagger's metadata fields after the cluster name", () => {
    expect(
      alertFields(canary({ stepWeight: 5, maxWeight: 50 }, { progressDeadlineSeconds: 60 }), {
        withMetadata: true,
        clusterName: 'prod-eu',
      }),
    ).toEqual([
      { name: 'Cluster', value: 'prod-eu' },
      { name: 'Target', value: 'Deployment/podinfo.test' },
      { name: 'Failed checks threshold', value: '10' },
      { name: 'Progress deadline', value: '60s' },
      { name: 'Traffic routing', value: 'Weight step: 5 max: 50' },
    ]);
  });

  it('describes each strategy, with defaults for deadline, threshold and max weight', () => {
    const routing = (c: Canary) =>
      alertFields(c, { withMetadata: true }).find((f) => f.name === 'Traffic routing')?.value;
    expect(routing(canary({ stepWeights: [1, 2, 10, 80] }))).toBe('Weight steps: 1,2,10,80 max: 80');
    expect(routing(canary({ stepWeight: 20 }))).toBe('Weight step: 20 max: 100');
    expect(routing(canary({ iterations: 10, match: [{ headers: { x: { exact: 'y' } } }] }))).toBe(
      'A/B Testing',
    );
    expect(routing(canary({ iterations: 10 }))).toBe('Blue/Green');
    expect(routing(canary({}))).toBeUndefined();
    const defaults = alertFields(canary({ threshold: 0 }), { withMetadata: true });
    expect(defaults).toContainEqual({ name: 'Progress deadline', value: '600s' });
    expect(defaults).toContainEqual({ name: 'Failed checks threshold', value: '1' });
  });

  it('is only the cluster name (or nothing) without metadata', () => {
    expect(alertFields(canary({ stepWeight: 5 }), { withMetadata: false })).toEqual([]);
    expect(alertFields(canary({}), { withMetadata: false, clusterName: 'c' })).toEqual([
      { name: 'Cluster', value: 'c' },
    ]);
  });
});

describe('alertReceives', () => {
  it('sends info to info alerts only, warn to info and warn, error to all; empty severity means info', () => {
    const table = (['', 'info', 'warn', 'error'] as const).map((alert) => [
      alert,
      (['info', 'warn', 'error'] as const).filter((severity) => alertReceives(alert, severity)),
    ]);
    expect(table).toEqual([
      ['', ['info', 'warn', 'error']],
      ['info', ['info', 'warn', 'error']],
      ['warn', ['warn', 'error']],
      ['error', ['error']],
    ]);
  });
});
