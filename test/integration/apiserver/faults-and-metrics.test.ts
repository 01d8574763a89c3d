import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type ClientNode, clientNode, failure } from '../../support/client-node.js';
import { startTestApi, type TestApi } from '../../support/local-api.js';

let api: TestApi;
let k: ClientNode;
const namespace = 'faulty';

beforeAll(async () => {
  api = await startTestApi({ inMemory: true });
  k = clientNode(api.kubeconfig);
  await k.core.createNamespace({ body: { metadata: { name: namespace } } });
  await k.core.createNamespacedConfigMap({ namespace, body: { metadata: { name: 'cm' } } });
  await k.core.createNamespacedSecret({ namespace, body: { metadata: { name: 'secret' } } });
});
afterAll(() => api?.stop());
beforeEach(async () => {
  await fetch(`${api.server.url}/weir/faults`, { method: 'DELETE' });
});

function putFaults(body: unknown): Promise<Response> {
  return fetch(`${api.server.url}/weir/faults`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** Samples of one metric from /metrics, as `{labels} value` strings keyed by their label text. */
async function samples(metric: string): Promise<Map<string, number>> {
  const text = await (await fetch(`${api.server.url}/metrics`)).text();
  const out = new Map<string, number>();
  for (const line of text.split('\n')) {
    const match = /^(\w+)\{(.*)\} (\S+)$/.exec(line);
    if (match?.[1] === metric) out.set(match[2]!, Number(match[3]));
  }
  return out;
}

/** The sum of a metric's samples whose labels include every `key="value"` given. */
async function total(metric: string, labels: Record<string, string>): Promise<number> {
  let sum = 0;
  const wanted = Object.entries(labels).map(([key, value]) => `${key}="${value}"`);
  for (const [text, value] of await samples(metric)) {
    if (wanted.every((w) => text.split(',').includes(w))) sum += value;
  }
  return sum;
}

describe('fault injection (/weir/faults)', () => {
  it('fails only the matching verb and resource, with a 429 Status body', async () => {
    const put = await putFaults({
      errorRate: 1,
      errorCodes: [429],
      verbs: ['list'],
      resources: ['configmaps'],
    });
    expect(put.status).toBe(200);
    expect(await put.json()).toMatchObject({ errorRate: 1, errorCodes: [429] });

    const res = await fetch(`${api.server.url}/api/v1/namespaces/${namespace}/configmaps`);
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('1');
    expect(await res.json()).toMatchObject({
      kind: 'Status',
      apiVersion: 'v1',
      status: 'Failure',
      reason: 'TooManyRequests',
      code: 429,
      details: { retryAfterSeconds: 1 },
    });
    expect((await failure(k.core.listConfigMapForAllNamespaces())).code).toBe(429);

    // Other verbs on configmaps and lists of other resources are served.
    expect((await k.core.readNamespacedConfigMap({ name: 'cm', namespace })).metadata?.name).toBe('cm');
    await k.core.createNamespacedConfigMap({ namespace, body: { metadata: { name: 'during-fault' } } });
    expect((await k.core.listNamespacedSecret({ namespace })).items).toHaveLength(1);

    const cleared = await fetch(`${api.server.url}/weir/faults`, { method: 'DELETE' });
    expect(await cleared.json()).toMatchObject({ errorRate: 0, latencyMs: 0, verbs: [], resources: [] });
    const names = (await k.core.listNamespacedConfigMap({ namespace })).items.map((c) => c.metadata?.name);
    expect(names).toEqual(['cm', 'during-fault']);
  });

  it('delays matching requests by latencyMs', async () => {
    await putFaults({ latencyMs: 300, verbs: ['get'], resources: ['secrets'] });
    await k.core.readNamespacedSecret({ name: 'secret', namespace });
    await k.core.readNamespacedConfigMap({ name: 'cm', namespace });
    const secretGets = { verb: 'get', resource: 'secrets' };
    // The delayed request can only land in buckets at or above the injected latency.
    expect(await total('apiserver_request_duration_seconds_count', secretGets)).toBe(1);
    expect(await total('apiserver_request_duration_seconds_bucket', { ...secretGets, le: '0.25' })).toBe(0);
    expect(await total('apiserver_request_duration_seconds_bucket', { ...secretGets, le: '0.5' })).toBe(1);
  });

  it('rejects invalid configurations with 422 naming each bad field, keeping the old one', async () => {
    await putFaults({ latencyMs: 5 });
    const res = await putFaults({ errorRate: 2, errorCodes: [418], verbs: 'list', bogus: true });
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toContain('application/json');
    const body = (await res.json()) as { fields: string[]; message: string };
    expect(body.fields.sort()).toEqual(['bogus', 'errorCodes', 'errorRate', 'verbs']);
    expect(body.message).toContain('errorRate: Invalid value: 2');
    expect((await putFaults({ latencyMs: -1 })).status).toBe(422);
    expect((await putFaults('not json')).status).toBe(400);
    const current = await (await fetch(`${api.server.url}/weir/faults`)).json();
    expect(current).toMatchObject({ latencyMs: 5, errorRate: 0 });
  });
});

describe('request metrics (/metrics)', () => {
  it('counts requests by verb, resource, code and client', async () => {
    const labels = { verb: 'list', resource: 'configmaps', client: 'kubectl', code: '200' };
    const before = await total('apiserver_request_total', labels);
    await api.kubectl.ok(['get', 'configmaps', '-n', namespace]);
    await api.kubectl.ok(['get', 'configmaps', '-A']);
    expect(await total('apiserver_request_total', labels)).toBe(before + 2);

    const gets = { verb: 'get', resource: 'configmaps', client: 'kubectl' };
    const getsBefore = await total('apiserver_request_total', gets);
    await api.kubectl.ok(['get', 'configmap', 'cm', '-n', namespace]);
    expect(await total('apiserver_request_total', gets)).toBe(getsBefore + 1);

    await putFaults({ errorRate: 1, errorCodes: [503], verbs: ['list'], resources: ['secrets'] });
    await failure(k.core.listNamespacedSecret({ namespace }));
    expect(
      await total('apiserver_request_total', {
        verb: 'list',
        resource: 'secrets',
        code: '503',
        client: 'node-fetch',
      }),
    ).toBe(1);

    const text = await (await fetch(`${api.server.url}/metrics`)).text();
    expect(text).toContain('# TYPE apiserver_request_total counter');
    expect(text).toMatch(/^apiserver_registered_watchers \d+$/m);
  });
});
