import type { ServerResponse } from 'node:http';
import { ApiError, internal } from '../model/api-error.js';

/** Sends a JSON body with the given status code and optional `Warning` headers. */
export function sendJson(
  res: ServerResponse,
  code: number,
  body: unknown,
  warnings: readonly string[] = [],
): void {
  const payload = JSON.stringify(body);
  const headers: Record<string, string | string[]> = {
    'Content-Type': 'application/json',
    'Cache-Control': 'no-cache, private',
    'Content-Length': String(Buffer.byteLength(payload)),
  };
  if (warnings.length > 0) headers.Warning = warnings.map((w) => `299 - ${JSON.stringify(w)}`);
  res.writeHead(code, headers);
  res.end(res.req.method === 'HEAD' ? undefined : payload);
}

/** Sends an error as a `kind: Status` body; anything that is not an ApiError becomes a 500. */
export function sendError(res: ServerResponse, error: unknown): ApiError {
  const apiError =
    error instanceof ApiError
      ? error
      : internal(error instanceof Error ? error.message : String(error), error);
  if (res.headersSent) {
    res.destroy();
    return apiError;
  }
  sendJson(res, apiError.code, apiError.toStatus());
  return apiError;
}
