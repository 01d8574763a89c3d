import { it } from 'vitest';
import type { Canary, CanaryAnalysis } from '../../src/apis/index.js';
import { eventually } from '../support/eventually.js';
import type { PlaygroundSession } from '../support/playground-session.js';
import type { TestGates } from '../support/test-gates.js';

const v1 = '6.0.0';
const v2 = '6.0.1';
const host = (namespace: string) => `podinfo.${namespace}:9898`;
const caseTimeoutMs = 150_000;

function canary(namespace: string, analysis: Partial<CanaryAnalysis>, gates: TestGates): Canary {
  return {
    apiVersion: 'flagger.app/v1beta1',
    kind: 'Canary',
    metadata: { name: 'podinfo', namespace },
    spec: {
      targetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'podinfo' },
      progressDeadlineSeconds: 120,
      service: { port: 9898 },
      analysis: { interval: '2s', threshold: 5, webhooks: [gates.hook(namespace)], ...analysis },
    },
  };
}

/** The routing cases' canaries, one per namespace, each held before promotion by its test gate. */
export function routingCanaries(gates: TestGates): Canary[] {
  return [
    canary('ab', { iterations: 3, match: [{ headers: { 'x-canary': { exact: 'insider' } } }] }, gates),
    canary('bg', { iterations: 2 }, gates),
    canary('mirror', { iterations: 2, mirror: true }, gates),
    canary(
      'sticky',
      {
        stepWeight: 50,
        maxWeight: 50,
        sessionAffinity: { cookieName: 'canary-cookie', primaryCookieName: 'primary-cookie' },
      },
      gates,
    ),
  ];
}

/**
 * Istio routing with real requests through the mesh while each run is held by its gate: A/B matching,
 * Blue/Green's switch, mirrored copies counted by the real Prometheus, sticky sessions by cookie.
 */
export function routingCases(world: () => { play: PlaygroundSession; gates: TestGates }): void {
  it(
    'A/B: while the iterations run, every request with the header reaches the canary and none without',
    async ({ expect }) => {
      const { play, gates } = world();
      await play.waitFor('ab', (c) => (c.status?.iterations ?? 0) >= 1, 'first iteration');
      expect(await play.versions(host('ab'), 100, { 'x-canary': 'insider' })).toEqual(new Map([[v2, 100]]));
      expect(await play.versions(host('ab'), 100)).toEqual(new Map([[v1, 100]]));
      expect(play.log('podinfo.ab').map((l) => l.msg)).toContain('Advance podinfo.ab canary iteration 1/3');
      gates.set('ab', 'open');
      await play.waitFor('ab', (c) => c.status?.phase === 'Succeeded', 'promotion');
      expect(await play.versions(host('ab'), 20)).toEqual(new Map([[v2, 20]]));
    },
    caseTimeoutMs,
  );

  it(
    'Blue/Green: no request reaches the canary until "Routing all traffic to canary", then all do',
    async ({ expect }) => {
      const { play, gates } = world();
      await play.waitFor('bg', (c) => c.status?.phase === 'WaitingPromotion', 'end of the iterations');
      expect(await play.versions(host('bg'), 100)).toEqual(new Map([[v1, 100]]));
      expect(play.log('podinfo.bg').map((l) => l.msg)).not.toContain('Routing all traffic to canary');
      // One tick through: it routes everything to the canary, and the next one waits at the gate again.
      gates.set('bg', 'once');
      await play.waitFor('bg', (c) => c.status?.iterations === 3, 'switch to the canary');
      expect(play.log('podinfo.bg').map((l) => l.msg)).toContain('Routing all traffic to canary');
      await eventually(async () => expect((await play.version(host('bg'))).version).toBe(v2));
      expect(await play.versions(host('bg'), 100)).toEqual(new Map([[v2, 100]]));
      gates.set('bg', 'open');
      await play.waitFor('bg', (c) => c.status?.phase === 'Succeeded', 'promotion');
      expect(await play.versions(host('bg'), 20)).toEqual(new Map([[v2, 20]]));
    },
    caseTimeoutMs,
  );

  it(
    'mirroring: requests get the primary answers while the canary receives copies, counted by Prometheus',
    async ({ expect }) => {
      const { play, gates } = world();
      await play.waitFor('mirror', (c) => c.status?.phase === 'WaitingPromotion', 'end of the iterations');
      const copies =
        'sum(istio_requests_total{reporter="destination",destination_workload_namespace="mirror",destination_workload="podinfo"})';
      const before = await play.prometheus(copies);
      expect(await play.versions(host('mirror'), 100)).toEqual(new Map([[v1, 100]]));
      await eventually(
        async () => expect(await play.prometheus(copies)).toBeGreaterThanOrEqual(before + 100),
        {
          timeoutMs: 20_000,
        },
      );
      gates.set('mirror', 'open');
      await play.waitFor('mirror', (c) => c.status?.phase === 'Succeeded', 'promotion');
      expect(play.log('podinfo.mirror').map((l) => l.msg)).toContain(
        'Stop traffic mirroring and route all traffic to canary',
      );
    },
    caseTimeoutMs,
  );

  it(
    'session affinity: a client holding the canary cookie always reaches the canary, until promotion expires it',
    async ({ expect }) => {
      const { play, gates } = world();
      const held = await play.waitFor('sticky', (c) => c.status?.phase === 'WaitingPromotion', 'maxWeight');
      const cookie = held.status?.sessionAffinityCookie ?? '';
      const primaryCookie = held.status?.primarySessionAffinityCookie ?? '';
      expect(cookie).toMatch(/^canary-cookie=[a-zA-Z]{10}$/);
      expect(primaryCookie).toMatch(/^primary-cookie=[a-zA-Z]{10}$/);
      // New clients land on either side (50/50) and get that side's cookie.
      const setCookie = new Map<string, string | undefined>();
      for (let i = 0; i < 60 && setCookie.size < 2; i++) {
        const { version, reply } = await play.version(host('sticky'));
        setCookie.set(version, reply.headers['set-cookie']?.[0]);
      }
      expect(setCookie.get(v2)).toBe(`${cookie}; Max-Age=86400`);
      expect(setCookie.get(v1)).toBe(`${primaryCookie}; Max-Age=2`);
      expect(await play.versions(host('sticky'), 50, { cookie: `session=1; ${cookie}` })).toEqual(
        new Map([[v2, 50]]),
      );
      expect(await play.versions(host('sticky'), 50, { cookie: primaryCookie })).toEqual(new Map([[v1, 50]]));
      gates.set('sticky', 'open');
      const done = await play.waitFor('sticky', (c) => c.status?.phase === 'Succeeded', 'promotion');
      expect(done.status?.previousSessionAffinityCookie).toBe(cookie);
      const { version, reply } = await play.version(host('sticky'), { cookie });
      expect(version).toBe(v2);
      expect(reply.headers['set-cookie']).toEqual([`${cookie}; Max-Age=-1`]);
    },
    caseTimeoutMs,
  );
}
