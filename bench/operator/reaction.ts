import { setTimeout as sleep } from 'node:timers/promises';
import { percentile } from '../support/stats.js';
import { WatchStream } from '../support/watch-stream.js';
import { CanaryPhases, createFleet, fleetName } from './fleet.js';
import { namespaceOf, startOperatorWorld, type WorldOptions } from './operator-world.js';

/** How many Deployment changes (one per canary), with which analysis interval. */
export interface ReactionSettings {
  changes: number;
  /** `analysis.interval` while measuring: long, so no timer tick can explain a reaction. */
  interval: string;
}

/** Delays from sending the Deployment PATCH, in ms. */
export interface ReactionFigures {
  changes: number;
  interval: string;
  /** Until the operator's log line `New revision detected! Scaling up <target>` was read. */
  logP50Ms: number;
  logP99Ms: number;
  logMaxMs: number;
  /** Until the Kubernetes Event with that message arrived on a watch. */
  eventP50Ms: number;
  eventP99Ms: number;
  eventMaxMs: number;
  /** Ticks the operator ran because of a change (watch event), of the ticks it ran. */
  changeTicks: number;
  ticks: number;
}

interface KubeEvent {
  metadata: { resourceVersion?: string };
  message?: string;
  involvedObject?: { name?: string; namespace?: string };
}

/** Resolves when `ready()` says so, checking at each call of the returned poke; rejects after `ms`. */
function waitUntil(ready: () => boolean, ms: number, what: string): { done: Promise<void>; poke(): void } {
  let poke = () => {};
  const done = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${what} within ${ms / 1000} s`)), ms);
    poke = () => {
      if (!ready()) return;
      clearTimeout(timer);
      resolve();
    };
  });
  poke();
  return { done, poke };
}

/**
 * N canaries initialized at `interval: 1s`, then switched to a long interval; then, one at a time, each
 * one's Deployment gets a new image (`kubectl set image`), timing the operator's log line and the
 * Kubernetes Event `New revision detected! Scaling up <target>` from the PATCH.
 */
export async function runReaction(
  settings: ReactionSettings,
  world: Omit<WorldOptions, 'operatorFlags'>,
  log: (line: string) => void,
): Promise<ReactionFigures> {
  const w = await startOperatorWorld({ ...world, operatorFlags: ['-min-analysis-interval=1s'] });
  const canaries = Array.from({ length: settings.changes }, (_, i) => i + 1);
  try {
    const phases = await CanaryPhases.start(w.client);
    await createFleet(w.client, { count: settings.changes, interval: '1s' });
    await phases.waitFor('Initialized', settings.changes, { timeoutMs: 120_000 });
    phases.stop();
    for (const i of canaries) {
      await w.client.json(
        'PATCH',
        `/apis/flagger.app/v1beta1/namespaces/${namespaceOf(i)}/canaries/${fleetName(i)}`,
        { spec: { analysis: { interval: settings.interval } } },
        'application/merge-patch+json',
      );
    }
    log(`  ${settings.changes} canaries Initialized, now at interval ${settings.interval}`);
    await sleep(3_000);
    await w.kubelet.idle();
    await w.operator.take();
    const events = new Map<string, number>();
    const logs = new Map<string, number>();
    let poke = () => {};
    const eventWatch = new WatchStream<KubeEvent>({
      url: w.client.baseUrl,
      path: '/api/v1/events',
      resourceVersion: String(await w.client.resourceVersion('/api/v1/events')),
      onEvent: (event) => {
        if (event.type !== 'ADDED' || !event.object.message?.startsWith('New revision detected')) return;
        const { name, namespace } = event.object.involvedObject ?? {};
        events.set(`${namespace}/${name}`, event.arrivedMs);
        poke();
      },
    });
    await eventWatch.ready();
    const stopLogs = w.operator.onLog((line) => {
      const match = /^New revision detected! Scaling up ([^.]+)\.(\S+)$/.exec(line.msg);
      if (!match) return;
      logs.set(`${match[2]}/${match[1]}`, line.readMs);
      poke();
    });
    const fromLog: number[] = [];
    const fromEvent: number[] = [];
    try {
      for (const i of canaries) {
        const key = `${namespaceOf(i)}/${fleetName(i)}`;
        const sent = performance.now();
        await w.client.json(
          'PATCH',
          `/apis/apps/v1/namespaces/${namespaceOf(i)}/deployments/${fleetName(i)}`,
          {
            spec: {
              template: {
                spec: { containers: [{ name: 'podinfod', image: 'ghcr.io/stefanprodan/podinfo:6.0.1' }] },
              },
            },
          },
          'application/strategic-merge-patch+json',
        );
        const wait = waitUntil(() => events.has(key) && logs.has(key), 10_000, `reaction to ${key}`);
        poke = wait.poke;
        await wait.done;
        fromLog.push(logs.get(key)! - sent);
        fromEvent.push(events.get(key)! - sent);
        await sleep(200);
      }
    } finally {
      stopLogs();
      eventWatch.stop();
    }
    const sample = await w.operator.take();
    return {
      changes: settings.changes,
      interval: settings.interval,
      logP50Ms: percentile(fromLog, 50),
      logP99Ms: percentile(fromLog, 99),
      logMaxMs: percentile(fromLog, 100),
      eventP50Ms: percentile(fromEvent, 50),
      eventP99Ms: percentile(fromEvent, 99),
      eventMaxMs: percentile(fromEvent, 100),
      changeTicks: sample.byChange.reduce((n, c) => n + c, 0),
      ticks: sample.byChange.length,
    };
  } finally {
    await w.stop();
  }
}
