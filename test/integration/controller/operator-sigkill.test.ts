import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Deployment } from '../../../src/kube/api/apps-v1.js';
import type { KubeObject } from '../../../src/kube/kube-object.js';
import { eventually } from '../../support/eventually.js';
import { LiveWorld } from '../../support/live-world.js';
import { guideCanary } from '../../support/scenario-canaries.js';
import { spawnWeir, type WeirProcess } from '../../support/weir-process.js';

const newImage = 'ghcr.io/stefanprodan/podinfo:6.0.1';

interface VirtualService extends KubeObject {
  spec: { http: { route: { destination: { host: string }; weight?: number }[] }[] };
}

/** The VirtualService's weights as `host → weight`. */
async function weights(world: LiveWorld): Promise<Record<string, number | undefined>> {
  const vs = await world.raw.get<VirtualService>({
    apiVersion: 'networking.istio.io/v1beta1',
    kind: 'VirtualService',
    namespace: 'test',
    name: 'podinfo',
  });
  const route = vs?.spec.http[0]?.route ?? [];
  return Object.fromEntries(route.map((r) => [r.destination.host, r.weight]));
}

/**
 * `weir operator` as a real process, killed with SIGKILL in the middle of a canary run: no shutdown code
 * runs, so all it knew is what it had written. The next process resumes the run from the Canary's status
 * (no new revision, no restart from weight 0) and finishes the promotion.
 */
describe('weir operator killed with SIGKILL mid-analysis', () => {
  let world: LiveWorld;
  let first: WeirProcess;
  let second: WeirProcess | undefined;
  const start = () => spawnWeir(['operator', ...world.flags('-min-analysis-interval=1s')]);

  beforeAll(async () => {
    world = await LiveWorld.start();
    await world.raw.create(guideCanary({ analysis: { interval: '1s', maxWeight: 50, stepWeight: 10 } }));
    first = start();
    await eventually(async () => expect((await world.canary()).status?.phase).toBe('Initialized'), 30_000);
  }, 60_000);
  afterAll(async () => {
    await first?.stop('SIGKILL');
    await second?.stop();
    await world.stop();
  });

  it('the next process resumes the run where the status left it and promotes', async () => {
    await world.setImage(newImage);
    const killedAt = await eventually(async () => {
      const status = (await world.canary()).status;
      expect(status?.phase).toBe('Progressing');
      expect(status?.canaryWeight ?? 0).toBeGreaterThanOrEqual(20);
      return status?.canaryWeight ?? 0;
    }, 30_000);
    const exit = await first.stop('SIGKILL');
    expect(exit.signal).toBe('SIGKILL');
    const firstMessages = first.logs().map((l) => l.msg);
    expect(firstMessages).toContain('New revision detected! Scaling up podinfo.test');

    const resumedFrom = (await world.canary()).status;
    expect(resumedFrom?.phase).toBe('Progressing');
    expect(resumedFrom?.canaryWeight).toBeGreaterThanOrEqual(killedAt);

    second = start();
    await eventually(async () => expect((await world.canary()).status?.phase).toBe('Succeeded'), 60_000);
    const messages = second.logs().map((l) => l.msg ?? '');
    // Resumed, not restarted: no new revision, and the first weight it set is above where the run was.
    expect(messages).not.toContain('New revision detected! Scaling up podinfo.test');
    expect(messages.some((m) => m.startsWith('New revision detected!'))).toBe(false);
    const resumedWeight = resumedFrom?.canaryWeight ?? 0;
    if (resumedWeight < 50) {
      const firstAdvance = messages.find((m) => m.startsWith('Advance podinfo.test canary weight'));
      expect(Number(firstAdvance?.split(' ').at(-1))).toBeGreaterThan(resumedWeight);
    }
    expect(messages).toContain('Promotion completed! Scaling down podinfo.test');

    const primary = await world.raw.get<Deployment>({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      namespace: 'test',
      name: 'podinfo-primary',
    });
    expect(primary?.spec.template.spec.containers[0]?.image).toBe(newImage);
    expect(await weights(world)).toEqual({ 'podinfo-primary': 100, 'podinfo-canary': 0 });
  }, 120_000);
});
