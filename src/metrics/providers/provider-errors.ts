/** Why a metrics provider could not be built or could not answer. */
export const MetricsProviderErrorCodes = [
  'invalid-address',
  'missing-credentials',
  'unsupported-provider',
  'request-failed',
  'error-response',
  'bad-response',
  'multiple-values',
] as const;
export type MetricsProviderErrorCode = (typeof MetricsProviderErrorCodes)[number];

/** A provider that cannot be built (bad address, credentials, type) or a query that failed (not "no data"). */
export class MetricsProviderError extends Error {
  readonly code: MetricsProviderErrorCode;
  constructor(code: MetricsProviderErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'MetricsProviderError';
    this.code = code;
  }
}
