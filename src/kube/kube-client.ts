import type { KubeObject, ObjectRef, TypeRef } from './kube-object.js';
import type { RestTransport } from './rest-client.js';
import { type ResourceMapping, RestMapper } from './rest-mapper.js';

/** Patch formats the API understands. */
export const PatchKind = {
  Merge: 'application/merge-patch+json',
  Json: 'application/json-patch+json',
  Strategic: 'application/strategic-merge-patch+json',
} as const;
export type PatchKind = (typeof PatchKind)[keyof typeof PatchKind];

/** Options of a list request. */
export interface ListOptions {
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
}

/** A list answer: the items and the resourceVersion to watch from. */
export interface ListResult<T> {
  items: T[];
  resourceVersion: string;
}

/**
 * The Kubernetes API as Weir uses it: plain JSON objects of any kind, read and written by reference.
 * Implementations: {@link RestKubeClient} over a kubeconfig; tests wrap it to count or break requests.
 */
export interface KubeClient {
  /** The object, or undefined when it does not exist. */
  get<T extends KubeObject>(ref: ObjectRef): Promise<T | undefined>;
  /** Objects of a kind, optionally in one namespace and matching selectors. */
  list<T extends KubeObject>(type: TypeRef, options?: ListOptions): Promise<ListResult<T>>;
  /** Creates the object; fails with AlreadyExists when it is there. */
  create<T extends KubeObject>(object: T): Promise<T>;
  /** Replaces the object; fails with Conflict when `metadata.resourceVersion` is stale. */
  replace<T extends KubeObject>(object: T): Promise<T>;
  /** Replaces the object's status only (status subresource). */
  replaceStatus<T extends KubeObject>(object: T): Promise<T>;
  /** Patches the object (or its status when `subresource` is `status`). */
  patch<T extends KubeObject>(
    ref: ObjectRef,
    patch: unknown,
    kind: PatchKind,
    subresource?: 'status' | 'scale',
  ): Promise<T>;
  /** Deletes the object; resolves false when it was already gone. */
  delete(
    ref: ObjectRef,
    options?: { propagationPolicy?: 'Background' | 'Foreground' | 'Orphan' },
  ): Promise<boolean>;
  /** The URL path of a kind's collection (for watches). */
  collectionPath(type: TypeRef, namespace?: string): Promise<string>;
}

/** {@link KubeClient} over raw REST requests, with kinds resolved through discovery. */
export class RestKubeClient implements KubeClient {
  private readonly mapper: RestMapper;

  constructor(private readonly transport: RestTransport) {
    this.mapper = new RestMapper(transport);
  }

  async get<T extends KubeObject>(ref: ObjectRef): Promise<T | undefined> {
    try {
      return await this.transport.request<T>({ method: 'GET', path: await this.objectPath(ref) });
    } catch (error) {
      if ((error as { code?: unknown }).code === 404) return undefined;
      throw error;
    }
  }

  async list<T extends KubeObject>(type: TypeRef, options: ListOptions = {}): Promise<ListResult<T>> {
    const path = await this.collectionPath(type, options.namespace);
    const answer = await this.transport.request<{ items?: T[]; metadata?: { resourceVersion?: string } }>({
      method: 'GET',
      path,
      query: { labelSelector: options.labelSelector, fieldSelector: options.fieldSelector },
    });
    // List items may omit apiVersion/kind; callers expect complete objects.
    const items = (answer.items ?? []).map((item) => ({
      ...item,
      apiVersion: item.apiVersion ?? type.apiVersion,
      kind: item.kind ?? type.kind,
    }));
    return { items, resourceVersion: answer.metadata?.resourceVersion ?? '' };
  }

  async create<T extends KubeObject>(object: T): Promise<T> {
    const path = await this.collectionPath(object, object.metadata.namespace);
    return this.transport.request<T>({ method: 'POST', path, body: object });
  }

  async replace<T extends KubeObject>(object: T): Promise<T> {
    return this.transport.request<T>({
      method: 'PUT',
      path: await this.objectPath(refFrom(object)),
      body: object,
    });
  }

  async replaceStatus<T extends KubeObject>(object: T): Promise<T> {
    return this.transport.request<T>({
      method: 'PUT',
      path: `${await this.objectPath(refFrom(object))}/status`,
      body: object,
    });
  }

  async patch<T extends KubeObject>(
    ref: ObjectRef,
    patch: unknown,
    kind: PatchKind,
    subresource?: 'status' | 'scale',
  ): Promise<T> {
    const path = `${await this.objectPath(ref)}${subresource ? `/${subresource}` : ''}`;
    return this.transport.request<T>({ method: 'PATCH', path, body: patch, contentType: kind });
  }

  async delete(
    ref: ObjectRef,
    options: { propagationPolicy?: 'Background' | 'Foreground' | 'Orphan' } = {},
  ): Promise<boolean> {
    try {
      await this.transport.request({
        method: 'DELETE',
        path: await this.objectPath(ref),
        body: {
          kind: 'DeleteOptions',
          apiVersion: 'v1',
          ...(options.propagationPolicy ? { propagationPolicy: options.propagationPolicy } : {}),
        },
      });
      return true;
    } catch (error) {
      if ((error as { code?: unknown }).code === 404) return false;
      throw error;
    }
  }

  async collectionPath(type: TypeRef, namespace?: string): Promise<string> {
    const mapping = await this.mapper.mapping(type);
    return collection(mapping, namespace);
  }

  private async objectPath(ref: ObjectRef): Promise<string> {
    const mapping = await this.mapper.mapping(ref);
    return `${collection(mapping, ref.namespace)}/${encodeURIComponent(ref.name)}`;
  }
}

function collection(mapping: ResourceMapping, namespace: string | undefined): string {
  if (mapping.namespaced && namespace)
    return `${mapping.basePath}/namespaces/${encodeURIComponent(namespace)}/${mapping.plural}`;
  return `${mapping.basePath}/${mapping.plural}`;
}

function refFrom(object: KubeObject): ObjectRef {
  const ref: ObjectRef = { apiVersion: object.apiVersion, kind: object.kind, name: object.metadata.name };
  if (object.metadata.namespace) ref.namespace = object.metadata.namespace;
  return ref;
}
