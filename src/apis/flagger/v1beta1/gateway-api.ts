import { type Static, Type } from '@sinclair/typebox';

/** DNS subdomain (RFC 1123), or empty: Gateway API `Group` and `SectionName`. */
const dnsSubdomainPattern = '^$|^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$';
const sectionNamePattern = '^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$';
/** Gateway API `Kind`. */
const kindPattern = '^[a-zA-Z]([-a-zA-Z0-9]*[a-zA-Z0-9])?$';
/** DNS label (RFC 1123): a namespace name. */
const dnsLabelPattern = '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$';

function port() {
  return Type.Optional(
    Type.Integer({ format: 'int32', minimum: 1, maximum: 65535, description: 'Port number.' }),
  );
}

function namespace() {
  return Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 63,
      pattern: dnsLabelPattern,
      description: 'Namespace of the referent.',
    }),
  );
}

/** An item of `spec.service.gatewayRefs`: Gateway API `ParentReference` (HTTPRoute parentRefs). */
export const ParentReferenceSchema = Type.Object({
  group: Type.Optional(
    Type.String({ default: 'gateway.networking.k8s.io', maxLength: 253, pattern: dnsSubdomainPattern }),
  ),
  kind: Type.Optional(Type.String({ default: 'Gateway', minLength: 1, maxLength: 63, pattern: kindPattern })),
  name: Type.String({ minLength: 1, maxLength: 253, description: 'Name of the parent Gateway.' }),
  namespace: namespace(),
  sectionName: Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 253,
      pattern: sectionNamePattern,
      description: 'Listener of the parent to attach to.',
    }),
  ),
  port: port(),
});
export type ParentReference = Static<typeof ParentReferenceSchema>;

/** Gateway API `BackendObjectReference`: where mirrored requests go. */
export const BackendObjectReferenceSchema = Type.Object(
  {
    group: Type.Optional(Type.String({ default: '', maxLength: 253, pattern: dnsSubdomainPattern })),
    kind: Type.Optional(
      Type.String({ default: 'Service', minLength: 1, maxLength: 63, pattern: kindPattern }),
    ),
    name: Type.String({ minLength: 1, maxLength: 253, description: 'Name of the backend.' }),
    namespace: namespace(),
    port: port(),
  },
  {
    'x-kubernetes-validations': [
      {
        message: 'Must have port for Service reference',
        rule: "(size(self.group) == 0 && self.kind == 'Service') ? has(self.port) : true",
      },
    ],
  },
);
export type BackendObjectReference = Static<typeof BackendObjectReferenceSchema>;

/** An item of `spec.service.mirror`: Gateway API `HTTPRequestMirrorFilter`. */
export const HTTPRequestMirrorFilterSchema = Type.Object({
  backendRef: Type.Optional(BackendObjectReferenceSchema),
});
export type HTTPRequestMirrorFilter = Static<typeof HTTPRequestMirrorFilterSchema>;
