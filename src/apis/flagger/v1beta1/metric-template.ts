import { type Static, Type } from '@sinclair/typebox';
import { kubeObjectFields, mapOf, secretReference, stringEnum } from './k8s-schemas.js';

/** Metric backends a MetricTemplate can query, in the CRD's order. */
export const MetricProviderTypes = [
  'prometheus',
  'influxdb',
  'datadog',
  'externalmetrics',
  'stackdriver',
  'cloudwatch',
  'newrelic',
  'graphite',
  'dynatrace',
  'keptn',
  'splunk',
] as const;
export type MetricProviderType = (typeof MetricProviderTypes)[number];

/** `spec.provider`: the backend a MetricTemplate queries and how to reach it. */
export const MetricTemplateProviderSchema = Type.Object(
  {
    type: stringEnum(MetricProviderTypes, { description: 'Kind of metrics backend.' }),
    address: Type.Optional(Type.String({ description: 'URL of the backend API.' })),
    headers: Type.Optional(
      mapOf(Type.Array(Type.String()), { description: 'HTTP headers sent with each query (Prometheus).' }),
    ),
    secretRef: Type.Optional(
      secretReference({ description: "Secret in the template's namespace holding the credentials." }),
    ),
    region: Type.Optional(Type.String({ description: 'Region of the backend (CloudWatch).' })),
    insecureSkipVerify: Type.Optional(Type.Boolean({ description: 'Skip TLS certificate verification.' })),
  },
  { description: 'Metrics backend of this template.' },
);
export type MetricTemplateProvider = Static<typeof MetricTemplateProviderSchema>;

/** `spec` of a MetricTemplate: a backend and a query rendered with the canary's names. */
export const MetricTemplateSpecSchema = Type.Object(
  {
    provider: MetricTemplateProviderSchema,
    query: Type.String({
      description: 'Query text, a Go template over name, namespace, target, interval, …',
    }),
  },
  { description: 'Desired state of a MetricTemplate.' },
);
export type MetricTemplateSpec = Static<typeof MetricTemplateSpecSchema>;

/** A MetricTemplate: a reusable query that Canary metrics reference by `templateRef`. */
export const MetricTemplateSchema = Type.Object(
  { ...kubeObjectFields(), spec: MetricTemplateSpecSchema },
  { description: 'MetricTemplate is a metrics query that canary analyses run.' },
);
export type MetricTemplate = Static<typeof MetricTemplateSchema>;
