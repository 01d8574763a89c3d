import { type Static, Type } from '@sinclair/typebox';
import { duration, stringMap } from './k8s-schemas.js';

/** `thresholdRange`: the bounds a metric value must stay within; either may be left open. */
export const CanaryThresholdRangeSchema = Type.Object(
  {
    min: Type.Optional(Type.Number({ description: 'Lowest accepted value.' })),
    max: Type.Optional(Type.Number({ description: 'Highest accepted value.' })),
  },
  { description: 'Range of accepted values.' },
);
export type CanaryThresholdRange = Static<typeof CanaryThresholdRangeSchema>;

/** `templateRef`: the MetricTemplate a metric queries. */
export const MetricTemplateReferenceSchema = Type.Object(
  {
    name: Type.String({ description: 'Name of the MetricTemplate.' }),
    namespace: Type.Optional(
      Type.String({ description: "Namespace of the MetricTemplate; the Canary's by default." }),
    ),
  },
  { description: 'MetricTemplate whose query this metric runs.' },
);
export type MetricTemplateReference = Static<typeof MetricTemplateReferenceSchema>;

/** An item of `spec.analysis.metrics`: a builtin metric or a MetricTemplate query checked every tick. */
export const CanaryMetricSchema = Type.Object({
  name: Type.String({
    description: 'Name of the check; request-success-rate and request-duration are builtin.',
  }),
  interval: Type.Optional(duration({ description: 'Window the query covers, e.g. 1m.' })),
  threshold: Type.Optional(
    Type.Number({ description: 'Deprecated: highest accepted value; use thresholdRange.' }),
  ),
  thresholdRange: Type.Optional(CanaryThresholdRangeSchema),
  query: Type.Optional(Type.String({ description: 'Deprecated: inline Prometheus query; use templateRef.' })),
  templateRef: Type.Optional(MetricTemplateReferenceSchema),
  templateVariables: Type.Optional(
    stringMap({ description: 'Values the template reads as {{ variables.<key> }}.' }),
  ),
});
export type CanaryMetric = Static<typeof CanaryMetricSchema>;
