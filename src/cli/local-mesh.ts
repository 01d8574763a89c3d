import { join } from 'node:path';
import type { Command } from 'commander';
import { seededRandom } from '../local/mesh/balancing.js';
import { startMesh } from '../local/mesh/start-mesh.js';
import { createLogger } from '../platform/logger.js';
import { weirHome } from '../platform/weir-home.js';

interface MeshFlags {
  kubeconfig?: string;
  host: string;
  port: string;
  metricsPort: string;
  seed?: string;
}

function parsePort(flag: string, value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`--${flag}: "${value}" is not a port number (0 picks a free port, else 1–65535)`);
  }
  return port;
}

/** `weir local mesh`: the playground's HTTP proxy with Istio-style routing and telemetry. */
export function registerLocalMesh(local: Command): void {
  local
    .command('mesh')
    .description(
      'run the playground mesh: an HTTP proxy (curl -x, hey -x, HTTP_PROXY) that routes by Services, ' +
        "VirtualServices and TrafficSplits and exports Istio's telemetry",
    )
    .option('--kubeconfig <file>', 'the API server to follow (default: $WEIR_HOME/local/kubeconfig)')
    .option('--host <address>', 'address to listen on', '127.0.0.1')
    .option('--port <n>', 'proxy port; 0 picks a free one', '15001')
    .option('--metrics-port <n>', 'port of /metrics, /healthz and /readyz; 0 picks a free one', '15020')
    .option('--seed <n>', 'seed the weighted routing (reproducible splits)')
    .action(async (flags: MeshFlags) => {
      const logger = createLogger({ base: { component: 'mesh' } });
      let random: (() => number) | undefined;
      if (flags.seed !== undefined) {
        const seed = Number(flags.seed);
        if (!Number.isInteger(seed)) throw new Error(`--seed: "${flags.seed}" is not an integer`);
        random = seededRandom(seed);
      }
      const mesh = await startMesh({
        kubeconfig: flags.kubeconfig ?? join(weirHome(), 'local', 'kubeconfig'),
        host: flags.host,
        port: parsePort('port', flags.port),
        metricsPort: parsePort('metrics-port', flags.metricsPort),
        ...(random ? { random } : {}),
        logger,
      });
      process.stdout.write(
        `${JSON.stringify({ msg: 'serving', proxy: mesh.proxyUrl, metrics: mesh.metricsUrl })}\n`,
      );
      const stop = async (signal: string) => {
        logger.info('stopping', { signal });
        await mesh.stop();
        process.exit(0);
      };
      process.once('SIGINT', () => void stop('SIGINT'));
      process.once('SIGTERM', () => void stop('SIGTERM'));
    });
}
