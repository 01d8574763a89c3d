import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type ApiServerOptions,
  type RunningApiServer,
  startApiServer,
} from '../../src/local/apiserver/api-server.js';
import { Kubectl } from './kubectl.js';

/** A local API server for one test file, with a kubeconfig and a kubectl that use it. */
export interface TestApi {
  server: RunningApiServer;
  dir: string;
  kubeconfig: string;
  kubectl: Kubectl;
  /** Environment for child processes (KUBECONFIG, private kubectl cache). */
  env: NodeJS.ProcessEnv;
  /** Stops the server and (by default) removes its files. */
  stop(options?: { keepFiles?: boolean }): Promise<void>;
  /** Stops and starts the server on the same port and data directory. */
  restart(): Promise<void>;
}

/** Starts a server on a free port, persisting into a fresh temporary directory. */
export async function startTestApi(
  options: Omit<ApiServerOptions, 'kubeconfigPath' | 'dataDir' | 'port'> & { inMemory?: boolean } = {},
): Promise<TestApi> {
  const dir = mkdtempSync(join(tmpdir(), 'weir-test-api-'));
  const kubeconfig = join(dir, 'kubeconfig');
  const { inMemory, ...rest } = options;
  const serverOptions: ApiServerOptions = {
    ...rest,
    kubeconfigPath: kubeconfig,
    ...(inMemory ? {} : { dataDir: join(dir, 'data') }),
    log: () => {},
  };
  const env = {
    ...process.env,
    KUBECONFIG: kubeconfig,
    KUBECACHEDIR: join(dir, 'kube-cache'),
    HOME: dir,
    HELM_CACHE_HOME: join(dir, 'helm-cache'),
    HELM_CONFIG_HOME: join(dir, 'helm-config'),
    HELM_DATA_HOME: join(dir, 'helm-data'),
  };
  const api: TestApi = {
    server: await startApiServer(serverOptions),
    dir,
    kubeconfig,
    kubectl: new Kubectl(env),
    env,
    async stop(stopOptions) {
      await api.server.close();
      if (!stopOptions?.keepFiles) rmSync(dir, { recursive: true, force: true });
    },
    async restart() {
      const port = api.server.port;
      await api.server.close();
      api.server = await startApiServer({ ...serverOptions, port });
    },
  };
  return api;
}
