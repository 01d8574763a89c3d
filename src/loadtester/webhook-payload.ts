import type { CanaryWebhookPayload } from '../webhooks/webhook-payload.js';
import { LoadTesterError } from './loadtester-error.js';

export type { CanaryWebhookPayload };

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Reads a webhook body as Flagger's `CanaryWebhookPayload`: a JSON object whose `name`, `namespace`,
 * `phase`, `checksum` are strings when present and whose `metadata` maps strings to strings.
 */
export function parseWebhookPayload(body: string): CanaryWebhookPayload {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new LoadTesterError(
      'bad-json',
      `decoding the request body failed: ${reason}`,
      {},
      { cause: error },
    );
  }
  if (!isObject(value)) {
    throw new LoadTesterError(
      'bad-payload',
      'the request body must be a JSON object (a CanaryWebhookPayload)',
    );
  }
  const text = (key: string): string => {
    const field = value[key];
    if (field === undefined || field === null) return '';
    if (typeof field !== 'string') {
      throw new LoadTesterError('bad-payload', `payload field "${key}" must be a string`, { field: key });
    }
    return field;
  };
  const payload: CanaryWebhookPayload = {
    name: text('name'),
    namespace: text('namespace'),
    phase: text('phase'),
    checksum: text('checksum'),
  };
  const metadata = value.metadata;
  if (metadata !== undefined && metadata !== null) {
    if (!isObject(metadata)) {
      throw new LoadTesterError('bad-payload', 'payload field "metadata" must be an object of strings', {
        field: 'metadata',
      });
    }
    for (const [key, entry] of Object.entries(metadata)) {
      if (typeof entry !== 'string') {
        throw new LoadTesterError(
          'bad-payload',
          `metadata.${key} must be a string, got ${JSON.stringify(entry)}`,
          {
            field: `metadata.${key}`,
          },
        );
      }
    }
    payload.metadata = metadata as Record<string, string>;
  }
  return payload;
}

/** `podinfo.test`: how the load tester names a canary in gates, task keys and logs. */
export function canaryKey(payload: CanaryWebhookPayload): string {
  return `${payload.name}.${payload.namespace}`;
}

/** Go's `strconv.ParseBool` truth, as Flagger reads `logCmdOutput` and `returnCmdOutput` (else false). */
export function metadataFlag(metadata: Record<string, string>, key: string): boolean {
  return ['1', 't', 'T', 'TRUE', 'true', 'True'].includes(metadata[key] ?? '');
}
