import type { KubeClient, ListOptions, ListResult, PatchKind } from '../../src/kube/kube-client.js';
import type { KubeObject, ObjectRef, TypeRef } from '../../src/kube/kube-object.js';

/** One write that went through a {@link WriteRecordingClient}. */
export interface RecordedWrite {
  verb: 'create' | 'replace' | 'replaceStatus' | 'patch' | 'delete';
  kind: string;
  name: string;
}

/**
 * A {@link KubeClient} that forwards everything and records the writes (verb, kind, name), so a test can prove that a
 * reconciliation which finds nothing to change makes no request. `beforeWrite` runs before each write is
 * forwarded (e.g. to play a concurrent writer).
 */
export class WriteRecordingClient implements KubeClient {
  readonly writes: RecordedWrite[] = [];
  beforeWrite: ((write: RecordedWrite) => Promise<void>) | undefined;

  constructor(private readonly inner: KubeClient) {}

  /** Forgets the writes recorded so far. */
  reset(): void {
    this.writes.length = 0;
  }

  get<T extends KubeObject>(ref: ObjectRef): Promise<T | undefined> {
    return this.inner.get<T>(ref);
  }

  list<T extends KubeObject>(type: TypeRef, options?: ListOptions): Promise<ListResult<T>> {
    return this.inner.list<T>(type, options);
  }

  async create<T extends KubeObject>(object: T): Promise<T> {
    await this.record('create', object);
    return this.inner.create(object);
  }

  async replace<T extends KubeObject>(object: T): Promise<T> {
    await this.record('replace', object);
    return this.inner.replace(object);
  }

  async replaceStatus<T extends KubeObject>(object: T): Promise<T> {
    await this.record('replaceStatus', object);
    return this.inner.replaceStatus(object);
  }

  async patch<T extends KubeObject>(
    ref: ObjectRef,
    patch: unknown,
    kind: PatchKind,
    subresource?: 'status' | 'scale',
  ): Promise<T> {
    await this.record('patch', { kind: ref.kind, metadata: { name: ref.name } });
    return this.inner.patch<T>(ref, patch, kind, subresource);
  }

  async delete(
    ref: ObjectRef,
    options?: { propagationPolicy?: 'Background' | 'Foreground' | 'Orphan' },
  ): Promise<boolean> {
    await this.record('delete', { kind: ref.kind, metadata: { name: ref.name } });
    return this.inner.delete(ref, options);
  }

  collectionPath(type: TypeRef, namespace?: string): Promise<string> {
    return this.inner.collectionPath(type, namespace);
  }

  private async record(
    verb: RecordedWrite['verb'],
    object: { kind: string; metadata: { name: string } },
  ): Promise<void> {
    const write = { verb, kind: object.kind, name: object.metadata.name };
    this.writes.push(write);
    await this.beforeWrite?.(write);
  }
}
