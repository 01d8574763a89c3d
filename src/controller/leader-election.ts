import type { KubeClient } from '../kube/kube-client.js';
import { isAlreadyExists, isConflict, isNotFound } from '../kube/kube-errors.js';
import type { KubeObject } from '../kube/kube-object.js';
import type { Clock } from '../platform/clock.js';
import type { Logger } from '../platform/logger.js';

interface Lease extends KubeObject {
  spec?: {
    holderIdentity?: string;
    leaseDurationSeconds?: number;
    acquireTime?: string;
    renewTime?: string;
    leaseTransitions?: number;
  };
}

/** Timing and identity of a leader election. */
export interface LeaderElectionOptions {
  namespace: string;
  name: string;
  identity: string;
  leaseDurationMs: number;
  renewDeadlineMs: number;
  retryPeriodMs: number;
}

/** What the elector tells its owner. */
export interface LeaderCallbacks {
  /** This process became the leader: start acting. */
  onStartedLeading(): void;
  /** This process lost (or gave up) leadership: stop acting at once. */
  onStoppedLeading(): void;
  /** Someone else leads. */
  onNewLeader?(identity: string): void;
}

function microTime(date: Date): string {
  return `${date.toISOString().slice(0, 23)}000Z`;
}

/**
 * Leader election on a coordination.k8s.io Lease, with client-go's semantics: candidates try every
 * retry period, take the lease when it is free or expired, the leader renews it and steps down when it
 * cannot renew within the renew deadline; on stop the leader releases the lease.
 */
export class LeaderElector {
  private leading = false;
  private lastRenew = 0;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private observedLeader = '';

  constructor(
    private readonly client: KubeClient,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly options: LeaderElectionOptions,
    private readonly callbacks: LeaderCallbacks,
  ) {}

  /** Whether this process holds the lease. */
  get isLeader(): boolean {
    return this.leading;
  }

  /** Starts competing. */
  start(): void {
    this.stopped = false;
    void this.loop();
  }

  /** Stops competing and releases the lease when held. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.leading) {
      this.leading = false;
      this.callbacks.onStoppedLeading();
      await this.release().catch((error: unknown) =>
        this.logger.warn('releasing the leader lease failed', { error: String(error) }),
      );
    }
  }

  private async loop(): Promise<void> {
    if (this.stopped) return;
    try {
      await this.tryAcquireOrRenew();
    } catch (error) {
      this.logger.debug('leader election attempt failed', { error: String(error) });
    }
    if (this.leading && this.clock.now().getTime() - this.lastRenew > this.options.renewDeadlineMs) {
      this.leading = false;
      this.logger.error('Leadership lost');
      this.callbacks.onStoppedLeading();
    }
    if (!this.stopped) this.timer = setTimeout(() => void this.loop(), this.options.retryPeriodMs);
  }

  private ref() {
    return {
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      namespace: this.options.namespace,
      name: this.options.name,
    };
  }

  private async tryAcquireOrRenew(): Promise<void> {
    const now = this.clock.now();
    const lease = await this.client.get<Lease>(this.ref());
    const spec = {
      holderIdentity: this.options.identity,
      leaseDurationSeconds: Math.ceil(this.options.leaseDurationMs / 1000),
      renewTime: microTime(now),
    };
    if (!lease) {
      try {
        await this.client.create<Lease>({
          apiVersion: 'coordination.k8s.io/v1',
          kind: 'Lease',
          metadata: { name: this.options.name, namespace: this.options.namespace },
          spec: { ...spec, acquireTime: microTime(now), leaseTransitions: 0 },
        });
        this.becomeLeader(now);
      } catch (error) {
        if (!isAlreadyExists(error)) throw error;
      }
      return;
    }
    const holder = lease.spec?.holderIdentity ?? '';
    const renewed = Date.parse(lease.spec?.renewTime ?? '') || 0;
    const duration = (lease.spec?.leaseDurationSeconds ?? 0) * 1000;
    const expired = holder === '' || renewed + duration < now.getTime();
    if (holder !== this.options.identity && !expired) {
      if (this.leading) {
        this.leading = false;
        this.logger.error('Leadership lost');
        this.callbacks.onStoppedLeading();
      }
      if (holder !== this.observedLeader) {
        this.observedLeader = holder;
        this.logger.info(`Another instance has been elected as leader: ${holder}`);
        this.callbacks.onNewLeader?.(holder);
      }
      return;
    }
    const transitions = (lease.spec?.leaseTransitions ?? 0) + (holder === this.options.identity ? 0 : 1);
    const acquireTime = holder === this.options.identity ? lease.spec?.acquireTime : microTime(now);
    try {
      await this.client.replace<Lease>({
        ...lease,
        spec: { ...lease.spec, ...spec, acquireTime, leaseTransitions: transitions },
      });
      this.becomeLeader(now);
    } catch (error) {
      if (!isConflict(error) && !isNotFound(error)) throw error;
    }
  }

  private becomeLeader(now: Date): void {
    this.lastRenew = now.getTime();
    if (this.leading) return;
    this.leading = true;
    this.observedLeader = this.options.identity;
    this.logger.info('Acting as elected leader');
    this.callbacks.onStartedLeading();
  }

  private async release(): Promise<void> {
    const lease = await this.client.get<Lease>(this.ref());
    if (lease?.spec?.holderIdentity !== this.options.identity) return;
    await this.client.replace<Lease>({
      ...lease,
      spec: {
        ...lease.spec,
        holderIdentity: '',
        leaseDurationSeconds: 1,
        renewTime: microTime(this.clock.now()),
      },
    });
  }
}
