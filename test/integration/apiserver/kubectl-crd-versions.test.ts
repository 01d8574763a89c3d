import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { startTestApi, type TestApi } from '../../support/local-api.js';
import { parseTable } from '../../support/table.js';

const crdFile = fileURLToPath(new URL('../../fixtures/crds/widgets-two-versions.yaml', import.meta.url));
const v1alpha1 = 'widgets.v1alpha1.example.weir.dev';
const v1beta1 = 'widgets.v1beta1.example.weir.dev';

interface Widget {
  apiVersion: string;
  metadata: { uid: string; resourceVersion: string };
  spec: { size: number; color?: string; shape?: string };
}

let api: TestApi;

function widget(apiVersion: string, name: string, spec: Record<string, unknown>): string {
  return stringify({ apiVersion, kind: 'Widget', metadata: { name, namespace: 'test' }, spec });
}

beforeAll(async () => {
  api = await startTestApi({ inMemory: true });
  await api.kubectl.ok(['create', 'ns', 'test']);
});
afterAll(async () => {
  await api?.stop();
});

describe('a CRD with two served versions (conversion None)', () => {
  it('registers both versions, storing v1beta1', async () => {
    expect(await api.kubectl.ok(['apply', '-f', crdFile])).toBe(
      'customresourcedefinition.apiextensions.k8s.io/widgets.example.weir.dev created\n',
    );
    const crd = await api.kubectl.json<{
      status: { storedVersions: string[]; conditions: { type: string; status: string }[] };
    }>(['get', 'crd', 'widgets.example.weir.dev']);
    expect(crd.status.storedVersions).toEqual(['v1beta1']);
    expect(crd.status.conditions).toContainEqual(
      expect.objectContaining({ type: 'Established', status: 'True' }),
    );
    const versions = (await api.kubectl.ok(['api-versions'])).split('\n');
    expect(versions).toEqual(
      expect.arrayContaining(['example.weir.dev/v1alpha1', 'example.weir.dev/v1beta1']),
    );
    // The short name resolves to the preferred version (the last served, by Kubernetes' version order).
    expect(await api.kubectl.ok(['api-resources', '--api-group=example.weir.dev', '--no-headers'])).toMatch(
      /^widgets\s+wd\s+example\.weir\.dev\/v1beta1\s+true\s+Widget\s*$/m,
    );
  });

  it('creates through v1alpha1 (with its defaults) and reads through v1beta1', async () => {
    expect(
      await api.kubectl.ok(['apply', '-f', '-'], widget('example.weir.dev/v1alpha1', 'small', { size: 1 })),
    ).toBe('widget.example.weir.dev/small created\n');
    const viaBeta = await api.kubectl.json<Widget>(['get', v1beta1, '-n', 'test', 'small']);
    const viaAlpha = await api.kubectl.json<Widget>(['get', v1alpha1, '-n', 'test', 'small']);
    expect(viaBeta.apiVersion).toBe('example.weir.dev/v1beta1');
    expect(viaAlpha.apiVersion).toBe('example.weir.dev/v1alpha1');
    expect(viaBeta.spec).toEqual({ size: 1, color: 'blue' });
    expect(viaAlpha.spec).toEqual(viaBeta.spec);
    expect(viaAlpha.metadata.uid).toBe(viaBeta.metadata.uid);
    expect(viaAlpha.metadata.resourceVersion).toBe(viaBeta.metadata.resourceVersion);
  });

  it('creates through v1beta1 and reads and updates through v1alpha1, with its schema', async () => {
    await api.kubectl.ok(
      ['create', '-f', '-'],
      widget('example.weir.dev/v1beta1', 'big', { size: 9, shape: 'round' }),
    );
    const viaAlpha = await api.kubectl.json<Widget>(['get', v1alpha1, '-n', 'test', 'big']);
    expect(viaAlpha.apiVersion).toBe('example.weir.dev/v1alpha1');
    // Defaulted by v1beta1 on write; served through v1alpha1 pruned by its schema, which has no shape.
    expect(viaAlpha.spec).toEqual({ size: 9, color: 'red' });
    expect((await api.kubectl.json<Widget>(['get', v1beta1, '-n', 'test', 'big'])).spec.shape).toBe('round');

    // A write through v1alpha1 stores what v1alpha1 serves: the field it does not know is lost, as with
    // any conversion-None CRD whose versions' schemas differ.
    await api.kubectl.ok([
      'patch',
      v1alpha1,
      '-n',
      'test',
      'big',
      '--type=merge',
      '-p',
      '{"spec":{"size":10}}',
    ]);
    const viaBeta = await api.kubectl.json<Widget>(['get', v1beta1, '-n', 'test', 'big']);
    expect(viaBeta.apiVersion).toBe('example.weir.dev/v1beta1');
    expect(viaBeta.spec).toEqual({ size: 10, color: 'red' });
  });

  it("validates against the request version's schema", async () => {
    const result = await api.kubectl.run(
      ['create', '-f', '-'],
      widget('example.weir.dev/v1alpha1', 'bad', { size: 0 }),
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      'The Widget "bad" is invalid: spec.size: Invalid value: 0: spec.size in body should be greater than or equal to 1',
    );
  });

  it("prints each version's own printer columns", async () => {
    const alpha = parseTable(await api.kubectl.ok(['get', v1alpha1, '-n', 'test']));
    expect(alpha.header).toEqual(['NAME', 'SIZE']);
    expect(alpha.rows).toEqual([
      { NAME: 'big', SIZE: '10' },
      { NAME: 'small', SIZE: '1' },
    ]);
    const beta = parseTable(await api.kubectl.ok(['get', 'wd', '-n', 'test']));
    expect(beta.header).toEqual(['NAME', 'SIZE', 'COLOR']);
    expect(beta.rows).toEqual([
      { NAME: 'big', SIZE: '10', COLOR: 'red' },
      { NAME: 'small', SIZE: '1', COLOR: 'blue' },
    ]);
  });
});
