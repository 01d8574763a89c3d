import { join } from 'node:path';
import { afterAll, beforeAll, describe } from 'vitest';
import { packageRoot } from '../../src/platform/tools.js';
import { PlaygroundSession } from '../support/playground-session.js';
import { TestGates } from '../support/test-gates.js';
import { gateCanaries, gateCases } from './gate-cases.js';
import { routingCanaries, routingCases } from './routing-cases.js';

/**
 * Issue 5's Istio features end to end on one real playground (`-mesh-provider=istio`: the API server, the
 * kubelet running podinfo and the load tester as processes, the mesh, the real Prometheus, the operator),
 * with real HTTP through the mesh. Seven canaries in seven namespaces run at once; each case holds its run
 * at a gate while it looks, so nothing depends on timing.
 */
describe.concurrent('Istio features in the playground', () => {
  let play: PlaygroundSession;
  let gates: TestGates;

  beforeAll(async () => {
    gates = await TestGates.start();
    play = await PlaygroundSession.start('istio');
    await play.kubectl('create', 'namespace', 'test');
    await play.kubectl('apply', '-k', join(packageRoot(), 'examples', 'loadtester'));
    // A hook that cannot reach the load tester yet fails like a closed gate, so the runs need not wait for it.
    await Promise.all([
      play.kubectl('-n', 'test', 'rollout', 'status', 'deployment/flagger-loadtester', '--timeout=180s'),
      ...[...routingCanaries(gates), ...gateCanaries()].map((canary) => play.startRun(canary)),
    ]);
  }, 240_000);

  afterAll(async () => {
    await play?.stop();
    await gates?.close();
  }, 120_000);

  describe('A/B, Blue/Green, mirroring and session affinity with real requests', () => {
    routingCases(() => ({ play, gates }));
  });

  describe("manual gates with Weir's load tester (examples/loadtester)", () => {
    gateCases(() => ({ play }));
  });
});
