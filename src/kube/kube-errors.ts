/** A failed API request, carrying the server's `Status` reason and code. */
export class KubeApiError extends Error {
  readonly code: number;
  readonly reason: string;
  readonly details: unknown;

  constructor(
    code: number,
    reason: string,
    message: string,
    details?: unknown,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'KubeApiError';
    this.code = code;
    this.reason = reason;
    this.details = details;
  }

  /** Builds the error from a response code and its (maybe `Status`) body. */
  static fromResponse(code: number, method: string, path: string, body: unknown): KubeApiError {
    if (typeof body === 'object' && body !== null && (body as { kind?: unknown }).kind === 'Status') {
      const status = body as { reason?: string; message?: string; details?: unknown };
      return new KubeApiError(
        code,
        status.reason ?? '',
        status.message ?? `${method} ${path}: HTTP ${code}`,
        status.details,
      );
    }
    const text = typeof body === 'string' ? body.slice(0, 300) : '';
    return new KubeApiError(code, '', `${method} ${path}: HTTP ${code}${text ? `: ${text}` : ''}`);
  }
}

/** The object does not exist. */
export function isNotFound(error: unknown): boolean {
  return error instanceof KubeApiError && error.code === 404;
}

/** Another writer changed the object first (stale resourceVersion). */
export function isConflict(error: unknown): boolean {
  return error instanceof KubeApiError && error.code === 409 && error.reason !== 'AlreadyExists';
}

/** The object was already there. */
export function isAlreadyExists(error: unknown): boolean {
  return error instanceof KubeApiError && error.code === 409 && error.reason === 'AlreadyExists';
}

/**
 * The client may no longer talk to the API server on this process's behalf (leadership lost, shutting
 * down, or — in tests — the process "killed"). Whatever was doing the call must stop, not report and go on.
 */
export class ClientClosedError extends Error {
  readonly code: string = 'client-closed';
  constructor(
    message = 'the Kubernetes client is closed: this process no longer acts',
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ClientClosedError';
  }
}

/** Whether `error`, or an error in its `cause` chain, is a {@link ClientClosedError}. */
export function isClientClosed(error: unknown): boolean {
  for (let current = error, depth = 0; current instanceof Error && depth < 10; depth++) {
    if (current instanceof ClientClosedError) return true;
    current = current.cause;
  }
  return false;
}
