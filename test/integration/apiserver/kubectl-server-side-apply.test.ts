import { mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { startTestApi, type TestApi } from '../../support/local-api.js';

interface Deployment {
  metadata: { generation: number; labels: Record<string, string>; annotations?: Record<string, string> };
  spec: {
    replicas: number;
    strategy: { type: string };
    template: {
      spec: { containers: { name: string; image: string; env?: { name: string; value: string }[] }[] };
    };
  };
}

let api: TestApi;
let dir: string;

/** Writes the manifest of the `web` Deployment with the given replicas and LEVEL, and returns its path. */
function manifest(replicas: number, level: string): string {
  const file = join(dir, `web-${replicas}-${level}.yaml`);
  writeFileSync(
    file,
    stringify({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'test', labels: { app: 'web' } },
      spec: {
        replicas,
        selector: { matchLabels: { app: 'web' } },
        template: {
          metadata: { labels: { app: 'web' } },
          spec: {
            containers: [
              {
                name: 'app',
                image: 'ghcr.io/stefanprodan/podinfo:6.0.0',
                env: [
                  { name: 'LEVEL', value: level },
                  { name: 'COLOR', value: 'blue' },
                ],
              },
            ],
          },
        },
      },
    }),
  );
  return file;
}

const web = (): Promise<Deployment> =>
  api.kubectl.json<Deployment>(['get', 'deployment', '-n', 'test', 'web']);

beforeAll(async () => {
  api = await startTestApi({ inMemory: true });
  dir = mkdtempSync(join(api.dir, 'manifests-'));
  await api.kubectl.ok(['create', 'ns', 'test']);
});
afterAll(async () => {
  await api?.stop();
});

describe('kubectl apply --server-side', () => {
  it('creates the object, with the server defaults', async () => {
    expect(await api.kubectl.ok(['apply', '--server-side', '-f', manifest(1, 'info')])).toBe(
      'deployment.apps/web serverside-applied\n',
    );
    const created = await web();
    expect(created.metadata.generation).toBe(1);
    expect(created.spec.replicas).toBe(1);
    expect(created.spec.strategy.type).toBe('RollingUpdate');
    expect(created.spec.template.spec.containers[0]?.env).toEqual([
      { name: 'LEVEL', value: 'info' },
      { name: 'COLOR', value: 'blue' },
    ]);
  });

  it('updates changed fields and keeps what others set', async () => {
    await api.kubectl.ok(['annotate', 'deployment', '-n', 'test', 'web', 'owner=team-a']);
    expect(await api.kubectl.ok(['apply', '--server-side', '-f', manifest(4, 'debug')])).toBe(
      'deployment.apps/web serverside-applied\n',
    );
    const updated = await web();
    expect(updated.spec.replicas).toBe(4);
    expect(updated.spec.template.spec.containers[0]?.env).toEqual([
      { name: 'LEVEL', value: 'debug' },
      { name: 'COLOR', value: 'blue' },
    ]);
    expect(updated.metadata.generation).toBe(2);
    expect(updated.metadata.annotations?.owner).toBe('team-a');
  });

  it('changes nothing with --dry-run=server, yet answers with the result', async () => {
    const out = await api.kubectl.ok([
      'apply',
      '--server-side',
      '--dry-run=server',
      '-o',
      'json',
      '-f',
      manifest(9, 'trace'),
    ]);
    expect((JSON.parse(out) as Deployment).spec.replicas).toBe(9);
    expect((await web()).spec.replicas).toBe(4);
  });

  it('applies a ConfigMap with a field manager of its own', async () => {
    const configMap = (data: Record<string, string>) =>
      stringify({
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'settings', namespace: 'test' },
        data,
      });
    await api.kubectl.ok(['apply', '--server-side', '--field-manager=ci', '-f', '-'], configMap({ a: '1' }));
    await api.kubectl.ok(
      ['apply', '--server-side', '--field-manager=ci', '-f', '-'],
      configMap({ a: '2', b: '3' }),
    );
    const live = await api.kubectl.json<{ data: Record<string, string> }>([
      'get',
      'cm',
      '-n',
      'test',
      'settings',
    ]);
    expect(live.data).toEqual({ a: '2', b: '3' });
  });
});
