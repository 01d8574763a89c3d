import { describe, expect, expectTypeOf, it } from 'vitest';
import { type CanaryFixture, linkerdCanary } from '../../../../test/support/flagger-fixtures.js';
import type { KubeObject } from '../../../kube/kube-object.js';
import { compileStructuralSchema } from '../../../local/apiserver/schema/index.js';
import { crdSchema } from '../../crds.js';
import type { FieldViolation } from '../../validation/field-violation.js';
import { AlertProviderSchema } from './alert-provider.js';
import { type Canary, CanarySchema } from './canary.js';
import { CanaryPhases } from './canary-status.js';
import { WebhookTypes } from './canary-webhook.js';
import { MetricTemplateSchema } from './metric-template.js';
import { parseAlertProvider, parseCanary, parseMetricTemplate } from './parse.js';

const apiServer = compileStructuralSchema(crdSchema(CanarySchema));

function errorsOf(result: { ok: true } | { ok: false; errors: FieldViolation[] }): FieldViolation[] {
  return result.ok ? [] : result.errors;
}

function broken(mutate: (canary: CanaryFixture) => void): FieldViolation[] {
  const canary = linkerdCanary();
  mutate(canary);
  return errorsOf(parseCanary(canary));
}

/** The fields the local API server (validating against the same generated CRD) complains about. */
function apiServerFields(mutate: (canary: CanaryFixture) => void): string[] {
  const canary = linkerdCanary();
  mutate(canary);
  apiServer.prune(canary);
  apiServer.applyDefaults(canary);
  return apiServer.validate(canary).map((e) => e.field);
}

describe('parseCanary', () => {
  it('returns the value itself, typed, neither copied nor defaulted', () => {
    const canary = linkerdCanary();
    canary.spec.analysis.sessionAffinity = { cookieName: 'canary' };
    const result = parseCanary(canary);
    expect(result.ok && result.canary).toBe(canary);
    expect(result.ok && result.canary.spec.analysis.sessionAffinity).toEqual({ cookieName: 'canary' });
  });

  it('requires the envelope code relies on', () => {
    expect(errorsOf(parseCanary({}))).toEqual([
      { field: 'apiVersion', message: 'apiVersion is required' },
      { field: 'kind', message: 'kind is required' },
      { field: 'metadata', message: 'metadata is required' },
      { field: 'spec', message: 'spec is required' },
    ]);
    expect(errorsOf(parseCanary('podinfo'))).toEqual([
      { field: '', message: 'the value must be an object; got the string "podinfo"' },
    ]);
  });
});

describe('broken Canaries are refused with the field named, as the API server names it', () => {
  const cases: [string, (c: CanaryFixture) => void, FieldViolation[]][] = [
    [
      'a threshold that is not a number',
      (c) => (c.spec.analysis.threshold = 'five'),
      [
        {
          field: 'spec.analysis.threshold',
          message: 'spec.analysis.threshold must be a number; got the string "five"',
        },
      ],
    ],
    [
      'a missing targetRef',
      (c) => delete c.spec.targetRef,
      [{ field: 'spec.targetRef', message: 'spec.targetRef is required' }],
    ],
    [
      'an unknown provider',
      (c) => (c.spec.provider = 'envoy'),
      [
        {
          field: 'spec.provider',
          message:
            'spec.provider must be one of "apisix", "appmesh", "appmesh:v1beta2", "contour", "gatewayapi:v1", ' +
            '"gatewayapi:v1beta1", "gloo", "istio", "knative", "kubernetes", "kuma", "linkerd", "nginx", "osm", ' +
            '"skipper", "smi:v1alpha1", "smi:v1alpha2", "smi:v1alpha3", "traefik"; got the string "envoy"',
        },
      ],
    ],
    [
      'an interval in an unknown unit',
      (c) => (c.spec.analysis.interval = '10x'),
      [
        {
          field: 'spec.analysis.interval',
          message:
            'spec.analysis.interval must match ^[0-9]+(m|s) (a whole number of seconds or minutes such as 30s or 5m); got the string "10x"',
        },
      ],
    ],
  ];

  it.each(cases)('%s', (_name, mutate, expected) => {
    expect(broken(mutate)).toEqual(expected);
    expect(apiServerFields(mutate)).toEqual(expected.map((e) => e.field));
  });

  it('collects every violation in one pass', () => {
    const errors = broken((c) => {
      c.spec.analysis.metrics[0] = { interval: '1h', thresholdRange: { min: '99' } };
      c.spec.analysis.webhooks = [{ name: 'gate', type: 'pre', url: 'http://x/' }];
    });
    expect(errors.map((e) => e.field)).toEqual([
      'spec.analysis.metrics[0].name',
      'spec.analysis.metrics[0].interval',
      'spec.analysis.metrics[0].thresholdRange.min',
      'spec.analysis.webhooks[0].type',
    ]);
    expect(errors[3]!.message).toMatch(
      /^spec\.analysis\.webhooks\[0\]\.type must be one of "", "confirm-rollout", /,
    );
  });
});

describe('parseMetricTemplate and parseAlertProvider', () => {
  const envelope = { apiVersion: 'flagger.app/v1beta1', metadata: { name: 'x', namespace: 'test' } };

  it('accepts a MetricTemplate and names what is wrong with a broken one', () => {
    const good = {
      ...envelope,
      kind: 'MetricTemplate',
      spec: { provider: { type: 'prometheus' }, query: 'up' },
    };
    expect(parseMetricTemplate(good)).toEqual({ ok: true, metricTemplate: good });
    const bad = {
      ...envelope,
      kind: 'MetricTemplate',
      spec: { provider: { type: 'graphana', headers: { a: 'b' } } },
    };
    expect(errorsOf(parseMetricTemplate(bad)).map((e) => e.field)).toEqual([
      'spec.query',
      'spec.provider.type',
      'spec.provider.headers.a',
    ]);
  });

  it('explains the AlertProvider address-or-secret choice', () => {
    const spec = (s: Record<string, unknown>) => ({ ...envelope, kind: 'AlertProvider', spec: s });
    const good = spec({ type: 'slack', secretRef: { name: 'slack-url' } });
    expect(parseAlertProvider(good)).toEqual({ ok: true, alertProvider: good });
    const choice = 'spec must set type and exactly one of address, secretRef';
    expect(errorsOf(parseAlertProvider(spec({ type: 'slack', channel: 'general' })))).toEqual([
      { field: 'spec', message: `${choice}; none of them is set` },
    ]);
    expect(errorsOf(parseAlertProvider(spec({ address: 'https://x', secretRef: { name: 's' } })))).toEqual([
      { field: 'spec', message: `${choice}; type is missing; address and secretRef are both set` },
    ]);
  });

  it('validates with the same schemas the CRDs are generated from', () => {
    expect(MetricTemplateSchema.properties.spec.required).toEqual(['provider', 'query']);
    expect(AlertProviderSchema.properties.spec.oneOf).toHaveLength(2);
  });
});

describe('types', () => {
  it('make a Canary a KubeObject and keep the vocabularies closed', () => {
    expectTypeOf<Canary>().toExtend<KubeObject>();
    expectTypeOf<Canary['spec']['analysis']['threshold']>().toEqualTypeOf<number>();
    expect(CanaryPhases).toHaveLength(12);
    expect(WebhookTypes).toContain('confirm-traffic-increase');
  });
});
