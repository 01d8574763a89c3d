import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VirtualService } from '../../src/routers/istio/istio-types.js';
import { withIterations } from '../support/iteration-canaries.js';
import { OperatorHarness } from '../support/operator-harness.js';
import { virtualServiceType } from '../support/routes.js';
import { guideCanary, istioQueries } from '../support/scenario-canaries.js';

const vsRef = { ...virtualServiceType, namespace: 'test', name: 'podinfo' };

/** `primary/canary[ mirror <percent>]` of the VirtualService's single HTTP route. */
async function traffic(world: OperatorHarness): Promise<string> {
  const route = (await world.get<VirtualService>(vsRef))?.spec.http?.[0];
  const mirror = route?.mirror ? ` mirror ${route.mirrorPercentage?.value ?? 100}%` : '';
  return `${await world.routes()}${mirror}`;
}

/** Ticks through a run, recording the traffic after each tick, until Succeeded. */
async function runToSuccess(world: OperatorHarness): Promise<string[]> {
  const seen: string[] = [];
  for (let i = 0; i < 20; i++) {
    await world.tick();
    seen.push(await traffic(world));
    if ((await world.canary()).status?.phase === 'Succeeded') return seen;
  }
  throw new Error(`not Succeeded after 20 ticks: ${seen.join(', ')}`);
}

/** Canary with mirroring (§2.6 runCanary): one mirror step before the first weight. */
describe('canary with traffic mirroring (mirror, mirrorWeight)', () => {
  let world: OperatorHarness;
  let seen: string[];
  let mirrorStep: VirtualService | undefined;
  beforeAll(async () => {
    world = await OperatorHarness.start();
    world.prometheus.answer(istioQueries.successRate, 99.5).answer(istioQueries.duration, 120);
    await world.applyPodinfo();
    await world.apply(
      guideCanary({ analysis: { mirror: true, mirrorWeight: 50, stepWeight: 20, maxWeight: 40 } }),
    );
    await world.tickUntil((c) => c.status?.phase === 'Initialized');
    await world.setImage('ghcr.io/stefanprodan/podinfo:6.0.1');
    await world.tick();
    const detected = await traffic(world);
    await world.tick();
    mirrorStep = await world.get<VirtualService>(vsRef);
    seen = [detected, await traffic(world), ...(await runToSuccess(world))];
  });
  afterAll(async () => world.stop());

  it('mirrors 50 % of the primary traffic for one step, then shifts weights without mirroring', () => {
    expect(seen).toEqual([
      '100/0', // new revision detected
      '100/0 mirror 50%', // mirror step
      '80/20',
      '60/40',
      '60/40', // promotion: primary updated
      '100/0', // routing all traffic to primary
      '100/0', // finalised
    ]);
    const run = world
      .messages()
      .slice(world.messages().indexOf('Normal Initialization done! podinfo.test') + 1);
    expect(run).toEqual([
      'Normal New revision detected! Scaling up podinfo.test',
      'Normal Starting canary analysis for podinfo.test',
      // Flagger's event for the mirror step says weight 0.
      'Normal Advance podinfo.test canary weight 0',
      'Normal Advance podinfo.test canary weight 20',
      'Normal Advance podinfo.test canary weight 40',
      'Normal Copying podinfo.test template spec to podinfo-primary.test',
      'Normal Routing all traffic to primary',
      'Normal Promotion completed! Scaling down podinfo.test',
    ]);
    expect(world.logger.lines.map((l) => l.msg)).toContain('Running mirror step 100/0/true');
    expect(world.logger.lines.map((l) => l.msg)).toContain('Running mirror step 80/20/false');
  });

  it('writes the mirror and mirrorPercentage on the weighted route', () => {
    expect(mirrorStep?.spec).toMatchInlineSnapshot(`
      {
        "gateways": [
          "mesh",
        ],
        "hosts": [
          "podinfo",
        ],
        "http": [
          {
            "mirror": {
              "host": "podinfo-canary",
            },
            "mirrorPercentage": {
              "value": 50,
            },
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
  });
});

/** Blue/Green with mirroring (§2.8): mirrored during all iterations, then all traffic to the canary. */
describe('Blue/Green with traffic mirroring', () => {
  let world: OperatorHarness;
  let seen: string[];
  beforeAll(async () => {
    world = await OperatorHarness.start();
    world.prometheus.answer(istioQueries.successRate, 99.5).answer(istioQueries.duration, 120);
    await world.applyPodinfo();
    await world.apply(withIterations(guideCanary({ analysis: { mirror: true } }), 2));
    await world.tickUntil((c) => c.status?.phase === 'Initialized');
    await world.setImage('ghcr.io/stefanprodan/podinfo:6.0.1');
    seen = await runToSuccess(world);
  });
  afterAll(async () => world.stop());

  it('mirrors all requests during the iterations, then stops mirroring and routes everything to the canary', () => {
    expect(seen).toEqual([
      '100/0',
      '100/0 mirror 100%',
      '100/0 mirror 100%',
      '0/100',
      '0/100',
      '100/0',
      '100/0',
    ]);
    const run = world
      .messages()
      .slice(world.messages().indexOf('Normal Initialization done! podinfo.test') + 1);
    expect(run).toEqual([
      'Normal New revision detected! Scaling up podinfo.test',
      'Normal Starting canary analysis for podinfo.test',
      'Normal Advance podinfo.test canary iteration 1/2',
      'Normal Advance podinfo.test canary iteration 2/2',
      'Normal Stop traffic mirroring and route all traffic to canary',
      'Normal Copying podinfo.test template spec to podinfo-primary.test',
      'Normal Routing all traffic to primary',
      'Normal Promotion completed! Scaling down podinfo.test',
    ]);
    expect(world.logger.lines.filter((l) => l.msg === 'Start traffic mirroring')).toHaveLength(1);
  });
});
