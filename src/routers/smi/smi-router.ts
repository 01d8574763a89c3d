import type { Canary } from '../../apis/index.js';
import { dotted, type TypeRef } from '../../kube/kube-object.js';
import { canaryOwnerRef, namespaceOf, serviceNames } from '../canary-names.js';
import { jsonEqual } from '../json-equal.js';
import type { MeshRouter, RouteStatus, RouteWeights } from '../mesh-router.js';
import { applyObject, objectRef, updateObject } from '../object-writer.js';
import type { SmiMesh, SmiVersion } from '../providers.js';
import type { RouterDeps } from '../router-deps.js';
import { RouterError } from '../router-error.js';
import {
  decodeWeight,
  encodeWeight,
  istioGatewaysAnnotation,
  type TrafficSplit,
  type TrafficSplitSpec,
  trafficSplitType,
} from './traffic-split.js';

/** Which TrafficSplit an {@link SmiRouter} writes. */
export interface SmiRouterOptions {
  /** `split.smi-spec.io` version. */
  version: SmiVersion;
  /** The mesh reading the split; `istio` adds the gateways annotation the Istio SMI adapter reads. */
  mesh: SmiMesh | undefined;
}

const initialWeights: RouteWeights = { primary: 100, canary: 0, mirrored: false };

/** SMI: the TrafficSplit `<apex>` (§3.3), canary backend first. No mirroring, no A/B matching. */
export class SmiRouter implements MeshRouter {
  private readonly type: TypeRef;

  constructor(
    private readonly deps: RouterDeps,
    private readonly options: SmiRouterOptions,
  ) {
    this.type = trafficSplitType(options.version);
  }

  async reconcile(canary: Canary): Promise<void> {
    const ref = this.ref(canary);
    const gateways = this.gatewaysAnnotation(canary);
    const outcome = await applyObject<TrafficSplit>(this.deps, {
      ref,
      create: () => ({
        ...this.type,
        metadata: {
          name: ref.name,
          namespace: ref.namespace,
          ...(gateways ? { annotations: { [istioGatewaysAnnotation]: gateways } } : {}),
          ...(this.deps.setOwnerRefs === false ? {} : { ownerReferences: [canaryOwnerRef(canary)] }),
        },
        spec: this.spec(canary, initialWeights),
      }),
      update: (current) => {
        // Unlike Flagger (§9.3 #23), a spec change keeps the current weights.
        const found = this.weightsOf(current, canary);
        const spec = this.spec(canary, found.primary === 0 && found.canary === 0 ? initialWeights : found);
        const annotations = { ...current.metadata.annotations };
        if (gateways) annotations[istioGatewaysAnnotation] = gateways;
        else delete annotations[istioGatewaysAnnotation];
        if (jsonEqual(spec, current.spec) && jsonEqual(annotations, current.metadata.annotations))
          return undefined;
        return { ...current, metadata: { ...current.metadata, annotations }, spec };
      },
    });
    if (outcome !== 'unchanged')
      this.log(canary).info(`TrafficSplit ${ref.name}.${ref.namespace} ${outcome}`);
  }

  async setRoutes(canary: Canary, weights: RouteWeights): Promise<RouteStatus | undefined> {
    if (weights.mirrored) {
      this.log(canary).warn(
        `TrafficSplit cannot mirror traffic; ${dotted(canary.metadata)} is routed without mirroring`,
      );
    }
    await updateObject<TrafficSplit>(this.deps, {
      ref: this.ref(canary),
      missing: () => this.missing(canary),
      update: (current) => {
        const backends = this.spec(canary, weights).backends;
        return jsonEqual(backends, current.spec?.backends)
          ? undefined
          : { ...current, spec: { ...current.spec, backends } };
      },
    });
    return undefined;
  }

  async getRoutes(canary: Canary): Promise<RouteWeights> {
    const split = this.deps.reader.get<TrafficSplit>(this.ref(canary));
    if (!split) throw new RouterError('routing-object-missing', this.missing(canary));
    const weights = this.weightsOf(split, canary);
    if (weights.primary === 0 && weights.canary === 0) {
      const names = serviceNames(canary);
      throw new RouterError(
        'routes-missing',
        `TrafficSplit ${names.apex}.${namespaceOf(canary)} does not contain routes for ${names.primary} and ${names.canary}`,
      );
    }
    return weights;
  }

  async finalize(): Promise<void> {}

  private spec(canary: Canary, weights: RouteWeights): TrafficSplitSpec {
    const names = serviceNames(canary);
    return {
      service: canary.spec.service?.hosts?.[0] ?? names.apex,
      backends: [
        { service: names.canary, weight: encodeWeight(this.options.version, weights.canary) },
        { service: names.primary, weight: encodeWeight(this.options.version, weights.primary) },
      ],
    };
  }

  private weightsOf(split: TrafficSplit, canary: Canary): RouteWeights {
    const names = serviceNames(canary);
    const weights: RouteWeights = { primary: 0, canary: 0, mirrored: false };
    for (const backend of split.spec?.backends ?? []) {
      if (backend.service === names.primary) weights.primary = decodeWeight(backend.weight);
      if (backend.service === names.canary) weights.canary = decodeWeight(backend.weight);
    }
    return weights;
  }

  private gatewaysAnnotation(canary: Canary): string | undefined {
    const gateways = canary.spec.service?.gateways ?? [];
    return this.options.mesh === 'istio' && gateways.length > 0 ? JSON.stringify(gateways) : undefined;
  }

  private ref(canary: Canary) {
    return objectRef(this.type, namespaceOf(canary), serviceNames(canary).apex);
  }

  private missing(canary: Canary): string {
    const { apex } = serviceNames(canary);
    return `TrafficSplit ${apex}.${namespaceOf(canary)} get query error: trafficsplits.split.smi-spec.io "${apex}" not found`;
  }

  private log(canary: Canary) {
    return this.deps.logger.child({ canary: dotted(canary.metadata) });
  }
}
