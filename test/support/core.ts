import { type ApiCore, createApiCore } from '../../src/local/apiserver/core.js';
import type { KubeObject } from '../../src/local/apiserver/model/object.js';
import type { ResourceType } from '../../src/local/apiserver/resources/resource-type.js';
import { ObjectStore } from '../../src/local/apiserver/store/object-store.js';
import { ManualClock } from '../../src/platform/clock.js';

/** An in-memory API core with a manual clock, for unit tests of server rules. */
export interface TestCore extends ApiCore {
  clock: ManualClock;
  /** The served type for `apiVersion` + `plural`, failing the test when absent. */
  type(apiVersion: string, plural: string): ResourceType;
  /** Creates an object from a manifest (namespace taken from its metadata). */
  create(apiVersion: string, plural: string, manifest: Record<string, unknown>): KubeObject;
  errors: unknown[];
}

/** A fresh core over an empty store. */
export function testCore(options: { historySize?: number } = {}): TestCore {
  const clock = new ManualClock('2026-03-01T12:00:00Z');
  const errors: unknown[] = [];
  const store = new ObjectStore(
    options.historySize !== undefined ? { historySize: options.historySize } : {},
  );
  const core = createApiCore({ store, clock, onError: (_m, e) => errors.push(e) });
  const type = (apiVersion: string, plural: string): ResourceType => {
    const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
    const found = core.registry.lookup(group ?? '', version ?? '', plural);
    if (!found) throw new Error(`${apiVersion} ${plural} is not served`);
    return found;
  };
  return {
    ...core,
    clock,
    errors,
    type,
    create(apiVersion, plural, manifest) {
      const meta = (manifest.metadata ?? {}) as { namespace?: string };
      return core.resources.create(type(apiVersion, plural), meta.namespace ?? '', {
        apiVersion,
        ...manifest,
      });
    },
  };
}
