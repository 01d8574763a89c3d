import { describe, expect, it } from 'vitest';
import type { Canary, CanaryStatus, SessionAffinity } from '../../apis/index.js';
import {
  buildCookie,
  generateCookie,
  intervalSeconds,
  nextCookies,
  withoutSessionRules,
} from './session-affinity.js';

function canary(
  sessionAffinity: SessionAffinity | undefined,
  status: CanaryStatus = {},
  extra: Partial<Canary['spec']['analysis']> = {},
): Canary {
  return {
    apiVersion: 'flagger.app/v1beta1',
    kind: 'Canary',
    metadata: { name: 'podinfo', namespace: 'test' },
    spec: {
      targetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'podinfo' },
      service: { port: 9898 },
      analysis: { interval: '15s', threshold: 5, stepWeight: 10, sessionAffinity, ...extra },
    },
    status,
  };
}

/** Answers the same number every time: index 0 is `a`, 0.99 is `Z`. */
const always = (n: number) => () => n;
const traffic = { primary: 90, canary: 10, mirrored: false };
const noTraffic = { primary: 100, canary: 0, mirrored: false };

describe('cookies', () => {
  it('are <name>=<10 letters of [a-zA-Z]> drawn from the injected randomness', () => {
    expect(generateCookie('canary', always(0))).toBe('canary=aaaaaaaaaa');
    expect(generateCookie('canary', always(0.999))).toBe('canary=ZZZZZZZZZZ');
    expect(generateCookie('canary', Math.random)).toMatch(/^canary=[a-zA-Z]{10}$/);
  });

  it("are built with Flagger's attributes in Flagger's order, each only when set", () => {
    expect(buildCookie('c=abc', 300, { cookieName: 'c' })).toBe('c=abc; Max-Age=300');
    expect(
      buildCookie('c=abc', 300, {
        cookieName: 'c',
        secure: true,
        sameSite: 'Strict',
        path: '/app',
        partitioned: true,
        httpOnly: true,
        domain: 'example.com',
      }),
    ).toBe(
      'c=abc; Max-Age=300; Domain=example.com; HttpOnly; Partitioned; Path=/app; SameSite=Strict; Secure',
    );
  });

  it('give the primary cookie the analysis interval as lifetime (60 s when unparsable)', () => {
    expect(intervalSeconds(canary(undefined))).toBe(15);
    expect(intervalSeconds(canary(undefined, {}, { interval: '1m30s' }))).toBe(90);
    expect(intervalSeconds(canary(undefined, {}, { interval: 'soon' }))).toBe(60);
  });
});

describe('nextCookies', () => {
  const affinity = { cookieName: 'canary-cookie', primaryCookieName: 'primary-cookie' };

  it('generates the canary and primary cookies once, when traffic first reaches the canary', () => {
    expect(nextCookies(canary(affinity), noTraffic, always(0))).toEqual({});
    expect(nextCookies(canary(affinity), traffic, always(0))).toEqual({
      sessionAffinityCookie: 'canary-cookie=aaaaaaaaaa',
      primarySessionAffinityCookie: 'primary-cookie=aaaaaaaaaa',
    });
    const held = {
      sessionAffinityCookie: 'canary-cookie=kept',
      primarySessionAffinityCookie: 'primary-cookie=x',
    };
    expect(nextCookies(canary(affinity, held), traffic, always(0))).toEqual(held);
  });

  it('moves the canary cookie to previous at weight 0 and keeps the primary cookie', () => {
    const status = {
      sessionAffinityCookie: 'canary-cookie=run1',
      primarySessionAffinityCookie: 'primary-cookie=p',
    };
    const after = nextCookies(canary(affinity, status), noTraffic, always(0));
    expect(after).toEqual({
      previousSessionAffinityCookie: 'canary-cookie=run1',
      primarySessionAffinityCookie: 'primary-cookie=p',
    });
    // Again at weight 0 (rollback after promotion, a repeated tick): the previous cookie stays.
    expect(nextCookies(canary(affinity, after), noTraffic, always(0))).toEqual(after);
    // The next run gets a new cookie and still expires the old one until then.
    expect(nextCookies(canary(affinity, after), traffic, always(0.5))).toEqual({
      sessionAffinityCookie: 'canary-cookie=AAAAAAAAAA',
      primarySessionAffinityCookie: 'primary-cookie=p',
      previousSessionAffinityCookie: 'canary-cookie=run1',
    });
  });

  it('renews a cookie whose name no longer matches the spec', () => {
    const status = { sessionAffinityCookie: 'old-name=abc' };
    expect(nextCookies(canary({ cookieName: 'new-name' }, status), traffic, always(0))).toEqual({
      sessionAffinityCookie: 'new-name=aaaaaaaaaa',
    });
  });

  it('keeps no cookies without session affinity, for TCP services and during A/B tests', () => {
    expect(nextCookies(canary(undefined), traffic, always(0))).toBeUndefined();
    const ab = canary(affinity, {}, { iterations: 2, match: [{ headers: { x: { exact: 'y' } } }] });
    expect(nextCookies(ab, traffic, always(0))).toBeUndefined();
    const tcp = canary(affinity);
    tcp.spec.service = { port: 9000, appProtocol: 'TCP' };
    expect(nextCookies(tcp, traffic, always(0))).toBeUndefined();
  });
});

describe('withoutSessionRules', () => {
  it('drops the sticky rules and the destinations’ headers, nothing else', () => {
    const weighted = {
      headers: { request: { set: { a: 'b' } } },
      route: [
        { destination: { host: 'p' }, weight: 90, headers: { response: { add: { 'Set-Cookie': 'x' } } } },
      ],
    };
    expect(
      withoutSessionRules({
        hosts: ['podinfo'],
        http: [{ name: 'sticky-route', route: [] }, { name: 'sticky-route-primary' }, weighted],
      }),
    ).toEqual({
      hosts: ['podinfo'],
      http: [
        { headers: { request: { set: { a: 'b' } } }, route: [{ destination: { host: 'p' }, weight: 90 }] },
      ],
    });
  });
});
