import type { Canary, CustomMetadata } from '../../apis/index.js';
import { dotted } from '../../kube/kube-object.js';
import type { TargetMetadata } from '../../targets/workload-target.js';
import { canaryControl, canaryOwnerRef, namespaceOf, serviceNames } from '../canary-names.js';
import { jsonEqual } from '../json-equal.js';
import { applyObject, objectRef, updateObject } from '../object-writer.js';
import type { RouterDeps } from '../router-deps.js';
import { RouterError } from '../router-error.js';
import { filterMetadata, kubectlLastAppliedAnnotation } from '../router-metadata.js';
import {
  comparablePorts,
  type Service,
  type ServiceSpec,
  ServiceType,
  serviceAnnotations,
  serviceLabels,
  servicePorts,
  unmanagedOf,
  withUnmanaged,
} from './service-spec.js';

/**
 * The ClusterIP Services of a Deployment or DaemonSet target (Flagger's KubernetesDefaultRouter, §3.1):
 * `<apex>-canary` and `<apex>-primary` at initialization, the apex `<apex>` (selecting the primary's pods)
 * once the primary is ready. Reads come from the cache (which must track `v1` Services).
 */
export class KubernetesRouter {
  constructor(private readonly deps: RouterDeps) {}

  /** Creates or corrects `<apex>-canary` (selecting the target's pods) and `<apex>-primary` (the primary's). */
  async initialize(canary: Canary, metadata: TargetMetadata): Promise<void> {
    const names = serviceNames(canary);
    await this.reconcileService(canary, metadata, names.canary, metadata.value, canary.spec.service?.canary);
    await this.reconcileService(
      canary,
      metadata,
      names.primary,
      `${metadata.value}-primary`,
      canary.spec.service?.primary,
    );
  }

  /** Creates or corrects the apex Service, selecting the primary's pods. */
  async reconcile(canary: Canary, metadata: TargetMetadata): Promise<void> {
    const { apex } = serviceNames(canary);
    await this.reconcileService(
      canary,
      metadata,
      apex,
      `${metadata.value}-primary`,
      canary.spec.service?.apex,
    );
  }

  /**
   * Points an apex Service that Weir did not create back at the target's pods: the selector kubectl last
   * applied, else `<label>: <value>`. A Service a Canary controls is left alone (garbage collection removes it).
   */
  async finalize(canary: Canary, metadata: TargetMetadata): Promise<void> {
    const ref = this.ref(canary, serviceNames(canary).apex);
    const missing = () =>
      `service ${ref.name}.${ref.namespace} get query error: services "${ref.name}" not found`;
    const svc = this.deps.reader.get<Service>(ref);
    if (!svc) throw new RouterError('routing-object-missing', missing());
    if (canaryControl(svc, canary) !== 'none') return;
    const applied = svc.metadata.annotations?.[kubectlLastAppliedAnnotation];
    if (applied === undefined) {
      await this.reconcileService(canary, metadata, ref.name, metadata.value, undefined);
      return;
    }
    const selector = lastAppliedSelector(svc, applied);
    await updateObject<Service>(this.deps, {
      ref,
      missing,
      update: (current) =>
        jsonEqual(selector, current.spec?.selector)
          ? undefined
          : { ...current, spec: { ...current.spec, selector } },
    });
  }

  private async reconcileService(
    canary: Canary,
    metadata: TargetMetadata,
    name: string,
    podSelector: string,
    custom: CustomMetadata | undefined,
  ): Promise<void> {
    const ref = this.ref(canary, name);
    const service = canary.spec.service;
    const selector = { [metadata.label]: podSelector };
    const ports = servicePorts(canary, metadata);
    const labels = serviceLabels(name, custom, metadata);
    const annotations = serviceAnnotations(custom);
    const outcome = await applyObject<Service>(this.deps, {
      ref,
      create: () => {
        const spec: ServiceSpec = { type: 'ClusterIP' };
        if (service?.headless) spec.clusterIP = 'None';
        if (service?.trafficDistribution) spec.trafficDistribution = service.trafficDistribution;
        spec.selector = selector;
        spec.ports = ports;
        return {
          ...ServiceType,
          metadata: {
            name,
            namespace: ref.namespace,
            labels,
            annotations,
            ownerReferences: [canaryOwnerRef(canary)],
          },
          spec,
        };
      },
      update: (current) => {
        const { apex } = serviceNames(canary);
        // An apex Service switched to the canary's pods (Blue/Green by selector) is not touched.
        if (name === apex && current.spec?.selector?.[metadata.label] === `${metadata.value}-canary`)
          return undefined;
        // Shallow copies: only whole fields of `spec` and `metadata` are replaced below, and the cached
        // `current` stays untouched. (A deep clone of every Service on every idle tick cost more than the
        // rest of the comparison.)
        const spec: ServiceSpec = { ...current.spec };
        const next: Service = { ...current, metadata: { ...current.metadata }, spec };
        let changed = false;
        // Node ports are allocated by the cluster: keep them, by port name.
        const wantedPorts = ports.map((port) => {
          const nodePort = current.spec?.ports?.find(
            (p) => p.name === port.name && (p.nodePort ?? 0) > 0,
          )?.nodePort;
          return nodePort ? { ...port, nodePort } : port;
        });
        if (
          !jsonEqual(comparablePorts(wantedPorts), comparablePorts(current.spec?.ports)) ||
          !jsonEqual(selector, current.spec?.selector)
        ) {
          spec.ports = wantedPorts;
          spec.selector = selector;
          changed = true;
        }
        if ((service?.trafficDistribution ?? undefined) !== current.spec?.trafficDistribution) {
          if (service?.trafficDistribution) spec.trafficDistribution = service.trafficDistribution;
          else delete spec.trafficDistribution;
          changed = true;
        }
        // Labels and annotations only on Services this Canary created, minus the keys left to others.
        if (canaryControl(current, canary) === 'this') {
          const unmanaged = unmanagedOf(canary);
          const wantedLabels = withUnmanaged(
            labels,
            current.metadata.labels,
            unmanaged.labels,
            metadata.label,
          );
          const wantedAnnotations = withUnmanaged(
            annotations,
            current.metadata.annotations,
            unmanaged.annotations,
          );
          if (!jsonEqual(wantedLabels, current.metadata.labels)) {
            next.metadata.labels = wantedLabels;
            changed = true;
          }
          if (!jsonEqual(wantedAnnotations, current.metadata.annotations)) {
            next.metadata.annotations = wantedAnnotations;
            changed = true;
          }
        }
        if (!changed) return undefined;
        next.metadata.annotations = filterMetadata(next.metadata.annotations);
        return next;
      },
    });
    const log = this.deps.logger.child({ canary: dotted(canary.metadata) });
    if (outcome === 'created') log.info(`Service ${name}.${ref.namespace} created`);
    if (outcome === 'updated') log.info(`Service ${name} updated`);
  }

  private ref(canary: Canary, name: string) {
    return objectRef(ServiceType, namespaceOf(canary), name);
  }
}

function lastAppliedSelector(svc: Service, applied: string): Record<string, string> | undefined {
  try {
    return (JSON.parse(applied) as { spec?: ServiceSpec }).spec?.selector;
  } catch (cause) {
    throw new RouterError(
      'invalid-spec',
      `router ${svc.metadata.name}.${svc.metadata.namespace} failed to unMarshal annotation ${kubectlLastAppliedAnnotation}`,
      { cause },
    );
  }
}
