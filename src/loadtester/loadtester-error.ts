/** Why the load tester refused a request. */
export const LoadTesterErrorCodes = [
  'bad-json',
  'bad-payload',
  'no-metadata',
  'no-cmd',
  'unknown-type',
  'shell-syntax',
  'forbidden',
] as const;
export type LoadTesterErrorCode = (typeof LoadTesterErrorCodes)[number];

/** A refused request: its HTTP status and the body that explains it. */
export class LoadTesterError extends Error {
  constructor(
    readonly code: LoadTesterErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'LoadTesterError';
  }

  /** 403 for a namespace outside `-namespace-regexp`, else 400. */
  get status(): number {
    return this.code === 'forbidden' ? 403 : 400;
  }

  /**
   * The response body: Flagger's plain text where Flagger answers the same case (`Forbidden`,
   * `metadata not found in payload`, `cmd not found in metadata`), JSON `{error, code, …}` for the cases
   * Flagger does not handle (bad JSON, unknown types, shell syntax in a `cmd`).
   */
  body(): { contentType: string; text: string } {
    switch (this.code) {
      case 'forbidden':
      case 'no-metadata':
      case 'no-cmd':
        return { contentType: 'text/plain; charset=utf-8', text: this.message };
      case 'bad-json':
      case 'bad-payload':
      case 'unknown-type':
      case 'shell-syntax':
        return {
          contentType: 'application/json',
          text: JSON.stringify({ error: this.message, code: this.code, ...this.details }),
        };
      default:
        return assertNever(this.code);
    }
  }
}

function assertNever(value: never): never {
  throw new Error(`unexpected error code ${String(value)}`);
}
