import type { ServerResponse } from 'node:http';

/** Answers with `value` as indented JSON, the way podinfo's `JSONResponse` does. */
export function replyJson(res: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value, null, 2);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'X-Content-Type-Options': 'nosniff',
    'Content-Length': Buffer.byteLength(body),
  });
  res.end(body);
}

/** Answers with podinfo's error document `{code, message}` (with the real status, unlike podinfo's 200). */
export function replyError(res: ServerResponse, status: number, message: string): void {
  replyJson(res, status, { code: status, message });
}

/** Answers with a status and an empty body. */
export function replyEmpty(res: ServerResponse, status: number): void {
  res.writeHead(status, { 'Content-Length': 0 });
  res.end();
}

/** Answers with plain text. */
export function replyText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'X-Content-Type-Options': 'nosniff',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}
