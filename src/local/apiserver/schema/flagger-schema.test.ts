import { describe, expect, it } from 'vitest';
import {
  type CanaryFixture,
  flaggerExamples,
  flaggerSchema,
  linkerdCanary,
} from '../../../../test/support/flagger-fixtures.js';
import { invalid } from '../model/api-error.js';
import { type FieldError, FieldErrorType, formatFieldError } from '../model/field-error.js';
import { validateCrdSchema } from './crd-schema-validation.js';
import { compileStructuralSchema } from './structural-schema.js';

const canarySchema = compileStructuralSchema(flaggerSchema('Canary'));

/** Prune, default, validate: the order the API server applies them on a write. */
function admit(
  object: Record<string, unknown>,
  schema = canarySchema,
): { pruned: string[]; errors: FieldError[] } {
  const pruned = schema.prune(object);
  schema.applyDefaults(object);
  return { pruned, errors: schema.validate(object) };
}

function broken(mutate: (canary: CanaryFixture) => void): string[] {
  const canary = linkerdCanary();
  mutate(canary);
  return admit(canary).errors.map(formatFieldError);
}

describe('Flagger CRDs', () => {
  it.each(['Canary', 'MetricTemplate', 'AlertProvider'])('accepts the %s schema as structural', (kind) => {
    expect(validateCrdSchema(flaggerSchema(kind))).toEqual([]);
  });

  it('compiles each schema once', () => {
    expect(compileStructuralSchema(flaggerSchema('Canary'))).toBe(canarySchema);
  });
});

describe('example Canaries', () => {
  it.each(flaggerExamples())('%s validates with nothing pruned', (_file, example) => {
    expect(admit(example)).toEqual({ pruned: [], errors: [] });
  });
});

describe('broken Canaries', () => {
  it('reports a string threshold as a type error, worded like kube-apiserver', () => {
    const canary = linkerdCanary();
    canary.spec.analysis.threshold = 'five';
    const { errors } = admit(canary);
    expect(errors).toEqual([
      {
        type: FieldErrorType.TypeInvalid,
        field: 'spec.analysis.threshold',
        badValue: 'string',
        detail: 'spec.analysis.threshold in body must be of type number: "string"',
      },
    ]);
    expect(invalid({ group: 'flagger.app', kind: 'Canary' }, 'podinfo', errors).message).toBe(
      'Canary.flagger.app "podinfo" is invalid: spec.analysis.threshold: Invalid value: "string": spec.analysis.threshold in body must be of type number: "string"',
    );
  });

  it('reports integer fields with the integer type name', () => {
    expect(broken((c) => (c.spec.service.gatewayRefs = [{ name: 'gw', port: 'http' }]))).toEqual([
      'spec.service.gatewayRefs[0].port: Invalid value: "string": spec.service.gatewayRefs[0].port in body must be of type integer: "string"',
    ]);
  });

  it('requires targetRef', () => {
    expect(broken((c) => delete c.spec.targetRef)).toEqual(['spec.targetRef: Required value']);
  });

  it('explains the analysis oneOf with the first branch that came closest', () => {
    expect(broken((c) => delete c.spec.analysis.interval)).toEqual([
      '<nil>: Invalid value: "": "spec.analysis" must validate one and only one schema (oneOf). Found none valid',
      'spec.analysis.interval: Required value',
      'spec.analysis.iterations: Required value',
    ]);
  });

  it('reports two matching analysis alternatives', () => {
    expect(broken((c) => (c.spec.analysis.stepWeights = [10, 20]))).toEqual([
      '<nil>: Invalid value: "": "spec.analysis" must validate one and only one schema (oneOf). Found 2 valid alternatives',
    ]);
  });

  it('lists the supported providers', () => {
    const [message] = broken((c) => (c.spec.provider = 'envoy'));
    expect(message).toMatch(
      /^spec\.provider: Unsupported value: "envoy": supported values: "apisix", "appmesh", /,
    );
    expect(message).toMatch(
      /"linkerd", "nginx", "osm", "skipper", "smi:v1alpha1", "smi:v1alpha2", "smi:v1alpha3", "traefik"$/,
    );
  });

  it('prunes and reports unknown fields, keeping ObjectMeta fields only', () => {
    const canary = linkerdCanary();
    canary.spec.foo = 'bar';
    canary.metadata.bogus = true;
    canary.spec.analysis.metrics[0]!.extra = 1;
    const { pruned, errors } = admit(canary);
    expect(pruned).toEqual(['metadata.bogus', 'spec.analysis.metrics[0].extra', 'spec.foo']);
    expect(errors).toEqual([]);
    expect(canary.spec.foo).toBeUndefined();
    expect(canary.metadata).toEqual({ name: 'podinfo', namespace: 'test' });
  });

  it('checks patterns, bounds and date-times', () => {
    expect(
      broken((c) => {
        c.spec.analysis.interval = '1h';
        c.spec.service.gatewayRefs = [{ name: 'gw', port: 70000 }];
        c.status = { phase: 'Nope', lastTransitionTime: 'yesterday' };
      }),
    ).toEqual([
      'spec.service.gatewayRefs[0].port: Invalid value: 70000: spec.service.gatewayRefs[0].port in body should be less than or equal to 65535',
      `spec.analysis.interval: Invalid value: "1h": spec.analysis.interval in body should match '^[0-9]+(m|s)'`,
      'status.phase: Unsupported value: "Nope": supported values: "", "Initializing", "Initialized", "Waiting", "Progressing", "WaitingPromotion", "Promoting", "Finalising", "Succeeded", "Failed", "Terminating", "Terminated"',
      'status.lastTransitionTime: Invalid value: "yesterday": status.lastTransitionTime in body must be of type date-time: "yesterday"',
    ]);
    expect(broken((c) => (c.status = { lastTransitionTime: '2024-05-01T10:00:00Z' }))).toEqual([]);
  });

  it('accepts int-or-string ports and names the pair in type errors', () => {
    expect(broken((c) => (c.spec.service.targetPort = 'http'))).toEqual([]);
    expect(broken((c) => (c.spec.service.targetPort = true))).toEqual([
      'spec.service.targetPort: Invalid value: "boolean": spec.service.targetPort in body must be of type integer,string: "boolean"',
    ]);
  });

  it('applies defaults inside array items and objects', () => {
    const canary = linkerdCanary();
    canary.spec.service.gatewayRefs = [{ name: 'public' }];
    canary.spec.analysis.sessionAffinity = { cookieName: 'flagger' };
    expect(admit(canary).errors).toEqual([]);
    expect(canary.spec.service.gatewayRefs).toEqual([
      { name: 'public', group: 'gateway.networking.k8s.io', kind: 'Gateway' },
    ]);
    expect(canary.spec.analysis.sessionAffinity).toEqual({ cookieName: 'flagger', maxAge: 86400 });
  });

  it('drops non-nullable nulls before validating', () => {
    const canary = linkerdCanary();
    canary.spec.provider = null;
    expect(admit(canary).errors).toEqual([]);
    expect('provider' in canary.spec).toBe(false);
  });

  it('picks the closest header-match alternative and reports the nested path', () => {
    expect(broken((c) => (c.spec.analysis.match = [{ headers: { 'x-user': { contains: 'a' } } }]))).toEqual([
      '<nil>: Invalid value: "": "spec.analysis.match[0].headers.x-user" must validate one and only one schema (oneOf). Found none valid',
      'spec.analysis.match[0].headers.x-user.exact: Required value',
    ]);
  });
});

describe('MetricTemplate and AlertProvider', () => {
  const metricTemplate = compileStructuralSchema(flaggerSchema('MetricTemplate'));
  const alertProvider = compileStructuralSchema(flaggerSchema('AlertProvider'));
  const meta = { apiVersion: 'flagger.app/v1beta1', metadata: { name: 'x', namespace: 'test' } };

  it('validates a MetricTemplate', () => {
    const good = {
      ...meta,
      kind: 'MetricTemplate',
      spec: { provider: { type: 'prometheus', address: 'http://prom:9090' }, query: 'up' },
    };
    expect(admit(good, metricTemplate).errors).toEqual([]);
    const bad = {
      ...meta,
      kind: 'MetricTemplate',
      spec: { provider: { type: 'graphana', headers: { a: 'b' } } },
    };
    expect(admit(bad, metricTemplate).errors.map(formatFieldError)).toEqual([
      'spec.query: Required value',
      'spec.provider.type: Unsupported value: "graphana": supported values: "prometheus", "influxdb", "datadog", "externalmetrics", "stackdriver", "cloudwatch", "newrelic", "graphite", "dynatrace", "keptn", "splunk"',
      'spec.provider.headers.a: Invalid value: "string": spec.provider.headers.a in body must be of type array: "string"',
    ]);
  });

  it('validates the AlertProvider oneOf', () => {
    const spec = (s: Record<string, unknown>) => ({ ...meta, kind: 'AlertProvider', spec: s });
    expect(
      admit(spec({ type: 'slack', address: 'https://hooks.slack.com/x' }), alertProvider).errors,
    ).toEqual([]);
    expect(
      admit(spec({ type: 'slack', channel: 'general' }), alertProvider).errors.map(formatFieldError),
    ).toEqual([
      '<nil>: Invalid value: "": "spec" must validate one and only one schema (oneOf). Found none valid',
      'spec.address: Required value',
    ]);
    expect(
      admit(spec({ type: 'slack', address: 'a', secretRef: { name: 's' } }), alertProvider).errors.map(
        formatFieldError,
      ),
    ).toEqual([
      '<nil>: Invalid value: "": "spec" must validate one and only one schema (oneOf). Found 2 valid alternatives',
    ]);
  });
});
