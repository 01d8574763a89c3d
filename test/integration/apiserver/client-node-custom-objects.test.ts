import { readFileSync } from 'node:fs';
import { PatchStrategy } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { type ClientNode, clientNode, failure, patchAs } from '../../support/client-node.js';
import { eventually } from '../../support/eventually.js';
import { linkerdCanary } from '../../support/flagger-fixtures.js';
import { startTestApi, type TestApi } from '../../support/local-api.js';
import { flaggerReference } from '../../support/reference.js';

let api: TestApi;
let k: ClientNode;
const namespace = 'custom';
const canaries = { group: 'flagger.app', version: 'v1beta1', namespace, plural: 'canaries' };

interface Canary {
  metadata: { name: string; generation?: number; resourceVersion?: string; labels?: Record<string, string> };
  spec: { analysis: { stepWeight?: number; maxWeight?: number } };
  status?: { phase?: string; canaryWeight?: number };
}

function canary(name: string): Canary & Record<string, unknown> {
  const c = linkerdCanary();
  return { ...c, metadata: { name, namespace } } as Canary & Record<string, unknown>;
}

beforeAll(async () => {
  api = await startTestApi();
  k = clientNode(api.kubeconfig);
  // The typed ApiextensionsV1Api would drop keys it has no camelCase model field for
  // (`x-kubernetes-int-or-string`); the generic API sends the manifests exactly as parsed.
  const crdApi = { group: 'apiextensions.k8s.io', version: 'v1', plural: 'customresourcedefinitions' };
  const crds = parseAllDocuments(readFileSync(flaggerReference('crd.yaml'), 'utf8')).map((d) => d.toJSON());
  for (const body of crds) await k.custom.createClusterCustomObject({ ...crdApi, body });
  await eventually(async () => {
    const crd = (await k.custom.getClusterCustomObject({ ...crdApi, name: 'canaries.flagger.app' })) as {
      status?: { conditions?: { type: string; status: string }[] };
    };
    expect(crd.status?.conditions?.find((c) => c.type === 'Established')?.status).toBe('True');
  });
  await k.core.createNamespace({ body: { metadata: { name: namespace } } });
});
afterAll(() => api?.stop());

describe('client-node CustomObjectsApi on the Flagger CRD', () => {
  it('creates and reads a Canary, dropping status sent to the main resource', async () => {
    const body = { ...canary('create'), status: { phase: 'Succeeded' } };
    const created = (await k.custom.createNamespacedCustomObject({ ...canaries, body })) as Canary;
    expect(created.metadata.generation).toBe(1);
    expect(created.status).toBeUndefined();
    const read = (await k.custom.getNamespacedCustomObject({ ...canaries, name: 'create' })) as Canary;
    expect(read.spec.analysis.stepWeight).toBe(5);
    const list = (await k.custom.listNamespacedCustomObject(canaries)) as { kind: string; items: Canary[] };
    expect(list.kind).toBe('CanaryList');
    expect(list.items.map((c) => c.metadata.name)).toEqual(['create']);
  });

  it('keeps spec and status apart and bumps generation on spec changes only', async () => {
    await k.custom.createNamespacedCustomObject({ ...canaries, body: canary('split') });

    const statusBody = (await k.custom.getNamespacedCustomObjectStatus({
      ...canaries,
      name: 'split',
    })) as Canary;
    statusBody.status = { phase: 'Progressing', canaryWeight: 10 };
    statusBody.spec.analysis.stepWeight = 40;
    const afterStatus = (await k.custom.replaceNamespacedCustomObjectStatus({
      ...canaries,
      name: 'split',
      body: statusBody,
    })) as Canary;
    expect(afterStatus.status).toEqual({ phase: 'Progressing', canaryWeight: 10 });
    expect(afterStatus.spec.analysis.stepWeight).toBe(5);
    expect(afterStatus.metadata.generation).toBe(1);

    const merged = (await k.custom.patchNamespacedCustomObjectStatus(
      {
        ...canaries,
        name: 'split',
        body: {
          status: { canaryWeight: 20 },
          spec: { analysis: { maxWeight: 90 } },
          metadata: { labels: { via: 'status' } },
        },
      },
      patchAs(PatchStrategy.MergePatch),
    )) as Canary;
    expect(merged.status).toEqual({ phase: 'Progressing', canaryWeight: 20 });
    expect(merged.spec.analysis.maxWeight).toBe(50);
    expect(merged.metadata.labels).toBeUndefined();
    expect(merged.metadata.generation).toBe(1);

    const labelled = (await k.custom.patchNamespacedCustomObject(
      {
        ...canaries,
        name: 'split',
        body: { metadata: { labels: { team: 'a' } }, status: { phase: 'Failed' } },
      },
      patchAs(PatchStrategy.MergePatch),
    )) as Canary;
    expect(labelled.metadata.labels).toEqual({ team: 'a' });
    expect(labelled.status?.phase).toBe('Progressing');
    expect(labelled.metadata.generation).toBe(1);

    const respec = (await k.custom.patchNamespacedCustomObject(
      { ...canaries, name: 'split', body: { spec: { analysis: { stepWeight: 10 } } } },
      patchAs(PatchStrategy.MergePatch),
    )) as Canary;
    expect(respec.spec.analysis.stepWeight).toBe(10);
    expect(respec.metadata.generation).toBe(2);
    expect(respec.status).toEqual({ phase: 'Progressing', canaryWeight: 20 });
  });

  it('applies JSON patches and refuses strategic merge patches with 415 like the real server', async () => {
    await k.custom.createNamespacedCustomObject({ ...canaries, body: canary('patch') });
    const patched = (await k.custom.patchNamespacedCustomObject({
      ...canaries,
      name: 'patch',
      body: [{ op: 'replace', path: '/spec/analysis/maxWeight', value: 30 }],
    })) as Canary;
    expect(patched.spec.analysis.maxWeight).toBe(30);

    const refused = await failure(
      k.custom.patchNamespacedCustomObject(
        { ...canaries, name: 'patch', body: { spec: { analysis: { maxWeight: 40 } } } },
        patchAs(PatchStrategy.StrategicMergePatch),
      ),
    );
    expect(refused.code).toBe(415);
    expect(refused.status).toMatchObject({ kind: 'Status', reason: 'UnsupportedMediaType', code: 415 });
    const read = (await k.custom.getNamespacedCustomObject({ ...canaries, name: 'patch' })) as Canary;
    expect(read.spec.analysis.maxWeight).toBe(30);
  });

  it('validates against the CRD schema and enforces optimistic concurrency', async () => {
    const bad = canary('bad');
    bad.spec.analysis.stepWeight = 'five' as unknown as number;
    const invalid = await failure(k.custom.createNamespacedCustomObject({ ...canaries, body: bad }));
    expect(invalid.code).toBe(422);
    expect(invalid.status.message).toContain('spec.analysis.stepWeight');

    const first = (await k.custom.createNamespacedCustomObject({
      ...canaries,
      body: canary('occ'),
    })) as Canary;
    const stale = structuredClone(first);
    first.spec.analysis.stepWeight = 7;
    await k.custom.replaceNamespacedCustomObject({ ...canaries, name: 'occ', body: first });
    stale.spec.analysis.stepWeight = 8;
    const conflict = await failure(
      k.custom.replaceNamespacedCustomObject({ ...canaries, name: 'occ', body: stale }),
    );
    expect(conflict.code).toBe(409);
    expect(conflict.status.reason).toBe('Conflict');
    const statusConflict = await failure(
      k.custom.replaceNamespacedCustomObjectStatus({
        ...canaries,
        name: 'occ',
        body: { ...stale, status: { phase: 'Failed' } },
      }),
    );
    expect(statusConflict.code).toBe(409);
  });
});
