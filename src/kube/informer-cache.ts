import type { ClusterReader } from './cluster-reader.js';
import { Informer, type InformerDeps, type InformerHandlers } from './informer.js';
import type { KubeObject, ObjectRef, TypeRef } from './kube-object.js';

function typeKey(type: TypeRef): string {
  return `${type.apiVersion}/${type.kind}`;
}

/**
 * The operator's view of the cluster: one informer per kind it reads, optionally restricted to a
 * namespace. Implements {@link ClusterReader}; `remember` feeds the operator's own writes in at once so
 * the next read sees them before the watch does.
 */
export class InformerCache implements ClusterReader {
  private readonly informers = new Map<string, Informer<KubeObject>>();

  constructor(
    private readonly deps: InformerDeps,
    private readonly namespace?: string,
  ) {}

  /** Starts caching a kind (idempotent); handlers see every change. */
  track<T extends KubeObject>(
    type: TypeRef,
    handlers?: InformerHandlers<T>,
    options: { clusterScoped?: boolean } = {},
  ): Informer<T> {
    const key = typeKey(type);
    let informer = this.informers.get(key) as Informer<T> | undefined;
    if (!informer) {
      informer = new Informer<T>(type, this.deps, options.clusterScoped ? undefined : this.namespace);
      this.informers.set(key, informer as unknown as Informer<KubeObject>);
      if (handlers) informer.on(handlers);
      informer.start();
    } else if (handlers) {
      informer.on(handlers);
    }
    return informer;
  }

  /** Resolves once every tracked kind has been listed. */
  async synced(): Promise<void> {
    await Promise.all([...this.informers.values()].map((i) => i.synced()));
  }

  /** Whether a kind is cached. */
  tracks(type: TypeRef): boolean {
    return this.informers.has(typeKey(type));
  }

  get<T extends KubeObject>(ref: ObjectRef): T | undefined {
    return this.informers.get(typeKey(ref))?.get(ref.namespace, ref.name) as T | undefined;
  }

  list<T extends KubeObject>(type: TypeRef, namespace?: string): T[] {
    return (this.informers.get(typeKey(type))?.list(namespace) ?? []) as T[];
  }

  /** Records an object the operator just wrote (or deleted, when `deleted`), unless the cache already has newer. */
  remember(object: KubeObject, deleted = false): void {
    this.informers.get(typeKey(object))?.remember(object, deleted);
  }

  /** Stops every informer. */
  stop(): void {
    for (const informer of this.informers.values()) informer.stop();
  }
}
