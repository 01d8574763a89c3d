import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Helm } from '../../support/helm.js';
import { startTestApi, type TestApi } from '../../support/local-api.js';

const chart = fileURLToPath(new URL('../../fixtures/charts/weir-demo', import.meta.url));

interface Release {
  name: string;
  namespace: string;
  revision: string;
  status: string;
  chart: string;
}
interface Deployment {
  metadata: { labels: Record<string, string>; annotations: Record<string, string> };
  spec: { replicas: number; template: { spec: { containers: { image: string }[] } } };
}

let api: TestApi;
let helm: Helm;

const configMessage = async (): Promise<string | undefined> =>
  (
    await api.kubectl.json<{ data: Record<string, string> }>([
      'get',
      'configmap',
      '-n',
      'apps',
      'demo-config',
    ])
  ).data.message;
const deployment = (): Promise<Deployment> =>
  api.kubectl.json<Deployment>(['get', 'deploy', '-n', 'apps', 'demo']);
const releases = async (): Promise<Release[]> =>
  JSON.parse(await helm.ok(['list', '-n', 'apps', '-o', 'json'])) as Release[];
/** The release records helm keeps as Secrets, `name: status`. */
async function releaseSecrets(): Promise<Record<string, string>> {
  const list = await api.kubectl.json<{
    items: { metadata: { name: string; labels: Record<string, string> } }[];
  }>(['get', 'secrets', '-n', 'apps', '-l', 'owner=helm']);
  return Object.fromEntries(list.items.map((s) => [s.metadata.name, s.metadata.labels.status ?? '']));
}

beforeAll(async () => {
  api = await startTestApi({ inMemory: true });
  helm = new Helm(api.env, api.kubeconfig);
});
afterAll(async () => {
  await api?.stop();
});

describe('helm 3 against the local API server', () => {
  it('installs a chart into a namespace it creates', async () => {
    const out = await helm.ok(['install', 'demo', chart, '-n', 'apps', '--create-namespace']);
    expect(out).toMatch(/^STATUS: deployed$/m);
    expect(out).toMatch(/^REVISION: 1$/m);

    expect(await configMessage()).toBe('hello');
    const { metadata, spec } = await deployment();
    expect(spec.replicas).toBe(1);
    expect(spec.template.spec.containers[0]?.image).toBe('ghcr.io/stefanprodan/podinfo:6.0.0');
    expect(metadata.labels['app.kubernetes.io/managed-by']).toBe('Helm');
    expect(metadata.annotations).toMatchObject({
      'meta.helm.sh/release-name': 'demo',
      'meta.helm.sh/release-namespace': 'apps',
    });
    const service = await api.kubectl.json<{ spec: { clusterIP: string; ports: { port: number }[] } }>([
      'get',
      'service',
      '-n',
      'apps',
      'demo',
    ]);
    expect(service.spec.ports[0]?.port).toBe(80);
    expect(service.spec.clusterIP).toMatch(/^10\.96\./);
    expect(await releaseSecrets()).toEqual({ 'sh.helm.release.v1.demo.v1': 'deployed' });
  });

  it('lists the release and shows its status', async () => {
    expect(await releases()).toEqual([
      expect.objectContaining({
        name: 'demo',
        namespace: 'apps',
        revision: '1',
        status: 'deployed',
        chart: 'weir-demo-0.1.0',
      }),
    ]);
    const status = JSON.parse(await helm.ok(['status', 'demo', '-n', 'apps', '-o', 'json'])) as {
      version: number;
      info: { status: string };
    };
    expect(status).toMatchObject({ version: 1, info: { status: 'deployed' } });
  });

  it('upgrades with changed values', async () => {
    const out = await helm.ok([
      'upgrade',
      'demo',
      chart,
      '-n',
      'apps',
      '--set',
      'message=goodbye',
      '--set',
      'replicaCount=3',
      '--set',
      'image.tag=6.0.1',
    ]);
    expect(out).toContain('Release "demo" has been upgraded.');
    expect(out).toMatch(/^REVISION: 2$/m);

    expect(await configMessage()).toBe('goodbye');
    const { spec } = await deployment();
    expect(spec.replicas).toBe(3);
    expect(spec.template.spec.containers[0]?.image).toBe('ghcr.io/stefanprodan/podinfo:6.0.1');
    expect(await releaseSecrets()).toEqual({
      'sh.helm.release.v1.demo.v1': 'superseded',
      'sh.helm.release.v1.demo.v2': 'deployed',
    });
    expect(await releases()).toEqual([expect.objectContaining({ revision: '2', status: 'deployed' })]);
  });

  it('rolls back to the first revision', async () => {
    expect(await helm.ok(['rollback', 'demo', '1', '-n', 'apps'])).toContain('Rollback was a success!');
    expect(await configMessage()).toBe('hello');
    expect((await deployment()).spec.replicas).toBe(1);
    expect(await releases()).toEqual([expect.objectContaining({ revision: '3', status: 'deployed' })]);
  });

  it('uninstalls: the objects and the release records are gone', async () => {
    expect(await helm.ok(['uninstall', 'demo', '-n', 'apps'])).toBe('release "demo" uninstalled\n');
    const left = await api.kubectl.ok(['get', 'configmaps,deployments,services', '-n', 'apps', '-o', 'name']);
    // What remains is the namespace's own: no object of the release.
    expect(left.split('\n').filter((line) => line.includes('demo'))).toEqual([]);
    expect(await releaseSecrets()).toEqual({});
    expect(await releases()).toEqual([]);
    const status = await helm.run(['status', 'demo', '-n', 'apps']);
    expect(status.code).not.toBe(0);
    expect(status.stderr).toContain('release: not found');
  });
});
