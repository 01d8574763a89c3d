import { type Static, Type } from '@sinclair/typebox';
import { duration, stringEnum, stringMap } from './k8s-schemas.js';

/** Webhook types, in the CRD's order; `''` means `rollout`. */
export const WebhookTypes = [
  '',
  'confirm-rollout',
  'pre-rollout',
  'rollout',
  'confirm-promotion',
  'post-rollout',
  'event',
  'rollback',
  'confirm-traffic-increase',
] as const;
export type WebhookType = (typeof WebhookTypes)[number];

/** An item of `spec.analysis.webhooks`: a gate, a load test or a notification called over HTTP. */
export const CanaryWebhookSchema = Type.Object({
  name: Type.String({ description: 'Name of the webhook.' }),
  type: Type.Optional(
    stringEnum(WebhookTypes, {
      description: 'When the webhook runs and whether it gates; rollout by default.',
    }),
  ),
  muteAlert: Type.Optional(Type.Boolean({ description: 'Send no alert when this webhook fails.' })),
  url: Type.String({ format: 'url', description: 'URL the payload is POSTed to.' }),
  timeout: Type.Optional(duration({ description: 'Request timeout, e.g. 30s; 10s by default.' })),
  retries: Type.Optional(Type.Number({ description: 'Retries after a failed call.' })),
  disableTLS: Type.Optional(Type.Boolean({ description: 'Skip TLS certificate verification.' })),
  metadata: Type.Optional(stringMap({ description: 'Key-value pairs sent in the payload.' })),
});
export type CanaryWebhook = Static<typeof CanaryWebhookSchema>;
