import type { ServerResponse } from 'node:http';
import { ApiError, internal } from '../model/api-error.js';

/** Sends a JSON body with the given status code and optional `Warning` headers. */
export function sendJson(
  res: ServerResponse,
  code: number,
  body: unknown,
  warnings: readonly string[] = [],
): void {
  sendJsonText(res, code, JSON.stringify(body), warnings);
}

/** Sends an already serialized JSON body, as {@link sendJson} sends it. */
export function sendJsonText(
  res: ServerResponse,
  code: number,
  payload: string,
  warnings: readonly string[] = [],
): void {
  sendJsonPieces(res, code, [payload], warnings);
}

/** Sends a JSON body serialized in pieces (written together, never joined into one large string). */
export function sendJsonPieces(
  res: ServerResponse,
  code: number,
  pieces: readonly string[],
  warnings: readonly string[] = [],
): void {
  let length = 0;
  for (const piece of pieces) length += Buffer.byteLength(piece);
  const headers: Record<string, string | string[]> = {
    'Content-Type': 'application/json',
    'Cache-Control': 'no-cache, private',
    'Content-Length': String(length),
  };
  if (warnings.length > 0) headers.Warning = warnings.map((w) => `299 - ${JSON.stringify(w)}`);
  res.writeHead(code, headers);
  if (res.req.method === 'HEAD' || pieces.length === 0) {
    res.end();
    return;
  }
  if (pieces.length === 1) {
    res.end(pieces[0]);
    return;
  }
  res.cork();
  for (const piece of pieces) res.write(piece);
  res.end();
  res.uncork();
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
