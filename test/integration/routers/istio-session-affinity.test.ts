import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Canary, CanaryStatus } from '../../../src/apis/index.js';
import { IstioRouter } from '../../../src/routers/istio/istio-router.js';
import type { RouteStatus } from '../../../src/routers/mesh-router.js';
import { seededRandom } from '../../support/seeded-random.js';
import { edit, exampleCanary } from './canaries.js';
import { istioWorld } from './istio-world.js';
import { type RouterEnv, startRouterEnv } from './router-env.js';

let env: RouterEnv;
beforeAll(async () => {
  env = await startRouterEnv();
});
afterAll(() => env?.stop());

/** Flagger's test-session-affinity canary: the example with both cookies, on the mesh gateway. */
function stickyCanary(primaryCookieName?: string): Canary {
  return edit(exampleCanary('istio-canary.yaml'), (c) => {
    c.spec.service = { port: 9898, match: [{ uri: { prefix: '/' } }] };
    c.spec.analysis.interval = '15s';
    c.spec.analysis.sessionAffinity = {
      cookieName: 'canary-flagger-cookie',
      maxAge: 21600,
      httpOnly: true,
      ...(primaryCookieName ? { primaryCookieName } : {}),
    };
  });
}

const withStatus = (canary: Canary, status: RouteStatus | undefined): Canary => ({
  ...canary,
  status: { ...canary.status, ...(status as CanaryStatus) },
});

describe('IstioRouter session affinity (§3.2)', () => {
  it('writes the sticky canary and primary rules and the cookie-setting weighted rule, and reads the weighted weights', async () => {
    const w = await istioWorld(env, stickyCanary('primary-flagger-cookie'));
    const router = new IstioRouter({ ...w.stack.deps, random: seededRandom(7) });
    await router.reconcile(w.canary);
    const cookies = await router.setRoutes(w.canary, { primary: 90, canary: 10, mirrored: false });
    const canaryCookie = cookies?.sessionAffinityCookie ?? '';
    const primaryCookie = cookies?.primarySessionAffinityCookie ?? '';
    expect(canaryCookie).toMatch(/^canary-flagger-cookie=[a-zA-Z]{10}$/);
    expect(primaryCookie).toMatch(/^primary-flagger-cookie=[a-zA-Z]{10}$/);
    const [canaryName, canaryValue] = canaryCookie.split('=');
    const [primaryName, primaryValue] = primaryCookie.split('=');
    expect((await w.vs())?.spec.http).toEqual([
      {
        name: 'sticky-route',
        match: [
          { uri: { prefix: '/' }, headers: { Cookie: { regex: `.*${canaryName}.*${canaryValue}.*` } } },
        ],
        route: [
          { destination: { host: 'podinfo-primary' }, weight: 0 },
          { destination: { host: 'podinfo-canary' }, weight: 100 },
        ],
      },
      {
        name: 'sticky-route-primary',
        match: [
          { uri: { prefix: '/' }, headers: { Cookie: { regex: `.*${primaryName}.*${primaryValue}.*` } } },
        ],
        route: [
          { destination: { host: 'podinfo-primary' }, weight: 100 },
          { destination: { host: 'podinfo-canary' }, weight: 0 },
        ],
      },
      {
        match: [{ uri: { prefix: '/' } }],
        route: [
          {
            destination: { host: 'podinfo-primary' },
            weight: 90,
            headers: { response: { add: { 'Set-Cookie': `${primaryCookie}; Max-Age=15; HttpOnly` } } },
          },
          {
            destination: { host: 'podinfo-canary' },
            weight: 10,
            headers: { response: { add: { 'Set-Cookie': `${canaryCookie}; Max-Age=21600; HttpOnly` } } },
          },
        ],
      },
    ]);
    expect(await router.getRoutes(w.canary)).toEqual({ primary: 90, canary: 10, mirrored: false });
    w.stack.stop();
  });

  it('keeps the cookies across steps, and reconcile neither writes nor drops the cookie rules', async () => {
    const w = await istioWorld(env, stickyCanary());
    const router = new IstioRouter({ ...w.stack.deps, random: seededRandom(1) });
    await router.reconcile(w.canary);
    const first = await router.setRoutes(w.canary, { primary: 90, canary: 10, mirrored: false });
    const running = withStatus(w.canary, first);
    const before = w.stack.counting.total();
    await router.reconcile(running);
    expect(w.stack.counting.total()).toBe(before);
    const second = await router.setRoutes(running, { primary: 50, canary: 50, mirrored: false });
    expect(second).toEqual(first);
    expect((await w.vs())?.spec.http?.map((r) => r.name ?? 'weighted')).toEqual(['sticky-route', 'weighted']);
    expect(await router.getRoutes(running)).toEqual({ primary: 50, canary: 50, mirrored: false });

    // A spec edit is written, with the weights and the cookie rules as they were.
    await router.reconcile(
      edit(running, (c) => {
        c.spec.service!.timeout = '9s';
      }),
    );
    const http = (await w.vs())?.spec.http;
    expect(http?.map((r) => [r.name ?? 'weighted', r.timeout])).toEqual([
      ['sticky-route', '9s'],
      ['weighted', '9s'],
    ]);
    expect(http?.[1]?.route?.[1]?.headers?.response?.add?.['Set-Cookie']).toBe(
      `${first?.sessionAffinityCookie}; Max-Age=21600; HttpOnly`,
    );
    expect(await router.getRoutes(running)).toEqual({ primary: 50, canary: 50, mirrored: false });
    w.stack.stop();
  });

  it('at weight 0 moves the cookie to previous and deletes it from clients that still send it', async () => {
    const w = await istioWorld(env, stickyCanary());
    const router = new IstioRouter({ ...w.stack.deps, random: seededRandom(3) });
    await router.reconcile(w.canary);
    const during = await router.setRoutes(w.canary, { primary: 70, canary: 30, mirrored: false });
    const cookie = during?.sessionAffinityCookie ?? '';
    const after = await router.setRoutes(withStatus(w.canary, during), {
      primary: 100,
      canary: 0,
      mirrored: false,
    });
    expect(after).toEqual({ previousSessionAffinityCookie: cookie });
    const [name, value] = cookie.split('=');
    expect((await w.vs())?.spec.http).toEqual([
      {
        name: 'sticky-route',
        match: [{ uri: { prefix: '/' }, headers: { Cookie: { regex: `.*${name}.*${value}.*` } } }],
        headers: { response: { add: { 'Set-Cookie': `${cookie}; Max-Age=-1` } } },
        route: [
          { destination: { host: 'podinfo-primary' }, weight: 100 },
          { destination: { host: 'podinfo-canary' }, weight: 0 },
        ],
      },
      {
        match: [{ uri: { prefix: '/' } }],
        route: [
          { destination: { host: 'podinfo-primary' }, weight: 100 },
          { destination: { host: 'podinfo-canary' }, weight: 0 },
        ],
      },
    ]);
    expect(await router.getRoutes(w.canary)).toEqual({ primary: 100, canary: 0, mirrored: false });
    w.stack.stop();
  });

  it('mirrors on the weighted rule, so the mirror step is read back (Flagger mirrors the sticky rule)', async () => {
    const w = await istioWorld(
      env,
      edit(stickyCanary(), (c) => {
        c.spec.analysis.mirrorWeight = 40;
      }),
    );
    const router = new IstioRouter({ ...w.stack.deps, random: seededRandom(5) });
    await router.reconcile(w.canary);
    const run1 = await router.setRoutes(w.canary, { primary: 80, canary: 20, mirrored: false });
    const ended = await router.setRoutes(withStatus(w.canary, run1), {
      primary: 100,
      canary: 0,
      mirrored: false,
    });
    // Run 2's mirror step, with run 1's cookie still being deleted by the first rule.
    await router.setRoutes(withStatus(w.canary, ended), { primary: 100, canary: 0, mirrored: true });
    const http = (await w.vs())?.spec.http;
    expect(http?.map((r) => [r.name ?? 'weighted', r.mirror, r.mirrorPercentage])).toEqual([
      ['sticky-route', undefined, undefined],
      ['weighted', { host: 'podinfo-canary' }, { value: 40 }],
    ]);
    expect(await router.getRoutes(w.canary)).toEqual({ primary: 100, canary: 0, mirrored: true });
    w.stack.stop();
  });
});
