import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { eventually } from '../../support/eventually.js';
import { startTestApi, type TestApi } from '../../support/local-api.js';

interface Meta {
  uid: string;
  deletionTimestamp?: string;
  finalizers?: string[];
  ownerReferences?: { name: string; uid: string }[];
}

let api: TestApi;

async function meta(kind: string, name: string): Promise<Meta | undefined> {
  const result = await api.kubectl.run(['get', kind, '-n', 'test', name, '-o', 'json']);
  if (result.code !== 0) {
    expect(result.stderr).toContain('NotFound');
    return undefined;
  }
  return (JSON.parse(result.stdout) as { metadata: Meta }).metadata;
}

async function owner(name: string): Promise<Meta> {
  await api.kubectl.ok(['create', 'deployment', '-n', 'test', name, '--image=nginx:1.27']);
  const found = await meta('deployment', name);
  if (!found) throw new Error(`deployment ${name} was not created`);
  return found;
}

/** A ConfigMap owned by the given Deployments (blocking their foreground deletion). */
async function dependent(name: string, owners: { name: string; meta: Meta }[], finalizers?: string[]) {
  const manifest = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      name,
      namespace: 'test',
      ...(finalizers ? { finalizers } : {}),
      ownerReferences: owners.map((o) => ({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        name: o.name,
        uid: o.meta.uid,
        controller: false,
        blockOwnerDeletion: true,
      })),
    },
    data: { owner: owners.map((o) => o.name).join(',') },
  };
  expect(await api.kubectl.ok(['create', '-f', '-'], stringify(manifest))).toBe(
    `configmap/${name} created\n`,
  );
}

beforeAll(async () => {
  api = await startTestApi({ inMemory: true });
  await api.kubectl.ok(['create', 'ns', 'test']);
});
afterAll(async () => {
  await api?.stop();
});

describe('kubectl delete and garbage collection', () => {
  it('deletes dependents in the background once their only owner is gone', async () => {
    await dependent('cm-background', [{ name: 'web-a', meta: await owner('web-a') }]);
    expect(await api.kubectl.ok(['delete', 'deployment', '-n', 'test', 'web-a'])).toBe(
      'deployment.apps "web-a" deleted\n',
    );
    await eventually(async () => expect(await meta('configmap', 'cm-background')).toBeUndefined());
  });

  it('keeps a dependent with another live owner, removing only the dangling reference', async () => {
    const first = { name: 'web-b1', meta: await owner('web-b1') };
    const second = { name: 'web-b2', meta: await owner('web-b2') };
    await dependent('cm-shared', [first, second]);
    await api.kubectl.ok(['delete', 'deployment', '-n', 'test', 'web-b1']);
    await eventually(async () =>
      expect((await meta('configmap', 'cm-shared'))?.ownerReferences).toEqual([
        expect.objectContaining({ name: 'web-b2', uid: second.meta.uid }),
      ]),
    );
  });

  it('orphans dependents with --cascade=orphan: they stay, without the owner reference', async () => {
    await dependent('cm-orphan', [{ name: 'web-c', meta: await owner('web-c') }]);
    await api.kubectl.ok(['delete', 'deployment', '-n', 'test', 'web-c', '--cascade=orphan']);
    await eventually(async () => expect(await meta('deployment', 'web-c')).toBeUndefined());
    const orphan = await meta('configmap', 'cm-orphan');
    expect(orphan).toBeDefined();
    expect(orphan?.ownerReferences).toBeUndefined();
    expect(orphan?.deletionTimestamp).toBeUndefined();
  });

  it('deletes dependents before the owner with --cascade=foreground', async () => {
    const web = await owner('web-d');
    await dependent('cm-foreground', [{ name: 'web-d', meta: web }], ['example.com/hold']);
    await dependent('cm-foreground-free', [{ name: 'web-d', meta: web }]);

    const out = await api.kubectl.ok([
      'delete',
      'deployment',
      '-n',
      'test',
      'web-d',
      '--cascade=foreground',
      '--wait=false',
    ]);
    expect(out).toBe('deployment.apps "web-d" deleted\n');
    // The held dependent blocks its owner: both wait, marked for deletion.
    await eventually(async () => expect(await meta('configmap', 'cm-foreground-free')).toBeUndefined());
    const held = await meta('configmap', 'cm-foreground');
    expect(held?.deletionTimestamp).toEqual(expect.any(String));
    const waiting = await meta('deployment', 'web-d');
    expect(waiting?.deletionTimestamp).toEqual(expect.any(String));
    expect(waiting?.finalizers).toEqual(['foregroundDeletion']);

    await api.kubectl.ok([
      'patch',
      'configmap',
      '-n',
      'test',
      'cm-foreground',
      '--type=json',
      '-p',
      '[{"op":"remove","path":"/metadata/finalizers"}]',
    ]);
    await eventually(async () => expect(await meta('deployment', 'web-d')).toBeUndefined());
    expect(await meta('configmap', 'cm-foreground')).toBeUndefined();
  });

  it('waits for a foreground deletion to finish by default', async () => {
    await dependent('cm-wait', [{ name: 'web-e', meta: await owner('web-e') }]);
    await api.kubectl.ok(['delete', 'deployment', '-n', 'test', 'web-e', '--cascade=foreground']);
    expect(await meta('deployment', 'web-e')).toBeUndefined();
    expect(await meta('configmap', 'cm-wait')).toBeUndefined();
  });
});
