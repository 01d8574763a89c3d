import type { InformerCache } from '../../kube/informer-cache.js';
import type { KubeClient } from '../../kube/kube-client.js';
import type { KubeObject } from '../../kube/kube-object.js';
import type { Clock } from '../../platform/clock.js';
import type { Logger } from '../../platform/logger.js';
import type { Timers } from './timers.js';

/** Records a core/v1 Event about an object; never fails (events are best effort). */
export interface EventSink {
  /** Records `message` with `reason` about `object`. */
  record(object: KubeObject, type: 'Normal' | 'Warning', reason: string, message: string): void;
}

/**
 * Objects this process deleted that the cache may still show until the watch says so, so a controller
 * does not count (and delete again, or replace twice) what is already gone.
 */
export class Tombstones {
  private readonly uids = new Set<string>();

  /** Marks an object deleted, when the cache still holds it. */
  bury(object: KubeObject, cache: InformerCache): void {
    const uid = object.metadata.uid;
    if (!uid) return;
    const cached = cache.get({
      apiVersion: object.apiVersion,
      kind: object.kind,
      name: object.metadata.name,
      ...(object.metadata.namespace ? { namespace: object.metadata.namespace } : {}),
    });
    if (cached?.metadata.uid === uid) this.uids.add(uid);
  }

  /** The watch delivered the deletion: forget it. */
  forget(object: KubeObject): void {
    if (object.metadata.uid) this.uids.delete(object.metadata.uid);
  }

  /** Whether the object was deleted by this process. */
  has(object: KubeObject): boolean {
    return object.metadata.uid !== undefined && this.uids.has(object.metadata.uid);
  }
}

/** What every controller of the kubelet shares. */
export interface ControllerContext {
  /** Writes go through here (write-through into `cache`). */
  client: KubeClient;
  /** Every read comes from here. */
  cache: InformerCache;
  clock: Clock;
  timers: Timers;
  logger: Logger;
  /** An event sink reporting as `component` (`deployment-controller`, `kubelet`, …). */
  events(component: string): EventSink;
  tombstones: Tombstones;
  /** The one node's name. */
  nodeName: string;
}
