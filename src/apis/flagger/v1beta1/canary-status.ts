import { type Static, Type } from '@sinclair/typebox';
import { stringEnum, stringMap } from './k8s-schemas.js';

/** Every value `status.phase` can hold, in the CRD's order; `''` is a Canary not yet initialized. */
export const CanaryPhases = [
  '',
  'Initializing',
  'Initialized',
  'Waiting',
  'Progressing',
  'WaitingPromotion',
  'Promoting',
  'Finalising',
  'Succeeded',
  'Failed',
  'Terminating',
  'Terminated',
] as const;
export type CanaryPhase = (typeof CanaryPhases)[number];

/** Type of the single condition a Canary carries; its `reason` is the phase. */
export const PromotedConditionType = 'Promoted';

const dateTime = (description: string) => Type.String({ format: 'date-time', description });

/** An item of `status.conditions`. */
export const CanaryConditionSchema = Type.Object({
  lastTransitionTime: Type.Optional(dateTime('When status last changed.')),
  lastUpdateTime: Type.Optional(dateTime('When the condition was last written.')),
  message: Type.Optional(Type.String({ description: 'Human-readable explanation.' })),
  reason: Type.String({ description: 'The phase that produced this condition.' }),
  status: Type.String({ description: 'True, False or Unknown.' }),
  type: Type.String({ description: 'Condition type, Promoted.' }),
});
export type CanaryCondition = Static<typeof CanaryConditionSchema>;

/** Outcomes of one metric check. */
export const CheckOutcomes = ['pass', 'fail', 'no-data', 'error'] as const;
export type CheckOutcome = (typeof CheckOutcomes)[number];

/** Where a metric's value comes from. */
export const CheckSources = ['builtin', 'query', 'template', 'none'] as const;
export type CheckSource = (typeof CheckSources)[number];

/**
 * Weir addition: the last result of one metric check, so the status explains each decision. Absent from
 * Flagger's CRD: with Flagger's CRDs installed the API server prunes it (events and logs still explain).
 */
export const CanaryCheckSchema = Type.Object({
  name: Type.String({ description: 'The metric name.' }),
  source: Type.Optional(
    stringEnum(CheckSources, { description: 'builtin, query (inline), template (MetricTemplate) or none.' }),
  ),
  template: Type.Optional(Type.String({ description: 'The MetricTemplate used, as name.namespace.' })),
  outcome: stringEnum(CheckOutcomes, { description: 'pass, fail, no-data or error.' }),
  message: Type.String({ description: 'What was measured against what, in words.' }),
  query: Type.Optional(Type.String({ description: 'The query as sent, after templating.' })),
  value: Type.Optional(Type.Number({ description: 'The measured value.' })),
  min: Type.Optional(Type.Number({ description: 'Lowest accepted value.' })),
  max: Type.Optional(Type.Number({ description: 'Highest accepted value.' })),
});
export type CanaryCheck = Static<typeof CanaryCheckSchema>;

/** `status`: where the current run stands; everything the next tick needs to resume. */
export const CanaryStatusSchema = Type.Object(
  {
    phase: Type.Optional(stringEnum(CanaryPhases, { description: 'Phase of the canary run.' })),
    failedChecks: Type.Optional(Type.Number({ description: 'Failed checks in the current run.' })),
    canaryWeight: Type.Optional(Type.Number({ description: 'Percentage of traffic routed to the canary.' })),
    iterations: Type.Optional(
      Type.Number({ description: 'Checks done in the current Blue/Green or A/B run.' }),
    ),
    trackedConfigs: Type.Optional(
      stringMap({
        description: 'configmap/<name> or secret/<name> to checksum of the tracked configuration.',
      }),
    ),
    lastAppliedSpec: Type.Optional(Type.String({ description: 'Hash of the pod template last seen.' })),
    lastPromotedSpec: Type.Optional(Type.String({ description: 'Hash of the pod template last promoted.' })),
    lastTransitionTime: Type.Optional(dateTime('When the status was last written.')),
    sessionAffinityCookie: Type.Optional(Type.String({ description: 'Canary cookie of the current run.' })),
    primarySessionAffinityCookie: Type.Optional(
      Type.String({ description: 'Primary cookie of the current run.' }),
    ),
    previousSessionAffinityCookie: Type.Optional(
      Type.String({ description: 'Canary cookie of the previous run, expired on the next response.' }),
    ),
    conditions: Type.Optional(Type.Array(CanaryConditionSchema, { description: 'The Promoted condition.' })),
    message: Type.Optional(
      Type.String({ description: 'Weir addition: why the last tick did what it did (or why it halted).' }),
    ),
    checks: Type.Optional(
      Type.Array(CanaryCheckSchema, { description: 'Weir addition: the last result of every metric check.' }),
    ),
  },
  { description: 'Observed state of the canary run.' },
);
export type CanaryStatus = Static<typeof CanaryStatusSchema>;
