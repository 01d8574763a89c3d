import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { sendJsonPieces } from './respond.js';

let server: Server | undefined;
afterEach(async () => {
  const running = server;
  server = undefined;
  if (!running) return;
  await new Promise<void>((resolve) => {
    running.close(() => resolve());
    running.closeAllConnections();
  });
});

async function serve(pieces: string[]): Promise<string> {
  server = createServer((_req, res) => sendJsonPieces(res, 200, pieces, ['careful']));
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('sendJsonPieces', () => {
  const pieces = ['{"items":["é', 'x'.repeat(70_000), '"],"n":', '1}'];

  it('sends the pieces as one body with its exact byte length', async () => {
    const url = await serve(pieces);
    const res = await fetch(url);
    const text = await res.text();
    expect(text).toBe(pieces.join(''));
    expect(res.headers.get('content-length')).toBe(String(Buffer.byteLength(text)));
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(res.headers.get('warning')).toBe('299 - "careful"');
  });

  it('answers HEAD with the length and no body', async () => {
    const url = await serve(pieces);
    const res = await fetch(url, { method: 'HEAD' });
    expect(res.headers.get('content-length')).toBe(String(Buffer.byteLength(pieces.join(''))));
    expect(await res.text()).toBe('');
  });
});
