import type { KubeClient, ListOptions, ListResult, PatchKind } from '../../src/kube/kube-client.js';
import { ClientClosedError } from '../../src/kube/kube-errors.js';
import type { KubeObject, ObjectRef, TypeRef } from '../../src/kube/kube-object.js';

/**
 * What every call of a killed operator's client throws: the process is gone. It is a
 * {@link ClientClosedError}, which the tick treats as "stop now" (as after a lost leadership), so the
 * dead operator's tick ends at the call that killed it instead of reporting the failure and going on.
 */
export class Killed extends ClientClosedError {
  constructor(readonly afterWrites: number) {
    super(`operator killed at write ${afterWrites}`);
    this.name = 'Killed';
  }
}

/** One write request, as the kill counter sees it. */
export interface WriteRequest {
  verb: 'create' | 'replace' | 'replaceStatus' | 'patch' | 'delete';
  kind: string;
  name: string;
}

/** When to kill. */
export interface KillPlan {
  /** The counted write (1-based) at which the operator dies; never when undefined. */
  at?: number;
  /** `before`: that write never reaches the server; `after`: it lands, and the answer never arrives. */
  mode?: 'before' | 'after';
  /** Which writes count (default: all but core Events, which are written in the background). */
  counts?: (write: WriteRequest) => boolean;
  /** Runs after every write that reached the server (e.g. an invariant check). */
  afterWrite?: (write: WriteRequest) => Promise<void>;
}

/**
 * A {@link KubeClient} standing for an operator process that can crash: it forwards everything until
 * the planned write, then throws {@link Killed} from that call and from every later one — reads
 * included — so nothing the dead process would have done reaches the API server.
 */
export class KillableClient implements KubeClient {
  /** Counted writes so far. */
  writes = 0;
  /** Calls attempted after the kill (`verb kind/name`, reads as `get`/`list`): a dead process makes none. */
  readonly afterDeath: string[] = [];
  private dead = false;

  constructor(
    private readonly inner: KubeClient,
    private readonly plan: KillPlan = {},
  ) {}

  /** Whether the planned write has happened. */
  get killed(): boolean {
    return this.dead;
  }

  get<T extends KubeObject>(ref: ObjectRef): Promise<T | undefined> {
    return this.read(`get ${ref.kind}/${ref.name}`, () => this.inner.get<T>(ref));
  }

  list<T extends KubeObject>(type: TypeRef, options?: ListOptions): Promise<ListResult<T>> {
    return this.read(`list ${type.kind}`, () => this.inner.list<T>(type, options));
  }

  create<T extends KubeObject>(object: T): Promise<T> {
    return this.write({ verb: 'create', kind: object.kind, name: object.metadata.name }, () =>
      this.inner.create(object),
    );
  }

  replace<T extends KubeObject>(object: T): Promise<T> {
    return this.write({ verb: 'replace', kind: object.kind, name: object.metadata.name }, () =>
      this.inner.replace(object),
    );
  }

  replaceStatus<T extends KubeObject>(object: T): Promise<T> {
    return this.write({ verb: 'replaceStatus', kind: object.kind, name: object.metadata.name }, () =>
      this.inner.replaceStatus(object),
    );
  }

  patch<T extends KubeObject>(
    ref: ObjectRef,
    patch: unknown,
    kind: PatchKind,
    subresource?: 'status' | 'scale',
  ): Promise<T> {
    return this.write({ verb: 'patch', kind: ref.kind, name: ref.name }, () =>
      this.inner.patch<T>(ref, patch, kind, subresource),
    );
  }

  delete(
    ref: ObjectRef,
    options?: { propagationPolicy?: 'Background' | 'Foreground' | 'Orphan' },
  ): Promise<boolean> {
    return this.write({ verb: 'delete', kind: ref.kind, name: ref.name }, () =>
      this.inner.delete(ref, options),
    );
  }

  collectionPath(type: TypeRef, namespace?: string): Promise<string> {
    return this.inner.collectionPath(type, namespace);
  }

  private async read<T>(description: string, call: () => Promise<T>): Promise<T> {
    if (this.dead) {
      this.afterDeath.push(description);
      throw new Killed(this.writes);
    }
    return call();
  }

  private async write<T>(request: WriteRequest, call: () => Promise<T>): Promise<T> {
    if (this.dead) {
      this.afterDeath.push(`${request.verb} ${request.kind}/${request.name}`);
      throw new Killed(this.writes);
    }
    const counts = (this.plan.counts ?? ((w: WriteRequest) => w.kind !== 'Event'))(request);
    if (counts) this.writes++;
    const dies = counts && this.writes === this.plan.at;
    if (dies && (this.plan.mode ?? 'before') === 'before') {
      this.dead = true;
      throw new Killed(this.writes);
    }
    const result = await call();
    if (dies) this.dead = true;
    await this.plan.afterWrite?.(request);
    if (dies) throw new Killed(this.writes);
    return result;
  }
}
