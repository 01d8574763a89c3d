import { type Static, Type } from '@sinclair/typebox';
import { exactlyOneOf, istioString, mapOf, stringEnum } from './k8s-schemas.js';

const int32 = (description?: string) =>
  Type.Optional(Type.Integer(description ? { format: 'int32', description } : { format: 'int32' }));

/** `trafficPolicy.connectionPool`: HTTP connection pool limits. */
export const ConnectionPoolSchema = Type.Object({
  http: Type.Optional(
    Type.Object(
      {
        h2UpgradePolicy: Type.Optional(
          stringEnum(['DEFAULT', 'DO_NOT_UPGRADE', 'UPGRADE'], {
            description: 'Whether to upgrade HTTP/1.1 to h2.',
          }),
        ),
        http1MaxPendingRequests: int32('Maximum pending HTTP requests to a destination.'),
        http2MaxRequests: int32('Maximum requests to a backend.'),
        idleTimeout: Type.Optional(Type.String({ description: 'Idle timeout of pooled connections.' })),
        maxRequestsPerConnection: int32('Maximum requests per connection to a backend.'),
        maxRetries: int32(),
      },
      { description: 'HTTP connection pool settings.' },
    ),
  ),
});

const consistentHashKeys = ['httpHeaderName', 'httpCookie', 'useSourceIp', 'httpQueryParameterName'] as const;

/** `trafficPolicy.loadBalancer`: a simple algorithm or a consistent hash, exactly one of them. */
export const LoadBalancerSchema = Type.Object(
  {
    consistentHash: Type.Optional(
      Type.Object({
        httpCookie: Type.Optional(
          Type.Object(
            {
              name: Type.Optional(istioString({ description: 'Name of the cookie.' })),
              path: Type.Optional(istioString({ description: 'Path of the cookie.' })),
              ttl: Type.Optional(Type.String({ description: 'Lifetime of the cookie.' })),
            },
            { description: 'Hash on an HTTP cookie.' },
          ),
        ),
        httpHeaderName: Type.Optional(istioString({ description: 'Hash on an HTTP header.' })),
        httpQueryParameterName: Type.Optional(istioString({ description: 'Hash on a query parameter.' })),
        minimumRingSize: Type.Optional(Type.Integer()),
        useSourceIp: Type.Optional(Type.Boolean({ description: 'Hash on the source IP address.' })),
      }),
    ),
    localityLbSetting: Type.Optional(
      Type.Object({
        distribute: Type.Optional(
          Type.Array(
            Type.Object({
              from: Type.Optional(istioString({ description: "Originating locality, '/' separated." })),
              to: Type.Optional(
                mapOf(Type.Integer(), { description: 'Upstream locality to traffic weight.' }),
              ),
            }),
            { description: 'Weighted distribution; only one of distribute or failover.' },
          ),
        ),
        enabled: Type.Optional(Type.Boolean({ description: 'Enable locality load balancing.' })),
        failover: Type.Optional(
          Type.Array(
            Type.Object({
              from: Type.Optional(istioString({ description: 'Originating region.' })),
              to: Type.Optional(istioString({ description: 'Region to fail over to.' })),
            }),
            { description: 'Failover regions; only one of distribute or failover.' },
          ),
        ),
      }),
    ),
    simple: Type.Optional(
      stringEnum(['ROUND_ROBIN', 'LEAST_CONN', 'RANDOM', 'PASSTHROUGH', 'LEAST_REQUEST']),
    ),
    warmupDurationSecs: Type.Optional(Type.String({ description: 'Warm-up duration of new endpoints.' })),
  },
  {
    description: 'Load balancing algorithm.',
    oneOf: [
      { required: ['simple'] },
      {
        properties: { consistentHash: { oneOf: exactlyOneOf(consistentHashKeys) } },
        required: ['consistentHash'],
      },
    ],
  },
);

/** `trafficPolicy.outlierDetection`: ejection of unhealthy endpoints. */
export const OutlierDetectionSchema = Type.Object(
  {
    baseEjectionTime: Type.Optional(Type.String({ description: 'Minimum ejection duration.' })),
    consecutive5xxErrors: Type.Optional(
      Type.Integer({ description: '5xx errors before an endpoint is ejected.' }),
    ),
    consecutiveErrors: int32(),
    consecutiveGatewayErrors: int32('Gateway errors before an endpoint is ejected.'),
    consecutiveLocalOriginFailures: int32('Local-origin failures before ejection (with the split below).'),
    interval: Type.Optional(Type.String({ description: 'Time between ejection sweeps.' })),
    maxEjectionPercent: int32(),
    minHealthPercent: int32(),
    splitExternalLocalOriginErrors: Type.Optional(
      Type.Boolean({ description: 'Count local-origin failures apart from external errors.' }),
    ),
  },
  { description: 'Ejection of unhealthy endpoints from the load-balancing pool.' },
);

/** `trafficPolicy.tls`: TLS towards the upstream. */
export const ClientTlsSettingsSchema = Type.Object(
  {
    caCertificates: Type.Optional(istioString()),
    clientCertificate: Type.Optional(istioString({ description: 'Required with mode MUTUAL.' })),
    mode: Type.Optional(stringEnum(['DISABLE', 'SIMPLE', 'MUTUAL', 'ISTIO_MUTUAL'])),
    privateKey: Type.Optional(istioString({ description: 'Required with mode MUTUAL.' })),
    sni: Type.Optional(istioString({ description: 'SNI presented during the TLS handshake.' })),
    subjectAltNames: Type.Optional(Type.Array(istioString())),
  },
  { description: 'TLS settings for connections to the upstream.' },
);

/** `spec.service.trafficPolicy`: Istio's `TrafficPolicy`, set on both generated DestinationRules. */
export const TrafficPolicySchema = Type.Object(
  {
    connectionPool: Type.Optional(ConnectionPoolSchema),
    loadBalancer: Type.Optional(LoadBalancerSchema),
    outlierDetection: Type.Optional(OutlierDetectionSchema),
    tls: Type.Optional(ClientTlsSettingsSchema),
  },
  { description: 'Istio traffic policy of the primary and canary DestinationRules.' },
);
export type TrafficPolicy = Static<typeof TrafficPolicySchema>;
