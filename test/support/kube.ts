import { KubeConfig } from '@kubernetes/client-node';
import { CachingKubeClient } from '../../src/kube/caching-kube-client.js';
import { InformerCache } from '../../src/kube/informer-cache.js';
import { type KubeClient, RestKubeClient } from '../../src/kube/kube-client.js';
import { KubeConfigTransport } from '../../src/kube/rest-client.js';
import { KubeConfigWatchSource } from '../../src/kube/watch-source.js';

/** The operator's Kubernetes plumbing against a (test) API server, as `src/main` builds it. */
export interface TestKube {
  /** Uncached client (reads go to the server). */
  raw: KubeClient;
  /** Client whose writes land in `cache` at once. */
  client: KubeClient;
  cache: InformerCache;
  kubeConfig: KubeConfig;
}

/** Builds clients and an (empty) informer cache from a kubeconfig file. */
export function testKube(kubeconfigPath: string, namespace?: string): TestKube {
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromFile(kubeconfigPath);
  const raw = new RestKubeClient(new KubeConfigTransport(kubeConfig));
  const cache = new InformerCache(
    {
      client: raw,
      watches: new KubeConfigWatchSource(kubeConfig),
      sleep: (ms) => new Promise((r) => setTimeout(r, Math.min(ms, 50))),
    },
    namespace,
  );
  return { raw, client: new CachingKubeClient(raw, cache), cache, kubeConfig };
}
