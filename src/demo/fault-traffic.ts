import http from 'node:http';

/** Counts of the requests the fault injector sent. */
export interface FaultTrafficStats {
  sent: number;
  answered: number;
}

/**
 * The guide's tester pod (`watch curl http://podinfo-canary:9898/status/500` and `/delay/1`): requests
 * through the mesh proxy to the canary service, making it fail and slow, until stopped.
 */
export function injectFaults(options: { proxyUrl: string; namespace: string; everyMs?: number }): {
  stop(): Promise<FaultTrafficStats>;
} {
  const proxy = new URL(options.proxyUrl);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });
  const stats: FaultTrafficStats = { sent: 0, answered: 0 };
  const inFlight = new Set<Promise<void>>();
  const targets = [
    `http://podinfo-canary.${options.namespace}:9898/status/500`,
    `http://podinfo-canary.${options.namespace}:9898/delay/1`,
  ];
  let next = 0;
  const send = () => {
    const target = targets[next++ % targets.length] ?? targets[0]!;
    stats.sent++;
    const done = new Promise<void>((resolve) => {
      const request = http.request(
        {
          host: proxy.hostname,
          port: Number(proxy.port),
          path: target,
          method: 'GET',
          agent,
          headers: { host: new URL(target).host },
        },
        (response) => {
          response.resume();
          response.on('end', () => {
            stats.answered++;
            resolve();
          });
        },
      );
      request.setTimeout(5000, () => request.destroy());
      request.on('error', () => resolve());
      request.end();
    });
    inFlight.add(done);
    void done.then(() => inFlight.delete(done));
  };
  const timer = setInterval(send, options.everyMs ?? 150);
  return {
    async stop() {
      clearInterval(timer);
      await Promise.all(inFlight);
      agent.destroy();
      return stats;
    },
  };
}
