/**
 * The `patchStrategy` / `patchMergeKey` struct tags of k8s.io/api (v1.31) for the kinds this server
 * serves. Only tagged fields appear; everything else falls back to "maps merge, lists replace". The tag
 * set was checked against the tags compiled into kubectl v1.31 (e.g. DaemonSet `updateStrategy` carries
 * no `retainKeys` tag there; only Deployment `strategy` does).
 */
import type { FieldPatchMeta, PatchSchema } from './patch-schema.js';

function mergeBy(mergeKey: string, schema?: PatchSchema): FieldPatchMeta {
  return schema ? { strategy: ['merge'], mergeKey, schema } : { strategy: ['merge'], mergeKey };
}

function mergeRetainKeysBy(mergeKey: string): FieldPatchMeta {
  return { strategy: ['merge', 'retainKeys'], mergeKey };
}

function nested(fields: Record<string, FieldPatchMeta>): FieldPatchMeta {
  return { schema: { fields } };
}

/** `metav1.ObjectMeta`: `finalizers` is a merged primitive list, `ownerReferences` merge by `uid`. */
export const objectMetaSchema: PatchSchema = {
  fields: {
    finalizers: { strategy: ['merge'] },
    ownerReferences: mergeBy('uid'),
  },
};

/** `Container` and `EphemeralContainerCommon` carry the same tags. */
const containerSchema: PatchSchema = {
  fields: {
    ports: mergeBy('containerPort'),
    env: mergeBy('name'),
    volumeMounts: mergeBy('mountPath'),
    volumeDevices: mergeBy('devicePath'),
  },
};

/** `PodSpec`; `tolerations`, `readinessGates` and the rest have no tags and are replaced. */
const podSpecSchema: PatchSchema = {
  fields: {
    volumes: mergeRetainKeysBy('name'),
    initContainers: mergeBy('name', containerSchema),
    containers: mergeBy('name', containerSchema),
    ephemeralContainers: mergeBy('name', containerSchema),
    imagePullSecrets: mergeBy('name'),
    hostAliases: mergeBy('ip'),
    topologySpreadConstraints: mergeBy('topologyKey'),
    schedulingGates: mergeBy('name'),
    resourceClaims: mergeRetainKeysBy('name'),
  },
};

/** `ContainerStatus`; the status lists holding it have no tags, so this only matters inside them. */
const containerStatusSchema: PatchSchema = {
  fields: {
    volumeMounts: mergeBy('mountPath'),
    allocatedResourcesStatus: mergeBy('name'),
  },
};

const podStatusSchema: PatchSchema = {
  fields: {
    conditions: mergeBy('type'),
    podIPs: mergeBy('ip'),
    hostIPs: mergeBy('ip'),
    resourceClaimStatuses: mergeRetainKeysBy('name'),
    initContainerStatuses: { schema: containerStatusSchema },
    containerStatuses: { schema: containerStatusSchema },
    ephemeralContainerStatuses: { schema: containerStatusSchema },
  },
};

/** `PodTemplateSpec`: object metadata plus a `PodSpec`. */
const podTemplateSpec: FieldPatchMeta = {
  schema: { fields: { metadata: { schema: objectMetaSchema }, spec: { schema: podSpecSchema } } },
};

/** A status whose only tagged field is `conditions`, merged by `type`. */
const conditionsStatus: FieldPatchMeta = nested({ conditions: mergeBy('type') });

/** A top-level object: `metadata` is ObjectMeta, plus the kind's own tagged fields. */
export function objectSchema(fields: Record<string, FieldPatchMeta>): PatchSchema {
  return { fields: { metadata: { schema: objectMetaSchema }, ...fields } };
}

const untagged = objectSchema({});

const schemas: ReadonlyMap<string, PatchSchema> = new Map([
  ['/Namespace', objectSchema({ status: conditionsStatus })],
  ['/Service', objectSchema({ spec: nested({ ports: mergeBy('port') }), status: conditionsStatus })],
  ['/Endpoints', untagged],
  ['/ConfigMap', untagged],
  ['/Secret', untagged],
  ['/Event', untagged],
  ['events.k8s.io/Event', untagged],
  ['/Pod', objectSchema({ spec: { schema: podSpecSchema }, status: { schema: podStatusSchema } })],
  ['/ServiceAccount', objectSchema({ secrets: mergeBy('name') })],
  [
    'apps/Deployment',
    objectSchema({
      spec: nested({ template: podTemplateSpec, strategy: { strategy: ['retainKeys'] } }),
      status: conditionsStatus,
    }),
  ],
  ['apps/DaemonSet', objectSchema({ spec: nested({ template: podTemplateSpec }), status: conditionsStatus })],
  [
    'apps/ReplicaSet',
    objectSchema({ spec: nested({ template: podTemplateSpec }), status: conditionsStatus }),
  ],
  // autoscaling/v2 tags status.conditions; autoscaling/v1 has no conditions field, so one schema serves both.
  ['autoscaling/HorizontalPodAutoscaler', objectSchema({ status: conditionsStatus })],
  ['networking.k8s.io/Ingress', untagged],
  ['coordination.k8s.io/Lease', untagged],
  ['rbac.authorization.k8s.io/Role', untagged],
  ['rbac.authorization.k8s.io/ClusterRole', untagged],
  ['rbac.authorization.k8s.io/RoleBinding', untagged],
  ['rbac.authorization.k8s.io/ClusterRoleBinding', untagged],
  ['apiextensions.k8s.io/CustomResourceDefinition', untagged],
]);

/** The schema registered for `group`/`kind`, or undefined for kinds not listed here. */
export function schemaForKind(group: string, kind: string): PatchSchema | undefined {
  return schemas.get(`${group}/${kind}`);
}
