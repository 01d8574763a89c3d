import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Canary } from '../../src/apis/index.js';
import type { KubeObject } from '../../src/kube/kube-object.js';
import type { MeshRouter, RouteStatus, RouteWeights } from '../../src/routers/mesh-router.js';

/** One fresh world for one contract case: a router, a Canary whose routing objects do not exist yet, probes. */
export interface RouterContractFixture {
  /** The router under test, reading through a cache and writing through a counting client. */
  router: MeshRouter;
  /** The Canary as the API server stores it (so owner references get a real uid). */
  canary: Canary;
  /** API requests the router's client has made so far (reads and writes). */
  requests(): number;
  /** False for a router without routing objects (the `kubernetes` provider's NopRouter). */
  shiftsTraffic: boolean;
  /** Whether `setRoutes(…, mirrored: true)` mirrors (Istio) or is ignored (SMI, Nop). */
  mirrors: boolean;
  /** Whether the router keeps session-affinity cookies in the status (Istio) or has no session affinity. */
  keepsSessionCookies: boolean;
  /** The routing objects the router manages for the canary, read from the API server (undefined where absent). */
  routingObjects(): Promise<(KubeObject | undefined)[]>;
  /** A router of the same provider over a new cache synced from the API server: proves what was written. */
  reopen(): Promise<MeshRouter>;
  /** What getRoutes/setRoutes fail with when the routing object is missing; undefined when the router has none. */
  missingObjectError?: RegExp;
  /** Stops what the fixture started. */
  dispose(): Promise<void>;
}

/** `canary` with Flagger's session affinity (a canary cookie and a primary cookie) and `status`. */
function sticky(canary: Canary, status: RouteStatus | undefined = {}): Canary {
  const copy = structuredClone(canary);
  copy.spec.analysis = {
    ...copy.spec.analysis,
    sessionAffinity: { cookieName: 'canary-cookie', primaryCookieName: 'primary-cookie' },
  };
  copy.status = { ...copy.status, ...status };
  return copy;
}

const weights = (primary: number, canary: number, mirrored = false): RouteWeights => ({
  primary,
  canary,
  mirrored,
});

/** A copy of `canary` with a non-weight change every router sees (a new first host, another timeout). */
function editedSpec(canary: Canary): Canary {
  const copy = structuredClone(canary);
  const service = copy.spec.service ?? { port: 80 };
  service.hosts = ['edited.example.com', ...(service.hosts ?? [])];
  service.timeout = '17s';
  copy.spec.service = service;
  return copy;
}

/**
 * The cases every {@link MeshRouter} must pass (the pattern of Hono's shared router cases): run it from an
 * integration test with a `setup` that builds a fresh fixture per case against a real API server.
 */
export function describeRouterContract(name: string, setup: () => Promise<RouterContractFixture>): void {
  describe(`MeshRouter contract: ${name}`, () => {
    let f: RouterContractFixture;
    beforeEach(async () => {
      f = await setup();
    });
    afterEach(async () => {
      await f?.dispose();
    });

    it('reconcile creates the routing objects, routing 100/0', async () => {
      await f.router.reconcile(f.canary);
      const objects = await f.routingObjects();
      if (f.shiftsTraffic) expect(objects.length).toBeGreaterThan(0);
      for (const object of objects) expect(object).toBeDefined();
      expect(await f.router.getRoutes(f.canary)).toEqual(weights(100, 0));
      expect(await (await f.reopen()).getRoutes(f.canary)).toEqual(weights(100, 0));
    });

    it('is idempotent: a second reconcile, a getRoutes and an unchanged setRoutes cost no request', async () => {
      await f.router.reconcile(f.canary);
      const before = f.requests();
      await f.router.reconcile(f.canary);
      await f.router.getRoutes(f.canary);
      await f.router.setRoutes(f.canary, weights(100, 0));
      expect(f.requests() - before).toBe(0);
    });

    it('round-trips setRoutes through getRoutes (90/10, 50/50, 0/100), writing each change once', async () => {
      await f.router.reconcile(f.canary);
      for (const [primary, canary] of [
        [90, 10],
        [50, 50],
        [0, 100],
      ] as const) {
        const before = f.requests();
        await f.router.setRoutes(f.canary, weights(primary, canary));
        const expected = f.shiftsTraffic ? weights(primary, canary) : weights(100, 0);
        expect(await f.router.getRoutes(f.canary)).toEqual(expected);
        expect(await (await f.reopen()).getRoutes(f.canary)).toEqual(expected);
        expect(f.requests() - before).toBe(f.shiftsTraffic ? 1 : 0);
        await f.router.setRoutes(f.canary, weights(primary, canary));
        expect(f.requests() - before).toBe(f.shiftsTraffic ? 1 : 0);
      }
    });

    it('keeps the current weights when reconcile follows a change of the spec (fixes Flagger §9.3 #23)', async () => {
      await f.router.reconcile(f.canary);
      await f.router.setRoutes(f.canary, weights(70, 30));
      const before = f.requests();
      await f.router.reconcile(editedSpec(f.canary));
      if (f.shiftsTraffic) expect(f.requests() - before).toBeGreaterThan(0);
      const expected = f.shiftsTraffic ? weights(70, 30) : weights(100, 0);
      expect(await (await f.reopen()).getRoutes(f.canary)).toEqual(expected);
    });

    it('mirrors when asked and supported, and reconcile keeps the mirror', async () => {
      await f.router.reconcile(f.canary);
      await f.router.setRoutes(f.canary, weights(100, 0, true));
      const mirrored = f.shiftsTraffic && f.mirrors;
      expect(await f.router.getRoutes(f.canary)).toEqual(weights(100, 0, mirrored));
      await f.router.reconcile(editedSpec(f.canary));
      expect(await (await f.reopen()).getRoutes(f.canary)).toEqual(weights(100, 0, mirrored));
      await f.router.setRoutes(f.canary, weights(100, 0));
      expect(await f.router.getRoutes(f.canary)).toEqual(weights(100, 0));
    });

    it('answers the status it keeps: nothing without session affinity, stable cookies with it', async () => {
      await f.router.reconcile(f.canary);
      expect(await f.router.setRoutes(f.canary, weights(90, 10))).toBeUndefined();
      const first = await f.router.setRoutes(sticky(f.canary), weights(80, 20));
      if (!f.keepsSessionCookies) {
        expect(first).toBeUndefined();
        return;
      }
      expect(first).toEqual({
        sessionAffinityCookie: expect.stringMatching(/^canary-cookie=[a-zA-Z]{10}$/),
        primarySessionAffinityCookie: expect.stringMatching(/^primary-cookie=[a-zA-Z]{10}$/),
      });
      // The caller keeps the answer in the status: the next call reuses the cookies and writes only weights.
      const before = f.requests();
      expect(await f.router.setRoutes(sticky(f.canary, first), weights(80, 20))).toEqual(first);
      expect(f.requests() - before).toBe(0);
      expect(await f.router.setRoutes(sticky(f.canary, first), weights(60, 40))).toEqual(first);
      expect(await (await f.reopen()).getRoutes(sticky(f.canary, first))).toEqual(weights(60, 40));
      expect(await f.router.setRoutes(sticky(f.canary, first), weights(100, 0))).toEqual({
        previousSessionAffinityCookie: first?.sessionAffinityCookie,
        primarySessionAffinityCookie: first?.primarySessionAffinityCookie,
      });
      expect(await f.router.getRoutes(sticky(f.canary))).toEqual(weights(100, 0));
    });

    it('fails getRoutes and setRoutes with its message when the routing object is missing', async () => {
      if (!f.missingObjectError) {
        expect(f.shiftsTraffic).toBe(false);
        return;
      }
      await expect(f.router.getRoutes(f.canary)).rejects.toThrow(f.missingObjectError);
      await expect(f.router.setRoutes(f.canary, weights(90, 10))).rejects.toThrow(f.missingObjectError);
      await expect(f.router.getRoutes(f.canary)).rejects.toMatchObject({ code: 'routing-object-missing' });
    });
  });
}
