import type { HttpClient } from '../support/http-client.js';

/** The namespace the request benchmarks use. */
export const benchNamespace = 'bench';
/** The namespace the watch fan-out uses, so its watchers see only their own changes. */
export const watchNamespace = 'bench-watch';
/** ConfigMaps created in {@link benchNamespace}. */
export const configMapCount = 500;
/** The Deployment strategic merge patches go to. */
export const deploymentName = 'web';

/** `cm-000` … `cm-499`. */
export function configMapName(index: number): string {
  return `cm-${String(index).padStart(3, '0')}`;
}

function configMap(name: string, index: number): unknown {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name, labels: { app: 'bench', shard: String(index % 10) } },
    data: {
      'app.properties': `greeting=hello\nindex=${index}\nfeature.flags=a,b,c\n`,
      LOG_LEVEL: 'info',
      TIMEOUT: '30s',
    },
  };
}

function deployment(): unknown {
  const container = (name: string, port: number) => ({
    name,
    image: `ghcr.io/stefanprodan/podinfo:6.7.0`,
    ports: [{ name: 'http', containerPort: port, protocol: 'TCP' }],
    env: [{ name: 'PODINFO_UI_COLOR', value: '#34577c' }],
    resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { cpu: '1', memory: '128Mi' } },
    readinessProbe: { httpGet: { path: '/readyz', port } },
  });
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: deploymentName, labels: { app: deploymentName } },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: deploymentName } },
      template: {
        metadata: { labels: { app: deploymentName } },
        spec: { containers: [container('app', 9898), container('sidecar', 9899)] },
      },
    },
  };
}

async function inBatches(
  count: number,
  size: number,
  task: (index: number) => Promise<unknown>,
): Promise<void> {
  for (let start = 0; start < count; start += size) {
    const batch: Promise<unknown>[] = [];
    for (let i = start; i < Math.min(count, start + size); i++) batch.push(task(i));
    await Promise.all(batch);
  }
}

/** Creates the namespaces, 500 ConfigMaps, a Deployment and the watched ConfigMap. */
export async function seed(client: HttpClient): Promise<void> {
  for (const name of [benchNamespace, watchNamespace]) {
    await client.json('POST', '/api/v1/namespaces', {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name },
    });
  }
  await inBatches(configMapCount, 25, (i) =>
    client.json('POST', `/api/v1/namespaces/${benchNamespace}/configmaps`, configMap(configMapName(i), i)),
  );
  await client.json('POST', `/apis/apps/v1/namespaces/${benchNamespace}/deployments`, deployment());
  await client.json('POST', `/api/v1/namespaces/${watchNamespace}/configmaps`, configMap('watched', 0));
}
