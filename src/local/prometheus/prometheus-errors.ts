/** Why the playground's Prometheus could not run. */
export const PrometheusErrorCodes = ['not-installed', 'start-failed', 'not-ready', 'reload-failed'] as const;
export type PrometheusErrorCode = (typeof PrometheusErrorCodes)[number];

/** A failure to run the real Prometheus; the message says what to do about it. */
export class PrometheusError extends Error {
  constructor(
    readonly code: PrometheusErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'PrometheusError';
  }
}

/** How to get the binary the playground runs. */
export const installHint =
  'install it with `sudo apt-get install -y --no-install-recommends prometheus` (Debian/Ubuntu), ' +
  'or put a prometheus binary on PATH';
