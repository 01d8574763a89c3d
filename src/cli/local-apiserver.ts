import { join } from 'node:path';
import type { Command } from 'commander';
import { startApiServer } from '../local/apiserver/api-server.js';
import { weirHome } from '../platform/weir-home.js';

interface ApiServerFlags {
  port: string;
  dataDir?: string;
  inMemory?: boolean;
  kubeconfig?: string;
  fsync?: boolean;
  rbac?: boolean;
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`--port: "${value}" is not a port number (0 picks a free port, else 1–65535)`);
  }
  return port;
}

/** `weir local apiserver`: a Kubernetes API server on 127.0.0.1 that kubectl, helm and client libraries accept. */
export function registerLocalApiServer(local: Command): void {
  local
    .command('apiserver')
    .description(
      'run the local Kubernetes API server on 127.0.0.1 (plain HTTP without auth; HTTPS with --rbac)',
    )
    .option('--port <n>', 'port to listen on; 0 picks a free one', '0')
    .option('--data-dir <dir>', 'keep state here across restarts (default: $WEIR_HOME/local/apiserver)')
    .option('--in-memory', 'keep no state on disk')
    .option(
      '--kubeconfig <file>',
      'write a kubeconfig for this server here (default: $WEIR_HOME/local/kubeconfig)',
    )
    .option('--fsync', 'fsync every journal write (survives power loss; slower)')
    .option(
      '--rbac',
      'authenticate (bearer tokens, impersonation) and authorize (RBAC) requests; the kubeconfig gets an admin token',
    )
    .action(async (flags: ApiServerFlags) => {
      const home = weirHome();
      const kubeconfigPath = flags.kubeconfig ?? join(home, 'local', 'kubeconfig');
      const server = await startApiServer({
        port: parsePort(flags.port),
        ...(flags.inMemory ? {} : { dataDir: flags.dataDir ?? join(home, 'local', 'apiserver') }),
        kubeconfigPath,
        ...(flags.fsync ? { fsync: true } : {}),
        ...(flags.rbac ? { rbac: true } : {}),
      });
      process.stdout.write(
        `${JSON.stringify({ msg: 'serving', url: server.url, kubeconfig: kubeconfigPath })}\n`,
      );
      const stop = async (signal: string) => {
        process.stdout.write(`${JSON.stringify({ msg: 'stopping', signal })}\n`);
        await server.close();
        process.exit(0);
      };
      process.once('SIGINT', () => void stop('SIGINT'));
      process.once('SIGTERM', () => void stop('SIGTERM'));
    });
}
