import type { KubeClient, ListOptions, ListResult, PatchKind } from '../../src/kube/kube-client.js';
import type { KubeObject, ObjectRef, TypeRef } from '../../src/kube/kube-object.js';

/**
 * A {@link KubeClient} that forwards everything and counts the API requests (reads and writes), so a test
 * can prove that a reconciliation which finds nothing to change costs no request.
 */
export class CountingKubeClient implements KubeClient {
  private count = 0;

  constructor(private readonly inner: KubeClient) {}

  /** Requests made so far (get, list, create, replace, replaceStatus, patch, delete). */
  total(): number {
    return this.count;
  }

  get<T extends KubeObject>(ref: ObjectRef): Promise<T | undefined> {
    this.count++;
    return this.inner.get<T>(ref);
  }

  list<T extends KubeObject>(type: TypeRef, options?: ListOptions): Promise<ListResult<T>> {
    this.count++;
    return this.inner.list<T>(type, options);
  }

  create<T extends KubeObject>(object: T): Promise<T> {
    this.count++;
    return this.inner.create(object);
  }

  replace<T extends KubeObject>(object: T): Promise<T> {
    this.count++;
    return this.inner.replace(object);
  }

  replaceStatus<T extends KubeObject>(object: T): Promise<T> {
    this.count++;
    return this.inner.replaceStatus(object);
  }

  patch<T extends KubeObject>(
    ref: ObjectRef,
    patch: unknown,
    kind: PatchKind,
    subresource?: 'status' | 'scale',
  ): Promise<T> {
    this.count++;
    return this.inner.patch<T>(ref, patch, kind, subresource);
  }

  delete(
    ref: ObjectRef,
    options?: { propagationPolicy?: 'Background' | 'Foreground' | 'Orphan' },
  ): Promise<boolean> {
    this.count++;
    return this.inner.delete(ref, options);
  }

  collectionPath(type: TypeRef, namespace?: string): Promise<string> {
    return this.inner.collectionPath(type, namespace);
  }
}
