import type { Canary } from '../apis/index.js';
import { isAlreadyExists, isConflict } from '../kube/kube-errors.js';
import { dotted, type ObjectRef } from '../kube/kube-object.js';
import type { DeploymentTargetOptions } from './deployment-target.js';
import { primaryNameOf } from './primary-deployment.js';
import { jsonEqual, revisionHash } from './revision-hash.js';
import {
  type CopyMetadata,
  CoreServiceType,
  canaryCopyMetadata,
  primaryCopyMetadata,
  serviceCopy,
  type TargetService,
} from './service-copies.js';
import {
  type ConfigRef,
  type Readiness,
  TargetError,
  type TargetMetadata,
  type WorkloadTarget,
} from './workload-target.js';

/** Attempts of a write that keeps meeting a concurrent writer. */
const writeAttempts = 5;

/**
 * A Canary's `targetRef: Service` (Flagger's ServiceController, §2.9 and §3.1): `<t>-canary` follows the
 * target Service at every tick, `<t>-primary` is created once and takes the target's spec at promotion.
 * Nothing runs, so both are always ready and there is nothing to scale; the revision is the target's spec.
 */
export class ServiceTarget implements WorkloadTarget {
  constructor(private readonly options: DeploymentTargetOptions) {}

  /** A Service target selects no pods itself: no selector label, no ports to discover. */
  metadata(canary: Canary): TargetMetadata {
    this.target(canary);
    return { label: '', value: '', ports: {} };
  }

  async initialize(canary: Canary): Promise<Readiness> {
    const target = this.target(canary);
    const name = canary.spec.targetRef.name;
    await this.write(canary, `${name}-canary`, (current) =>
      serviceCopy(canary, target, `${name}-canary`, current, canaryCopyMetadata(target)),
    );
    const primaryRef = this.ref(canary, primaryNameOf(name));
    if (!this.options.cache.get<TargetService>(primaryRef)) {
      await this.write(canary, primaryRef.name, (current) =>
        // Created meanwhile: a primary is never updated here, only at promotion.
        current
          ? current
          : serviceCopy(canary, target, primaryRef.name, undefined, canaryCopyMetadata(target)),
      );
    }
    return { ready: true };
  }

  isPrimaryReady(): Readiness {
    return { ready: true };
  }

  isCanaryReady(): Readiness {
    return { ready: true };
  }

  revision(canary: Canary): string {
    return revisionHash(this.target(canary).spec ?? {});
  }

  /** Flagger tracks no configs for a Service target. */
  trackedConfigs(): undefined {
    return undefined;
  }

  configRefs(): ConfigRef[] {
    return [];
  }

  async promote(canary: Canary): Promise<void> {
    const name = primaryNameOf(canary.spec.targetRef.name);
    const metadata: CopyMetadata = primaryCopyMetadata(this.target(canary), this.options.includeLabelPrefix);
    await this.write(canary, name, (current) => {
      if (!current) throw notFound(this.ref(canary, name));
      return serviceCopy(canary, this.target(canary), name, current, metadata);
    });
  }

  async scaleToZero(): Promise<void> {}

  async scaleFromZero(): Promise<void> {}

  async finalize(): Promise<void> {}

  /**
   * Creates or replaces the Service `name` with what `desired` makes of the current one (undefined when
   * absent); nothing when that is what is there. A concurrent writer makes it start again from the server.
   */
  private async write(
    canary: Canary,
    name: string,
    desired: (current: TargetService | undefined) => TargetService,
  ): Promise<void> {
    const ref = this.ref(canary, name);
    let current = this.options.cache.get<TargetService>(ref);
    for (let attempt = 1; ; attempt++) {
      const next = desired(current);
      if (current && jsonEqual(next, current)) return;
      try {
        if (current) await this.options.client.replace(next);
        else await this.options.client.create(next);
        this.options.logger?.info(`Service ${dotted(ref)} ${current ? 'updated' : 'created'}`, {
          canary: dotted(canary.metadata),
        });
        return;
      } catch (error) {
        if (!(isConflict(error) || isAlreadyExists(error)) || attempt >= writeAttempts) throw error;
      }
      current = await this.options.client.get<TargetService>(ref);
    }
  }

  private ref(canary: Canary, name: string): ObjectRef {
    return { ...CoreServiceType, namespace: canary.metadata.namespace ?? '', name };
  }

  private target(canary: Canary): TargetService {
    const ref = this.ref(canary, canary.spec.targetRef.name);
    const found = this.options.cache.get<TargetService>(ref);
    if (!found) throw notFound(ref);
    return found;
  }
}

/** Flagger's wording: `service podinfo.test get query error: services "podinfo" not found`. */
function notFound(ref: ObjectRef): TargetError {
  return new TargetError(
    'target-not-found',
    `service ${dotted(ref)} get query error: services "${ref.name}" not found`,
  );
}
