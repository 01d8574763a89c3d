import {
  type Endpoints,
  EndpointsType,
  type Pod,
  PodType,
  type Service,
  ServiceType,
} from '../../../kube/api/core-v1.js';
import { isAlreadyExists } from '../../../kube/kube-errors.js';
import { keyOf, refOf } from '../../../kube/kube-object.js';
import type { ControllerContext } from '../controller-context.js';
import { ControllerLoop, type ReconcileResult } from '../controller-loop.js';
import { mapSelectorMatches } from '../label-selector.js';
import { splitKey } from '../owners.js';
import { canonicalJson } from '../template-hash.js';
import { endpointSubsets } from './endpoint-subsets.js';

function hasSelector(service: Service): service is Service & { spec: { selector: Record<string, string> } } {
  return Object.keys(service.spec?.selector ?? {}).length > 0 && service.spec?.type !== 'ExternalName';
}

/**
 * kube-controller-manager's endpoints controller: an Endpoints object per Service with a selector, listing
 * the selected pods' IPs (ready under `addresses`, the others under `notReadyAddresses`) with the ports the
 * Service's targetPorts resolve to. Services without a selector keep hand-made Endpoints.
 */
export class EndpointsController {
  readonly loop: ControllerLoop;

  constructor(private readonly ctx: ControllerContext) {
    this.loop = new ControllerLoop({
      name: 'endpoints',
      reconcile: (key) => this.reconcile(key),
      timers: ctx.timers,
      logger: ctx.logger,
    });
  }

  /** Subscribes to Services and pods (a pod change touches the Services selecting it, before and after). */
  watch(): void {
    const enqueue = (service: Service) => this.loop.add(keyOf(service.metadata));
    this.ctx.cache.track<Service>(ServiceType, {
      onAdd: enqueue,
      onUpdate: (_, service) => enqueue(service),
      onDelete: enqueue,
    });
    const touched = (...pods: Pod[]) => {
      const namespace = pods[0]?.metadata.namespace;
      for (const service of this.ctx.cache.list<Service>(ServiceType, namespace)) {
        if (!hasSelector(service)) continue;
        if (pods.some((pod) => mapSelectorMatches(service.spec.selector, pod.metadata.labels)))
          enqueue(service);
      }
    };
    this.ctx.cache.track<Pod>(PodType, {
      onAdd: (pod) => touched(pod),
      onUpdate: (previous, pod) => touched(previous, pod),
      onDelete: (pod) => touched(pod),
    });
    this.ctx.cache.track<Endpoints>(EndpointsType, {
      onUpdate: (_, endpoints) => this.loop.add(keyOf(endpoints.metadata)),
      onDelete: (endpoints) => this.loop.add(keyOf(endpoints.metadata)),
    });
  }

  /** Looks at every Service again. */
  resync(): void {
    for (const service of this.ctx.cache.list<Service>(ServiceType)) this.loop.add(keyOf(service.metadata));
  }

  private async reconcile(key: string): Promise<ReconcileResult> {
    const { namespace, name } = splitKey(key);
    const service = this.ctx.cache.get<Service>({ ...ServiceType, namespace, name });
    const current = this.ctx.cache.get<Endpoints>({ ...EndpointsType, namespace, name });
    if (!service) {
      // The Service is gone: its Endpoints go with it.
      if (current) await this.ctx.client.delete(refOf(current));
      return undefined;
    }
    if (!hasSelector(service)) return undefined;
    const pods = this.ctx.cache
      .list<Pod>(PodType, namespace)
      .filter((pod) => mapSelectorMatches(service.spec.selector, pod.metadata.labels));
    const subsets = endpointSubsets(service, pods);
    const labels = { ...service.metadata.labels };
    if (service.spec.clusterIP === 'None') labels['service.kubernetes.io/headless'] = '';
    const desired: Endpoints = {
      ...EndpointsType,
      metadata: { name, namespace, labels },
      subsets,
    };
    if (!current) {
      try {
        await this.ctx.client.create(desired);
      } catch (error) {
        // Created meanwhile (the cache lags): the watch brings it and the next look updates it.
        if (!isAlreadyExists(error)) throw error;
        return { afterMs: 100 };
      }
      return undefined;
    }
    const same =
      canonicalJson(current.subsets ?? []) === canonicalJson(subsets) &&
      canonicalJson(current.metadata.labels ?? {}) === canonicalJson(labels);
    if (!same) {
      await this.ctx.client.replace<Endpoints>({
        ...current,
        metadata: { ...current.metadata, labels },
        subsets,
      });
    }
    return undefined;
  }
}
