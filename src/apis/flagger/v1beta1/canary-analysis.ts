import { type Static, Type } from '@sinclair/typebox';
import { CanaryAlertSchema } from './canary-alert.js';
import { CanaryMetricSchema } from './canary-metric.js';
import { CanaryWebhookSchema } from './canary-webhook.js';
import { AnalysisMatchSchema } from './istio-match.js';
import { duration, stringEnum } from './k8s-schemas.js';

/** `SameSite` values of the session-affinity cookie. */
export const SameSiteModes = ['Strict', 'Lax', 'None'] as const;
export type SameSiteMode = (typeof SameSiteModes)[number];

/** Seconds a session-affinity cookie lives when `maxAge` is unset (the CRD default). */
export const DefaultSessionAffinityMaxAge = 86400;

/** `spec.analysis.sessionAffinity`: keeps a user who reached the canary on the canary (Istio, Gateway API). */
export const SessionAffinitySchema = Type.Object(
  {
    cookieName: Type.String({ description: 'Cookie that pins a session to the canary.' }),
    primaryCookieName: Type.Optional(
      Type.String({ description: 'Cookie that pins a session to the primary; must differ from cookieName.' }),
    ),
    domain: Type.Optional(Type.String({ description: 'Domain attribute of the cookies.' })),
    httpOnly: Type.Optional(Type.Boolean({ description: 'Hide the cookies from JavaScript.' })),
    maxAge: Type.Optional(
      Type.Number({
        default: DefaultSessionAffinityMaxAge,
        description: 'Seconds until the cookies expire.',
      }),
    ),
    partitioned: Type.Optional(Type.Boolean({ description: 'Store the cookies in partitioned storage.' })),
    path: Type.Optional(Type.String({ description: 'Path attribute of the cookies.' })),
    sameSite: Type.Optional(stringEnum(SameSiteModes, { description: 'SameSite attribute of the cookies.' })),
    secure: Type.Optional(Type.Boolean({ description: 'Send the cookies over HTTPS only.' })),
  },
  { description: 'Sticky sessions: a client routed to the canary stays there.' },
);
export type SessionAffinity = Static<typeof SessionAffinitySchema>;

const canaryAnalysis = Type.Object(
  {
    interval: Type.Optional(duration({ description: 'Time between two analysis ticks, e.g. 1m.' })),
    iterations: Type.Optional(
      Type.Number({ description: 'Number of checks of a Blue/Green or A/B run (no traffic steps).' }),
    ),
    threshold: Type.Optional(Type.Number({ description: 'Failed checks after which the run rolls back.' })),
    maxWeight: Type.Optional(
      Type.Number({ description: 'Canary weight at which promotion starts; 100 by default.' }),
    ),
    stepWeight: Type.Optional(Type.Number({ description: 'Canary weight added per successful tick.' })),
    stepWeights: Type.Optional(
      Type.Array(Type.Number(), {
        description: 'Canary weights to go through, used when stepWeight is unset.',
      }),
    ),
    stepWeightPromotion: Type.Optional(
      Type.Number({ description: 'Primary weight added per tick while promoting; all at once by default.' }),
    ),
    mirror: Type.Optional(Type.Boolean({ description: 'Mirror traffic to the canary before shifting any.' })),
    mirrorWeight: Type.Optional(Type.Number({ description: 'Percentage of the traffic mirrored.' })),
    primaryReadyThreshold: Type.Optional(
      Type.Number({ description: 'Percentage of primary pods that must be available; 100 by default.' }),
    ),
    canaryReadyThreshold: Type.Optional(
      Type.Number({ description: 'Percentage of canary pods that must be available; 100 by default.' }),
    ),
    match: Type.Optional(
      Type.Array(AnalysisMatchSchema, { description: 'Requests routed to the canary in an A/B test.' }),
    ),
    metrics: Type.Optional(Type.Array(CanaryMetricSchema, { description: 'Checks run every tick.' })),
    alerts: Type.Optional(
      Type.Array(CanaryAlertSchema, { description: 'Where events of this canary are sent.' }),
    ),
    webhooks: Type.Optional(
      Type.Array(CanaryWebhookSchema, { description: 'Gates, load tests and notifications.' }),
    ),
    sessionAffinity: Type.Optional(SessionAffinitySchema),
  },
  {
    description: 'How the canary is analysed and traffic is shifted.',
    oneOf: [
      { required: ['interval', 'threshold', 'iterations'] },
      { required: ['interval', 'threshold', 'stepWeight'] },
      { required: ['interval', 'threshold', 'stepWeights'] },
    ],
  },
);

/** `spec.analysis`: the schedule, traffic steps, checks and hooks of a canary run. */
export type CanaryAnalysis = Static<typeof canaryAnalysis> & { interval: string; threshold: number };

/** Schema of {@link CanaryAnalysis}; every `oneOf` alternative requires interval and threshold, so the type has them. */
export const CanaryAnalysisSchema = Type.Unsafe<CanaryAnalysis>(canaryAnalysis);
