import type { Canary } from '../../apis/index.js';
import { dotted } from '../../kube/kube-object.js';
import { canaryControl, canaryOwnerRef, namespaceOf, serviceNames } from '../canary-names.js';
import { jsonEqual } from '../json-equal.js';
import type { MeshRouter, RouteStatus, RouteWeights } from '../mesh-router.js';
import { applyObject, objectRef, updateObject } from '../object-writer.js';
import type { RouterDeps } from '../router-deps.js';
import { RouterError } from '../router-error.js';
import {
  filterMetadata,
  kubectlLastAppliedAnnotation,
  originalConfigurationAnnotation,
} from '../router-metadata.js';
import {
  type DestinationRule,
  type DestinationRuleSpec,
  DestinationRuleType,
  type VirtualService,
  type VirtualServiceSpec,
  VirtualServiceType,
} from './istio-types.js';
import { nextCookies, withoutSessionRules } from './session-affinity.js';
import { routedWeights, virtualServiceSpec } from './virtual-service-spec.js';

const initialWeights: RouteWeights = { primary: 100, canary: 0, mirrored: false };

/**
 * Istio: DestinationRules `<apex>-canary` and `<apex>-primary` and the VirtualService `<apex>` (§3.2),
 * with A/B match rules, mirroring and session-affinity cookie rules. The cookies live in the Canary's
 * status: setRoutes answers them for the caller's status write (Flagger relies on a later write, §9.3 #19).
 */
export class IstioRouter implements MeshRouter {
  constructor(private readonly deps: RouterDeps) {}

  async reconcile(canary: Canary): Promise<void> {
    // Validated before anything is written, so an invalid delegation leaves the cluster untouched.
    virtualServiceSpec(canary, initialWeights);
    const names = serviceNames(canary);
    await this.reconcileDestinationRule(canary, names.canary);
    await this.reconcileDestinationRule(canary, names.primary);
    await this.reconcileVirtualService(canary);
  }

  async setRoutes(canary: Canary, weights: RouteWeights): Promise<RouteStatus | undefined> {
    const cookies = nextCookies(canary, weights, this.deps.random ?? Math.random);
    const spec = virtualServiceSpec(canary, weights, cookies);
    await updateObject<VirtualService>(this.deps, {
      ref: this.vsRef(canary),
      missing: () => this.missing(canary),
      update: (current) => (jsonEqual(spec, current.spec) ? undefined : { ...current, spec }),
    });
    return cookies;
  }

  async getRoutes(canary: Canary): Promise<RouteWeights> {
    const vs = this.deps.reader.get<VirtualService>(this.vsRef(canary));
    if (!vs) throw new RouterError('routing-object-missing', this.missing(canary));
    const weights = routedWeights(vs.spec ?? {}, canary);
    if (weights.primary === 0 && weights.canary === 0) {
      const { apex } = serviceNames(canary);
      throw new RouterError(
        'routes-missing',
        `VirtualService ${apex}.${namespaceOf(canary)} does not contain routes for ${apex}-primary and ${apex}-canary`,
      );
    }
    return weights;
  }

  async finalize(canary: Canary): Promise<void> {
    const ref = this.vsRef(canary);
    const vs = this.deps.reader.get<VirtualService>(ref);
    if (!vs) throw new RouterError('routing-object-missing', this.missing(canary));
    const stored = storedSpec(vs);
    if (!stored) {
      this.log(canary).warn(
        `VirtualService ${ref.name}.${ref.namespace} original configuration not found, unable to revert`,
      );
      return;
    }
    await updateObject<VirtualService>(this.deps, {
      ref,
      missing: () => this.missing(canary),
      update: (current) => (jsonEqual(stored, current.spec) ? undefined : { ...current, spec: stored }),
    });
  }

  private async reconcileDestinationRule(canary: Canary, name: string): Promise<void> {
    const spec: DestinationRuleSpec = { host: name };
    if (canary.spec.service?.trafficPolicy)
      spec.trafficPolicy = structuredClone(canary.spec.service.trafficPolicy);
    const namespace = namespaceOf(canary);
    const outcome = await applyObject<DestinationRule>(this.deps, {
      ref: objectRef(DestinationRuleType, namespace, name),
      create: () => ({
        ...DestinationRuleType,
        metadata: { name, namespace, ...this.ownerRefs(canary) },
        spec,
      }),
      update: (current) => (jsonEqual(spec, current.spec) ? undefined : { ...current, spec }),
    });
    if (outcome !== 'unchanged') this.log(canary).info(`DestinationRule ${name}.${namespace} ${outcome}`);
  }

  private async reconcileVirtualService(canary: Canary): Promise<void> {
    const ref = this.vsRef(canary);
    const apex = canary.spec.service?.apex;
    // Go's omitempty: no labels field rather than an empty one.
    const labels = apex?.labels && Object.keys(apex.labels).length > 0 ? { ...apex.labels } : undefined;
    const annotations = filterMetadata(apex?.annotations);
    const outcome = await applyObject<VirtualService>(this.deps, {
      ref,
      create: () => ({
        ...VirtualServiceType,
        metadata: {
          name: ref.name,
          namespace: ref.namespace,
          labels,
          annotations,
          ...this.ownerRefs(canary),
        },
        spec: virtualServiceSpec(canary, initialWeights),
      }),
      update: (current) => {
        // Unlike Flagger (§9.3 #23), a spec change keeps the current weights and mirror: editing the Canary
        // during an analysis must not silently send all traffic back to the primary.
        // The cookie rules belong to setRoutes (Flagger ignores them here too); a write rebuilds them from
        // the cookies in the status, so an edit does not unstick sessions either.
        const spec = virtualServiceSpec(canary, currentWeights(current, canary), cookiesOf(canary));
        const wanted = { ...annotations };
        for (const key of [kubectlLastAppliedAnnotation, originalConfigurationAnnotation]) {
          const value = current.metadata.annotations?.[key];
          if (value !== undefined) wanted[key] = value;
        }
        const specChanged = !jsonEqual(withoutSessionRules(spec), withoutSessionRules(current.spec ?? {}));
        if (
          !specChanged &&
          jsonEqual(labels, current.metadata.labels) &&
          jsonEqual(wanted, current.metadata.annotations)
        ) {
          return undefined;
        }
        // Taking over a VirtualService someone else wrote: keep its spec so finalize can restore it. Recorded
        // once, and never for the Canary's own VirtualService (Flagger overwrites it on every spec change).
        if (
          specChanged &&
          wanted[kubectlLastAppliedAnnotation] === undefined &&
          wanted[originalConfigurationAnnotation] === undefined &&
          canaryControl(current, canary) !== 'this'
        ) {
          wanted[originalConfigurationAnnotation] = JSON.stringify(current.spec ?? {});
        }
        return { ...current, metadata: { ...current.metadata, labels, annotations: wanted }, spec };
      },
    });
    if (outcome !== 'unchanged')
      this.log(canary).info(`VirtualService ${ref.name}.${ref.namespace} ${outcome}`);
  }

  private vsRef(canary: Canary) {
    return objectRef(VirtualServiceType, namespaceOf(canary), serviceNames(canary).apex);
  }

  private missing(canary: Canary): string {
    const { apex } = serviceNames(canary);
    return `VirtualService ${apex}.${namespaceOf(canary)} get query error: virtualservices.networking.istio.io "${apex}" not found`;
  }

  private ownerRefs(canary: Canary) {
    return this.deps.setOwnerRefs === false ? {} : { ownerReferences: [canaryOwnerRef(canary)] };
  }

  private log(canary: Canary) {
    return this.deps.logger.child({ canary: dotted(canary.metadata) });
  }
}

/** The weights the VirtualService routes now; the initial 100/0 when it does not route to the canary yet. */
function currentWeights(vs: VirtualService, canary: Canary): RouteWeights {
  const weights = routedWeights(vs.spec ?? {}, canary);
  return weights.primary === 0 && weights.canary === 0 ? initialWeights : weights;
}

/** The session-affinity cookies the status holds. */
function cookiesOf(canary: Canary): RouteStatus {
  const { sessionAffinityCookie, primarySessionAffinityCookie, previousSessionAffinityCookie } =
    canary.status ?? {};
  return { sessionAffinityCookie, primarySessionAffinityCookie, previousSessionAffinityCookie };
}

/** The spec to restore on finalize: kubectl's last applied object, else the one recorded at takeover. */
function storedSpec(vs: VirtualService): VirtualServiceSpec | undefined {
  const annotations = vs.metadata.annotations ?? {};
  const applied = annotations[kubectlLastAppliedAnnotation];
  if (applied !== undefined) return parseAnnotation(vs, kubectlLastAppliedAnnotation, applied).spec ?? {};
  const original = annotations[originalConfigurationAnnotation];
  if (original !== undefined) return parseAnnotation(vs, originalConfigurationAnnotation, original);
  return undefined;
}

function parseAnnotation(vs: VirtualService, key: string, value: string) {
  try {
    return JSON.parse(value);
  } catch (cause) {
    throw new RouterError(
      'invalid-spec',
      `VirtualService ${vs.metadata.name}.${vs.metadata.namespace} failed to unMarshal annotation ${key}`,
      { cause },
    );
  }
}
