import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Pod } from '../../../src/kube/api/core-v1.js';
import type { KubeClient } from '../../../src/kube/kube-client.js';
import { type Kubelet, startKubelet } from '../../../src/local/kubelet/kubelet.js';
import { podDirectory } from '../../../src/local/kubelet/pods/pod-worker.js';
import { type RunningMesh, startMesh } from '../../../src/local/mesh/start-mesh.js';
import { ScrapeJobs } from '../../../src/local/prometheus/prometheus-config.js';
import { type RunningPrometheus, startPrometheus } from '../../../src/local/prometheus/start-prometheus.js';
import { MemoryLogger } from '../../../src/platform/logger.js';
import { packageRoot } from '../../../src/platform/tools.js';
import { Helm } from '../../support/helm.js';
import { type TestKube, testKube } from '../../support/kube.js';
import { startTestApi, type TestApi } from '../../support/local-api.js';
import { killRecordedProcesses, testPodCidr } from '../kubelet/kubelet-env.js';
import { installMeshCrds } from '../mesh/mesh-env.js';

/**
 * A cluster as the SMI Istio guide assumes one, on this machine, wired as `weir local up` wires the
 * playground but without its operator: the local API server with the mesh CRDs (Istio, SMI), the mesh, the
 * kubelet (which runs the operator image as `weir operator`), and the real Prometheus scraping the mesh and
 * annotated pods. The operator comes from `helm install` of charts/weir.
 */
export interface InstallWorld {
  api: TestApi;
  kube: TestKube;
  raw: KubeClient;
  helm: Helm;
  mesh: RunningMesh;
  kubelet: Kubelet;
  prometheus: RunningPrometheus;
  /** The kubelet's data directory (pod logs and kubeconfigs under `pods/`). */
  dataDir: string;
  /** The directory of a pod's files (`<container>.log`, `kubeconfig`). */
  podFiles(pod: Pod): string;
  /** The `msg` of every JSON line a container of a pod logged. */
  containerMessages(pod: Pod, container: string): string[];
  stop(): Promise<void>;
}

/** A repository path (charts/weir, examples/podinfo, …). */
export const repoPath = (...parts: string[]) => join(packageRoot(), ...parts);

/** Starts the world; `stop()` ends every process it started. */
export async function startInstallWorld(): Promise<InstallWorld> {
  const api = await startTestApi({ inMemory: true });
  const kube = testKube(api.kubeconfig);
  await installMeshCrds(kube.raw);
  const dataDir = mkdtempSync(join(tmpdir(), 'weir-install-'));
  const logger = new MemoryLogger();
  const mesh = await startMesh({ cache: kube.cache, logger });
  const kubelet = await startKubelet({
    client: kube.client,
    cache: kube.cache,
    dataDir: join(dataDir, 'kubelet'),
    meshProxy: new URL(mesh.proxyUrl).host,
    apiServer: api.server.url,
    podCidr: testPodCidr(),
    probeScale: 0.1,
    logger,
  });
  const prometheus = await startPrometheus({
    dataDir: join(dataDir, 'prometheus'),
    scrapeTargets: [{ job: ScrapeJobs.mesh, targets: [new URL(mesh.metricsUrl).host] }],
    pods: { cache: kube.cache },
    logger,
  });
  const podFiles = (pod: Pod) => podDirectory(join(dataDir, 'kubelet'), pod);
  return {
    api,
    kube,
    raw: kube.raw,
    helm: new Helm(api.env, api.kubeconfig),
    mesh,
    kubelet,
    prometheus,
    dataDir,
    podFiles,
    containerMessages(pod, container) {
      const text = readFileSync(join(podFiles(pod), `${container}.log`), 'utf8');
      return text
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => (JSON.parse(line) as { msg?: string }).msg ?? '');
    },
    async stop() {
      await kubelet.stop();
      await prometheus.stop();
      await mesh.stop();
      kube.cache.stop();
      await killRecordedProcesses(join(dataDir, 'kubelet'));
      await api.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
