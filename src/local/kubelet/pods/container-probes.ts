import type { Container } from '../../../kube/api/core-v1.js';
import type { Timers } from '../timers.js';
import type { ContainerProgram } from './image-programs.js';
import { probeAction } from './probe-action.js';
import { Prober, probeTiming } from './prober.js';

/** How often a container without a readiness probe is checked for its port to accept connections. */
const portWaitMs = 100;

/** What a container's probes watch and whom they tell. */
export interface ContainerProbesOptions {
  container: Container;
  program: ContainerProgram | undefined;
  podIP: string;
  timers: Timers;
  probeScale: number;
  /** Readiness changed. */
  onReady(ready: boolean): void;
  /** Liveness failed: the process must be restarted. */
  onDead(message: string): void;
  /** Readiness failed after having passed. */
  onUnready(message: string): void;
}

/**
 * The probes of one run of a container. Readiness: its readinessProbe; else, for a process with a known
 * port, the port accepting connections; else ready at once. Liveness (processes only) is probed once
 * the container first became ready — an implicit startup probe, so a scaled-down initial delay cannot
 * kill a process that is still booting (tsx takes a second or two).
 */
export class ContainerProbes {
  private readiness: Prober | undefined;
  private liveness: Prober | undefined;
  private isReady = false;
  private stopped = false;

  constructor(private readonly options: ContainerProbesOptions) {}

  /** Whether the container is ready now. */
  get ready(): boolean {
    return this.isReady;
  }

  /** Starts probing (once per run). */
  start(): void {
    const { container, program, podIP, timers, probeScale } = this.options;
    if (container.readinessProbe) {
      this.readiness = new Prober({
        action: probeAction(container.readinessProbe, container, podIP),
        timing: probeTiming(container.readinessProbe, probeScale),
        timers,
        initial: false,
        onChange: (ok, result) => {
          if (!ok) this.options.onUnready(`Readiness probe failed: ${result.message ?? ''}`);
          this.setReady(ok);
        },
      });
    } else if (program?.port !== undefined) {
      this.readiness = new Prober({
        action: { kind: 'tcp', host: podIP, port: program.port },
        timing: {
          initialDelayMs: 0,
          periodMs: portWaitMs,
          timeoutMs: 1000,
          successThreshold: 1,
          failureThreshold: 3,
        },
        timers,
        initial: false,
        onChange: (ok) => this.setReady(ok),
      });
    }
    if (this.readiness) this.readiness.start();
    else this.setReady(true);
  }

  /** Stops every probe of this run. */
  stop(): void {
    this.stopped = true;
    this.readiness?.stop();
    this.liveness?.stop();
  }

  private setReady(ok: boolean): void {
    if (this.stopped || this.isReady === ok) return;
    this.isReady = ok;
    if (ok) this.startLiveness();
    this.options.onReady(ok);
  }

  private startLiveness(): void {
    const { container, program, podIP, timers, probeScale } = this.options;
    if (!program || !container.livenessProbe || this.liveness) return;
    this.liveness = new Prober({
      action: probeAction(container.livenessProbe, container, podIP),
      timing: probeTiming(container.livenessProbe, probeScale),
      timers,
      initial: true,
      onChange: (ok, result) => {
        if (!ok && !this.stopped) this.options.onDead(`Liveness probe failed: ${result.message ?? ''}`);
      },
    });
    this.liveness.start();
  }
}
