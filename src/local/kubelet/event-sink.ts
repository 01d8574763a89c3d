import { KubeEventRecorder } from '../../events/kube-event-recorder.js';
import type { KubeClient } from '../../kube/kube-client.js';
import type { Clock } from '../../platform/clock.js';
import type { Logger } from '../../platform/logger.js';
import type { EventSink } from './controller-context.js';

/**
 * Event sinks per component (`deployment-controller`, `kubelet`, …), writing core/v1 Events one after
 * another so a repeat's patch never overtakes the first write.
 */
export function kubeEventSinks(options: { client: KubeClient; clock: Clock; logger: Logger }): {
  sink(component: string): EventSink;
  flush(): Promise<void>;
} {
  const sinks = new Map<string, EventSink>();
  let chain: Promise<void> = Promise.resolve();
  return {
    sink(component) {
      let sink = sinks.get(component);
      if (!sink) {
        const recorder = new KubeEventRecorder({
          kube: options.client,
          clock: options.clock,
          logger: options.logger,
          component,
        });
        sink = {
          record(object, type, reason, message) {
            const write = recorder.record(object, type, reason, message);
            chain = chain.then(write, write);
          },
        };
        sinks.set(component, sink);
      }
      return sink;
    },
    flush: () => chain,
  };
}
