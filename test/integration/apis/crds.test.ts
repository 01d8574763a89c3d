import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crdsManifestPath, parseCanary } from '../../../src/apis/index.js';
import { packageRoot } from '../../../src/platform/tools.js';
import { eventually } from '../../support/eventually.js';
import { flaggerExamples } from '../../support/flagger-fixtures.js';
import { startTestApi, type TestApi } from '../../support/local-api.js';

let api: TestApi;
const crdNames = ['canaries.flagger.app', 'metrictemplates.flagger.app', 'alertproviders.flagger.app'];

/** Every example goes to a namespace of its own: they all name their Canary podinfo. */
const examples = flaggerExamples().map(([file, example]) => {
  const namespace = file.replace(/\.yaml$/, '');
  const manifest: Record<string, unknown> = {
    ...example,
    metadata: { ...(example.metadata as Record<string, unknown>), namespace },
  };
  return { file, namespace, manifest };
});

/** kubectl's table as rows of cells, cut at the header's column offsets (empty cells print blank). */
function table(text: string): string[][] {
  const [header = '', ...lines] = text.trimEnd().split('\n');
  const starts = [...header.matchAll(/\S+/g)].map((m) => m.index);
  const cells = (line: string) => starts.map((start, i) => line.slice(start, starts[i + 1]).trim());
  return [header, ...lines].map(cells);
}

beforeAll(async () => {
  api = await startTestApi({ inMemory: true });
  await api.kubectl.ok(['apply', '-f', join(packageRoot(), crdsManifestPath)]);
  await eventually(async () => {
    for (const name of crdNames) {
      const crd = await api.kubectl.json<{ status?: { conditions?: { type: string; status: string }[] } }>([
        'get',
        'crd',
        name,
      ]);
      expect(crd.status?.conditions?.find((c) => c.type === 'Established')?.status).toBe('True');
    }
  });
  for (const { namespace, manifest } of examples) {
    await api.kubectl.ok(['create', 'namespace', namespace]);
    await api.kubectl.ok(['apply', '-f', '-'], JSON.stringify(manifest));
  }
});
afterAll(() => api?.stop());

describe('the generated CRDs on the local API server', () => {
  it('store every upstream example unchanged, and parseCanary accepts what comes back', async () => {
    for (const { file, namespace, manifest } of examples) {
      const stored = await api.kubectl.json<Record<string, unknown>>([
        'get',
        'canary',
        'podinfo',
        '-n',
        namespace,
      ]);
      expect(stored.spec, file).toEqual(manifest.spec);
      const parsed = parseCanary(stored);
      expect(parsed.ok ? [] : parsed.errors, file).toEqual([]);
    }
  });

  it('print the upstream columns in `kubectl get canaries -A -o wide`', async () => {
    const [header, ...rows] = table(await api.kubectl.ok(['get', 'canaries', '-A', '-o', 'wide']));
    expect(header).toEqual([
      'NAMESPACE',
      'NAME',
      'STATUS',
      'WEIGHT',
      'SUSPENDED',
      'FAILEDCHECKS',
      'INTERVAL',
      'MIRROR',
      'STEPWEIGHT',
      'STEPWEIGHTS',
      'MAXWEIGHT',
      'LASTTRANSITIONTIME',
    ]);
    const byNamespace = Object.fromEntries(rows.map((r) => [r[0], r]));
    expect(Object.keys(byNamespace).sort()).toEqual(examples.map((e) => e.namespace).sort());
    // No status yet, so those cells are blank; the spec columns show the example's analysis.
    expect(byNamespace['istio-canary']).toEqual([
      'istio-canary',
      'podinfo',
      '',
      '',
      '',
      '',
      '15s',
      '',
      '5',
      '',
      '50',
      '',
    ]);
    expect(byNamespace['istio-abtest']?.slice(6, 11)).toEqual(['15s', '', '', '', '']);
    expect(byNamespace['linkerd-canary-steps']?.[9]).toBe('[5,10,15,20,25,30,35,40,45,50,55]');
  });

  it('print NAME STATUS WEIGHT LASTTRANSITIONTIME without -o wide', async () => {
    const [header] = table(await api.kubectl.ok(['get', 'canaries', '-A']));
    expect(header).toEqual(['NAMESPACE', 'NAME', 'STATUS', 'WEIGHT', 'LASTTRANSITIONTIME']);
  });

  it('print the provider of MetricTemplates and the type of AlertProviders', async () => {
    const metricTemplate = {
      apiVersion: 'flagger.app/v1beta1',
      kind: 'MetricTemplate',
      metadata: { name: 'latency', namespace: 'istio-canary' },
      spec: { provider: { type: 'prometheus', address: 'http://prometheus:9090' }, query: 'up' },
    };
    const alertProvider = {
      apiVersion: 'flagger.app/v1beta1',
      kind: 'AlertProvider',
      metadata: { name: 'on-call', namespace: 'istio-canary' },
      spec: { type: 'slack', channel: 'on-call', secretRef: { name: 'slack-url' } },
    };
    for (const object of [metricTemplate, alertProvider])
      await api.kubectl.ok(['apply', '-f', '-'], JSON.stringify(object));
    expect(table(await api.kubectl.ok(['get', 'metrictemplates', '-n', 'istio-canary']))).toEqual([
      ['NAME', 'PROVIDER'],
      ['latency', 'prometheus'],
    ]);
    expect(table(await api.kubectl.ok(['get', 'alertproviders', '-n', 'istio-canary']))).toEqual([
      ['NAME', 'TYPE'],
      ['on-call', 'slack'],
    ]);
  });

  it('refuse a broken Canary, naming the field', async () => {
    const [{ manifest }] = examples as [(typeof examples)[number]];
    const spec = manifest.spec as { analysis: Record<string, unknown> };
    const broken = {
      ...manifest,
      metadata: { name: 'broken', namespace: 'istio-canary' },
      spec: { ...spec, analysis: { ...spec.analysis, threshold: 'five' } },
    };
    const result = await api.kubectl.run(['apply', '-f', '-'], JSON.stringify(broken));
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('spec.analysis.threshold');
  });
});
