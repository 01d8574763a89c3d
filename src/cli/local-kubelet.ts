import { join } from 'node:path';
import type { Command } from 'commander';
import { startKubelet } from '../local/kubelet/kubelet.js';
import { createLogger } from '../platform/logger.js';
import { weirHome } from '../platform/weir-home.js';

interface KubeletFlags {
  kubeconfig?: string;
  dataDir?: string;
  meshProxy?: string;
  probeScale: string;
  podCidr?: string;
}

function parseScale(value: string): number {
  const scale = Number(value);
  if (!Number.isFinite(scale) || scale <= 0)
    throw new Error(`--probe-scale: "${value}" is not a positive number`);
  return scale;
}

/** `weir local kubelet`: runs Deployments, DaemonSets and their pods of a (local) API server on this machine. */
export function registerLocalKubelet(local: Command): void {
  local
    .command('kubelet')
    .description('run the playground kubelet: Deployments and DaemonSets become pods and local processes')
    .option('--kubeconfig <file>', 'the API server to serve (default: $WEIR_HOME/local/kubeconfig)')
    .option('--data-dir <dir>', 'pod logs and process records (default: $WEIR_HOME/local/kubelet)')
    .option('--mesh-proxy <host:port>', "the mesh's HTTP proxy, given to processes as HTTP_PROXY")
    .option('--probe-scale <factor>', 'scale probe periods and restart back-off (1 = Kubernetes timing)', '1')
    .option('--pod-cidr <cidr>', 'loopback range for pod addresses', '127.1.0.0/16')
    .action(async (flags: KubeletFlags) => {
      const home = weirHome();
      const logger = createLogger({ base: { component: 'kubelet' } });
      const kubelet = await startKubelet({
        kubeconfig: flags.kubeconfig ?? join(home, 'local', 'kubeconfig'),
        dataDir: flags.dataDir ?? join(home, 'local', 'kubelet'),
        ...(flags.meshProxy ? { meshProxy: flags.meshProxy } : {}),
        ...(flags.podCidr ? { podCidr: flags.podCidr } : {}),
        probeScale: parseScale(flags.probeScale),
        logger,
      });
      logger.info('kubelet running', { node: kubelet.nodeName });
      const stop = async (signal: string) => {
        logger.info('stopping', { signal });
        await kubelet.stop();
        process.exit(0);
      };
      // Pods run in process groups of their own: a closed terminal must stop them too.
      for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const)
        process.once(signal, () => void stop(signal));
    });
}
