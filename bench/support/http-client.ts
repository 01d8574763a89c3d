import { Agent, request } from 'node:http';

/** A response: status code and body text. */
export interface HttpReply {
  status: number;
  body: string;
}

/** The user agent of benchmark set-up requests: the API server counts them as client `weir-bench`. */
const userAgent = 'weir-bench/0';

/** A small keep-alive JSON client for setting up benchmarks (not for measuring them). */
export class HttpClient {
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 32 });

  constructor(readonly baseUrl: string) {}

  /** Sends one request; `body` is sent as JSON unless it is already a string. */
  send(method: string, path: string, body?: unknown, contentType = 'application/json'): Promise<HttpReply> {
    const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const req = request(
        new URL(path, this.baseUrl),
        {
          method,
          agent: this.agent,
          headers: {
            'User-Agent': userAgent,
            ...(payload === undefined ? {} : { 'Content-Type': contentType }),
          },
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            text += chunk;
          });
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  }

  /** Sends one request and parses the JSON answer; throws unless the status is 2xx. */
  async json(method: string, path: string, body?: unknown, contentType?: string): Promise<unknown> {
    const reply = await this.send(method, path, body, contentType);
    if (reply.status < 200 || reply.status >= 300) {
      throw new Error(`${method} ${path}: ${reply.status} ${reply.body.slice(0, 300)}`);
    }
    return JSON.parse(reply.body) as unknown;
  }

  /** The `metadata.resourceVersion` of a list: the server's latest resourceVersion. */
  async resourceVersion(listPath: string): Promise<number> {
    const list = (await this.json('GET', `${listPath}?limit=1`)) as {
      metadata?: { resourceVersion?: string };
    };
    return Number(list.metadata?.resourceVersion ?? Number.NaN);
  }

  /** Closes idle connections. */
  close(): void {
    this.agent.destroy();
  }
}
