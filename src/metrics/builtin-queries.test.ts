import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { flaggerReference } from '../../test/support/reference.js';
import { parseProvider } from '../routers/providers.js';
import { builtinQueries, type Observer, Observers, observerFor } from './builtin-queries.js';
import { collapseWhitespace, renderQuery } from './render-query.js';

/** The `* \`<observer>\` **<metric>**: \`<query>\`` bullets of the behaviour reference, §4.1. */
function referenceQueries(): Map<string, string> {
  const text = readFileSync(flaggerReference('..', 'flagger-behaviour.md'), 'utf8');
  const section = text.slice(text.indexOf('### 4.1'), text.indexOf('### 4.2'));
  const queries = new Map<string, string>();
  for (const match of section.matchAll(/^\* `([a-z]+)` \*\*([a-z-]+)\*\*: `(.*)`$/gm)) {
    queries.set(`${match[1]} ${match[2]}`, match[3]!);
  }
  return queries;
}

describe('builtin queries', () => {
  it('are Flagger 1.44 PromQL for every observer, verbatim', () => {
    const reference = referenceQueries();
    expect(reference.size).toBe(Observers.length * 2);
    for (const observer of Observers) {
      for (const metric of ['request-success-rate', 'request-duration'] as const) {
        expect(collapseWhitespace(builtinQueries[observer][metric]), `${observer} ${metric}`).toBe(
          reference.get(`${observer} ${metric}`),
        );
      }
    }
  });

  it('render for every observer without error, and in milliseconds except the http observer', () => {
    const model = {
      name: 'podinfo',
      namespace: 'test',
      target: 'podinfo',
      service: 'podinfo',
      ingress: 'podinfo',
      route: 'podinfo',
      interval: '1m',
      variables: {},
    };
    for (const observer of Observers) {
      for (const metric of ['request-success-rate', 'request-duration'] as const) {
        const query = renderQuery(builtinQueries[observer][metric], model);
        expect(query).not.toContain('{{');
        expect(query).toContain('[1m]');
      }
    }
    const secondsObservers = Observers.filter((o) => builtinQueries[o].durationUnit === 's');
    expect(secondsObservers).toEqual(['http']);
  });

  it('render the podinfo canary on Istio exactly as Flagger sends it', () => {
    const query = renderQuery(builtinQueries.istio['request-success-rate'], {
      name: 'podinfo',
      namespace: 'test',
      target: 'podinfo',
      service: 'podinfo',
      ingress: 'podinfo',
      route: 'podinfo',
      interval: '1m',
      variables: {},
    });
    expect(query).toBe(
      'sum( rate( istio_requests_total{ reporter="destination", destination_workload_namespace="test", destination_workload=~"podinfo", response_code!~"5.*" }[1m] ) ) / sum( rate( istio_requests_total{ reporter="destination", destination_workload_namespace="test", destination_workload=~"podinfo" }[1m] ) ) * 100',
    );
  });
});

describe('observerFor', () => {
  const cases: [string, Observer][] = [
    ['istio', 'istio'],
    ['linkerd', 'linkerd'],
    ['osm', 'osm'],
    ['kubernetes', 'http'],
    ['smi:istio', 'istio'],
    ['smi:linkerd', 'linkerd'],
    ['smi:v1alpha1:linkerd', 'linkerd'],
    ['smi:v1alpha2:osm', 'osm'],
    ['smi:v1alpha3:istio', 'istio'],
    ['smi:v1alpha2', 'istio'],
  ];
  it.each(cases)('%s → %s', (provider, observer) => {
    expect(observerFor(parseProvider(provider))).toBe(observer);
  });
});
