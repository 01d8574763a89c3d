import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import type { KubeObject } from '../../../src/kube/kube-object.js';
import { startTestApi, type TestApi } from '../../support/local-api.js';
import { objects, operatorArgs } from './chart-render.js';
import { repoPath } from './install-world.js';

/** Each overlay: its namespace and the operator flags it adds to the base's. */
const overlays = {
  istio: { namespace: 'istio-system', provider: 'istio', metrics: 'http://prometheus.istio-system:9090' },
  smi: { namespace: 'istio-system', provider: 'smi:istio', metrics: 'http://prometheus.istio-system:9090' },
  linkerd: { namespace: 'linkerd', provider: 'linkerd', metrics: 'http://prometheus.linkerd-viz:9090' },
  kubernetes: {
    namespace: 'weir-system',
    provider: 'kubernetes',
    metrics: 'http://prometheus.weir-system:9090',
  },
} as const;
type Overlay = keyof typeof overlays;
const names = Object.keys(overlays) as Overlay[];

let api: TestApi;
const build = async (overlay: Overlay) =>
  objects(await api.kubectl.ok(['kustomize', repoPath('deploy', 'kustomize', 'overlays', overlay)]));

beforeAll(async () => {
  api = await startTestApi({ inMemory: true });
  // The mesh's namespaces exist where its overlay is installed; the kubernetes overlay brings its own.
  await api.kubectl.ok(['create', 'namespace', 'istio-system']);
  await api.kubectl.ok(['create', 'namespace', 'linkerd']);
});
afterAll(async () => {
  await api?.stop();
});

describe('kubectl kustomize deploy/kustomize/overlays/<mesh>', () => {
  it.each(names)(
    '%s: the operator with its provider and Prometheus, everything in its namespace',
    async (overlay) => {
      const { namespace, provider, metrics } = overlays[overlay];
      const list = await build(overlay);
      expect(operatorArgs(list)).toEqual([
        '-log-level=info',
        `-metrics-server=${metrics}`,
        `-mesh-provider=${provider}`,
      ]);
      const namespaced = list.filter(
        (o) =>
          !['CustomResourceDefinition', 'ClusterRole', 'ClusterRoleBinding', 'Namespace'].includes(o.kind),
      );
      expect(new Set(namespaced.map((o) => o.metadata.namespace))).toEqual(new Set([namespace]));
      for (const binding of list.filter((o) => o.kind.endsWith('RoleBinding')))
        expect((binding as KubeObject & { subjects: unknown[] }).subjects).toEqual([
          { kind: 'ServiceAccount', name: 'weir', namespace },
        ]);
      const crds = list.filter((o) => o.kind === 'CustomResourceDefinition');
      expect(crds.map((c) => c.metadata.name).sort()).toEqual([
        'alertproviders.flagger.app',
        'canaries.flagger.app',
        'metrictemplates.flagger.app',
      ]);
      for (const crd of crds) expect(crd.metadata.annotations?.['helm.sh/resource-policy']).toBe('keep');
      expect(list.filter((o) => o.kind === 'ServiceAccount').map((o) => o.metadata.name)).toEqual(['weir']);
      const operatorObjects = list.filter((o) => o.kind !== 'CustomResourceDefinition');
      await expect(stringify(operatorObjects)).toMatchFileSnapshot(
        `__snapshots__/kustomize-${overlay}.yaml.snap`,
      );
    },
  );
});

describe('kubectl apply -k against the local API server', () => {
  it.each(names)(
    '%s: creates the operator Deployment, and applying again changes nothing',
    async (overlay) => {
      const { namespace, provider } = overlays[overlay];
      const dir = repoPath('deploy', 'kustomize', 'overlays', overlay);
      const first = await api.kubectl.ok(['apply', '-k', dir]);
      expect(first).toMatch(/deployment.apps\/weir (created|configured)/);
      const deployment = await api.kubectl.json<
        KubeObject & {
          spec: { template: { spec: { serviceAccountName: string; containers: { args: string[] }[] } } };
        }
      >(['get', 'deployment', 'weir', '-n', namespace]);
      expect(deployment.spec.template.spec.containers[0]?.args).toContain(`-mesh-provider=${provider}`);
      expect(deployment.spec.template.spec.serviceAccountName).toBe('weir');
      await api.kubectl.ok(['get', 'serviceaccount', 'weir', '-n', namespace]);
      const again = await api.kubectl.ok(['apply', '-k', dir]);
      expect(
        again
          .trim()
          .split('\n')
          .every((line) => line.endsWith(' unchanged')),
      ).toBe(true);
    },
  );
});
