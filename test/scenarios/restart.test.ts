import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isClientClosed } from '../../src/kube/kube-errors.js';
import { KillableClient, type KillPlan } from '../support/killable-client.js';
import { OperatorHarness } from '../support/operator-harness.js';
import { guideCanary, istioQueries } from '../support/scenario-canaries.js';
import { seededRandom } from '../support/seeded-random.js';
import { TrafficInvariant } from '../support/traffic-invariant.js';

const seeds = Array.from({ length: 20 }, (_, i) => i + 1);
const v1 = 'ghcr.io/stefanprodan/podinfo:6.0.0';
const v2 = 'ghcr.io/stefanprodan/podinfo:6.0.1';

/** What one run ended with. */
interface RunResult {
  phase: string | undefined;
  primaryImage: string | undefined;
  primaryGeneration: number | undefined;
  routes: string;
  canaryReplicas: number | undefined;
  /** Counted writes of the first operator (all of them when it was never killed). */
  writes: number;
  killed: boolean;
  /** Requests the killed operator attempted after dying, other than background Event writes. */
  afterDeath: string[];
  violations: string[];
}

/**
 * The guide's release in its own namespace: initialize, `kubectl set image`, tick until the run ends.
 * The first operator dies at `plan`'s write; a fresh one (new cache, new parts) takes over. The traffic
 * invariant is checked against the API server after every write of either operator and of the kubelet.
 */
async function release(world: OperatorHarness, namespace: string, plan: KillPlan): Promise<RunResult> {
  const run = await OperatorHarness.sibling(world, { namespace });
  const invariant = new TrafficInvariant(run.raw, namespace, 'podinfo');
  const afterWrite = (w: { verb: string; kind: string; name: string }) =>
    invariant.check(`${w.verb} ${w.kind}/${w.name}`);
  run.afterSettle = (names) => invariant.check(`kubelet status of ${names.join(', ')}`);
  let first: KillableClient | undefined;
  await run.startOperator((client) => {
    first = new KillableClient(client, { ...plan, afterWrite });
    return first;
  });
  await run.applyPodinfo();
  await run.apply(guideCanary({ namespace }));
  let imageSet = false;
  let restarted = false;
  for (let i = 0; i < 40; i++) {
    try {
      await run.tick();
    } catch (error) {
      // The tick ends with the call that killed it (wrapped by a router, perhaps).
      if (!isClientClosed(error)) throw error;
    }
    if (first?.killed && !restarted) {
      restarted = true;
      await run.startOperator((client) => new KillableClient(client, { afterWrite }));
      continue;
    }
    const phase = (await run.canary()).status?.phase;
    if (!imageSet && phase === 'Initialized') {
      await run.setImage(v2);
      imageSet = true;
    } else if (imageSet && (phase === 'Succeeded' || phase === 'Failed')) break;
  }
  const primary = await run.deployment('podinfo-primary');
  const result: RunResult = {
    phase: (await run.canary()).status?.phase,
    primaryImage: primary.spec.template.spec.containers[0]?.image,
    primaryGeneration: primary.metadata.generation,
    routes: await run.routes(),
    canaryReplicas: (await run.deployment('podinfo')).spec.replicas,
    writes: first?.writes ?? 0,
    killed: first?.killed ?? false,
    afterDeath: (first?.afterDeath ?? []).filter((call) => !call.includes(' Event/')),
    violations: invariant.violations,
  };
  await run.stop();
  return result;
}

/** Kill points for the seeds: a write in 1..writes, and whether it lands before the crash. */
function planFor(seed: number, writes: number): KillPlan {
  const random = seededRandom(seed);
  return { at: 1 + Math.floor(random() * writes), mode: random() < 0.5 ? 'before' : 'after' };
}

for (const [kind, successRate, expected] of [
  ['promotion', 99.5, { phase: 'Succeeded', primaryImage: v2 }],
  ['rollback', 69.17, { phase: 'Failed', primaryImage: v1 }],
] as const) {
  describe(`restart at a random write of a ${kind}`, () => {
    let world: OperatorHarness;
    let reference: RunResult;
    beforeAll(async () => {
      world = await OperatorHarness.start();
      world.prometheus.answer(istioQueries.successRate, successRate).answer(istioQueries.duration, 120);
      reference = await release(world, `${kind}-reference`, {});
    });
    afterAll(async () => world.stop());

    it('runs without a crash as expected (the reference for the seeds)', () => {
      expect(reference).toMatchObject({
        ...expected,
        routes: '100/0',
        canaryReplicas: 0,
        killed: false,
        violations: [],
      });
      expect(reference.writes).toBeGreaterThan(10);
    });

    it.each(seeds)(
      'seed %i: the next operator finishes the run, never routing to a workload without ready pods',
      async (seed) => {
        const plan = planFor(seed, reference.writes);
        const result = await release(world, `${kind}-${seed}`, plan);
        const context = `seed ${seed} (${kind}, killed at write ${plan.at} of ${reference.writes}, ${plan.mode} it landed)`;
        expect(result.killed, context).toBe(true);
        expect(result.afterDeath, `${context}: the dead operator's tick went on`).toEqual([]);
        expect(result.violations, context).toEqual([]);
        expect(
          {
            phase: result.phase,
            primaryImage: result.primaryImage,
            primaryGeneration: result.primaryGeneration,
            routes: result.routes,
            canaryReplicas: result.canaryReplicas,
          },
          context,
        ).toEqual({
          ...expected,
          // The same number of primary rollouts as without a crash: no double promotion.
          primaryGeneration: reference.primaryGeneration,
          routes: '100/0',
          canaryReplicas: 0,
        });
      },
    );
  });
}
