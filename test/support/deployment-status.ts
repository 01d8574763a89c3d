import type { Deployment, DeploymentCondition } from '../../src/kube/api/apps-v1.js';
import type { KubeClient } from '../../src/kube/kube-client.js';

/** What the emulated kubelet and deployment controller know about one Deployment between two writes. */
export interface RolloutMemory {
  /** The pod template the last status was written for (a new one starts a rollout). */
  template: string;
}

/** Kubernetes' default `progressDeadlineSeconds` of a Deployment. */
const defaultDeadlineSeconds = 600;

/** `maxUnavailable` resolved against `replicas` (percentages round down), as the deployment controller does. */
export function maxUnavailable(deployment: Deployment, replicas: number): number {
  const strategy = deployment.spec.strategy as
    | { type?: string; rollingUpdate?: { maxUnavailable?: number | string } }
    | undefined;
  if (strategy?.type === 'Recreate' || replicas === 0) return 0;
  const value = strategy?.rollingUpdate?.maxUnavailable ?? '25%';
  if (typeof value === 'number') return Math.min(value, replicas);
  const percent = /^(\d+)%$/.exec(value);
  return Math.min(replicas, percent ? Math.floor((replicas * Number(percent[1])) / 100) : Number(value));
}

function condition(
  previous: DeploymentCondition | undefined,
  next: { type: string; status: DeploymentCondition['status']; reason: string; message: string },
  now: string,
  since = now,
): DeploymentCondition {
  // SetDeploymentCondition: the same status and reason leave the condition (and its times) alone.
  if (previous && previous.status === next.status && previous.reason === next.reason) return previous;
  return {
    ...next,
    lastUpdateTime: since,
    lastTransitionTime: previous?.status === next.status ? (previous.lastTransitionTime ?? now) : now,
  };
}

/**
 * The status Kubernetes would write for `deployment` whose pods are all updated and either all ready
 * or none ready (`ready`): the replica counts, `Available` (enough replicas given `maxUnavailable`) and
 * `Progressing` (complete, progressing since the template last changed, or past its own
 * `progressDeadlineSeconds` without completing). Condition times are kept while nothing changes, as the
 * deployment controller keeps them.
 */
export function settledDeploymentStatus(
  deployment: Deployment,
  options: { ready: boolean; now: Date; memory: RolloutMemory | undefined },
): { status: NonNullable<Deployment['status']>; memory: RolloutMemory } {
  const now = `${options.now.toISOString().slice(0, 19)}Z`;
  const replicas = deployment.spec.replicas ?? 1;
  const available = options.ready ? replicas : 0;
  const template = JSON.stringify(deployment.spec.template);
  const previous = deployment.status?.conditions ?? [];
  const prevAvailable = previous.find((c) => c.type === 'Available');
  const prevProgressing = previous.find((c) => c.type === 'Progressing');
  const minAvailable = replicas - maxUnavailable(deployment, replicas);
  const availableCondition = condition(
    prevAvailable,
    available >= minAvailable
      ? {
          type: 'Available',
          status: 'True',
          reason: 'MinimumReplicasAvailable',
          message: 'Deployment has minimum availability.',
        }
      : {
          type: 'Available',
          status: 'False',
          reason: 'MinimumReplicasUnavailable',
          message: 'Deployment does not have minimum availability.',
        },
    now,
  );
  const name = deployment.metadata.name;
  const newRollout = options.memory !== undefined && options.memory.template !== template;
  let progressing: DeploymentCondition;
  if (available === replicas) {
    progressing = condition(
      prevProgressing,
      {
        type: 'Progressing',
        status: 'True',
        reason: 'NewReplicaSetAvailable',
        message: `ReplicaSet "${name}" has successfully progressed.`,
      },
      now,
    );
  } else if (newRollout || !prevProgressing) {
    progressing = {
      type: 'Progressing',
      status: 'True',
      reason: 'ReplicaSetUpdated',
      message: `ReplicaSet "${name}" is progressing.`,
      lastUpdateTime: now,
      lastTransitionTime:
        prevProgressing?.status === 'True' ? (prevProgressing.lastTransitionTime ?? now) : now,
    };
  } else if (
    prevProgressing.reason === 'ReplicaSetUpdated' &&
    Date.parse(prevProgressing.lastUpdateTime ?? now) +
      (deployment.spec.progressDeadlineSeconds ?? defaultDeadlineSeconds) * 1000 <
      options.now.getTime()
  ) {
    progressing = condition(
      prevProgressing,
      {
        type: 'Progressing',
        status: 'False',
        reason: 'ProgressDeadlineExceeded',
        message: `ReplicaSet "${name}" has timed out progressing.`,
      },
      now,
    );
  } else {
    // A complete Deployment that is scaled up (or loses its pods) is not a rollout: nothing is timed.
    progressing = prevProgressing;
  }
  return {
    status: {
      observedGeneration: deployment.metadata.generation ?? 0,
      replicas,
      updatedReplicas: replicas,
      readyReplicas: available,
      availableReplicas: available,
      ...(available < replicas ? { unavailableReplicas: replicas - available } : {}),
      conditions: [availableCondition, progressing],
    },
    memory: { template },
  };
}

/**
 * Plays kubelet and deployment controller once for every Deployment of `namespace`: writes the settled
 * status where it differs from the stored one. Answers the names written.
 */
export async function settleDeployments(
  raw: KubeClient,
  namespace: string,
  options: { notReady: ReadonlySet<string>; now: Date; rollouts: Map<string, RolloutMemory> },
): Promise<string[]> {
  const { items } = await raw.list<Deployment>({ apiVersion: 'apps/v1', kind: 'Deployment' }, { namespace });
  const written: string[] = [];
  for (const deployment of items) {
    const name = deployment.metadata.name;
    const { status, memory } = settledDeploymentStatus(deployment, {
      ready: !options.notReady.has(name),
      now: options.now,
      memory: options.rollouts.get(name),
    });
    options.rollouts.set(name, memory);
    if (JSON.stringify(deployment.status) === JSON.stringify(status)) continue;
    await raw.replaceStatus({ ...deployment, status });
    written.push(name);
  }
  return written;
}
