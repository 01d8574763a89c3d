import { rmSync } from 'node:fs';
import { type Pod, PodType } from '../../../kube/api/core-v1.js';
import type { ControllerContext } from '../controller-context.js';
import type { ImageResolver } from './image-programs.js';
import type { IpAllocator } from './ip-allocator.js';
import { PodWorker, podDirectory } from './pod-worker.js';

/** What the pod runtime needs. */
export interface PodRuntimeOptions {
  ctx: ControllerContext;
  allocator: IpAllocator;
  dataDir: string;
  resolver: ImageResolver;
  meshProxy?: string;
  /** The API server's URL, for the kubeconfig of pods that talk to it. */
  apiServer?: string;
  probeScale: number;
}

/**
 * The kubelet proper: runs the pods bound to this node — one {@link PodWorker} per pod uid — and stops
 * them when their Pod object goes away, or all of them when the kubelet stops.
 */
export class PodRuntime {
  private readonly workers = new Map<string, PodWorker>();
  private readonly stopping = new Set<Promise<void>>();
  private active = false;

  constructor(private readonly options: PodRuntimeOptions) {}

  /** Subscribes to pods (events before {@link adopt} are ignored: adoption looks at all of them). */
  watch(): void {
    this.options.ctx.cache.track<Pod>(PodType, {
      onAdd: (pod) => this.ensure(pod, false),
      onUpdate: (_, pod) => this.ensure(pod, false),
      onDelete: (pod) => this.remove(pod),
    });
  }

  /**
   * Takes over the pods already bound to this node (a restarted kubelet): first claims their addresses so
   * no new pod gets one of them, then starts them again.
   */
  adopt(): void {
    const pods = this.mine();
    for (const pod of pods) {
      const ip = pod.status?.podIP;
      if (ip && pod.metadata.uid) this.options.allocator.claim(pod.metadata.uid, ip);
    }
    this.active = true;
    for (const pod of pods) this.ensure(pod, true);
  }

  /** Starts workers for pods without one and stops those whose pod is gone. */
  resync(): void {
    const pods = this.mine();
    const uids = new Set(pods.map((pod) => pod.metadata.uid));
    for (const pod of pods) this.ensure(pod, false);
    for (const [uid, worker] of this.workers) if (!uids.has(uid)) this.drop(uid, worker);
  }

  /** The address of a running pod. */
  podIP(uid: string): string | undefined {
    return this.workers.get(uid)?.podIP;
  }

  /** Stops every pod's containers and waits until all processes are gone. */
  async stop(): Promise<void> {
    this.active = false;
    for (const [uid, worker] of this.workers) this.drop(uid, worker, false);
    while (this.stopping.size > 0) await Promise.all([...this.stopping]);
  }

  private mine(): Pod[] {
    return this.options.ctx.cache
      .list<Pod>(PodType)
      .filter((pod) => pod.spec.nodeName === this.options.ctx.nodeName);
  }

  private ensure(pod: Pod, adopted: boolean): void {
    const uid = pod.metadata.uid;
    if (!this.active || !uid || pod.spec.nodeName !== this.options.ctx.nodeName) return;
    if (pod.metadata.deletionTimestamp) {
      const worker = this.workers.get(uid);
      if (worker) this.drop(uid, worker);
      return;
    }
    if (this.workers.has(uid)) return;
    const phase = pod.status?.phase;
    // A finished pod (restartPolicy Never/OnFailure) is not started again.
    if (phase === 'Succeeded' || phase === 'Failed') return;
    const { allocator } = this.options;
    const previous = pod.status?.podIP;
    const ip = previous && allocator.claim(uid, previous) ? previous : allocator.allocate(uid);
    const worker = new PodWorker(
      {
        ctx: this.options.ctx,
        events: this.options.ctx.events('kubelet'),
        resolver: this.options.resolver,
        ...(this.options.meshProxy ? { meshProxy: this.options.meshProxy } : {}),
        ...(this.options.apiServer ? { apiServer: this.options.apiServer } : {}),
        probeScale: this.options.probeScale,
      },
      pod,
      ip,
      podDirectory(this.options.dataDir, pod),
    );
    this.workers.set(uid, worker);
    worker.start(adopted || previous !== undefined);
  }

  private remove(pod: Pod): void {
    const uid = pod.metadata.uid;
    const worker = uid ? this.workers.get(uid) : undefined;
    if (uid && worker) this.drop(uid, worker);
  }

  /** Stops a worker; its address and (when the pod is gone) its files are released once its processes ended. */
  private drop(uid: string, worker: PodWorker, cleanFiles = true): void {
    this.workers.delete(uid);
    const done = worker
      .stop()
      .catch((error: unknown) =>
        this.options.ctx.logger.warn('stopping pod failed', {
          uid,
          error: error instanceof Error ? error.message : String(error),
        }),
      )
      .finally(() => {
        this.options.allocator.release(uid);
        if (cleanFiles) rmSync(worker.directory, { recursive: true, force: true });
        this.stopping.delete(done);
      });
    this.stopping.add(done);
  }
}
