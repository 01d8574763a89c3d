import type { Condition, ContainerStatus, Pod } from '../../../kube/api/core-v1.js';
import { rfc3339 } from '../../../platform/clock.js';

/** Remembers when each pod condition last changed, so `lastTransitionTime` moves only on a change. */
export class ConditionClock {
  private readonly since = new Map<string, { status: string; at: string }>();

  /** Seeds the times from a pod's existing conditions (a restarted kubelet keeps them). */
  constructor(existing: readonly Condition[] = []) {
    for (const c of existing)
      if (c.lastTransitionTime) this.since.set(c.type, { status: c.status, at: c.lastTransitionTime });
  }

  /** The condition with its transition time (now when the status changed). */
  condition(
    type: string,
    status: Condition['status'],
    now: Date,
    reason?: string,
    message?: string,
  ): Condition {
    let entry = this.since.get(type);
    if (!entry || entry.status !== status) {
      entry = { status, at: rfc3339(now) };
      this.since.set(type, entry);
    }
    return {
      type,
      status,
      lastTransitionTime: entry.at,
      ...(reason ? { reason } : {}),
      ...(message ? { message } : {}),
    };
  }
}

/** What a pod's status is made of. */
export interface PodStatusInput {
  pod: Pod;
  podIP: string;
  hostIP: string;
  startTime: string;
  containers: readonly ContainerStatus[];
  conditions: ConditionClock;
  now: Date;
}

function phaseOf(pod: Pod, containers: readonly ContainerStatus[]): string {
  if (containers.every((c) => c.state.waiting?.reason === 'ContainerCreating')) return 'Pending';
  const policy = pod.spec.restartPolicy ?? 'Always';
  if (policy === 'Always' || !containers.every((c) => c.state.terminated)) return 'Running';
  return containers.every((c) => c.state.terminated?.exitCode === 0) ? 'Succeeded' : 'Failed';
}

/**
 * A pod's status as the kubelet writes it: phase, the four conditions (Initialized, Ready,
 * ContainersReady, PodScheduled), its addresses, start time and container statuses.
 */
export function podStatus(input: PodStatusInput): NonNullable<Pod['status']> {
  const { containers, conditions, now } = input;
  const unready = containers.filter((c) => !c.ready).map((c) => c.name);
  const ready = unready.length === 0 ? 'True' : 'False';
  const reason = unready.length === 0 ? undefined : 'ContainersNotReady';
  const message = unready.length === 0 ? undefined : `containers with unready status: [${unready.join(' ')}]`;
  const phase = phaseOf(input.pod, containers);
  const finished = phase === 'Succeeded' || phase === 'Failed';
  return {
    phase,
    conditions: [
      conditions.condition('Initialized', 'True', now),
      conditions.condition(
        'Ready',
        ready,
        now,
        finished ? 'PodCompleted' : reason,
        finished ? undefined : message,
      ),
      conditions.condition(
        'ContainersReady',
        ready,
        now,
        finished ? 'PodCompleted' : reason,
        finished ? undefined : message,
      ),
      conditions.condition('PodScheduled', 'True', now),
    ],
    hostIP: input.hostIP,
    hostIPs: [{ ip: input.hostIP }],
    podIP: input.podIP,
    podIPs: [{ ip: input.podIP }],
    startTime: input.startTime,
    containerStatuses: containers.map((c) => ({ ...c })),
  };
}
