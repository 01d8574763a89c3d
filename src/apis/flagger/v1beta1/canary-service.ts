import { type Static, Type } from '@sinclair/typebox';
import { HTTPRequestMirrorFilterSchema, ParentReferenceSchema } from './gateway-api.js';
import { HTTPMatchRequestSchema } from './istio-match.js';
import { CorsPolicySchema, HeadersSchema, HTTPRetrySchema, HTTPRewriteSchema } from './istio-route.js';
import { TrafficPolicySchema } from './istio-traffic-policy.js';
import { intOrString, stringEnum, stringList, stringMap } from './k8s-schemas.js';

/** Values of `spec.service.trafficDistribution`, copied to the generated Services. */
export const TrafficDistributions = ['PreferClose', 'PreferSameZone', 'PreferSameNode'] as const;
export type TrafficDistribution = (typeof TrafficDistributions)[number];

function customMetadata(description: string) {
  return Type.Object(
    {
      labels: Type.Optional(stringMap()),
      annotations: Type.Optional(stringMap()),
    },
    { description },
  );
}

/** Labels and annotations added to one generated Service (Flagger's `CustomMetadata`). */
export type CustomMetadata = Static<ReturnType<typeof customMetadata>>;

/** Metadata keys Weir never adds, removes or changes on the Services it owns. */
export const UnmanagedMetadataSchema = Type.Object(
  {
    annotations: Type.Optional(stringList({ description: 'Annotation keys left alone.' })),
    labels: Type.Optional(stringList({ description: 'Label keys left alone.' })),
  },
  { description: 'Metadata keys on generated Services that Weir leaves to others.' },
);
export type UnmanagedMetadata = Static<typeof UnmanagedMetadataSchema>;

/** `spec.service`: how the apex, primary and canary Services and the routing objects are generated. */
export const CanaryServiceSchema = Type.Object(
  {
    name: Type.Optional(
      Type.String({ description: 'Name of the apex Service; the target name by default.' }),
    ),
    port: Type.Number({ description: 'Port of the generated ClusterIP Services.' }),
    portName: Type.Optional(Type.String({ description: 'Name of the Service port; http by default.' })),
    appProtocol: Type.Optional(Type.String({ description: 'Application protocol of the Service port.' })),
    trafficDistribution: Type.Optional(
      stringEnum(TrafficDistributions, { description: 'Traffic distribution of the generated Services.' }),
    ),
    targetPort: Type.Optional(
      intOrString({
        description: 'Container port (number or name) the Services forward to; port by default.',
      }),
    ),
    portDiscovery: Type.Optional(
      Type.Boolean({ description: 'Also expose every other container port on the generated Services.' }),
    ),
    headless: Type.Optional(Type.Boolean({ description: 'Generate headless Services (clusterIP: None).' })),
    timeout: Type.Optional(Type.String({ description: 'HTTP or gRPC request timeout, e.g. 30s.' })),
    backendTimeout: Type.Optional(
      Type.String({ description: 'Backend request timeout (Gateway API only).' }),
    ),
    meshName: Type.Optional(Type.String({ description: 'App Mesh mesh name.' })),
    backends: Type.Optional(stringList({ description: 'App Mesh virtual node backends.' })),
    hosts: Type.Optional(stringList({ description: 'Host names the routes answer to.' })),
    delegation: Type.Optional(
      Type.Boolean({ description: 'Generate a delegate VirtualService (no hosts, no gateways).' }),
    ),
    match: Type.Optional(
      Type.Array(HTTPMatchRequestSchema, { description: 'Conditions a request must match.' }),
    ),
    retries: Type.Optional(HTTPRetrySchema),
    rewrite: Type.Optional(HTTPRewriteSchema),
    // Upstream puts `required: [backendRef]` on the array rather than its items, where it constrains
    // nothing; kept as is so that every manifest Flagger accepts is accepted here.
    mirror: Type.Optional(
      Type.Array(HTTPRequestMirrorFilterSchema, {
        description: 'Requests mirrored to other backends (Gateway API only).',
        required: ['backendRef'],
      }),
    ),
    headers: Type.Optional(HeadersSchema),
    gateways: Type.Optional(
      stringList({ description: 'Istio gateways of the VirtualService; mesh by default.' }),
    ),
    gatewayRefs: Type.Optional(
      Type.Array(ParentReferenceSchema, { maxItems: 32, description: 'Parent Gateways of the HTTPRoute.' }),
    ),
    corsPolicy: Type.Optional(CorsPolicySchema),
    trafficPolicy: Type.Optional(TrafficPolicySchema),
    apex: Type.Optional(customMetadata('Metadata added to the apex Service and the routing objects.')),
    primary: Type.Optional(customMetadata('Metadata added to the primary Service.')),
    canary: Type.Optional(customMetadata('Metadata added to the canary Service.')),
    unmanagedMetadata: Type.Optional(UnmanagedMetadataSchema),
  },
  { description: 'Services and routing generated for the target.' },
);
export type CanaryService = Static<typeof CanaryServiceSchema>;
