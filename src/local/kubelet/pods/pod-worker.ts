import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Pod } from '../../../kube/api/core-v1.js';
import { PatchKind } from '../../../kube/kube-client.js';
import { isNotFound } from '../../../kube/kube-errors.js';
import { refOf } from '../../../kube/kube-object.js';
import { rfc3339 } from '../../../platform/clock.js';
import type { ControllerContext, EventSink } from '../controller-context.js';
import { nodeAddress } from '../node/local-node.js';
import { canonicalJson } from '../template-hash.js';
import { containerEnv, expandCommand } from './container-env.js';
import { ContainerRunner } from './container-runner.js';
import type { ContainerProgram, ImageResolver } from './image-programs.js';
import { podServiceAccount, serviceAccountToken, writePodKubeconfig } from './pod-kubeconfig.js';
import { ConditionClock, podStatus } from './pod-status.js';

/** What every pod worker shares. */
export interface PodWorkerDeps {
  ctx: ControllerContext;
  events: EventSink;
  resolver: ImageResolver;
  /** `host:port` of the mesh's HTTP proxy, given to processes as `HTTP_PROXY`. */
  meshProxy?: string;
  /** The API server's URL, written into the kubeconfig of pods whose programs talk to it. */
  apiServer?: string;
  probeScale: number;
}

/** The directory of a pod's log and pid files. */
export function podDirectory(dataDir: string, pod: Pod): string {
  return join(
    dataDir,
    'pods',
    `${pod.metadata.namespace ?? ''}_${pod.metadata.name}_${pod.metadata.uid ?? ''}`,
  );
}

/** Where a container's output goes (appended across restarts), for `kubectl logs` to come. */
export function containerLogPath(dataDir: string, pod: Pod, container: string): string {
  return join(podDirectory(dataDir, pod), `${container}.log`);
}

const retryStatusMs = 200;

/**
 * The kubelet's work for one pod: its containers started at the pod's own address, and its status
 * written whenever a container starts, stops or changes readiness (one write at a time, the latest wins).
 */
export class PodWorker {
  private readonly runners: ContainerRunner[] = [];
  private readonly conditions: ConditionClock;
  private readonly startTime: string;
  private lastWritten = '';
  private writing = false;
  private dirty = false;
  private stopped = false;

  constructor(
    private readonly deps: PodWorkerDeps,
    private readonly pod: Pod,
    readonly podIP: string,
    readonly directory: string,
  ) {
    this.conditions = new ConditionClock(pod.status?.conditions ?? []);
    this.startTime = pod.status?.startTime ?? rfc3339(deps.ctx.clock.now());
  }

  /**
   * Starts the containers. `adopted` pods were started by an earlier kubelet: their processes are gone,
   * so process containers count a restart.
   */
  start(adopted: boolean): void {
    mkdirSync(this.directory, { recursive: true });
    const { pod, deps } = this;
    const previous = new Map((pod.status?.containerStatuses ?? []).map((c) => [c.name, c]));
    const label = `${pod.metadata.name}_${pod.metadata.namespace ?? ''}(${pod.metadata.uid ?? ''})`;
    for (const declared of pod.spec.containers) {
      const env = containerEnv({
        pod,
        container: declared,
        podIP: this.podIP,
        hostIP: nodeAddress,
        ...(deps.meshProxy ? { meshProxy: deps.meshProxy } : {}),
      });
      const container = expandCommand(declared, env);
      const program = deps.resolver({ image: container.image ?? '', container, podIP: this.podIP });
      const prepare = this.apiAccess(program, env);
      const before = previous.get(container.name);
      const restartCount = (before?.restartCount ?? 0) + (adopted && program && before ? 1 : 0);
      this.runners.push(
        new ContainerRunner({
          container,
          program,
          podIP: this.podIP,
          podLabel: label,
          env,
          logPath: join(this.directory, `${container.name}.log`),
          pidPath: join(this.directory, `${container.name}.pid`),
          restartPolicy: pod.spec.restartPolicy ?? 'Always',
          restartCount,
          gracePeriodMs: (pod.spec.terminationGracePeriodSeconds ?? 30) * 1000,
          timers: deps.ctx.timers,
          clock: deps.ctx.clock,
          probeScale: deps.probeScale,
          onChange: () => this.changed(),
          event: (type, reason, message) => deps.events.record(pod, type, reason, message),
          ...(prepare ? { prepare } : {}),
        }),
      );
    }
    for (const runner of this.runners) runner.start();
    this.changed();
  }

  /**
   * For a program that talks to the API server: `KUBECONFIG` in its environment and the step writing that
   * kubeconfig (server, ServiceAccount token, namespace) before each start. Nothing when the kubelet does
   * not know the API server or the pod opts out with `automountServiceAccountToken: false`.
   */
  private apiAccess(program: ContainerProgram | undefined, env: NodeJS.ProcessEnv) {
    const server = this.deps.apiServer;
    if (!program?.apiAccess || !server || this.pod.spec.automountServiceAccountToken === false) return;
    const path = join(this.directory, 'kubeconfig');
    const namespace = this.pod.metadata.namespace ?? 'default';
    const serviceAccount = podServiceAccount(this.pod);
    env.KUBECONFIG = path;
    return async () => {
      const token = await serviceAccountToken(this.deps.ctx.client, namespace, serviceAccount);
      writePodKubeconfig(path, { server, namespace, serviceAccount, ...(token ? { token } : {}) });
    };
  }

  /** Stops every container (in parallel); no status is written afterwards. */
  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all(this.runners.map((runner) => runner.stop()));
  }

  /** The pod's status as it is now. */
  status(): NonNullable<Pod['status']> {
    return podStatus({
      pod: this.pod,
      podIP: this.podIP,
      hostIP: nodeAddress,
      startTime: this.startTime,
      containers: this.runners.map((runner) => runner.status()),
      conditions: this.conditions,
      now: this.deps.ctx.clock.now(),
    });
  }

  private changed(): void {
    if (this.stopped) return;
    if (this.writing) {
      this.dirty = true;
      return;
    }
    void this.write();
  }

  private async write(): Promise<void> {
    this.writing = true;
    try {
      do {
        this.dirty = false;
        if (this.stopped) return;
        const status = this.status();
        const text = canonicalJson(status);
        if (text === this.lastWritten) continue;
        try {
          await this.deps.ctx.client.patch(refOf(this.pod), { status }, PatchKind.Merge, 'status');
          this.lastWritten = text;
        } catch (error) {
          if (isNotFound(error)) return;
          this.deps.ctx.logger.debug('pod status write failed, retrying', {
            pod: this.pod.metadata.name,
            error: error instanceof Error ? error.message : String(error),
          });
          this.deps.ctx.timers.after(retryStatusMs, () => this.changed());
          return;
        }
      } while (this.dirty);
    } finally {
      this.writing = false;
    }
  }
}
