import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import type { Canary } from '../apis/index.js';
import { RestKubeClient } from '../kube/kube-client.js';
import { KubeConfigTransport } from '../kube/rest-client.js';
import { playgroundDown, playgroundUp } from '../local/playground/playground-control.js';
import type { PlaygroundPaths } from '../local/playground/playground-paths.js';
import { packageRoot } from '../platform/tools.js';
import { followCanary } from './canary-progress.js';
import { DemoKubectl } from './demo-kubectl.js';
import { injectFaults } from './fault-traffic.js';
import { type MeshCounts, meshCounts } from './mesh-counts.js';
import { OperatorLogTail } from './operator-log.js';

/** How the demo runs. */
export interface DemoOptions {
  paths: PlaygroundPaths;
  /** Stop the playground at the end (CI); by default it stays up for exploring. */
  down: boolean;
  out: NodeJS.WritableStream;
}

/** What happened, for the exit code and the end-to-end test. */
export interface DemoResult {
  promoted: boolean;
  rolledBack: boolean;
  promotionSeconds?: number;
  /** Requests the mesh served to podinfo during the promotion, and how many failed (the guarantee: none). */
  promotionRequests?: MeshCounts;
  rollbackSeconds?: number;
  /** When the image change of each scenario was applied and when it ended (ms since epoch). */
  windows: { promotion?: [number, number]; rollback?: [number, number] };
}

const promotedImage = 'ghcr.io/stefanprodan/podinfo:6.0.1';
const faultyImage = 'ghcr.io/stefanprodan/podinfo:6.0.2';

/**
 * `weir demo`: the SMI Istio guide's walkthrough on a fresh playground — workloads and the load tester, the
 * guide's Canary, an automated promotion, then an automated rollback while the canary fails — with the
 * operator's messages shown as they happen.
 */
export async function runDemo(options: DemoOptions): Promise<DemoResult> {
  const { paths, out } = options;
  const result: DemoResult = { promoted: false, rolledBack: false, windows: {} };
  const step = (n: number, text: string) => out.write(`\n${n}/6 ${text}\n`);
  out.write(`Weir demo: the SMI Istio canary walkthrough, on this machine (playground in ${paths.root})\n`);

  step(
    1,
    'Starting a fresh playground: API server, kubelet, mesh, Prometheus and the operator (-mesh-provider=smi:istio)',
  );
  await playgroundDown(paths);
  rmSync(paths.root, { recursive: true, force: true });
  const started = Date.now();
  const { state } = await playgroundUp(paths, { meshProvider: 'smi:istio', minAnalysisInterval: '1s' });
  out.write(
    `  up in ${((Date.now() - started) / 1000).toFixed(1)}s: API ${state.addresses.apiserver}, mesh ${state.addresses.meshProxy}, Prometheus ${state.addresses.prometheus}\n`,
  );

  const env = { ...process.env, KUBECONFIG: state.kubeconfig, KUBECACHEDIR: join(paths.root, 'kube-cache') };
  const kubectl = new DemoKubectl(env, out);
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromFile(state.kubeconfig);
  const client = new RestKubeClient(new KubeConfigTransport(kubeConfig));
  const examples = join(packageRoot(), 'examples');
  const log = new OperatorLogTail(paths.operatorLog);

  step(2, 'Workloads: a namespace with sidecar injection, podinfo with its autoscaler, and the load tester');
  await kubectl.run(['create', 'ns', 'test']);
  await kubectl.run(['label', 'namespace', 'test', 'istio-injection=enabled']);
  await kubectl.run(['apply', '-k', join(examples, 'podinfo')]);
  await kubectl.run(['apply', '-k', join(examples, 'loadtester')]);
  await kubectl.run(['-n', 'test', 'rollout', 'status', 'deployment/flagger-loadtester', '--timeout=120s']);

  step(3, "The guide's Canary: the operator creates podinfo-primary, the services and the TrafficSplit");
  await kubectl.run(['apply', '-f', join(examples, 'canary', 'podinfo-canary.yaml')]);
  await followCanary({
    client,
    namespace: 'test',
    name: 'podinfo',
    log,
    goal: { until: ['Initialized'], timeoutMs: 180_000 },
    out,
  });
  await kubectl.run(['-n', 'test', 'get', 'deployments,services,trafficsplits']);

  step(4, 'Automated canary promotion: a new podinfo version, checked against real traffic and Prometheus');
  const before = await meshCounts(state.addresses.prometheus, 'test');
  const promotionStart = Date.now();
  await kubectl.run(['-n', 'test', 'set', 'image', 'deployment/podinfo', `podinfod=${promotedImage}`]);
  const promoted = await followCanary({
    client,
    namespace: 'test',
    name: 'podinfo',
    log,
    goal: { until: ['Succeeded', 'Failed'], timeoutMs: 600_000 },
    out,
  });
  result.windows.promotion = [promotionStart, Date.now()];
  result.promoted = promoted.status?.phase === 'Succeeded';
  result.promotionSeconds = Math.round((Date.now() - promotionStart) / 1000);
  out.write(
    result.promoted
      ? `  ✔ promoted in ${result.promotionSeconds}s: podinfo-primary runs ${promotedImage}\n`
      : `  ✘ the promotion failed (${promoted.status?.message ?? ''})\n`,
  );
  const after = await meshCounts(state.addresses.prometheus, 'test');
  result.promotionRequests = { total: after.total - before.total, failed: after.failed - before.failed };
  out.write(
    `  requests to podinfo through the mesh during the promotion: ${result.promotionRequests.total}, failed: ${result.promotionRequests.failed}\n`,
  );

  step(
    5,
    "Automated rollback: another version, while HTTP 500s and 1 s delays hit the canary (the guide's tester pod)",
  );
  const rollbackStart = Date.now();
  await kubectl.run(['-n', 'test', 'set', 'image', 'deployment/podinfo', `podinfod=${faultyImage}`]);
  const faults = injectFaults({ proxyUrl: state.addresses.meshProxy, namespace: 'test' });
  out.write(
    '  injecting: GET http://podinfo-canary.test:9898/status/500 and /delay/1 through the mesh, every 150 ms\n',
  );
  let failed: Canary;
  try {
    // The canary still says Succeeded until the operator notices the new revision.
    await followCanary({
      client,
      namespace: 'test',
      name: 'podinfo',
      log,
      goal: { until: ['Progressing'], timeoutMs: 60_000 },
      out,
    });
    failed = await followCanary({
      client,
      namespace: 'test',
      name: 'podinfo',
      log,
      goal: { until: ['Failed', 'Succeeded'], timeoutMs: 600_000 },
      out,
    });
  } finally {
    const stats = await faults.stop();
    out.write(`  fault injection stopped after ${stats.sent} requests\n`);
  }
  result.windows.rollback = [rollbackStart, Date.now()];
  result.rolledBack = failed.status?.phase === 'Failed';
  result.rollbackSeconds = Math.round((Date.now() - rollbackStart) / 1000);
  out.write(
    result.rolledBack
      ? `  ✔ rolled back in ${result.rollbackSeconds}s: the primary still runs ${promotedImage}\n`
      : '  ✘ the faulty version was promoted\n',
  );

  step(6, 'Where things stand');
  await kubectl.run(['get', 'canaries', '-A']);
  await kubectl.run([
    '-n',
    'test',
    'get',
    'deployment',
    'podinfo-primary',
    '-o',
    'jsonpath={.spec.template.spec.containers[0].image}{"\\n"}',
  ]);
  out.write(
    [
      '',
      'Where to look next:',
      `  export KUBECONFIG=${state.kubeconfig}`,
      '  kubectl -n test describe canary/podinfo          # the events, as in the guide',
      '  kubectl -n test get canary podinfo -o yaml       # status.checks: every metric, its query and value',
      `  jq .msg ${paths.operatorLog}      # the operator's log`,
      `  ${state.addresses.prometheus}/graph?g0.expr=istio_requests_total   # the mesh's telemetry in Prometheus`,
      `  weir local status --data-dir ${paths.root}`,
      `  weir local down --data-dir ${paths.root}          # stop everything`,
      '',
    ].join('\n'),
  );
  if (options.down) await playgroundDown(paths);

  return result;
}
