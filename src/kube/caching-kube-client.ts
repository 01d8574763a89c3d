import type { InformerCache } from './informer-cache.js';
import type { KubeClient, ListOptions, ListResult, PatchKind } from './kube-client.js';
import type { KubeObject, ObjectRef, TypeRef } from './kube-object.js';

/** A {@link KubeClient} whose successful writes are fed into the informer cache at once (write-through). */
export class CachingKubeClient implements KubeClient {
  constructor(
    private readonly inner: KubeClient,
    private readonly cache: InformerCache,
  ) {}

  get<T extends KubeObject>(ref: ObjectRef): Promise<T | undefined> {
    return this.inner.get<T>(ref);
  }

  list<T extends KubeObject>(type: TypeRef, options?: ListOptions): Promise<ListResult<T>> {
    return this.inner.list<T>(type, options);
  }

  async create<T extends KubeObject>(object: T): Promise<T> {
    return this.remember(await this.inner.create(object));
  }

  async replace<T extends KubeObject>(object: T): Promise<T> {
    return this.remember(await this.inner.replace(object));
  }

  async replaceStatus<T extends KubeObject>(object: T): Promise<T> {
    return this.remember(await this.inner.replaceStatus(object));
  }

  async patch<T extends KubeObject>(
    ref: ObjectRef,
    patch: unknown,
    kind: PatchKind,
    subresource?: 'status' | 'scale',
  ): Promise<T> {
    const result = await this.inner.patch<T>(ref, patch, kind, subresource);
    // A scale patch answers a Scale, not the object: the watch brings the object.
    return subresource === 'scale' ? result : this.remember(result);
  }

  delete(
    ref: ObjectRef,
    options?: { propagationPolicy?: 'Background' | 'Foreground' | 'Orphan' },
  ): Promise<boolean> {
    return this.inner.delete(ref, options);
  }

  collectionPath(type: TypeRef, namespace?: string): Promise<string> {
    return this.inner.collectionPath(type, namespace);
  }

  private remember<T extends KubeObject>(object: T): T {
    if (object?.metadata?.resourceVersion) this.cache.remember(object);
    return object;
  }
}
