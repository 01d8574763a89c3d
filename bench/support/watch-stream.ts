import { Agent, type ClientRequest, get } from 'node:http';

/** One event of a watch stream, with the time it arrived (`performance.now()`). */
export interface StreamEvent<T> {
  type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
  object: T;
  arrivedMs: number;
}

/** Options of {@link WatchStream}. */
export interface WatchStreamOptions<T> {
  /** API server base URL. */
  url: string;
  /** Collection path, e.g. `/apis/apps/v1/deployments` (all namespaces). */
  path: string;
  /** The resourceVersion to start after. */
  resourceVersion: string;
  onEvent(event: StreamEvent<T>): void;
}

const userAgent = 'weir-bench/0';

/**
 * A watch of one collection over plain HTTP (user agent `weir-bench`, so the API server's request counts
 * tell it from the operator's), reopened from the last resourceVersion whenever the server ends it.
 */
export class WatchStream<T extends { metadata?: { resourceVersion?: string } }> {
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 1 });
  private request: ClientRequest | undefined;
  private resourceVersion: string;
  private stopped = false;
  private opened: Promise<void>;

  constructor(private readonly options: WatchStreamOptions<T>) {
    this.resourceVersion = options.resourceVersion;
    this.opened = this.open();
  }

  /** Resolves once the first stream is open. */
  ready(): Promise<void> {
    return this.opened;
  }

  /** Closes the stream for good. */
  stop(): void {
    this.stopped = true;
    this.request?.destroy();
    this.agent.destroy();
  }

  private open(): Promise<void> {
    return new Promise((resolve, reject) => {
      let ended = false;
      const again = () => {
        if (ended) return;
        ended = true;
        this.reopen();
      };
      const url = `${this.options.url}${this.options.path}?watch=true&allowWatchBookmarks=true&resourceVersion=${this.resourceVersion}&timeoutSeconds=3600`;
      const req = get(
        url,
        { agent: this.agent, headers: { Accept: 'application/json', 'User-Agent': userAgent } },
        (res) => {
          if (res.statusCode !== 200) {
            reject(new Error(`watch ${this.options.path} answered ${res.statusCode}`));
            res.resume();
            again();
            return;
          }
          resolve();
          let pending = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            const arrivedMs = performance.now();
            pending += chunk;
            let end = pending.indexOf('\n');
            while (end >= 0) {
              const line = pending.slice(0, end);
              pending = pending.slice(end + 1);
              end = pending.indexOf('\n');
              if (line.trim() === '') continue;
              const event = JSON.parse(line) as { type: StreamEvent<T>['type']; object: T };
              const rv = event.object?.metadata?.resourceVersion;
              if (event.type !== 'ERROR' && rv) this.resourceVersion = rv;
              if (event.type !== 'BOOKMARK') this.options.onEvent({ ...event, arrivedMs });
            }
          });
          res.on('end', again);
          res.on('error', again);
        },
      );
      req.on('error', (error) => {
        reject(error);
        again();
      });
      this.request = req;
    });
  }

  private reopen(): void {
    if (this.stopped) return;
    // A short pause, so a server that refuses is not asked in a tight loop.
    setTimeout(() => {
      if (!this.stopped) this.opened = this.open().catch(() => undefined);
    }, 100).unref();
  }
}
