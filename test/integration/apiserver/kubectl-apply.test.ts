import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../../support/local-api.js';
import { flaggerReference } from '../../support/reference.js';
import { parseTable } from '../../support/table.js';

interface Container {
  name: string;
  image: string;
  env?: { name: string; value?: string }[];
}
interface Deployment {
  metadata: { generation: number; labels: Record<string, string>; annotations?: Record<string, string> };
  spec: {
    replicas: number;
    minReadySeconds: number;
    strategy: { rollingUpdate: Record<string, unknown> };
    template: { metadata: { annotations?: Record<string, string> }; spec: { containers: Container[] } };
  };
}

let api: TestApi;

beforeAll(async () => {
  api = await startTestApi({ inMemory: true });
});
afterAll(async () => {
  await api?.stop();
});

describe('kubectl against the local API server: namespaces, apply, get', () => {
  it('creates and labels namespaces', async () => {
    expect(await api.kubectl.ok(['create', 'ns', 'test'])).toBe('namespace/test created\n');
    expect(await api.kubectl.ok(['create', 'namespace', 'apps'])).toBe('namespace/apps created\n');
    expect(await api.kubectl.ok(['label', 'namespace', 'test', 'istio-injection=enabled'])).toBe(
      'namespace/test labeled\n',
    );
    const ns = await api.kubectl.json<{ metadata: { labels: Record<string, string> } }>([
      'get',
      'ns',
      'test',
    ]);
    expect(ns.metadata.labels).toEqual({
      'istio-injection': 'enabled',
      'kubernetes.io/metadata.name': 'test',
    });
  });

  it('applies upstream manifests with -f (default, server-side validation)', async () => {
    const out = await api.kubectl.ok([
      'apply',
      '-n',
      'apps',
      '-f',
      flaggerReference('workloads', 'secret.yaml'),
      '-f',
      flaggerReference('workloads', 'deployment.yaml'),
    ]);
    expect(out).toBe('secret/podinfo-secret created\ndeployment.apps/podinfo created\n');
    const secret = await api.kubectl.json<{ data: Record<string, string> }>([
      'get',
      'secret',
      '-n',
      'apps',
      'podinfo-secret',
    ]);
    expect(Buffer.from(secret.data.value ?? '', 'base64').toString()).toBe('s3cr3t');
    const deployment = await api.kubectl.json<Deployment>(['get', 'deploy', '-n', 'apps', 'podinfo']);
    expect(deployment.metadata.labels['app.kubernetes.io/managed-by']).toBe('test-label-prefix');
    expect(deployment.spec.replicas).toBe(1);
    expect(deployment.spec.template.spec.containers[0]!.image).toBe('ghcr.io/stefanprodan/podinfo:6.0.0');
  });

  it('applies the upstream podinfo kustomization with -k', async () => {
    const out = await api.kubectl.ok(['apply', '-k', flaggerReference('kustomize-podinfo')]);
    expect(out).toBe(
      'deployment.apps/podinfo created\nhorizontalpodautoscaler.autoscaling/podinfo created\n',
    );
    const hpa = await api.kubectl.json<{ spec: { minReplicas: number; scaleTargetRef: { name: string } } }>([
      'get',
      'hpa',
      '-n',
      'test',
      'podinfo',
    ]);
    expect(hpa.spec).toMatchObject({ minReplicas: 2, scaleTargetRef: { name: 'podinfo' } });
  });

  it('re-applies an edited manifest: changed fields change, unrelated and removed fields behave like apply', async () => {
    await api.kubectl.ok(['annotate', 'deploy', '-n', 'test', 'podinfo', 'team=blue']);
    const before = await api.kubectl.json<Deployment>(['get', 'deploy', '-n', 'test', 'podinfo']);
    const original = readFileSync(flaggerReference('kustomize-podinfo', 'deployment.yaml'), 'utf8');
    const edited = original
      .replace('value: "#34577c"', 'value: "#ff0000"')
      .replace('minReadySeconds: 5', 'minReadySeconds: 5\n  replicas: 3')
      .replace('        prometheus.io/port: "9797"\n', '');
    expect(edited).not.toBe(original);
    const dir = mkdtempSync(join(api.dir, 'edited-'));
    writeFileSync(join(dir, 'deployment.yaml'), edited);

    const out = await api.kubectl.ok(['apply', '-n', 'test', '-f', join(dir, 'deployment.yaml')]);
    expect(out).toBe('deployment.apps/podinfo configured\n');
    const after = await api.kubectl.json<Deployment>(['get', 'deploy', '-n', 'test', 'podinfo']);
    const container = after.spec.template.spec.containers[0]!;
    expect(container.env).toEqual([{ name: 'PODINFO_UI_COLOR', value: '#ff0000' }]);
    expect(after.spec.replicas).toBe(3);
    expect(after.spec.template.metadata.annotations).toEqual({ 'prometheus.io/scrape': 'true' });
    expect(after.metadata.generation).toBe(before.metadata.generation + 1);
    // Fields the manifest never mentioned survive: another writer's annotation, server defaults.
    expect(after.metadata.annotations?.team).toBe('blue');
    expect(after.spec.strategy.rollingUpdate).toEqual({ maxSurge: '25%', maxUnavailable: 1 });
    expect(container.image).toBe('ghcr.io/stefanprodan/podinfo:6.0.0');

    expect(await api.kubectl.ok(['apply', '-n', 'test', '-f', join(dir, 'deployment.yaml')])).toBe(
      'deployment.apps/podinfo unchanged\n',
    );
  });

  it('lists across namespaces with get -A', async () => {
    const table = parseTable(await api.kubectl.ok(['get', 'deployments', '-A']));
    expect(table.header).toEqual(['NAMESPACE', 'NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE']);
    expect(table.rows.map((r) => `${r.NAMESPACE}/${r.NAME}`)).toEqual(['apps/podinfo', 'test/podinfo']);
    const namespaces = parseTable(await api.kubectl.ok(['get', 'ns']));
    expect(namespaces.header).toEqual(['NAME', 'STATUS', 'AGE']);
    expect(namespaces.rows.map((r) => r.NAME)).toEqual(
      expect.arrayContaining(['apps', 'default', 'kube-system', 'test']),
    );
    expect(namespaces.rows.every((r) => r.STATUS === 'Active')).toBe(true);
  });

  it('prints the wide columns of deployments, HPAs and services', async () => {
    const deployments = parseTable(await api.kubectl.ok(['get', 'deploy', '-n', 'test', '-o', 'wide']));
    expect(deployments.header).toEqual([
      'NAME',
      'READY',
      'UP-TO-DATE',
      'AVAILABLE',
      'AGE',
      'CONTAINERS',
      'IMAGES',
      'SELECTOR',
    ]);
    expect(deployments.rows).toEqual([
      expect.objectContaining({
        NAME: 'podinfo',
        READY: '0/3',
        'UP-TO-DATE': '0',
        AVAILABLE: '0',
        CONTAINERS: 'podinfod',
        IMAGES: 'ghcr.io/stefanprodan/podinfo:6.0.0',
        SELECTOR: 'app=podinfo',
      }),
    ]);
    const hpas = parseTable(await api.kubectl.ok(['get', 'hpa', '-n', 'test']));
    expect(hpas.header).toEqual(['NAME', 'REFERENCE', 'TARGETS', 'MINPODS', 'MAXPODS', 'REPLICAS', 'AGE']);
    expect(hpas.rows[0]).toMatchObject({ REFERENCE: 'Deployment/podinfo', MINPODS: '2', MAXPODS: '4' });

    await api.kubectl.ok(['apply', '-k', flaggerReference('kustomize-tester')]);
    const services = parseTable(await api.kubectl.ok(['get', 'svc', '-n', 'test', '-o', 'wide']));
    expect(services.header).toEqual([
      'NAME',
      'TYPE',
      'CLUSTER-IP',
      'EXTERNAL-IP',
      'PORT(S)',
      'AGE',
      'SELECTOR',
    ]);
    const row = services.rows[0]!;
    expect(row).toMatchObject({
      NAME: 'flagger-loadtester',
      TYPE: 'ClusterIP',
      'EXTERNAL-IP': '<none>',
      'PORT(S)': '80/TCP',
      SELECTOR: 'app=flagger-loadtester',
    });
    expect(row['CLUSTER-IP']).toMatch(/^10\.96\.\d+\.\d+$/);
  });
});
