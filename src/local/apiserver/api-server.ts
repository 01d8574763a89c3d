import { createServer, type RequestListener, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { type Clock, systemClock } from '../../platform/clock.js';
import { AccessControl, type AccessRecord } from './auth/access-control.js';
import { loadCredentials } from './auth/credentials.js';
import { selfSignedCertificate } from './auth/self-signed-certificate.js';
import { ServiceAccountTokens } from './auth/service-account-tokens.js';
import { TokenController } from './auth/token-controller.js';
import { Groups } from './auth/user-info.js';
import { createApiCore } from './core.js';
import { type ApiContext, WatchStreams } from './http/api-context.js';
import { DiscoveryHandler } from './http/discovery-handler.js';
import { createRequestHandler } from './http/request-handler.js';
import { writeKubeconfig } from './kubeconfig.js';
import { crdStorageKey } from './lifecycle/crd-controller.js';
import { isJsonObject } from './model/object.js';
import { FaultInjector } from './ops/faults.js';
import { RequestMetrics } from './ops/request-metrics.js';
import { PrivilegedGroupAuthorizer } from './rbac/authorizer.js';
import { bootstrapPolicy } from './rbac/bootstrap-policy.js';
import { RbacAuthorizer } from './rbac/rbac-authorizer.js';
import type { ResourceRegistry } from './resources/registry.js';
import type { ResourceType } from './resources/resource-type.js';
import { FileJournal } from './store/file-journal.js';
import { ObjectStore } from './store/object-store.js';

/** How to start a local API server. */
export interface ApiServerOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  /** Keep state here across restarts; in memory only when absent. */
  dataDir?: string;
  /** Written once the server is ready to serve. */
  kubeconfigPath?: string;
  clock?: Clock;
  /** Changes kept per resource for watches to resume from. */
  historySize?: number;
  bookmarkIntervalMs?: number;
  /** fsync each journal append. */
  fsync?: boolean;
  /** Where problems nobody requested are reported (defaults to stderr). */
  log?: (message: string, error?: unknown) => void;
  /**
   * Authenticate (bearer tokens, impersonation) and authorize (RBAC) every request; the kubeconfig then
   * carries the administrator's token. Off by default: everyone may do everything.
   */
  rbac?: boolean;
  /** Told every authorization decision while RBAC is on (which permissions clients use). */
  onAccess?: (record: AccessRecord) => void;
}

/** A running server and the handles tests and the playground use. */
export interface RunningApiServer {
  /** `http://127.0.0.1:<port>` (`https://` with RBAC on) */
  readonly url: string;
  readonly port: number;
  readonly store: ObjectStore;
  readonly registry: ResourceRegistry;
  readonly faults: FaultInjector;
  readonly watches: WatchStreams;
  /** Whether requests are authenticated and authorized. */
  readonly rbac: boolean;
  /** The administrator's bearer token (`system:masters`), which the written kubeconfig carries when RBAC is on. */
  readonly adminToken: string;
  /** Resolves when in-server controllers (garbage collection, namespaces) have nothing pending. */
  settled(): Promise<void>;
  /** Stops serving, ends watches and writes a final snapshot. */
  close(): Promise<void>;
}

function defaultLog(message: string, error?: unknown): void {
  process.stderr.write(
    `${JSON.stringify({ level: 'error', msg: message, error: error instanceof Error ? error.stack : error })}\n`,
  );
}

/** Starts a Kubernetes-API-compatible server on 127.0.0.1. */
export async function startApiServer(options: ApiServerOptions = {}): Promise<RunningApiServer> {
  const clock = options.clock ?? systemClock;
  const log = options.log ?? defaultLog;
  const onError = (message: string, error: unknown) => log(message, error);
  const historySize = options.historySize;
  let store: ObjectStore;
  let journal: FileJournal | undefined;
  if (options.dataDir) {
    const opened = FileJournal.open(options.dataDir, {
      ...(options.fsync ? { fsync: true } : {}),
      ...(historySize !== undefined ? { historySize } : {}),
      onRecovery: (message) => log(message),
    });
    store = opened.store;
    journal = opened.journal;
  } else {
    store = new ObjectStore(historySize !== undefined ? { historySize } : {});
  }
  const core = createApiCore({ store, clock, onError });
  const { registry } = core;
  const rbac = options.rbac ?? false;
  const credentials = loadCredentials(options.dataDir);
  const tokens = new ServiceAccountTokens({ store, clock, signingKey: credentials.signingKey });
  const access = new AccessControl({
    enforce: rbac,
    adminToken: credentials.adminToken,
    tokens,
    authorizer: new PrivilegedGroupAuthorizer([Groups.masters], new RbacAuthorizer(store)),
    ...(options.onAccess ? { onDecision: options.onAccess } : {}),
  });
  if (rbac) bootstrapPolicy(registry, core.resources);
  const tokenController = new TokenController({
    store,
    registry,
    resources: core.resources,
    deletion: core.deletion,
    tokens,
    onError,
  });

  const watches = new WatchStreams();
  const api: ApiContext = {
    store,
    registry,
    resources: core.resources,
    deletion: core.deletion,
    scale: core.scale,
    clock,
    watches,
    bookmarkIntervalMs: options.bookmarkIntervalMs ?? 60_000,
  };
  const faults = new FaultInjector();
  const metrics = new RequestMetrics(
    () => watches.size,
    () => store.resourceVersion,
  );
  let address = '';
  const crdSchema = (type: ResourceType): unknown => {
    const crd = store.get(crdStorageKey, '', `${type.plural}.${type.group}`);
    const spec = crd && isJsonObject(crd.spec) ? crd.spec : undefined;
    const versions = spec && Array.isArray(spec.versions) ? spec.versions : [];
    const version = versions.find((v) => isJsonObject(v) && v.name === type.version);
    return isJsonObject(version) && isJsonObject(version.schema) ? version.schema.openAPIV3Schema : undefined;
  };
  const discovery = new DiscoveryHandler(registry, () => address, crdSchema);
  const listener: RequestListener = createRequestHandler({
    api,
    discovery,
    faults,
    metrics,
    access,
    auth: { store, registry, access, tokens },
    onInternalError: (error) => onError('request failed', error),
  });
  // kubectl sends bearer tokens over TLS only: with RBAC on, the server speaks HTTPS (self-signed).
  const server: Server = rbac
    ? createHttpsServer(
        { keepAlive: true, requestTimeout: 0, ...selfSignedCertificate('weir-local', systemClock.now()) },
        listener,
      )
    : createServer({ keepAlive: true, requestTimeout: 0 }, listener);
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  address = `127.0.0.1:${port}`;
  const url = `${rbac ? 'https' : 'http'}://${address}`;
  if (options.kubeconfigPath)
    writeKubeconfig(options.kubeconfigPath, url, rbac ? { token: credentials.adminToken } : {});

  let closed = false;
  return {
    url,
    port,
    store,
    registry,
    faults,
    watches,
    rbac,
    adminToken: credentials.adminToken,
    async settled() {
      await tokenController.idle();
      await core.settled();
    },
    async close() {
      if (closed) return;
      closed = true;
      watches.cutAll();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      tokenController.close();
      await core.close();
      journal?.close();
    },
  };
}
