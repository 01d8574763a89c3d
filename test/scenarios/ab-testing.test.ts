import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VirtualService } from '../../src/routers/istio/istio-types.js';
import { withIterations } from '../support/iteration-canaries.js';
import { OperatorHarness } from '../support/operator-harness.js';
import { virtualServiceType } from '../support/routes.js';
import { guideCanary, istioQueries } from '../support/scenario-canaries.js';

const vsRef = { ...virtualServiceType, namespace: 'test', name: 'podinfo' };

/**
 * A/B testing on Istio (§2.8 runAB, §3.2): `iterations` with `analysis.match` on a header, a cookie and a
 * query parameter. Each iteration routes the matched requests 0/100 and counts; then promotion.
 */
describe('A/B testing on Istio (iterations + match)', () => {
  let world: OperatorHarness;
  beforeAll(async () => {
    world = await OperatorHarness.start();
    world.prometheus.answer(istioQueries.successRate, 99.5).answer(istioQueries.duration, 120);
    await world.applyPodinfo();
    await world.apply(
      withIterations(
        guideCanary({
          spec: { service: { port: 9898, match: [{ uri: { prefix: '/' } }] } },
          analysis: {
            match: [
              { headers: { 'x-canary': { exact: 'insider' } } },
              { headers: { cookie: { regex: '^(.*?;)?(canary=always)(;.*)?$' } } },
              { queryParams: { canary: { exact: 'true' } } },
            ],
          },
        }),
        10,
      ),
    );
    await world.tickUntil((c) => c.status?.phase === 'Initialized');
    await world.setImage('ghcr.io/stefanprodan/podinfo:6.0.1');
    await world.tickUntil((c) => c.status?.phase === 'Succeeded', 20);
  });
  afterAll(async () => world.stop());

  it("runs ten iterations, then promotes, with Flagger's events", () => {
    const run = world
      .messages()
      .slice(world.messages().indexOf('Normal Initialization done! podinfo.test') + 1);
    expect(run).toEqual([
      'Normal New revision detected! Scaling up podinfo.test',
      'Normal Starting canary analysis for podinfo.test',
      'Normal Advance podinfo.test canary iteration 1/10',
      ...Array.from({ length: 9 }, (_, i) => `Normal Advance podinfo.test canary iteration ${i + 2}/10`),
      'Normal Copying podinfo.test template spec to podinfo-primary.test',
      'Normal Routing all traffic to primary',
      'Normal Promotion completed! Scaling down podinfo.test',
    ]);
  });

  it('ends with the primary promoted and all traffic on it', async () => {
    expect(await world.image('podinfo-primary')).toBe('ghcr.io/stefanprodan/podinfo:6.0.1');
    expect((await world.canary()).status).toMatchObject({
      phase: 'Succeeded',
      iterations: 0,
      canaryWeight: 0,
    });
    const vs = await world.get<VirtualService>(vsRef);
    expect(vs?.spec.http?.map((r) => r.route?.map((d) => d.weight))).toEqual([[100, 0], [100]]);
  });
});

describe('A/B testing: the VirtualService during the iterations', () => {
  let world: OperatorHarness;
  beforeAll(async () => {
    world = await OperatorHarness.start();
    world.prometheus.answer(istioQueries.successRate, 99.5).answer(istioQueries.duration, 120);
    await world.applyPodinfo();
    await world.apply(
      withIterations(
        guideCanary({
          spec: { service: { port: 9898, match: [{ uri: { prefix: '/api' } }, { uri: { prefix: '/ui' } }] } },
          analysis: {
            match: [
              { headers: { 'x-canary': { exact: 'insider' } } },
              { queryParams: { canary: { exact: 'true' } } },
            ],
          },
        }),
        3,
      ),
    );
    await world.tickUntil((c) => c.status?.phase === 'Initialized');
    await world.setImage('ghcr.io/stefanprodan/podinfo:6.0.1');
    await world.tickUntil((c) => (c.status?.iterations ?? 0) === 1);
  });
  afterAll(async () => world.stop());

  it('sends the matched requests (each A/B condition × each service match) to the canary, 0/100', async () => {
    expect(world.messages().at(-1)).toBe('Normal Advance podinfo.test canary iteration 1/3');
    const vs = await world.get<VirtualService>(vsRef);
    expect(vs?.spec).toMatchInlineSnapshot(`
      {
        "gateways": [
          "mesh",
        ],
        "hosts": [
          "podinfo",
        ],
        "http": [
          {
            "match": [
              {
                "headers": {
                  "x-canary": {
                    "exact": "insider",
                  },
                },
                "uri": {
                  "prefix": "/api",
                },
              },
              {
                "headers": {
                  "x-canary": {
                    "exact": "insider",
                  },
                },
                "uri": {
                  "prefix": "/ui",
                },
              },
              {
                "queryParams": {
                  "canary": {
                    "exact": "true",
                  },
                },
                "uri": {
                  "prefix": "/api",
                },
              },
              {
                "queryParams": {
                  "canary": {
                    "exact": "true",
                  },
                },
                "uri": {
                  "prefix": "/ui",
                },
              },
            ],
            "route": [
              {
                "destination": {
                  "host": "podinfo-primary",
                },
                "weight": 0,
              },
              {
                "destination": {
                  "host": "podinfo-canary",
                },
                "weight": 100,
              },
            ],
          },
          {
            "match": [
              {
                "uri": {
                  "prefix": "/api",
                },
              },
              {
                "uri": {
                  "prefix": "/ui",
                },
              },
            ],
            "route": [
              {
                "destination": {
                  "host": "podinfo-primary",
                },
                "weight": 0,
              },
            ],
          },
        ],
      }
    `);
    expect(await world.routes()).toBe('0/100');
    expect((await world.canary()).status).toMatchObject({
      phase: 'Progressing',
      iterations: 1,
      canaryWeight: 0,
    });
  });
});
