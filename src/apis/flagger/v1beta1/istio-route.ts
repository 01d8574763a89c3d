import { type Static, Type } from '@sinclair/typebox';
import { exactlyOneOf, istioString, mapOf } from './k8s-schemas.js';

/** `spec.service.retries`: Istio's `HTTPRetry`, also mapped to Contour and App Mesh retry policies. */
export const HTTPRetrySchema = Type.Object(
  {
    attempts: Type.Optional(
      Type.Integer({ format: 'int32', description: 'Number of retries of a request.' }),
    ),
    perTryTimeout: Type.Optional(Type.String({ description: 'Timeout of each attempt, e.g. 2s.' })),
    retryOn: Type.Optional(
      istioString({ description: 'Comma-separated conditions that trigger a retry, e.g. gateway-error.' }),
    ),
  },
  { description: 'Retry policy of HTTP requests.' },
);
export type HTTPRetry = Static<typeof HTTPRetrySchema>;

/** `spec.service.rewrite`: Flagger's `HTTPRewrite` (Istio rewrite, Gateway API URLRewrite filter). */
export const HTTPRewriteSchema = Type.Object(
  {
    uri: Type.Optional(istioString({ description: 'Replacement of the matched path or prefix.' })),
    authority: Type.Optional(istioString({ description: 'Replacement of the Host header.' })),
    type: Type.Optional(
      istioString({ description: 'Gateway API rewrite type: ReplacePrefixMatch, else ReplaceFullPath.' }),
    ),
  },
  { description: 'Rewrite of the URI and authority before forwarding.' },
);
export type HTTPRewrite = Static<typeof HTTPRewriteSchema>;

/** Header edits applied in one direction. */
export const HeaderOperationsSchema = Type.Object({
  add: Type.Optional(mapOf(istioString(), { description: 'Headers to append.' })),
  remove: Type.Optional(Type.Array(istioString(), { description: 'Names of headers to remove.' })),
  set: Type.Optional(mapOf(istioString(), { description: 'Headers to overwrite.' })),
});
export type HeaderOperations = Static<typeof HeaderOperationsSchema>;

/** `spec.service.headers`: Istio's `Headers`, request and response edits. */
export const HeadersSchema = Type.Object(
  {
    request: Type.Optional(HeaderOperationsSchema),
    response: Type.Optional(HeaderOperationsSchema),
  },
  { description: 'Header edits on requests and responses.' },
);
export type Headers = Static<typeof HeadersSchema>;

/** One allowed-origin pattern of a CORS policy: exactly one of exact, prefix or regex. */
export const OriginMatchSchema = Type.Object(
  {
    exact: Type.Optional(istioString({ description: 'The whole origin.' })),
    prefix: Type.Optional(istioString({ description: 'A prefix of the origin.' })),
    regex: Type.Optional(istioString({ description: 'RE2 regular expression matching the origin.' })),
  },
  { oneOf: exactlyOneOf(['exact', 'prefix', 'regex']) },
);

/** `spec.service.corsPolicy`: Istio's `CorsPolicy` (also the Gateway API v1 CORS filter). */
export const CorsPolicySchema = Type.Object(
  {
    allowCredentials: Type.Optional(
      Type.Boolean({ description: 'Whether credentialed requests are allowed.' }),
    ),
    allowHeaders: Type.Optional(Type.Array(istioString(), { description: 'Request headers allowed.' })),
    allowMethods: Type.Optional(Type.Array(istioString(), { description: 'HTTP methods allowed.' })),
    allowOrigin: Type.Optional(
      Type.Array(istioString(), { description: 'Origins allowed, exactly (deprecated by Istio).' }),
    ),
    allowOrigins: Type.Optional(Type.Array(OriginMatchSchema, { description: 'Origin patterns allowed.' })),
    exposeHeaders: Type.Optional(Type.Array(istioString(), { description: 'Response headers exposed.' })),
    maxAge: Type.Optional(Type.String({ description: 'How long preflight results are cached, e.g. 24h.' })),
  },
  { description: 'Cross-origin resource sharing (CORS) policy.' },
);
export type CorsPolicy = Static<typeof CorsPolicySchema>;
