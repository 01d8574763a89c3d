import { type Static, Type } from '@sinclair/typebox';
import { stringEnum } from './k8s-schemas.js';

/** Alert severities; an alert receives events of its severity and above. */
export const AlertSeverities = ['', 'info', 'warn', 'error'] as const;
export type AlertSeverity = (typeof AlertSeverities)[number];

/** `providerRef`: the AlertProvider an alert is sent through. */
export const AlertProviderReferenceSchema = Type.Object(
  {
    name: Type.String({ description: 'Name of the AlertProvider.' }),
    namespace: Type.Optional(
      Type.String({ description: "Namespace of the AlertProvider; the Canary's by default." }),
    ),
  },
  { description: 'AlertProvider the alert is sent through.' },
);
export type AlertProviderReference = Static<typeof AlertProviderReferenceSchema>;

/** An item of `spec.analysis.alerts`: where this canary's events are sent, from which severity on. */
export const CanaryAlertSchema = Type.Object({
  name: Type.String({ description: 'Name of the alert.' }),
  severity: Type.Optional(
    stringEnum(AlertSeverities, { description: 'Lowest severity sent: info, warn or error.' }),
  ),
  providerRef: AlertProviderReferenceSchema,
});
export type CanaryAlert = Static<typeof CanaryAlertSchema>;
