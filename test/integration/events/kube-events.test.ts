import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Canary } from '../../../src/apis/index.js';
import type { CoreEvent } from '../../../src/events/core-event.js';
import { KubeCanaryEvents } from '../../../src/events/kube-canary-events.js';
import { ManualClock } from '../../../src/platform/clock.js';
import { MemoryLogger } from '../../../src/platform/logger.js';
import { HttpWebhookRunner } from '../../../src/webhooks/http-webhook-runner.js';
import { podinfoCanary } from '../../support/canary.js';
import { type TestKube, testKube } from '../../support/kube.js';
import { startTestApi, type TestApi } from '../../support/local-api.js';

const events = { apiVersion: 'v1', kind: 'Event' };

describe('Kubernetes Events of KubeCanaryEvents against the local API server', () => {
  let api: TestApi;
  let kube: TestKube;
  let canary: Canary;
  const clock = new ManualClock('2026-03-01T10:00:00Z');
  const logger = new MemoryLogger();

  const funnel = () =>
    new KubeCanaryEvents({
      kube: kube.client,
      cluster: kube.cache,
      logger,
      clock,
      webhooks: new HttpWebhookRunner({ sleep: async () => {}, clock }),
    });
  const eventsOf = async (name: string): Promise<CoreEvent[]> =>
    (await kube.raw.list<CoreEvent>(events, { namespace: 'test' })).items.filter(
      (e) => e.involvedObject.name === name,
    );

  beforeAll(async () => {
    api = await startTestApi({ inMemory: true });
    kube = testKube(api.kubeconfig);
    await api.kubectl.ok(['apply', '-f', 'deploy/crds/crds.yaml']);
    await api.kubectl.ok(['create', 'namespace', 'test']);
    const { status: _status, ...manifest } = podinfoCanary();
    manifest.metadata = { name: 'podinfo', namespace: 'test' };
    canary = await kube.raw.create(manifest as Canary);
  });
  afterAll(async () => {
    kube.cache.stop();
    await api.stop();
  });

  it('records an Event like client-go: reference, reason Synced, source flagger, clock timestamps, count 1', async () => {
    const recorder = funnel();
    recorder.normal(canary, 'Initialization done! podinfo.test');
    recorder.warning(canary, 'Halt podinfo.test advancement success rate 69.17% < 99%');
    await recorder.flush();
    const recorded = await eventsOf('podinfo');
    const normal = recorded.find((e) => e.type === 'Normal');
    expect(normal).toMatchObject({
      metadata: { namespace: 'test', name: expect.stringMatching(/^podinfo\.[0-9a-f]+$/) },
      involvedObject: {
        kind: 'Canary',
        namespace: 'test',
        name: 'podinfo',
        uid: canary.metadata.uid,
        apiVersion: 'flagger.app/v1beta1',
        resourceVersion: canary.metadata.resourceVersion,
      },
      reason: 'Synced',
      message: 'Initialization done! podinfo.test',
      source: { component: 'flagger' },
      reportingComponent: 'flagger',
      firstTimestamp: '2026-03-01T10:00:00Z',
      lastTimestamp: '2026-03-01T10:00:00Z',
      count: 1,
    });
    expect(recorded.find((e) => e.type === 'Warning')?.message).toBe(
      'Halt podinfo.test advancement success rate 69.17% < 99%',
    );
    expect(logger.lines.slice(0, 2)).toEqual([
      {
        level: 'info',
        msg: 'Initialization done! podinfo.test',
        fields: { canary: 'podinfo.test', namespace: 'test' },
      },
      {
        level: 'warn',
        msg: 'Halt podinfo.test advancement success rate 69.17% < 99%',
        fields: { canary: 'podinfo.test', namespace: 'test' },
      },
    ]);
  });

  it('counts a repeated event on the existing Event instead of creating another', async () => {
    const recorder = funnel();
    const message =
      'Halt advancement no values found for istio metric request-success-rate probably podinfo.test is not receiving traffic';
    recorder.warning(canary, message);
    clock.advance(60_000);
    recorder.warning(canary, message);
    clock.advance(60_000);
    recorder.warning(canary, message);
    await recorder.flush();
    const matching = (await eventsOf('podinfo')).filter((e) => e.message === message);
    expect(matching).toHaveLength(1);
    expect(matching[0]).toMatchObject({
      count: 3,
      firstTimestamp: '2026-03-01T10:00:00Z',
      lastTimestamp: '2026-03-01T10:02:00Z',
      type: 'Warning',
    });
  });

  it('recreates a deleted Event with the running count', async () => {
    const recorder = funnel();
    recorder.normal(canary, 'Advance podinfo.test canary weight 10');
    await recorder.flush();
    const [first] = (await eventsOf('podinfo')).filter(
      (e) => e.message === 'Advance podinfo.test canary weight 10',
    );
    await kube.raw.delete({ ...events, namespace: 'test', name: first!.metadata.name });
    recorder.normal(canary, 'Advance podinfo.test canary weight 10');
    await recorder.flush();
    const again = (await eventsOf('podinfo')).filter(
      (e) => e.message === 'Advance podinfo.test canary weight 10',
    );
    expect(again.map((e) => [e.metadata.name, e.count])).toEqual([[first!.metadata.name, 2]]);
  });

  it('shows the events in kubectl describe canary, with Synced and flagger, combining similar ones', async () => {
    const { status: _status, ...manifest } = podinfoCanary();
    manifest.metadata = { name: 'frontend', namespace: 'test' };
    const frontend = await kube.raw.create(manifest as Canary);
    const recorder = funnel();
    // One analysis tick apart, as the scheduler emits them (kubectl sorts by lastTimestamp).
    const tick = (emit: () => void) => {
      clock.advance(60_000);
      emit();
    };
    tick(() => recorder.normal(frontend, 'Starting canary analysis for frontend.test'));
    for (const weight of [5, 10, 15])
      tick(() => recorder.normal(frontend, `Advance frontend.test canary weight ${weight}`));
    for (const rate of ['69.17', '61.39', '55.06', '47.00', '38.08', '30.00'])
      tick(() => recorder.normal(frontend, `Halt frontend.test advancement success rate ${rate}% < 99%`));
    tick(() => recorder.warning(frontend, 'Rolling back frontend.test failed checks threshold reached 5'));
    tick(() => recorder.warning(frontend, 'Canary failed! Scaling down frontend.test'));
    await recorder.flush();
    const described = await api.kubectl.ok(['-n', 'test', 'describe', 'canary/frontend']);
    const rows = described
      .slice(described.indexOf('Events:'))
      .split('\n')
      .slice(3)
      .map((line) => line.trim().split(/\s{2,}/))
      .filter((cells) => cells.length >= 5)
      .map(([type, reason, , from, message]) => [type, reason, from, message]);
    expect(rows).toEqual([
      ['Normal', 'Synced', 'flagger', 'Starting canary analysis for frontend.test'],
      ['Normal', 'Synced', 'flagger', 'Advance frontend.test canary weight 5'],
      ['Normal', 'Synced', 'flagger', 'Advance frontend.test canary weight 10'],
      ['Normal', 'Synced', 'flagger', 'Advance frontend.test canary weight 15'],
      ['Normal', 'Synced', 'flagger', 'Halt frontend.test advancement success rate 69.17% < 99%'],
      ['Normal', 'Synced', 'flagger', 'Halt frontend.test advancement success rate 61.39% < 99%'],
      ['Normal', 'Synced', 'flagger', 'Halt frontend.test advancement success rate 55.06% < 99%'],
      ['Normal', 'Synced', 'flagger', 'Halt frontend.test advancement success rate 47.00% < 99%'],
      ['Normal', 'Synced', 'flagger', 'Halt frontend.test advancement success rate 38.08% < 99%'],
      [
        'Normal',
        'Synced',
        'flagger',
        '(combined from similar events): Halt frontend.test advancement success rate 30.00% < 99%',
      ],
      ['Warning', 'Synced', 'flagger', 'Rolling back frontend.test failed checks threshold reached 5'],
      ['Warning', 'Synced', 'flagger', 'Canary failed! Scaling down frontend.test'],
    ]);
  });
});
