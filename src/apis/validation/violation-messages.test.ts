import { describe, expect, it } from 'vitest';
import { type CanaryFixture, linkerdCanary } from '../../../test/support/flagger-fixtures.js';
import { parseCanary } from '../flagger/v1beta1/parse.js';
import type { FieldViolation } from './field-violation.js';

// The wording of violations, driven through parseCanary with the upstream linkerd example as the base.
function broken(mutate: (canary: CanaryFixture) => void): FieldViolation[] {
  const canary = linkerdCanary();
  mutate(canary);
  const result = parseCanary(canary);
  return result.ok ? [] : result.errors;
}

describe('oneOf alternatives are explained in one sentence', () => {
  const analysis =
    'spec.analysis must set interval, threshold and exactly one of iterations, stepWeight, stepWeights';

  it.each([
    [
      'a missing interval',
      (c: CanaryFixture) => delete c.spec.analysis.interval,
      `${analysis}; interval is missing`,
    ],
    [
      'no traffic steps',
      (c: CanaryFixture) => delete c.spec.analysis.stepWeight,
      `${analysis}; none of them is set`,
    ],
    [
      'two kinds of traffic steps',
      (c: CanaryFixture) => (c.spec.analysis.stepWeights = [10, 20]),
      `${analysis}; stepWeight and stepWeights are both set`,
    ],
  ])('%s', (_name, mutate, message) => {
    expect(broken(mutate)).toEqual([{ field: 'spec.analysis', message }]);
  });

  it('says "at most one" for Istio string matches and names the nested field', () => {
    expect(broken((c) => (c.spec.service.match = [{ uri: { exact: '/', prefix: '/a' } }]))).toEqual([
      {
        field: 'spec.service.match[0].uri',
        message:
          'spec.service.match[0].uri must set at most one of exact, prefix, regex; exact and prefix are both set',
      },
    ]);
    expect(broken((c) => (c.spec.analysis.match = [{ headers: { 'x-user': { contains: 'a' } } }]))).toEqual([
      {
        field: 'spec.analysis.match[0].headers.x-user',
        message:
          'spec.analysis.match[0].headers.x-user must set exactly one of exact, prefix, suffix, regex; none of them is set',
      },
    ]);
  });

  it('reports inside the one alternative that was chosen', () => {
    expect(broken((c) => (c.spec.service.trafficPolicy = { loadBalancer: { consistentHash: {} } }))).toEqual([
      {
        field: 'spec.service.trafficPolicy.loadBalancer.consistentHash',
        message:
          'spec.service.trafficPolicy.loadBalancer.consistentHash must set exactly one of httpHeaderName, httpCookie, useSourceIp, httpQueryParameterName; none of them is set',
      },
    ]);
  });

  it('gives a value of the wrong type only the type complaint', () => {
    expect(broken((c) => ((c.spec as Record<string, unknown>).analysis = 'canary'))).toEqual([
      { field: 'spec.analysis', message: 'spec.analysis must be an object; got the string "canary"' },
    ]);
    expect(broken((c) => (c.spec.provider = null))).toEqual([
      { field: 'spec.provider', message: 'spec.provider must be a string; got null' },
    ]);
  });
});

describe('Kubernetes types and formats', () => {
  it('accepts a port number or name as targetPort, nothing else', () => {
    expect(broken((c) => (c.spec.service.targetPort = 'http'))).toEqual([]);
    expect(broken((c) => (c.spec.service.targetPort = 1.5))).toEqual([
      {
        field: 'spec.service.targetPort',
        message: 'spec.service.targetPort must be an integer or a string (a port number or name); got 1.5',
      },
    ]);
  });

  it('checks status phases, date-times and conditions', () => {
    const errors = broken((c) => {
      c.status = { phase: 'Nope', lastTransitionTime: 'yesterday', conditions: [{ type: 'Promoted' }] };
    });
    expect(errors.map((e) => e.field)).toEqual([
      'status.phase',
      'status.lastTransitionTime',
      'status.conditions[0].reason',
      'status.conditions[0].status',
    ]);
    expect(errors[1]!.message).toBe(
      'status.lastTransitionTime must be an RFC 3339 date-time such as 2024-05-01T10:00:00Z; got the string "yesterday"',
    );
    expect(
      broken((c) => (c.status = { phase: 'Succeeded', lastTransitionTime: '2024-05-01T10:00:00Z' })),
    ).toEqual([]);
  });

  it('checks the Gateway API bounds and ignores formats the API server ignores', () => {
    expect(broken((c) => (c.spec.service.gatewayRefs = [{ name: 'gw', port: 70000 }, { name: '' }]))).toEqual(
      [
        {
          field: 'spec.service.gatewayRefs[0].port',
          message: 'spec.service.gatewayRefs[0].port must be at most 65535; got 70000',
        },
        {
          field: 'spec.service.gatewayRefs[1].name',
          message: 'spec.service.gatewayRefs[1].name must be at least 1 character long; got 0 characters',
        },
      ],
    );
    expect(broken((c) => ((c.spec.analysis.webhooks as { url: string }[])[0]!.url = 'not a url'))).toEqual(
      [],
    );
  });
});
