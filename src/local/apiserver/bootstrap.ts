import type { ResourceService } from './lifecycle/resource-service.js';
import type { ResourceRegistry } from './resources/registry.js';

const systemNamespaces = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];

/** Creates what every cluster has from the start (system namespaces, the `kubernetes` Service), once. */
export function bootstrap(registry: ResourceRegistry, resources: ResourceService): void {
  const namespaces = registry.lookup('', 'v1', 'namespaces');
  const services = registry.lookup('', 'v1', 'services');
  if (!namespaces || !services) throw new Error('core types are not registered');
  for (const name of systemNamespaces) {
    if (!resources.stored(namespaces, '', name)) resources.create(namespaces, '', { metadata: { name } });
  }
  if (!resources.stored(services, 'default', 'kubernetes')) {
    resources.create(services, 'default', {
      metadata: { name: 'kubernetes', labels: { component: 'apiserver', provider: 'kubernetes' } },
      spec: {
        clusterIP: '10.96.0.1',
        ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }],
      },
    });
  }
}
