import type { KubeClient } from './kube-client.js';
import type { KubeObject, TypeRef } from './kube-object.js';
import type { WatchEvent, WatchHandle, WatchSource } from './watch-source.js';

/** Reactions to cache changes; called after the cache was updated. */
export interface InformerHandlers<T extends KubeObject> {
  onAdd?(object: T): void;
  onUpdate?(previous: T, object: T): void;
  onDelete?(object: T): void;
}

/** What an informer needs. */
export interface InformerDeps {
  client: KubeClient;
  watches: WatchSource;
  /** Waits before retrying after an error (injected so tests do not sleep). */
  sleep?: (ms: number) => Promise<void>;
  /** Told about errors the informer recovers from by itself. */
  onError?: (error: unknown) => void;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

function isExpired(error: unknown): boolean {
  const e = error as { statusCode?: unknown; code?: unknown } | undefined;
  return e?.statusCode === 410 || e?.code === 410;
}

/**
 * A cache of one kind of object, kept current by list + watch: resumes a cut stream from the last
 * resourceVersion, relists after 410 Expired, retries with backoff, and reports add/update/delete.
 */
export class Informer<T extends KubeObject> {
  private readonly objects = new Map<string, T>();
  private resourceVersion = '';
  private handle: WatchHandle | undefined;
  private stopped = false;
  private failures = 0;
  private resolveSynced!: () => void;
  private readonly syncedPromise = new Promise<void>((resolve) => {
    this.resolveSynced = resolve;
  });
  private readonly handlers: InformerHandlers<T>[] = [];

  constructor(
    private readonly type: TypeRef,
    private readonly deps: InformerDeps,
    private readonly namespace?: string,
    private readonly labelSelector?: string,
  ) {}

  /** Registers handlers (before `start`, or they miss the initial adds). */
  on(handlers: InformerHandlers<T>): void {
    this.handlers.push(handlers);
  }

  /** Lists, then keeps watching until stopped. */
  start(): void {
    this.stopped = false;
    void this.run(true);
  }

  /** Resolves after the first complete list. */
  synced(): Promise<void> {
    return this.syncedPromise;
  }

  /** Stops watching. */
  stop(): void {
    this.stopped = true;
    this.handle?.abort();
    this.handle = undefined;
  }

  /** One cached object. */
  get(namespace: string | undefined, name: string): T | undefined {
    return this.objects.get(namespace ? `${namespace}/${name}` : name);
  }

  /** Cached objects, all or of one namespace. */
  list(namespace?: string): T[] {
    const all = [...this.objects.values()];
    return namespace ? all.filter((o) => o.metadata.namespace === namespace) : all;
  }

  /**
   * Takes in an object this process just wrote, so reads see it before the watch delivers it. Older
   * versions than the cached one are ignored; handlers run as for a watch event.
   */
  remember(object: T, deleted = false): void {
    const key = this.key(object);
    const cached = this.objects.get(key);
    if (cached && Number(cached.metadata.resourceVersion) >= Number(object.metadata.resourceVersion)) return;
    if (deleted) {
      if (!cached) return;
      this.objects.delete(key);
      for (const h of this.handlers) h.onDelete?.(cached);
      return;
    }
    this.upsert(object);
  }

  private key(object: KubeObject): string {
    return object.metadata.namespace
      ? `${object.metadata.namespace}/${object.metadata.name}`
      : object.metadata.name;
  }

  private async run(relist: boolean): Promise<void> {
    if (this.stopped) return;
    try {
      if (relist || !this.resourceVersion) await this.relist();
      const path = await this.deps.client.collectionPath(this.type, this.namespace);
      const query: Record<string, string> = {
        resourceVersion: this.resourceVersion,
        allowWatchBookmarks: 'true',
        // Like client-go: streams end after 5–10 minutes and are re-opened, so no stream lives forever.
        timeoutSeconds: String(300 + Math.floor(Math.random() * 300)),
      };
      if (this.labelSelector) query.labelSelector = this.labelSelector;
      let expired = false;
      this.handle = await this.deps.watches.watch(
        path,
        query,
        (event) => {
          if (event.type === 'ERROR' && (event.object as { code?: unknown }).code === 410) expired = true;
          else this.apply(event);
        },
        (error) => {
          this.handle = undefined;
          if (this.stopped) return;
          if (error && !isExpired(error)) {
            this.deps.onError?.(error);
            void this.retry(false);
          } else {
            this.failures = 0;
            void this.run(expired || isExpired(error));
          }
        },
      );
      if (this.stopped) this.handle.abort();
    } catch (error) {
      if (this.stopped) return;
      this.deps.onError?.(error);
      await this.retry(isExpired(error));
    }
  }

  private async retry(relist: boolean): Promise<void> {
    this.failures++;
    await (this.deps.sleep ?? defaultSleep)(Math.min(5000, 100 * 2 ** Math.min(this.failures, 6)));
    await this.run(relist);
  }

  private async relist(): Promise<void> {
    const options = {
      ...(this.namespace ? { namespace: this.namespace } : {}),
      ...(this.labelSelector ? { labelSelector: this.labelSelector } : {}),
    };
    const listed = await this.deps.client.list<T>(this.type, options);
    const seen = new Set<string>();
    for (const object of listed.items) {
      seen.add(this.key(object));
      this.upsert(object);
    }
    for (const [key, object] of [...this.objects]) {
      if (!seen.has(key)) {
        this.objects.delete(key);
        for (const h of this.handlers) h.onDelete?.(object);
      }
    }
    this.resourceVersion = listed.resourceVersion;
    this.resolveSynced();
  }

  private apply(event: WatchEvent): void {
    const object = event.object as T;
    const rv = object.metadata?.resourceVersion;
    if (event.type === 'BOOKMARK') {
      if (rv) this.resourceVersion = rv;
      return;
    }
    if (event.type === 'ERROR' || !object.metadata) return;
    const typed = {
      ...object,
      apiVersion: object.apiVersion ?? this.type.apiVersion,
      kind: object.kind ?? this.type.kind,
    };
    if (event.type === 'DELETED') {
      const key = this.key(typed);
      const previous = this.objects.get(key);
      this.objects.delete(key);
      for (const h of this.handlers) h.onDelete?.(previous ?? typed);
    } else {
      this.upsert(typed);
    }
    if (rv) this.resourceVersion = rv;
  }

  private upsert(object: T): void {
    const key = this.key(object);
    const previous = this.objects.get(key);
    if (previous && Number(previous.metadata.resourceVersion) >= Number(object.metadata.resourceVersion))
      return;
    this.objects.set(key, object);
    for (const h of this.handlers) {
      if (previous) h.onUpdate?.(previous, object);
      else h.onAdd?.(object);
    }
  }
}
