import { constants } from 'node:os';
import type { Container, ContainerState, ContainerStatus } from '../../../kube/api/core-v1.js';
import { type Clock, rfc3339 } from '../../../platform/clock.js';
import type { Cancel, Timers } from '../timers.js';
import { ContainerProbes } from './container-probes.js';
import {
  killLeftover,
  type ProcessExit,
  type ProcessHandle,
  spawnProcess,
  stopProcess,
} from './container-process.js';
import type { ContainerProgram } from './image-programs.js';

/** What a container needs from its pod. */
export interface ContainerSetup {
  container: Container;
  /** The process to run; undefined for a simulated container. */
  program: ContainerProgram | undefined;
  podIP: string;
  /** `<pod name>_<namespace>(<uid>)`, for messages. */
  podLabel: string;
  env: NodeJS.ProcessEnv;
  logPath: string;
  pidPath: string;
  restartPolicy: string;
  /** Restarts so far (a restarted kubelet continues the count). */
  restartCount: number;
  gracePeriodMs: number;
  timers: Timers;
  clock: Clock;
  /** Scales probe delays and periods and the restart back-off (1 = Kubernetes' timing). */
  probeScale: number;
  /** Told whenever the container's status changed. */
  onChange(): void;
  /** Reports a kubelet event about the pod. */
  event(type: 'Normal' | 'Warning', reason: string, message: string): void;
  /** Runs before each start of the process (writes the pod's kubeconfig); a failure is reported, the start goes on. */
  prepare?(): Promise<void>;
}

const backoffStartMs = 10_000;
const backoffMaxMs = 300_000;
function exitCodeOf(exit: ProcessExit): number {
  if (exit.code !== null) return exit.code;
  const number = exit.signal ? constants.signals[exit.signal] : undefined;
  return number === undefined ? 1 : 128 + number;
}

/**
 * One container of a pod: its process (or, for a simulated image, none), restarted with the kubelet's
 * back-off when it exits, readiness from its probe (or from its port accepting connections), liveness
 * restarts, and a Kubernetes container status.
 */
export class ContainerRunner {
  private state: ContainerState = { waiting: { reason: 'ContainerCreating' } };
  private lastState: ContainerState = {};
  private restartCount: number;
  private containerID: string | undefined;
  private handle: ProcessHandle | undefined;
  private probes: ContainerProbes | undefined;
  private stopping = false;
  private cancelRestart: Cancel | undefined;
  private backoffMs = backoffStartMs;
  private firstLaunch = true;

  constructor(private readonly setup: ContainerSetup) {
    this.restartCount = setup.restartCount;
  }

  /** The container's status entry. */
  status(): ContainerStatus {
    const { container } = this.setup;
    return {
      name: container.name,
      state: this.state,
      lastState: this.lastState,
      ready: this.probes?.ready ?? false,
      restartCount: this.restartCount,
      image: container.image ?? '',
      imageID: container.image ?? '',
      ...(this.containerID ? { containerID: this.containerID } : {}),
      started: this.state.running !== undefined,
    };
  }

  /** Starts the container. */
  start(): void {
    void this.launch();
  }

  /** Stops probing and the process (SIGTERM, SIGKILL after the grace period); resolves once it is gone. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.cancelRestart?.();
    this.stopProbers();
    const handle = this.handle;
    if (!handle) return;
    this.setup.event('Normal', 'Killing', `Stopping container ${this.setup.container.name}`);
    await stopProcess(handle, this.setup.gracePeriodMs, this.setup.timers);
  }

  private async launch(): Promise<void> {
    if (this.stopping) return;
    const { program } = this.setup;
    if (!program) {
      this.containerID = `weir://simulated/${this.setup.container.name}`;
      this.running();
      this.setup.event('Normal', 'Started', `Started container ${this.setup.container.name}`);
      return;
    }
    if (this.firstLaunch) {
      this.firstLaunch = false;
      await killLeftover(this.setup.pidPath, this.setup.timers);
      if (this.stopping) return;
    }
    if (this.setup.prepare) {
      await this.setup.prepare().catch((error: unknown) => {
        const message = error instanceof Error ? error.message : String(error);
        this.setup.event(
          'Warning',
          'FailedMount',
          `preparing container ${this.setup.container.name}: ${message}`,
        );
      });
      if (this.stopping) return;
    }
    const handle = spawnProcess({
      invocation: program.invocation,
      env: this.setup.env,
      logPath: this.setup.logPath,
      pidPath: this.setup.pidPath,
    });
    this.handle = handle;
    this.containerID = handle.pid === undefined ? undefined : `weir://${handle.pid}`;
    const startedAt = rfc3339(this.setup.clock.now());
    const startedMs = this.setup.clock.now().getTime();
    if (handle.pid !== undefined) {
      this.running();
      this.setup.event('Normal', 'Started', `Started container ${this.setup.container.name}`);
    }
    const exit = await handle.exited;
    this.handle = undefined;
    this.exited(exit, startedAt, startedMs);
  }

  private running(): void {
    this.state = { running: { startedAt: rfc3339(this.setup.clock.now()) } };
    this.startProbers();
    this.setup.onChange();
  }

  private exited(exit: ProcessExit, startedAt: string, startedMs: number): void {
    this.stopProbers();
    const exitCode = exitCodeOf(exit);
    const terminated: ContainerState = {
      terminated: {
        exitCode,
        reason: exit.error ? 'StartError' : exitCode === 0 ? 'Completed' : 'Error',
        ...(exit.error ? { message: exit.error.message } : {}),
        startedAt,
        finishedAt: rfc3339(this.setup.clock.now()),
        ...(this.containerID ? { containerID: this.containerID } : {}),
      },
    };
    if (this.stopping) {
      this.state = terminated;
      return;
    }
    const policy = this.setup.restartPolicy;
    if (policy === 'Never' || (policy === 'OnFailure' && exitCode === 0)) {
      this.state = terminated;
      this.setup.onChange();
      return;
    }
    this.lastState = terminated;
    // The kubelet forgets the back-off once a container ran for twice the maximum.
    if (this.setup.clock.now().getTime() - startedMs > 2 * backoffMaxMs) this.backoffMs = backoffStartMs;
    const delayMs = this.backoffMs * this.setup.probeScale;
    const { name } = this.setup.container;
    this.state = {
      waiting: {
        reason: 'CrashLoopBackOff',
        message: `back-off ${Math.round(this.backoffMs / 1000)}s restarting failed container=${name} pod=${this.setup.podLabel}`,
      },
    };
    this.setup.event(
      'Warning',
      'BackOff',
      `Back-off restarting failed container ${name} in pod ${this.setup.podLabel}`,
    );
    this.backoffMs = Math.min(backoffMaxMs, this.backoffMs * 2);
    this.setup.onChange();
    this.cancelRestart = this.setup.timers.after(delayMs, () => {
      this.restartCount++;
      void this.launch();
    });
  }

  private startProbers(): void {
    const { container, program, podIP, timers, probeScale } = this.setup;
    this.probes = new ContainerProbes({
      container,
      program,
      podIP,
      timers,
      probeScale,
      onReady: () => this.setup.onChange(),
      onUnready: (message) => this.setup.event('Warning', 'Unhealthy', message),
      onDead: (message) => {
        if (!this.handle) return;
        this.setup.event('Warning', 'Unhealthy', message);
        this.setup.event(
          'Normal',
          'Killing',
          `Container ${container.name} failed liveness probe, will be restarted`,
        );
        void stopProcess(this.handle, this.setup.gracePeriodMs, timers);
      },
    });
    this.probes.start();
  }

  private stopProbers(): void {
    this.probes?.stop();
    this.probes = undefined;
  }
}
