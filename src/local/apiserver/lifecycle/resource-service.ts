import { type Clock, rfc3339 } from '../../../platform/clock.js';
import {
  ApiError,
  alreadyExists,
  badRequest,
  conflict,
  invalid,
  notFound,
  staleResourceVersion,
} from '../model/api-error.js';
import { type FieldError, FieldErrorType } from '../model/field-error.js';
import { isJsonObject, type KubeObject } from '../model/object.js';
import type { ResourceType, WriteContext } from '../resources/resource-type.js';
import type { ObjectStore } from '../store/object-store.js';
import { ClusterIpAllocator } from './cluster-ip-allocator.js';
import { cloneJson, generateName, jsonEqual, newUid, specPart, validateObjectMeta } from './metadata.js';
import type { Subresource, WriteOptions } from './write-options.js';

/** What the resource service needs from the rest of the server. */
export interface ResourceServiceDeps {
  store: ObjectStore;
  clock: Clock;
}

/** Identifies a resource for messages. */
export function groupResource(type: ResourceType): { group: string; resource: string } {
  return { group: type.group, resource: type.plural };
}

const serverManagedMeta = [
  'uid',
  'resourceVersion',
  'creationTimestamp',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
  'generation',
  'selfLink',
] as const;

/**
 * The write and read rules every resource shares: identity checks, defaulting, schema validation,
 * optimistic concurrency, status subresource separation, generation, finalizer-aware updates.
 */
export class ResourceService {
  private readonly ips: ClusterIpAllocator;

  constructor(private readonly deps: ResourceServiceDeps) {
    this.ips = new ClusterIpAllocator(deps.store, 'services');
  }

  /** The stored object, or undefined. */
  stored(type: ResourceType, namespace: string, name: string): KubeObject | undefined {
    return this.deps.store.get(type.storageKey, type.namespaced ? namespace : '', name);
  }

  /** One object as served at the type's version; 404 when absent. */
  get(type: ResourceType, namespace: string, name: string): KubeObject {
    const stored = this.stored(type, namespace, name);
    if (!stored) throw notFound(groupResource(type), name);
    return type.codec.toServed(stored);
  }

  /** Creates an object from a request body; answers what was stored (or would be, for dry runs). */
  create(type: ResourceType, namespace: string, body: unknown, options: WriteOptions = {}): KubeObject {
    const object = this.decode(type, namespace, body);
    const meta = object.metadata;
    for (const key of serverManagedMeta) delete meta[key];
    if (!meta.name && meta.generateName) meta.name = generateName(meta.generateName);
    if (type.subresources.status) delete object.status;
    this.applySchema(type, object, options);
    const context = this.context();
    type.behaviour.prepareForCreate?.(object, context);
    this.validate(type, object, undefined);
    const name = meta.name ?? '';
    if (type.namespaced) this.requireNamespace(namespace);
    if (this.stored(type, namespace, name)) throw alreadyExists(groupResource(type), name);
    meta.uid = newUid();
    meta.creationTimestamp = rfc3339(context.now);
    if (type.tracksGeneration) meta.generation = 1;
    const stored = type.codec.toStored(ordered(object));
    if (options.dryRun) return type.codec.toServed(stored);
    return type.codec.toServed(this.deps.store.put(type.storageKey, stored));
  }

  /**
   * Replaces an object (PUT, and the last step of every PATCH). With `subresource: 'status'` only the
   * status is taken from the body; otherwise the status is kept when the type has a status subresource.
   */
  update(
    type: ResourceType,
    namespace: string,
    name: string,
    body: unknown,
    options: WriteOptions & { subresource?: Subresource } = {},
  ): KubeObject {
    const incoming = this.decode(type, namespace, body);
    if (incoming.metadata.name !== undefined && incoming.metadata.name !== name) {
      throw badRequest(
        `the name of the object (${incoming.metadata.name}) does not match the name on the URL (${name})`,
      );
    }
    incoming.metadata.name = name;
    const old = this.stored(type, namespace, name);
    if (!old) throw notFound(groupResource(type), name);
    const wantedRv = incoming.metadata.resourceVersion;
    if (wantedRv !== undefined && wantedRv !== '' && wantedRv !== old.metadata.resourceVersion) {
      throw conflict(groupResource(type), name, staleResourceVersion);
    }
    if ((wantedRv === undefined || wantedRv === '') && type.schema) {
      throw invalid({ group: type.group, kind: type.kind }, name, [
        {
          type: FieldErrorType.Invalid,
          field: 'metadata.resourceVersion',
          badValue: '0x0',
          detail: 'must be specified for an update',
        },
      ]);
    }
    const oldServed = type.codec.toServed(old);
    let next: KubeObject;
    if (options.subresource === 'status') {
      next = { ...cloneJson(oldServed), status: incoming.status };
      if (incoming.status === undefined) delete next.status;
    } else {
      next = incoming;
      if (type.subresources.status) {
        if (oldServed.status === undefined) delete next.status;
        else next.status = cloneJson(oldServed.status);
      }
      next.metadata = carryOver(next.metadata, old.metadata);
    }
    this.applySchema(type, next, options);
    type.behaviour.prepareForUpdate?.(next, oldServed, this.context());
    this.validate(type, next, oldServed);
    this.checkFinalizers(type, next, old);
    if (type.tracksGeneration && !jsonEqual(specPart(next), specPart(oldServed))) {
      next.metadata.generation = (old.metadata.generation ?? 0) + 1;
    }
    next.metadata.resourceVersion = old.metadata.resourceVersion;
    const stored = type.codec.toStored(ordered(next));
    if (jsonEqual(stored, old)) return oldServed;
    if (options.dryRun) return type.codec.toServed(stored);
    if (
      stored.metadata.deletionTimestamp &&
      (stored.metadata.finalizers ?? []).length === 0 &&
      type.kind !== 'Namespace'
    ) {
      const last = this.deps.store.remove(type.storageKey, stored.metadata.namespace ?? '', name);
      return type.codec.toServed(last ?? stored);
    }
    return type.codec.toServed(this.deps.store.put(type.storageKey, stored));
  }

  /** The namespace `finalize` subresource: replaces `spec.finalizers` only. */
  updateNamespaceFinalizers(current: KubeObject, finalizers: unknown): KubeObject {
    const list = Array.isArray(finalizers)
      ? finalizers.filter((f): f is string => typeof f === 'string')
      : [];
    const stored = this.deps.store.get('namespaces', '', current.metadata.name ?? '');
    if (!stored) throw notFound({ group: '', resource: 'namespaces' }, current.metadata.name ?? '');
    const spec = isJsonObject(stored.spec) ? stored.spec : {};
    return this.deps.store.put('namespaces', { ...stored, spec: { ...spec, finalizers: list } });
  }

  /** The time and allocators handed to kind behaviours. */
  context(): WriteContext {
    return { now: this.deps.clock.now(), allocateClusterIp: () => this.ips.allocate() };
  }

  /** 404 unless the namespace exists; 403 while it is being deleted. */
  requireNamespace(namespace: string): void {
    const ns = this.deps.store.get('namespaces', '', namespace);
    if (!ns) throw notFound({ group: '', resource: 'namespaces' }, namespace);
    if (ns.metadata.deletionTimestamp) {
      throw new ApiError(
        'Forbidden',
        `unable to create new content in namespace ${namespace} because it is being terminated`,
        {
          name: namespace,
          kind: 'namespaces',
          causes: [
            {
              reason: 'NamespaceTerminating',
              message: `namespace ${namespace} is being terminated`,
              field: 'metadata.namespace',
            },
          ],
        },
      );
    }
  }

  /** Checks a request body's identity against the URL and returns an owned copy with metadata. */
  private decode(type: ResourceType, namespace: string, body: unknown): KubeObject {
    if (!isJsonObject(body)) throw badRequest('the body of the request must be a JSON object');
    const object = cloneJson(body) as KubeObject;
    const apiVersion = type.group ? `${type.group}/${type.version}` : type.version;
    if (object.apiVersion !== undefined && object.apiVersion !== apiVersion) {
      throw badRequest(
        `the API version in the data (${String(object.apiVersion)}) does not match the expected API version (${apiVersion})`,
      );
    }
    if (object.kind !== undefined && object.kind !== type.kind) {
      throw badRequest(
        `the kind in the data (${String(object.kind)}) does not match the expected kind (${type.kind})`,
      );
    }
    object.apiVersion = apiVersion;
    object.kind = type.kind;
    if (!isJsonObject(object.metadata)) object.metadata = {};
    if (type.namespaced) {
      if (object.metadata.namespace && object.metadata.namespace !== namespace) {
        throw badRequest(
          'the namespace of the provided object does not match the namespace sent on the request',
        );
      }
      object.metadata.namespace = namespace;
    } else {
      delete object.metadata.namespace;
    }
    return object;
  }

  /** Custom resources: drop unknown fields (reporting them per `fieldValidation`), default, validate. */
  private applySchema(type: ResourceType, object: KubeObject, options: WriteOptions): void {
    const schema = type.schema;
    if (!schema) return;
    const unknown = schema.prune(object);
    if (unknown.length > 0) {
      const mode = options.fieldValidation ?? 'Ignore';
      const list = unknown.map((path) => `unknown field "${path}"`);
      if (mode === 'Strict') {
        throw badRequest(
          `${type.kind} in version "${type.version}" cannot be handled as a ${type.kind}: strict decoding error: ${list.join(', ')}`,
        );
      }
      if (mode === 'Warn') options.warnings?.push(...list);
    }
    schema.applyDefaults(object);
    const errors = schema.validate(object);
    if (errors.length > 0)
      throw invalid({ group: type.group, kind: type.kind }, object.metadata.name ?? '', errors);
  }

  private validate(type: ResourceType, object: KubeObject, old: KubeObject | undefined): void {
    const errors: FieldError[] = [
      ...validateObjectMeta(object, type.kind),
      ...(type.behaviour.validate?.(object, old) ?? []),
    ];
    if (errors.length > 0)
      throw invalid({ group: type.group, kind: type.kind }, object.metadata.name ?? '', errors);
  }

  /** No new finalizers once deletion started (the real server's rule). */
  private checkFinalizers(type: ResourceType, next: KubeObject, old: KubeObject): void {
    if (!old.metadata.deletionTimestamp) return;
    const before = new Set(old.metadata.finalizers ?? []);
    const added = (next.metadata.finalizers ?? []).filter((f) => !before.has(f));
    if (added.length > 0) {
      throw invalid({ group: type.group, kind: type.kind }, next.metadata.name ?? '', [
        {
          type: FieldErrorType.Forbidden,
          field: 'metadata.finalizers',
          detail: `no new finalizers can be added if the object is being deleted, found new finalizers []string{${added.map((f) => `"${f}"`).join(', ')}}`,
        },
      ]);
    }
  }
}

/** Server-managed metadata survives whatever the client sends. */
function carryOver(meta: KubeObject['metadata'], old: KubeObject['metadata']): KubeObject['metadata'] {
  const out: Record<string, unknown> = { ...meta };
  for (const key of [
    'uid',
    'creationTimestamp',
    'deletionTimestamp',
    'deletionGracePeriodSeconds',
    'generation',
  ] as const) {
    if (old[key] === undefined) delete out[key];
    else out[key] = old[key];
  }
  return out as KubeObject['metadata'];
}

/** apiVersion, kind, metadata first, as the real server writes objects. */
function ordered(object: KubeObject): KubeObject {
  const { apiVersion, kind, metadata, ...rest } = object;
  return { apiVersion, kind, metadata, ...rest };
}
