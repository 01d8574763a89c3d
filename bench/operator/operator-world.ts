import { playgroundCrds } from '../../src/local/playground/install-crds.js';
import { PrometheusStub } from '../../test/support/prometheus-stub.js';
import { type ServerProcess, startServerProcess } from '../apiserver/server-process.js';
import { HttpClient } from '../support/http-client.js';
import { DeploymentKubelet } from './deployment-kubelet.js';
import { type OperatorProcess, startOperatorProcess } from './operator-process.js';

/** The namespaces canaries are spread over. */
export const namespaceCount = 10;

/** `team-0` … `team-9`. */
export function namespaceOf(index: number): string {
  return `team-${index % namespaceCount}`;
}

/**
 * What an operator benchmark runs against: `weir local apiserver --in-memory` in a child process with
 * Weir's and the meshes' CRDs, namespaces, a Prometheus-API stand-in (the metrics providers' availability
 * check), the emulated kubelet writing Deployment status, and `weir operator` in another child process.
 */
export interface OperatorWorld {
  server: ServerProcess;
  /** Set-up client (user agent `weir-bench`). */
  client: HttpClient;
  kubelet: DeploymentKubelet;
  operator: OperatorProcess;
  stop(): Promise<void>;
}

async function waitForCanaries(client: HttpClient): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const reply = await client.send('GET', '/apis/flagger.app/v1beta1/canaries?limit=1');
    if (reply.status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the Canary CRD was not served after 10 s');
}

/** How the world runs its operator. */
export interface WorldOptions {
  /** Added to `-kubeconfig`, `-metrics-server`, `-mesh-provider=istio`, `-port=0`, `-log-level=info`. */
  operatorFlags: string[];
  /** The compiled operator process entry; through tsx without it. */
  compiledOperator?: string;
  /** Writes a V8 CPU profile of the operator process's measured window here. */
  cpuProfDir?: string;
}

/** Starts the world. */
export async function startOperatorWorld(options: WorldOptions): Promise<OperatorWorld> {
  const server = await startServerProcess({ storage: 'in-memory', runtime: 'tsx' });
  const client = new HttpClient(server.url);
  const prometheus = await PrometheusStub.start();
  const kubelet = new DeploymentKubelet(client);
  let operator: OperatorProcess | undefined;
  const stop = async () => {
    await operator?.stop();
    kubelet.stop();
    client.close();
    await prometheus.close();
    await server.stop();
  };
  try {
    for (const crd of playgroundCrds())
      await client.json('POST', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions', crd);
    await waitForCanaries(client);
    for (let i = 0; i < namespaceCount; i++) {
      await client.json('POST', '/api/v1/namespaces', {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: namespaceOf(i) },
      });
    }
    await kubelet.start();
    operator = await startOperatorProcess(
      [
        `-kubeconfig=${server.kubeconfig}`,
        `-metrics-server=${prometheus.url}`,
        '-mesh-provider=istio',
        '-port=0',
        '-log-level=info',
        ...options.operatorFlags,
      ],
      options.compiledOperator,
    );
    return { server, client, kubelet, operator, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
