import http from 'node:http';
import https from 'node:https';
import type tls from 'node:tls';
import { HttpProxyAgent } from 'http-proxy-agent';
import { HttpsProxyAgent } from 'https-proxy-agent';
import { formatGoDuration } from '../platform/go-duration.js';

/** One JSON POST: where, what, and how patiently. */
export interface HttpPostRequest {
  /** Absolute `http://` or `https://` URL. */
  url: string;
  /** The body, sent with `Content-Type: application/json`. */
  body: string;
  /** Extra request headers (e.g. `Authorization`). */
  headers?: Record<string, string>;
  /** Limit for the whole exchange, connecting through reading the body. */
  timeoutMs: number;
  /** Accept any server certificate (a hook's `disableTLS`). */
  insecureSkipVerify?: boolean;
  /** An `http://` forward proxy: plain requests go through it, `https://` ones through a CONNECT tunnel. */
  proxy?: string;
}

/** The server's answer; any status, the body as text. */
export interface HttpAnswer {
  /** HTTP status code. */
  status: number;
  /** Reason phrase (`Not Found`). */
  statusText: string;
  /** Response headers, lower-cased. */
  headers: http.IncomingHttpHeaders;
  /** Response body as UTF-8 text (the first MiB). */
  body: string;
}

/** Why a POST got no answer. */
export const HttpPostErrorCodes = [
  'InvalidUrl',
  'InvalidProxy',
  'Timeout',
  'ConnectionFailed',
  'TlsVerificationFailed',
] as const;
export type HttpPostErrorCode = (typeof HttpPostErrorCodes)[number];

/** A POST that got no HTTP answer; `code` says why. */
export class HttpPostError extends Error {
  readonly code: HttpPostErrorCode;
  constructor(code: HttpPostErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'HttpPostError';
    this.code = code;
  }
}

const maxBodyBytes = 1 << 20;
const tlsVerificationCodes = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'CERT_SIGNATURE_FAILURE',
  'CERT_REVOKED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/** The URL with any password masked, as Go's `url.Redacted` prints it. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (!parsed.password) return url;
    parsed.password = 'xxxxx';
    return parsed.href;
  } catch {
    return url;
  }
}

/** POSTs JSON and returns whatever status the server answers; rejects with {@link HttpPostError} otherwise. */
export async function postJson(request: HttpPostRequest): Promise<HttpAnswer> {
  const where = `Post "${redactUrl(request.url)}"`;
  const target = parseUrl(request.url, 'InvalidUrl', where);
  const proxy = request.proxy ? parseUrl(request.proxy, 'InvalidProxy', where) : undefined;
  if (proxy && proxy.protocol !== 'http:') {
    throw new HttpPostError('InvalidProxy', `${where}: proxy ${redactUrl(proxy.href)} is not an http:// URL`);
  }
  const signal = AbortSignal.timeout(request.timeoutMs);
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(request.body)),
    ...request.headers,
  };
  try {
    return await exchange(
      target.protocol,
      requestOptions(target, proxy, request, headers, signal),
      request.body,
    );
  } catch (error) {
    throw classify(error, signal, where, request.timeoutMs);
  }
}

function parseUrl(text: string, code: 'InvalidUrl' | 'InvalidProxy', where: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch (error) {
    throw new HttpPostError(code, `${where}: invalid URL ${JSON.stringify(text)}`, { cause: error });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new HttpPostError(code, `${where}: unsupported protocol scheme "${url.protocol.slice(0, -1)}"`);
  }
  return url;
}

function defaultPort(url: URL): number {
  return url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;
}

function bareHost(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, '$1');
}

function requestOptions(
  target: URL,
  proxy: URL | undefined,
  request: HttpPostRequest,
  headers: Record<string, string>,
  signal: AbortSignal,
): http.RequestOptions & tls.ConnectionOptions {
  const servername = tlsServername(target);
  return {
    method: 'POST',
    hostname: bareHost(target),
    port: defaultPort(target),
    path: `${target.pathname}${target.search}`,
    headers,
    signal,
    rejectUnauthorized: !request.insecureSkipVerify,
    ...(servername ? { servername } : {}),
    agent: proxy ? proxyAgent(target, proxy) : false,
  };
}

/**
 * A forward proxy: an `http://` target's request goes to it with the absolute URL, an `https://` one
 * through a CONNECT tunnel with TLS end to end (credentials in the proxy URL become Proxy-Authorization).
 */
function proxyAgent(target: URL, proxy: URL): http.Agent {
  return target.protocol === 'https:' ? new HttpsProxyAgent(proxy) : new HttpProxyAgent(proxy);
}

function tlsServername(target: URL): string | undefined {
  if (target.protocol !== 'https:') return undefined;
  const host = bareHost(target);
  return /^[\d.]+$/.test(host) || host.includes(':') ? undefined : host;
}

function exchange(
  protocol: string,
  options: http.RequestOptions & tls.ConnectionOptions,
  body: string,
): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const send = protocol === 'https:' ? https.request : http.request;
    const request = send(options, (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        if (size < maxBodyBytes) chunks.push(chunk);
        size += chunk.length;
      });
      response.once('error', reject);
      response.once('close', () => {
        if (!response.complete) return reject(new Error('connection closed before the answer was complete'));
        resolve({
          status: response.statusCode ?? 0,
          statusText: response.statusMessage ?? '',
          headers: response.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        });
      });
    });
    request.once('error', reject);
    request.end(body);
  });
}

function classify(error: unknown, signal: AbortSignal, where: string, timeoutMs: number): HttpPostError {
  if (error instanceof HttpPostError) return error;
  if (signal.aborted) {
    return new HttpPostError('Timeout', `${where}: timed out after ${formatGoDuration(timeoutMs)}`, {
      cause: error,
    });
  }
  const code = (error as { code?: unknown }).code;
  const detail = error instanceof Error ? error.message : String(error);
  if (typeof code === 'string' && tlsVerificationCodes.has(code)) {
    return new HttpPostError('TlsVerificationFailed', `${where}: ${detail}`, { cause: error });
  }
  return new HttpPostError('ConnectionFailed', `${where}: ${detail}`, { cause: error });
}
