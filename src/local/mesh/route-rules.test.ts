import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../kube/kube-object.js';
import type { RequestFacts } from './http-match.js';
import { rewritePath } from './route-plan.js';
import { compileTrafficSplit, compileVirtualService, virtualServiceHosts } from './route-rules.js';
import { RouteTable } from './route-table.js';
import { RouteSpecError } from './string-match.js';

function vs(name: string, spec: object, created = '2026-01-01T00:00:00Z'): KubeObject {
  return {
    apiVersion: 'networking.istio.io/v1beta1',
    kind: 'VirtualService',
    metadata: { name, namespace: 'test', creationTimestamp: created },
    spec,
  } as KubeObject;
}

function facts(overrides: Partial<RequestFacts> = {}): RequestFacts {
  return {
    method: 'GET',
    path: '/',
    query: '',
    headers: {},
    authority: 'podinfo.test',
    port: 80,
    caller: undefined,
    ...overrides,
  };
}

describe('compileVirtualService', () => {
  it("compiles Flagger's weighted route with its rewrite, timeout, retries and mirror", () => {
    const rules = compileVirtualService(
      vs('podinfo', {
        hosts: ['app.example.com', 'podinfo'],
        http: [
          {
            match: [{ uri: { prefix: '/' } }],
            rewrite: { uri: '/' },
            timeout: '30s',
            retries: { attempts: 3, perTryTimeout: '1s', retryOn: 'gateway-error,connect-failure' },
            route: [
              { destination: { host: 'podinfo-primary', port: { number: 80 } }, weight: 90 },
              { destination: { host: 'podinfo-canary.test.svc.cluster.local' }, weight: 10 },
            ],
            mirror: { host: 'podinfo-canary' },
            mirrorPercentage: { value: 25 },
          },
        ],
      }),
    );
    const [rule] = rules.http;
    expect(rule).toMatchObject({
      totalWeight: 100,
      rewriteUri: '/',
      timeoutMs: 30_000,
      retry: { attempts: 3, perTryTimeoutMs: 1000, gatewayError: true, connectFailure: true, any5xx: false },
      mirror: { ref: { service: { namespace: 'test', name: 'podinfo-canary' } }, percent: 25 },
    });
    expect(rule!.destinations.map((d) => [d.ref.service, d.ref.port, d.weight])).toEqual([
      [{ namespace: 'test', name: 'podinfo-primary' }, 80, 90],
      [{ namespace: 'test', name: 'podinfo-canary' }, undefined, 10],
    ]);
    expect(virtualServiceHosts(vs('podinfo', { hosts: ['app.example.com', 'podinfo', '*.wild'] }))).toEqual([
      'app.example.com',
      'test/podinfo',
    ]);
  });

  it('matches headers, cookies, uri, query, port and source, any of the alternatives', () => {
    const rules = compileVirtualService(
      vs('ab', {
        http: [
          {
            match: [
              { headers: { 'X-Canary': { exact: 'insider' } } },
              { headers: { cookie: { regex: '^(.*?;)?(canary=always)(;.*)?$' } } },
              { uri: { regex: '/v[0-9]+/.*' }, queryParams: { debug: { exact: '1' } } },
              { port: 9898, sourceNamespace: 'test', sourceLabels: { app: 'tester' } },
            ],
            route: [{ destination: { host: 'podinfo-canary' } }],
          },
        ],
      }),
    );
    const test = (f: RequestFacts) => rules.http[0]!.matches.some((m) => m.test(f));
    expect(test(facts({ headers: { 'x-canary': 'insider' } }))).toBe(true);
    expect(test(facts({ headers: { 'x-canary': 'insiders' } }))).toBe(false);
    expect(test(facts({ headers: { cookie: 'a=1;canary=always' } }))).toBe(true);
    expect(test(facts({ headers: { cookie: 'canary=never' } }))).toBe(false);
    expect(test(facts({ path: '/v2/items', query: 'debug=1' }))).toBe(true);
    expect(test(facts({ path: '/v2/items', query: 'debug=0' }))).toBe(false);
    const tester = { namespace: 'test', labels: { app: 'tester' } };
    expect(test(facts({ port: 9898, caller: tester }))).toBe(true);
    expect(test(facts({ port: 9898, caller: { ...tester, namespace: 'prod' } }))).toBe(false);
    expect(test(facts({ port: 9898 }))).toBe(false);
    // A single destination without a weight takes everything.
    expect(rules.http[0]!.destinations[0]!.weight).toBe(100);
  });

  it('refuses an invalid regex, and the table leaves that VirtualService out', () => {
    const broken = vs('broken', { hosts: ['podinfo'], http: [{ match: [{ uri: { regex: '(' } }] }] });
    expect(() => compileVirtualService(broken)).toThrow(RouteSpecError);
    const problems: string[] = [];
    const table = new RouteTable([broken], [], (object) => problems.push(object.metadata.name));
    expect(table.get('test/podinfo')).toBeUndefined();
    expect(problems).toEqual(['broken']);
  });

  it('gives a host to the oldest VirtualService, and to a TrafficSplit only when no VirtualService has it', () => {
    const split = compileTrafficSplit({
      apiVersion: 'split.smi-spec.io/v1alpha1',
      kind: 'TrafficSplit',
      metadata: { name: 'podinfo', namespace: 'test' },
      spec: {
        service: 'podinfo',
        backends: [
          { service: 'podinfo-canary', weight: '500m' },
          { service: 'podinfo-primary', weight: '99' },
        ],
      },
    } as KubeObject);
    expect(split.http[0]!.destinations.map((d) => d.weight)).toEqual([1, 99]);
    const older = vs('older', { hosts: ['podinfo'] }, '2026-01-01T00:00:00Z');
    const newer = vs('newer', { hosts: ['podinfo', 'other'] }, '2026-01-02T00:00:00Z');
    const splitObject = {
      apiVersion: 'split.smi-spec.io/v1alpha2',
      kind: 'TrafficSplit',
      metadata: { name: 'split', namespace: 'test' },
      spec: { service: 'podinfo.test.svc.cluster.local', backends: [] },
    } as KubeObject;
    const table = new RouteTable([newer, older], [splitObject]);
    expect(table.get('test/podinfo')?.name).toBe('older');
    expect(table.get('test/other')?.name).toBe('newer');
    expect(new RouteTable([], [splitObject]).get('test/podinfo')?.kind).toBe('TrafficSplit');
  });
});

describe('rewritePath', () => {
  it("replaces the matched prefix literally (Envoy's prefix_rewrite), or the whole path", () => {
    expect(rewritePath('/api/items', { kind: 'prefix', prefix: '/api/' }, '/')).toBe('/items');
    expect(rewritePath('/anything', { kind: 'prefix', prefix: '/' }, '/')).toBe('/anything');
    expect(rewritePath('/exact', { kind: 'whole' }, '/new')).toBe('/new');
  });
});
