import type { LoadCase } from './load.js';
import { benchNamespace, configMapCount, configMapName, deploymentName } from './seed.js';

const configMaps = `/api/v1/namespaces/${benchNamespace}/configmaps`;

/** The list every write benchmark reads its resourceVersion from. */
export const rvPath = configMaps;

/** GET, LIST (500 objects), merge patches on one and on many objects, strategic merge on a Deployment. */
export function loadCases(): LoadCase[] {
  return [
    {
      name: 'GET configmap',
      method: 'GET',
      path: () => `${configMaps}/${configMapName(0)}`,
      writes: false,
    },
    {
      name: `LIST configmaps (${configMapCount})`,
      method: 'GET',
      path: () => configMaps,
      writes: false,
    },
    {
      name: 'PATCH merge, one object',
      method: 'PATCH',
      path: () => `${configMaps}/${configMapName(1)}`,
      body: (i) => `{"data":{"LOG_LEVEL":"debug-${i}"}}`,
      contentType: 'application/merge-patch+json',
      writes: true,
    },
    {
      name: `PATCH merge, ${configMapCount} objects`,
      method: 'PATCH',
      path: (i) => `${configMaps}/${configMapName(i % configMapCount)}`,
      body: (i) => `{"data":{"LOG_LEVEL":"debug-${i}"}}`,
      contentType: 'application/merge-patch+json',
      writes: true,
    },
    {
      name: 'PATCH strategic, deployment',
      method: 'PATCH',
      path: () => `/apis/apps/v1/namespaces/${benchNamespace}/deployments/${deploymentName}`,
      body: (i) =>
        `{"spec":{"template":{"spec":{"containers":[{"name":"app","env":[{"name":"REVISION","value":"${i}"}]}]}}}}`,
      contentType: 'application/strategic-merge-patch+json',
      writes: true,
    },
  ];
}
