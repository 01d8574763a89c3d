import { type Static, Type } from '@sinclair/typebox';
import { CanaryAnalysisSchema } from './canary-analysis.js';
import { CanaryServiceSchema } from './canary-service.js';
import { CanaryStatusSchema } from './canary-status.js';
import { kubeObjectFields, stringEnum } from './k8s-schemas.js';
import {
  AutoscalerReferenceSchema,
  CrossNamespaceObjectReferenceSchema,
  IngressRefSchema,
  RouteRefSchema,
  TargetRefSchema,
} from './object-references.js';

/** Values of `spec.provider` the CRD accepts (Weir may implement fewer; its router factory says which). */
export const MeshProviders = [
  'apisix',
  'appmesh',
  'appmesh:v1beta2',
  'contour',
  'gatewayapi:v1',
  'gatewayapi:v1beta1',
  'gloo',
  'istio',
  'knative',
  'kubernetes',
  'kuma',
  'linkerd',
  'nginx',
  'osm',
  'skipper',
  'smi:v1alpha1',
  'smi:v1alpha2',
  'smi:v1alpha3',
  'traefik',
] as const;
export type MeshProvider = (typeof MeshProviders)[number];

/** `spec`: what to release, how to route it and how to analyse it. */
export const CanarySpecSchema = Type.Object(
  {
    provider: Type.Optional(
      stringEnum(MeshProviders, {
        description: 'Traffic management provider; the -mesh-provider flag by default.',
      }),
    ),
    metricsServer: Type.Optional(
      Type.String({
        description: 'Prometheus URL for builtin metrics; the -metrics-server flag by default.',
      }),
    ),
    progressDeadlineSeconds: Type.Optional(
      Type.Number({
        description: 'Seconds the canary or primary may take to make progress; 600 by default.',
      }),
    ),
    targetRef: TargetRefSchema,
    autoscalerRef: Type.Optional(AutoscalerReferenceSchema),
    ingressRef: Type.Optional(IngressRefSchema),
    routeRef: Type.Optional(RouteRefSchema),
    upstreamRef: Type.Optional(CrossNamespaceObjectReferenceSchema),
    service: Type.Optional(CanaryServiceSchema),
    skipAnalysis: Type.Optional(Type.Boolean({ description: 'Promote without analysis.' })),
    revertOnDeletion: Type.Optional(
      Type.Boolean({ description: 'Restore the target and routing when the Canary is deleted.' }),
    ),
    suspend: Type.Optional(Type.Boolean({ description: 'Pause all canary runs.' })),
    analysis: CanaryAnalysisSchema,
  },
  { description: 'Desired state of a Canary.' },
);
export type CanarySpec = Static<typeof CanarySpecSchema>;

/**
 * A Canary: progressive delivery of one workload. The envelope is required here so that code can rely on it;
 * the CRD leaves the root optional as Flagger's does (the API server fills in apiVersion, kind and metadata).
 */
export const CanarySchema = Type.Object(
  {
    ...kubeObjectFields(),
    spec: CanarySpecSchema,
    status: Type.Optional(CanaryStatusSchema),
  },
  { description: 'Canary automates the release of a workload: traffic shifting, analysis, promotion.' },
);
export type Canary = Static<typeof CanarySchema>;
