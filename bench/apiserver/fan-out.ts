import { Agent, type ClientRequest, get, request } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { HttpClient } from '../support/http-client.js';
import { percentile } from '../support/stats.js';
import { watchNamespace } from './seed.js';

/** How many watchers and how many measured changes. */
export interface FanOutSettings {
  watchers: number;
  rounds: number;
  warmupRounds: number;
}

/** Delays in milliseconds, measured from the PATCH response unless said otherwise. */
export interface FanOutFigures {
  watchers: number;
  rounds: number;
  /** Per round, until the last watcher received the event. */
  lastP50Ms: number;
  lastP99Ms: number;
  /** Per round, from sending the PATCH until the last watcher received the event. */
  lastFromSendP50Ms: number;
  lastFromSendP99Ms: number;
  /** Every watcher's delay in every round (negative: the event came before the PATCH response). */
  eachP50Ms: number;
  eachP99Ms: number;
  /** Time to open all watches. */
  openMs: number;
  /** CPU time the server spent per change (PATCH and 1,000 events), in milliseconds. */
  serverCpuMsPerChange: number | undefined;
}

const watchedPath = `/api/v1/namespaces/${watchNamespace}/configmaps`;

/** Arrival times of events by resourceVersion, and who waits for a complete set. */
class Arrivals {
  private readonly times = new Map<string, number[]>();
  private waiter: { rv: string; count: number; resolve: () => void } | undefined;

  record(rv: string, at: number): void {
    let list = this.times.get(rv);
    if (!list) {
      list = [];
      this.times.set(rv, list);
    }
    list.push(at);
    const waiter = this.waiter;
    if (waiter && waiter.rv === rv && list.length >= waiter.count) {
      this.waiter = undefined;
      waiter.resolve();
    }
  }

  /** Resolves with every arrival of `rv` once `count` watchers received it. */
  async all(rv: string, count: number, timeoutMs: number): Promise<number[]> {
    const list = this.times.get(rv) ?? [];
    if (list.length < count) {
      let timer: NodeJS.Timeout | undefined;
      const complete = await new Promise<boolean>((resolve) => {
        this.waiter = { rv, count, resolve: () => resolve(true) };
        timer = setTimeout(() => resolve(false), timeoutMs);
      });
      clearTimeout(timer);
      if (!complete) {
        throw new Error(`only ${this.times.get(rv)?.length ?? 0} of ${count} watchers received rv ${rv}`);
      }
    }
    const times = this.times.get(rv) ?? [];
    this.times.delete(rv);
    return times;
  }
}

function openWatch(url: string, agent: Agent, rv: number, arrivals: Arrivals): Promise<ClientRequest> {
  return new Promise((resolve, reject) => {
    const req = get(
      `${url}${watchedPath}?watch=true&resourceVersion=${rv}&timeoutSeconds=3600`,
      { agent, headers: { Accept: 'application/json' } },
      (res) => {
        if (res.statusCode !== 200) {
          reject(new Error(`watch answered ${res.statusCode}`));
          return;
        }
        let pending = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          const at = performance.now();
          pending += chunk;
          let end = pending.indexOf('\n');
          while (end >= 0) {
            const event = JSON.parse(pending.slice(0, end)) as {
              object?: { metadata?: { resourceVersion?: string } };
            };
            arrivals.record(event.object?.metadata?.resourceVersion ?? '', at);
            pending = pending.slice(end + 1);
            end = pending.indexOf('\n');
          }
        });
        resolve(req);
      },
    );
    req.on('error', reject);
  });
}

function patchWatched(
  url: string,
  agent: Agent,
  value: number,
): Promise<{ sent: number; answered: number; rv: string }> {
  const body = `{"data":{"LOG_LEVEL":"round-${value}"}}`;
  return new Promise((resolve, reject) => {
    const sent = performance.now();
    const req = request(
      `${url}${watchedPath}/watched`,
      { method: 'PATCH', agent, headers: { 'Content-Type': 'application/merge-patch+json' } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          text += chunk;
        });
        res.on('end', () => {
          const answered = performance.now();
          if (res.statusCode !== 200) {
            reject(new Error(`PATCH answered ${res.statusCode}: ${text}`));
            return;
          }
          const object = JSON.parse(text) as { metadata: { resourceVersion: string } };
          resolve({ sent, answered, rv: object.metadata.resourceVersion });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * Opens `watchers` watch streams from the current resourceVersion, then changes the watched ConfigMap
 * `rounds` times, one change at a time, timing each watcher's receipt of each event.
 */
export async function runFanOut(
  target: { url: string; client: HttpClient; cpuSeconds(): number | undefined },
  settings: FanOutSettings,
): Promise<FanOutFigures> {
  const { url, client } = target;
  const arrivals = new Arrivals();
  // Several keep-alive agents, as many independent clients would have.
  const agents = Array.from(
    { length: 10 },
    () => new Agent({ keepAlive: true, maxSockets: Number.POSITIVE_INFINITY }),
  );
  const writer = new Agent({ keepAlive: true, maxSockets: 1 });
  const rv = await client.resourceVersion(watchedPath);
  const opening = performance.now();
  const watches: ClientRequest[] = [];
  for (let start = 0; start < settings.watchers; start += 100) {
    const batch: Promise<ClientRequest>[] = [];
    for (let i = start; i < Math.min(settings.watchers, start + 100); i++) {
      batch.push(openWatch(url, agents[i % agents.length]!, rv, arrivals));
    }
    watches.push(...(await Promise.all(batch)));
  }
  const openMs = performance.now() - opening;
  const last: number[] = [];
  const lastFromSend: number[] = [];
  const each: number[] = [];
  let cpuBefore: number | undefined;
  let cpuAfter: number | undefined;
  try {
    for (let round = 0; round < settings.warmupRounds + settings.rounds; round++) {
      if (round === settings.warmupRounds) cpuBefore = target.cpuSeconds();
      const patch = await patchWatched(url, writer, round);
      const times = await arrivals.all(patch.rv, settings.watchers, 30_000);
      if (round >= settings.warmupRounds) {
        const latest = Math.max(...times);
        last.push(latest - patch.answered);
        lastFromSend.push(latest - patch.sent);
        for (const at of times) each.push(at - patch.answered);
      }
      await sleep(50);
    }
    cpuAfter = target.cpuSeconds();
  } finally {
    for (const watch of watches) watch.destroy();
    for (const agent of [...agents, writer]) agent.destroy();
  }
  return {
    watchers: settings.watchers,
    rounds: settings.rounds,
    lastP50Ms: percentile(last, 50),
    lastP99Ms: percentile(last, 99),
    lastFromSendP50Ms: percentile(lastFromSend, 50),
    lastFromSendP99Ms: percentile(lastFromSend, 99),
    eachP50Ms: percentile(each, 50),
    eachP99Ms: percentile(each, 99),
    openMs,
    serverCpuMsPerChange:
      cpuBefore !== undefined && cpuAfter !== undefined
        ? ((cpuAfter - cpuBefore) * 1000) / settings.rounds
        : undefined,
  };
}
