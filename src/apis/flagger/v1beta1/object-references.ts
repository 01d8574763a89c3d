import { type SchemaOptions, type Static, Type } from '@sinclair/typebox';
import { stringEnum, stringMap } from './k8s-schemas.js';

/** Kinds a Canary can target (`Service` with `serving.knative.dev/v1` is a Knative Service). */
export const TargetKinds = ['DaemonSet', 'Deployment', 'Service'] as const;
export type TargetKind = (typeof TargetKinds)[number];

/** Kinds of autoscaler Weir copies for the primary. */
export const AutoscalerKinds = ['HorizontalPodAutoscaler', 'ScaledObject'] as const;
export type AutoscalerKind = (typeof AutoscalerKinds)[number];

/** A reference to an object in the Canary's namespace whose kind is one of `kinds`. */
export function localObjectReference<const K extends readonly string[]>(
  kinds: K,
  options: SchemaOptions = {},
) {
  return Type.Object(
    {
      apiVersion: Type.String({ description: 'API version of the referenced object.' }),
      kind: stringEnum(kinds, { description: 'Kind of the referenced object.' }),
      name: Type.String({ description: 'Name of the referenced object.' }),
    },
    options,
  );
}

/** Flagger's `LocalObjectReference`: apiVersion, kind and name of an object in the Canary's namespace. */
export type LocalObjectReference = Static<ReturnType<typeof localObjectReference<readonly string[]>>>;

/** `spec.targetRef`: the workload under canary. */
export const TargetRefSchema = localObjectReference(TargetKinds, {
  description: 'Workload under canary: a Deployment, a DaemonSet or a Knative Service.',
});

/** `spec.ingressRef`: the NGINX or Skipper Ingress to clone. */
export const IngressRefSchema = localObjectReference(['Ingress'], {
  description: 'Ingress (NGINX, Skipper) that Weir clones for the canary.',
});

/** `spec.routeRef`: the APISIX route to clone. */
export const RouteRefSchema = localObjectReference(['ApisixRoute'], {
  description: 'APISIX route that Weir clones for the canary.',
});

/** `spec.upstreamRef`: a Gloo Upstream, possibly in another namespace (Flagger's `CrossNamespaceObjectReference`). */
export const CrossNamespaceObjectReferenceSchema = Type.Object(
  {
    apiVersion: Type.String({ description: 'API version of the Upstream.' }),
    kind: stringEnum(['Upstream'], { description: 'Kind of the referenced object.' }),
    name: Type.String({ description: 'Name of the Upstream.' }),
    namespace: Type.Optional(
      Type.String({ description: "Namespace of the Upstream; the Canary's by default." }),
    ),
  },
  { description: 'Gloo Upstream whose settings the generated upstreams copy.' },
);
export type CrossNamespaceObjectReference = Static<typeof CrossNamespaceObjectReferenceSchema>;

/** Replica bounds that override the copied autoscaler's on the primary. */
export const ScalerReplicasSchema = Type.Object(
  {
    minReplicas: Type.Optional(Type.Integer({ minimum: 1, description: 'Minimum replicas of the primary.' })),
    maxReplicas: Type.Optional(Type.Integer({ minimum: 1, description: 'Maximum replicas of the primary.' })),
  },
  { description: 'Replica bounds for the primary autoscaler, overriding the copied ones.' },
);
export type ScalerReplicas = Static<typeof ScalerReplicasSchema>;

/** `spec.autoscalerRef`: the HPA or KEDA ScaledObject copied for the primary as `<name>-primary`. */
export const AutoscalerReferenceSchema = Type.Object(
  {
    apiVersion: Type.String({ description: 'API version of the autoscaler.' }),
    kind: stringEnum(AutoscalerKinds, { description: 'Kind of the autoscaler.' }),
    name: Type.String({ description: 'Name of the autoscaler.' }),
    primaryScalerQueries: Type.Optional(
      stringMap({ description: 'KEDA trigger name to the query the primary ScaledObject uses instead.' }),
    ),
    primaryScalerReplicas: Type.Optional(ScalerReplicasSchema),
  },
  { description: 'Autoscaler (HPA or KEDA ScaledObject) copied for the primary.' },
);
export type AutoscalerReference = Static<typeof AutoscalerReferenceSchema>;
