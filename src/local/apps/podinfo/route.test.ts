import { describe, expect, it } from 'vitest';
import { routeLabel } from './http-metrics.js';
import { matchRoute, type Route } from './route.js';

const handle = () => {};
const routes: Route[] = [
  { template: '/', methods: ['GET'], pattern: /^\/$/, userAgent: /^Mozilla/, handle },
  { template: '/api/info', methods: ['GET'], pattern: /^\/$/, handle },
  { template: 'status', methods: ['GET', 'POST'], pattern: /^\/status\/([0-9]+)$/, handle },
];

describe('matchRoute', () => {
  it('captures parameters and prefers the browser route for browsers', () => {
    expect(matchRoute(routes, 'GET', '/status/503', 'curl')).toMatchObject({
      kind: 'route',
      params: ['503'],
    });
    expect(matchRoute(routes, 'GET', '/', 'Mozilla/5.0')).toMatchObject({ route: { template: '/' } });
    expect(matchRoute(routes, 'GET', '/', 'hey/0.0.1')).toMatchObject({ route: { template: '/api/info' } });
  });

  it('tells a wrong method from an unknown path', () => {
    expect(matchRoute(routes, 'PUT', '/status/500', '')).toEqual({ kind: 'method-not-allowed' });
    expect(matchRoute(routes, 'GET', '/status/abc', '')).toEqual({ kind: 'not-found' });
  });
});

describe('routeLabel', () => {
  it("turns podinfo's route templates into metric labels", () => {
    expect(['/', '/version', 'status', '/readyz/enable', '/api/delay/{wait}'].map(routeLabel)).toEqual([
      'root',
      'version',
      'status',
      'readyz_enable',
      'api_delay_wait',
    ]);
  });
});
