import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CanaryStatus } from '../../src/apis/index.js';
import type { VirtualService } from '../../src/routers/istio/istio-types.js';
import { OperatorHarness } from '../support/operator-harness.js';
import { virtualServiceType } from '../support/routes.js';
import { guideCanary, istioQueries } from '../support/scenario-canaries.js';

const vsRef = { ...virtualServiceType, namespace: 'test', name: 'podinfo' };

/** The VirtualService spec with the generated cookie values replaced by their status field names. */
async function vsSpec(world: OperatorHarness, status: CanaryStatus | undefined): Promise<unknown> {
  let text = JSON.stringify((await world.get<VirtualService>(vsRef))?.spec);
  for (const field of [
    'sessionAffinityCookie',
    'primarySessionAffinityCookie',
    'previousSessionAffinityCookie',
  ] as const) {
    const value = status?.[field]?.split('=')[1];
    if (value) text = text.replaceAll(value, `<${field}>`);
  }
  return JSON.parse(text);
}

/** `<primary>/<canary>` weights of the weighted (last) HTTP route. */
async function weighted(world: OperatorHarness): Promise<string> {
  const route = (await world.get<VirtualService>(vsRef))?.spec.http?.at(-1)?.route ?? [];
  return route.map((d) => d.weight).join('/');
}

/**
 * Session affinity on Istio (§3.2, Flagger's test-session-affinity.sh): cookies generated once and kept in
 * the status — written by the tick that generates them (Flagger: a later write, §9.3 #19) — sticky rules,
 * and the canary cookie deleted from clients once the promotion routes all traffic to the primary.
 */
describe('session affinity (cookieName, primaryCookieName)', () => {
  let world: OperatorHarness;
  let first: CanaryStatus | undefined;
  beforeAll(async () => {
    world = await OperatorHarness.start();
    world.prometheus.answer(istioQueries.successRate, 99.5).answer(istioQueries.duration, 120);
    await world.applyPodinfo();
    await world.apply(
      guideCanary({
        spec: { service: { port: 9898, match: [{ uri: { prefix: '/' } }] } },
        analysis: {
          maxWeight: 30,
          sessionAffinity: {
            cookieName: 'canary-flagger-cookie',
            primaryCookieName: 'primary-flagger-cookie',
            maxAge: 21600,
          },
        },
      }),
    );
    await world.tickUntil((c) => c.status?.phase === 'Initialized');
    await world.setImage('ghcr.io/stefanprodan/podinfo:6.0.1');
    await world.tickUntil((c) => c.status?.canaryWeight === 10);
    first = (await world.canary()).status;
  });
  afterAll(async () => world.stop());

  it('keeps both cookies in the status from the tick that first routes traffic to the canary', () => {
    expect(world.messages().at(-1)).toBe('Normal Advance podinfo.test canary weight 10');
    expect(first?.sessionAffinityCookie).toMatch(/^canary-flagger-cookie=[a-zA-Z]{10}$/);
    expect(first?.primarySessionAffinityCookie).toMatch(/^primary-flagger-cookie=[a-zA-Z]{10}$/);
    expect(first?.previousSessionAffinityCookie).toBeUndefined();
    expect(Math.max(...world.statusWritesPerTick)).toBe(1);
  });

  it('routes the cookie holders to their version and sets the cookies on weighted responses', async () => {
    expect(await vsSpec(world, first)).toMatchInlineSnapshot(`
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
                  "Cookie": {
                    "regex": ".*canary-flagger-cookie.*<sessionAffinityCookie>.*",
                  },
                },
                "uri": {
                  "prefix": "/",
                },
              },
            ],
            "name": "sticky-route",
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
                "headers": {
                  "Cookie": {
                    "regex": ".*primary-flagger-cookie.*<primarySessionAffinityCookie>.*",
                  },
                },
                "uri": {
                  "prefix": "/",
                },
              },
            ],
            "name": "sticky-route-primary",
            "route": [
              {
                "destination": {
                  "host": "podinfo-primary",
                },
                "weight": 100,
              },
              {
                "destination": {
                  "host": "podinfo-canary",
                },
                "weight": 0,
              },
            ],
          },
          {
            "match": [
              {
                "uri": {
                  "prefix": "/",
                },
              },
            ],
            "route": [
              {
                "destination": {
                  "host": "podinfo-primary",
                },
                "headers": {
                  "response": {
                    "add": {
                      "Set-Cookie": "primary-flagger-cookie=<primarySessionAffinityCookie>; Max-Age=10",
                    },
                  },
                },
                "weight": 90,
              },
              {
                "destination": {
                  "host": "podinfo-canary",
                },
                "headers": {
                  "response": {
                    "add": {
                      "Set-Cookie": "canary-flagger-cookie=<sessionAffinityCookie>; Max-Age=21600",
                    },
                  },
                },
                "weight": 10,
              },
            ],
          },
        ],
      }
    `);
  });

  it('keeps the same cookies while the weight grows', async () => {
    await world.tickUntil((c) => c.status?.canaryWeight === 30);
    const status = (await world.canary()).status;
    expect(status?.sessionAffinityCookie).toBe(first?.sessionAffinityCookie);
    expect(status?.primarySessionAffinityCookie).toBe(first?.primarySessionAffinityCookie);
    expect(await weighted(world)).toBe('70/30');
  });

  it('after promotion, expires the canary cookie from the clients that still send it', async () => {
    await world.tickUntil((c) => c.status?.phase === 'Succeeded');
    const status = (await world.canary()).status;
    expect(status?.sessionAffinityCookie).toBeUndefined();
    expect(status?.previousSessionAffinityCookie).toBe(first?.sessionAffinityCookie);
    expect(status?.primarySessionAffinityCookie).toBe(first?.primarySessionAffinityCookie);
    expect(await vsSpec(world, status)).toMatchInlineSnapshot(`
      {
        "gateways": [
          "mesh",
        ],
        "hosts": [
          "podinfo",
        ],
        "http": [
          {
            "headers": {
              "response": {
                "add": {
                  "Set-Cookie": "canary-flagger-cookie=<previousSessionAffinityCookie>; Max-Age=-1",
                },
              },
            },
            "match": [
              {
                "headers": {
                  "Cookie": {
                    "regex": ".*canary-flagger-cookie.*<previousSessionAffinityCookie>.*",
                  },
                },
                "uri": {
                  "prefix": "/",
                },
              },
            ],
            "name": "sticky-route",
            "route": [
              {
                "destination": {
                  "host": "podinfo-primary",
                },
                "weight": 100,
              },
              {
                "destination": {
                  "host": "podinfo-canary",
                },
                "weight": 0,
              },
            ],
          },
          {
            "match": [
              {
                "uri": {
                  "prefix": "/",
                },
              },
            ],
            "route": [
              {
                "destination": {
                  "host": "podinfo-primary",
                },
                "weight": 100,
              },
              {
                "destination": {
                  "host": "podinfo-canary",
                },
                "weight": 0,
              },
            ],
          },
        ],
      }
    `);
    expect(await world.image('podinfo-primary')).toBe('ghcr.io/stefanprodan/podinfo:6.0.1');
  });

  it('gives the next run a new canary cookie', async () => {
    await world.setImage('ghcr.io/stefanprodan/podinfo:6.0.2');
    await world.tickUntil((c) => c.status?.canaryWeight === 10);
    const status = (await world.canary()).status;
    expect(status?.sessionAffinityCookie).toMatch(/^canary-flagger-cookie=[a-zA-Z]{10}$/);
    expect(status?.sessionAffinityCookie).not.toBe(first?.sessionAffinityCookie);
    expect(status?.previousSessionAffinityCookie).toBe(first?.sessionAffinityCookie);
    const names = (await world.get<VirtualService>(vsRef))?.spec.http?.map((r) => r.name ?? 'weighted');
    expect(names).toEqual(['sticky-route', 'sticky-route-primary', 'weighted']);
  });
});
