import type { Clock } from '../../../platform/clock.js';
import type { DeletionService } from '../lifecycle/deletion.js';
import type { ResourceService } from '../lifecycle/resource-service.js';
import type { ScaleService } from '../lifecycle/scale.js';
import type { ResourceRegistry } from '../resources/registry.js';
import type { ObjectStore } from '../store/object-store.js';

/** Open watch streams, so faults can cut them and shutdown can end them. */
export class WatchStreams {
  private readonly open = new Set<() => void>();

  /** Registers a stream's closer; returns the function that unregisters it. */
  add(close: () => void): () => void {
    this.open.add(close);
    return () => this.open.delete(close);
  }

  /** Ends every open watch (clients see the stream end and re-watch). */
  cutAll(): number {
    const closers = [...this.open];
    for (const close of closers) close();
    return closers.length;
  }

  /** How many watches are open. */
  get size(): number {
    return this.open.size;
  }
}

/** Everything the HTTP handlers use. */
export interface ApiContext {
  store: ObjectStore;
  registry: ResourceRegistry;
  resources: ResourceService;
  deletion: DeletionService;
  scale: ScaleService;
  clock: Clock;
  watches: WatchStreams;
  /** How often watches with allowWatchBookmarks get a BOOKMARK. */
  bookmarkIntervalMs: number;
}
