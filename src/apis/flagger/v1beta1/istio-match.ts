import { type SchemaOptions, type Static, Type } from '@sinclair/typebox';
import { atMostOneOf, exactlyOneOf, istioString, mapOf } from './k8s-schemas.js';

const re2 = 'RE2 regular expression (https://github.com/google/re2/wiki/Syntax).';
const matchKinds = ['exact', 'prefix', 'regex'] as const;

function stringMatch(options: SchemaOptions = {}) {
  return Type.Object(
    {
      exact: Type.Optional(istioString({ description: 'The whole value.' })),
      prefix: Type.Optional(istioString({ description: 'A prefix of the value.' })),
      regex: Type.Optional(istioString({ description: re2 })),
    },
    { ...options, oneOf: atMostOneOf(matchKinds) },
  );
}

/** Istio's `StringMatch`: at most one of exact, prefix or regex. */
export const StringMatchSchema = stringMatch();
export type StringMatch = Static<typeof StringMatchSchema>;

/** An item of `spec.service.match`: Istio's `HTTPMatchRequest`. */
export const HTTPMatchRequestSchema = Type.Object({
  authority: Type.Optional(stringMatch({ description: 'HTTP authority (Host) to match.' })),
  gateways: Type.Optional(
    Type.Array(istioString(), { description: 'Gateways the match applies to; all of the route by default.' }),
  ),
  headers: Type.Optional(mapOf(stringMatch(), { description: 'Header name (lower case) to value match.' })),
  ignoreUriCase: Type.Optional(Type.Boolean({ description: 'Match the URI case-insensitively.' })),
  method: Type.Optional(stringMatch({ description: 'HTTP method to match.' })),
  name: Type.Optional(istioString({ description: 'Name of the match, prefixed to the route name.' })),
  port: Type.Optional(Type.Integer({ description: 'Port of the host being addressed.' })),
  queryParams: Type.Optional(mapOf(stringMatch(), { description: 'Query parameter name to value match.' })),
  scheme: Type.Optional(stringMatch({ description: 'URI scheme to match.' })),
  sourceLabels: Type.Optional(
    mapOf(istioString(), { description: 'Labels the calling workload must carry (mesh gateway only).' }),
  ),
  sourceNamespace: Type.Optional(istioString({ description: 'Namespace the calling workload must run in.' })),
  uri: Type.Optional(stringMatch({ description: 'URI to match.' })),
  withoutHeaders: Type.Optional(
    mapOf(stringMatch(), { description: 'Headers that must not match, same syntax as headers.' }),
  ),
});
export type HTTPMatchRequest = Static<typeof HTTPMatchRequestSchema>;

/** A header condition of an A/B test: exactly one of exact, prefix, suffix or regex. */
export const HeaderMatchSchema = Type.Object(
  {
    exact: Type.Optional(istioString({ description: 'The whole value.' })),
    prefix: Type.Optional(istioString({ description: 'A prefix of the value.' })),
    suffix: Type.Optional(istioString({ description: 'A suffix of the value.' })),
    regex: Type.Optional(istioString({ description: re2 })),
  },
  { oneOf: exactlyOneOf(['exact', 'prefix', 'suffix', 'regex']) },
);
export type HeaderMatch = Static<typeof HeaderMatchSchema>;

/** A query-parameter condition of an A/B test: at most one of exact, prefix or regex. */
export const QueryParamMatchSchema = Type.Object(
  {
    exact: Type.Optional(Type.String({ description: 'The whole value.' })),
    prefix: Type.Optional(Type.String({ description: 'A prefix of the value.' })),
    regex: Type.Optional(Type.String({ description: re2 })),
  },
  { oneOf: atMostOneOf(matchKinds) },
);

/** An item of `spec.analysis.match`: the A/B-testing subset of `HTTPMatchRequest`. */
export const AnalysisMatchSchema = Type.Object({
  headers: Type.Optional(
    mapOf(HeaderMatchSchema, { description: 'Header name (lower case) to value match.' }),
  ),
  queryParams: Type.Optional(
    mapOf(QueryParamMatchSchema, { description: 'Query parameter name to value match.' }),
  ),
  sourceLabels: Type.Optional(
    mapOf(istioString(), {
      description: "Labels the calling workload must carry (only with the 'mesh' gateway).",
    }),
  ),
});
export type AnalysisMatch = Static<typeof AnalysisMatchSchema>;
