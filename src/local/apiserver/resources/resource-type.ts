import type { FieldError } from '../model/field-error.js';
import type { KubeObject } from '../model/object.js';
import type { PatchSchema } from '../patch/patch-schema.js';
import type { TablePrinter } from '../printing/table-printer.js';
import type { StructuralSchema } from '../schema/structural-schema.js';

/** The verbs a resource can serve, as discovery lists them. */
export const Verbs = [
  'create',
  'delete',
  'deletecollection',
  'get',
  'list',
  'patch',
  'update',
  'watch',
] as const;
export type Verb = (typeof Verbs)[number];

/** Where the replica counts of a resource with a `scale` subresource live (paths like `.spec.replicas`). */
export interface ScaleSubresource {
  specReplicasPath: string;
  statusReplicasPath: string;
  labelSelectorPath?: string;
}

/** What happens around a write, for kinds with rules of their own (Services allocate IPs, …). */
export interface KindBehaviour {
  /** Fills defaults and server-assigned fields of a new object. */
  prepareForCreate?(object: KubeObject, context: WriteContext): void;
  /** Fills defaults and carries over server-assigned fields on an update of `old`. */
  prepareForUpdate?(object: KubeObject, old: KubeObject, context: WriteContext): void;
  /** Kind-specific validation; empty when valid. */
  validate?(object: KubeObject, old: KubeObject | undefined): FieldError[];
}

/** Services a kind behaviour may use while preparing a write. */
export interface WriteContext {
  /** The time of the request. */
  now: Date;
  /** Allocates a free ClusterIP. */
  allocateClusterIp(): string;
}

/** Converts objects between the stored form and one served version. */
export interface VersionCodec {
  /** Stored form → the form served at this version. */
  toServed(stored: KubeObject): KubeObject;
  /** Form received at this version → stored form. */
  toStored(served: KubeObject): KubeObject;
}

/** One served group/version/resource and everything the server needs to serve it. */
export interface ResourceType {
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  readonly listKind: string;
  readonly plural: string;
  readonly singular: string;
  readonly namespaced: boolean;
  readonly shortNames: readonly string[];
  readonly categories: readonly string[];
  readonly verbs: readonly Verb[];
  readonly subresources: {
    readonly status: boolean;
    readonly scale?: ScaleSubresource;
    /** Serves `token` (TokenRequest), as ServiceAccounts do. */
    readonly token?: boolean;
  };
  /** All versions of one group/resource share the stored objects. */
  readonly storageKey: string;
  /** Whether `metadata.generation` is kept and bumped on spec changes. */
  readonly tracksGeneration: boolean;
  /** Server-side printing for `kubectl get`. */
  readonly printer: TablePrinter;
  /** Strategic-merge metadata; undefined where strategic merge patch is not supported (custom resources). */
  readonly strategicPatchSchema: PatchSchema | undefined;
  /** List semantics for server-side apply. */
  readonly applyPatchSchema: PatchSchema;
  /** The CRD version's structural schema, for custom resources. */
  readonly schema: StructuralSchema | undefined;
  readonly behaviour: KindBehaviour;
  readonly codec: VersionCodec;
  /** Field labels a field selector may use for this resource. */
  fields(object: KubeObject): Record<string, string>;
}

/** `apps/v1` or `v1`. */
export function apiVersionOf(type: Pick<ResourceType, 'group' | 'version'>): string {
  return type.group ? `${type.group}/${type.version}` : type.version;
}
