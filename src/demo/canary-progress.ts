import { setTimeout as delay } from 'node:timers/promises';
import type { Canary } from '../apis/index.js';
import type { KubeClient } from '../kube/kube-client.js';
import type { OperatorLogTail } from './operator-log.js';

/** What the demo waits for. */
export interface WaitGoal {
  /** Phases that end the wait. */
  until: readonly string[];
  timeoutMs: number;
}

function describe(canary: Canary): string {
  const status = canary.status ?? {};
  const checks = (status.checks ?? [])
    .map((c) =>
      c.value === undefined
        ? `${c.name} ${c.outcome}`
        : `${c.name} ${Math.round(c.value * 100) / 100}${c.name === 'request-duration' ? 'ms' : c.name === 'request-success-rate' ? '%' : ''}`,
    )
    .join(', ');
  const weight = status.canaryWeight ?? 0;
  const bar = `${'█'.repeat(Math.round(weight / 5))}${'░'.repeat(20 - Math.round(weight / 5))}`;
  return `${(status.phase || 'Initializing').padEnd(12)} ${bar} ${String(weight).padStart(3)}%  failed checks ${status.failedChecks ?? 0}${checks ? `  (${checks})` : ''}`;
}

/**
 * Shows a run live: a line whenever phase, weight or checks change, and the operator's log messages as they
 * are written (`jq .msg` style). Resolves with the canary once it reaches one of the goal's phases.
 */
export async function followCanary(options: {
  client: KubeClient;
  namespace: string;
  name: string;
  log: OperatorLogTail;
  goal: WaitGoal;
  out: NodeJS.WritableStream;
}): Promise<Canary> {
  const { client, log, goal, out } = options;
  const started = Date.now();
  let last = '';
  for (;;) {
    for (const line of log.poll()) if (line.canary) out.write(`    » ${line.msg}\n`);
    const canary = await client.get<Canary>({
      apiVersion: 'flagger.app/v1beta1',
      kind: 'Canary',
      namespace: options.namespace,
      name: options.name,
    });
    if (canary) {
      const now = describe(canary);
      if (now !== last) {
        out.write(`  ${new Date().toISOString().slice(11, 19)}  ${now}\n`);
        last = now;
      }
      if (goal.until.includes(canary.status?.phase ?? '')) {
        for (const line of log.poll()) if (line.canary) out.write(`    » ${line.msg}\n`);
        return canary;
      }
    }
    if (Date.now() - started > goal.timeoutMs) {
      throw new Error(
        `the canary did not reach ${goal.until.join(' or ')} within ${goal.timeoutMs / 1000}s (last: ${last})`,
      );
    }
    await delay(500);
  }
}
