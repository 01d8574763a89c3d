import { mkdirSync } from 'node:fs';
import { KubeConfig } from '@kubernetes/client-node';
import { NodeType, PodType } from '../../kube/api/core-v1.js';
import { CachingKubeClient } from '../../kube/caching-kube-client.js';
import { InformerCache } from '../../kube/informer-cache.js';
import { type KubeClient, RestKubeClient } from '../../kube/kube-client.js';
import { KubeConfigTransport } from '../../kube/rest-client.js';
import { KubeConfigWatchSource } from '../../kube/watch-source.js';
import { type Clock, systemClock } from '../../platform/clock.js';
import { createLogger, type Logger } from '../../platform/logger.js';
import { type ControllerContext, Tombstones } from './controller-context.js';
import { DaemonSetController } from './daemonset/daemonset-controller.js';
import { DeploymentController } from './deployment/deployment-controller.js';
import { EndpointsController } from './endpoints/endpoints-controller.js';
import { kubeEventSinks } from './event-sink.js';
import { HorizontalPodAutoscalerController } from './hpa/hpa-controller.js';
import { registerNode, reportNode } from './node/local-node.js';
import { defaultImageResolver, type ImageResolver } from './pods/image-programs.js';
import { IpAllocator } from './pods/ip-allocator.js';
import { PodRuntime } from './pods/pod-runtime.js';
import { ReplicaSetController } from './replicaset/replicaset-controller.js';
import { realTimers, type Timers } from './timers.js';

/** The kubelet could not start (the API server refused its node, say); `cause` says why. */
export class KubeletStartError extends Error {
  readonly code = 'KubeletStart';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'KubeletStartError';
  }
}

/** The node every pod runs on. */
export const localNodeName = 'weir-local';

/**
 * A controller the kubelet runs next to its own (the HPA controller is one): it subscribes to the shared
 * cache, is told to look at everything again, and stops with the kubelet.
 */
export interface LocalController {
  /** Subscribes to the cache (called before the cache is synced). */
  watch(ctx: ControllerContext): void;
  /** Looks at every object again (after the cache synced, and on {@link Kubelet.resync}). */
  resync(): void;
  /** Stops; running work finishes. */
  stop(): Promise<void>;
}

/** How to reach the API server: a client and a cluster-wide cache, or a kubeconfig to build them from. */
export type KubeletConnection = { client: KubeClient; cache: InformerCache } | { kubeconfig: string };

/** Options of {@link startKubelet}. */
export type KubeletOptions = KubeletConnection & {
  /** Pod log and pid files go here. */
  dataDir: string;
  /** `host:port` of the mesh's HTTP proxy, given to processes as `HTTP_PROXY`. */
  meshProxy?: string;
  /**
   * The API server's URL, written into the kubeconfig of pods that talk to it (the operator image); the
   * kubeconfig's server by default when connecting with one.
   */
  apiServer?: string;
  clock?: Clock;
  /** Scales probe delays and periods and restart back-off (default 1); tests make it small. */
  probeScale?: number;
  /** Which containers run as processes (default: podinfo and the load tester). */
  images?: ImageResolver;
  /** Pod addresses come from here (default `127.1.0.0/16`). */
  podCidr?: string;
  logger?: Logger;
  timers?: Timers;
  /** More controllers to run with the same cache, after the built-in HPA controller. */
  controllers?: LocalController[];
};

/** A running kubelet. */
export interface Kubelet {
  /** The node's name (`weir-local`). */
  readonly nodeName: string;
  /** Looks at every object again now (after moving an injected clock, say). */
  resync(): void;
  /** Resolves once no controller has work queued or running (delayed re-checks do not count). */
  idle(): Promise<void>;
  /** The address of a pod this kubelet runs, by uid. */
  podIP(uid: string): string | undefined;
  /** Stops every controller and every pod's processes; resolves once none is left running. */
  stop(): Promise<void>;
}

function connect(options: KubeletConnection): {
  client: KubeClient;
  cache: InformerCache;
  owned: boolean;
  server?: string;
} {
  if ('kubeconfig' in options) {
    const kubeConfig = new KubeConfig();
    kubeConfig.loadFromFile(options.kubeconfig);
    const raw = new RestKubeClient(new KubeConfigTransport(kubeConfig));
    const cache = new InformerCache({ client: raw, watches: new KubeConfigWatchSource(kubeConfig) });
    const server = kubeConfig.getCurrentCluster()?.server;
    return { client: raw, cache, owned: true, ...(server ? { server } : {}) };
  }
  return { client: options.client, cache: options.cache, owned: false };
}

/**
 * Starts the playground's kubelet and the parts of kube-controller-manager it needs (deployment,
 * replicaset, daemonset, endpoints and horizontal-pod-autoscaler controllers) against an API server,
 * through the Kubernetes API only.
 * Registers node `weir-local`, takes over pods an earlier kubelet left, then keeps everything converged.
 */
export async function startKubelet(options: KubeletOptions): Promise<Kubelet> {
  const { client: inner, cache, owned, server } = connect(options);
  const apiServer = options.apiServer ?? server;
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? createLogger({ base: { component: 'kubelet' } });
  const client = new CachingKubeClient(inner, cache);
  const events = kubeEventSinks({ client, clock, logger });
  const ctx: ControllerContext = {
    client,
    cache,
    clock,
    timers: options.timers ?? realTimers,
    logger,
    events: (component) => events.sink(component),
    tombstones: new Tombstones(),
    nodeName: localNodeName,
  };
  mkdirSync(options.dataDir, { recursive: true });
  const runtime = new PodRuntime({
    ctx,
    allocator: new IpAllocator(options.podCidr),
    dataDir: options.dataDir,
    resolver: options.images ?? defaultImageResolver,
    ...(options.meshProxy ? { meshProxy: options.meshProxy } : {}),
    ...(apiServer ? { apiServer } : {}),
    probeScale: options.probeScale ?? 1,
  });
  const deployments = new DeploymentController(ctx);
  const replicaSets = new ReplicaSetController(ctx);
  const daemonSets = new DaemonSetController(ctx);
  const endpoints = new EndpointsController(ctx);
  const controllers = [deployments, replicaSets, daemonSets, endpoints];
  // The HPA controller keeps HPAs' scale targets within minReplicas..maxReplicas (no metrics).
  const extras: LocalController[] = [new HorizontalPodAutoscalerController(), ...(options.controllers ?? [])];
  runtime.watch();
  for (const controller of controllers) controller.watch();
  for (const extra of extras) extra.watch(ctx);
  cache.track(PodType, { onDelete: (pod) => ctx.tombstones.forget(pod) });
  cache.track(NodeType, {}, { clusterScoped: true });
  try {
    await cache.synced();
    await registerNode(ctx);
  } catch (error) {
    await Promise.all(controllers.map((controller) => controller.loop.stop()));
    if (owned) cache.stop();
    throw new KubeletStartError('the kubelet could not register its node', { cause: error });
  }
  runtime.adopt();

  const resync = () => {
    runtime.resync();
    for (const controller of controllers) controller.resync();
    for (const extra of extras) extra.resync();
  };
  resync();

  let stopped: Promise<void> | undefined;
  return {
    nodeName: localNodeName,
    resync,
    podIP: (uid) => runtime.podIP(uid),
    async idle() {
      // One controller's writes queue work for another: wait until a whole pass finds nothing to do.
      for (let pass = 0; pass < 20; pass++) {
        await Promise.all(controllers.map((controller) => controller.loop.idle()));
        if (controllers.every((controller) => controller.loop.size === 0)) return;
      }
    },
    stop() {
      stopped ??= (async () => {
        await Promise.all([
          ...controllers.map((controller) => controller.loop.stop()),
          ...extras.map((extra) => extra.stop()),
        ]);
        await runtime.stop();
        await reportNode(ctx, false).catch(() => undefined);
        await events.flush();
        if (owned) cache.stop();
      })();
      return stopped;
    },
  };
}
