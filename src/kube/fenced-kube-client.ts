import type { KubeClient, ListOptions, ListResult, PatchKind } from './kube-client.js';
import { ClientClosedError } from './kube-errors.js';
import type { KubeObject, ObjectRef, TypeRef } from './kube-object.js';

/**
 * A {@link KubeClient} that can be closed: once closed, every call throws {@link ClientClosedError} until it
 * is opened again. The operator closes it when it loses leadership, so a tick still running from its time
 * as leader stops at its next request instead of writing next to the new leader.
 */
export class FencedKubeClient implements KubeClient {
  private closed = false;

  constructor(private readonly inner: KubeClient) {}

  /** Refuses every call from now on. */
  close(): void {
    this.closed = true;
  }

  /** Lets calls through again (a new leadership term). */
  open(): void {
    this.closed = false;
  }

  /** Whether calls are refused. */
  get isClosed(): boolean {
    return this.closed;
  }

  get<T extends KubeObject>(ref: ObjectRef): Promise<T | undefined> {
    return this.pass(() => this.inner.get<T>(ref));
  }

  list<T extends KubeObject>(type: TypeRef, options?: ListOptions): Promise<ListResult<T>> {
    return this.pass(() => this.inner.list<T>(type, options));
  }

  create<T extends KubeObject>(object: T): Promise<T> {
    return this.pass(() => this.inner.create(object));
  }

  replace<T extends KubeObject>(object: T): Promise<T> {
    return this.pass(() => this.inner.replace(object));
  }

  replaceStatus<T extends KubeObject>(object: T): Promise<T> {
    return this.pass(() => this.inner.replaceStatus(object));
  }

  patch<T extends KubeObject>(
    ref: ObjectRef,
    patch: unknown,
    kind: PatchKind,
    subresource?: 'status' | 'scale',
  ): Promise<T> {
    return this.pass(() => this.inner.patch<T>(ref, patch, kind, subresource));
  }

  delete(
    ref: ObjectRef,
    options?: { propagationPolicy?: 'Background' | 'Foreground' | 'Orphan' },
  ): Promise<boolean> {
    return this.pass(() => this.inner.delete(ref, options));
  }

  collectionPath(type: TypeRef, namespace?: string): Promise<string> {
    return this.inner.collectionPath(type, namespace);
  }

  private async pass<T>(call: () => Promise<T>): Promise<T> {
    if (this.closed) throw new ClientClosedError();
    return call();
  }
}
