import type { KubeConfig } from '@kubernetes/client-node';
import fetch from 'node-fetch';
import { KeptAgent } from './kept-agent.js';
import { KubeApiError } from './kube-errors.js';

/** One HTTP request to the API server. */
export interface RestRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  query?: Record<string, string | undefined>;
  body?: unknown;
  contentType?: string;
}

/** Sends raw JSON requests to an API server; the seam tests and instrumentation wrap. */
export interface RestTransport {
  /** Sends a request and answers the decoded JSON body; throws {@link KubeApiError} for non-2xx answers. */
  request<T>(request: RestRequest): Promise<T>;
}

/**
 * JSON over HTTP(S) with the connection and credentials of a kubeconfig (client-node builds the agent and
 * auth headers). Objects stay plain JSON: no typed model conversion, so what is read is what is written.
 */
export class KubeConfigTransport implements RestTransport {
  private readonly server: string;
  private readonly agent = new KeptAgent();

  constructor(private readonly kubeConfig: KubeConfig) {
    const cluster = kubeConfig.getCurrentCluster();
    if (!cluster) throw new Error('the kubeconfig has no current cluster');
    this.server = cluster.server.replace(/\/$/, '');
  }

  async request<T>(request: RestRequest): Promise<T> {
    const url = new URL(this.server + request.path);
    for (const [key, value] of Object.entries(request.query ?? {}))
      if (value !== undefined) url.searchParams.set(key, value);
    const init = await this.kubeConfig.applyToFetchOptions({});
    // client-node answers a `Headers` object (the bearer token is in it): spreading it would lose them all.
    const headers: Record<string, string> = Object.fromEntries(
      new Headers(init.headers as ConstructorParameters<typeof Headers>[0]),
    );
    headers.accept = 'application/json';
    let body: string | undefined;
    if (request.body !== undefined) {
      body = JSON.stringify(request.body);
      headers['content-type'] = request.contentType ?? 'application/json';
    }
    const response = await fetch(url.toString(), {
      ...init,
      agent: this.agent.agentFor(init.agent),
      method: request.method,
      headers,
      ...(body !== undefined ? { body } : {}),
    });
    const text = await response.text();
    let parsed: unknown = text;
    if (text.length > 0) {
      try {
        parsed = JSON.parse(text);
      } catch {
        // not JSON: keep the text for the error message
      }
    }
    if (response.status < 200 || response.status > 299) {
      throw KubeApiError.fromResponse(response.status, request.method, request.path, parsed);
    }
    return parsed as T;
  }
}
