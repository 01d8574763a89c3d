import { type KubeConfig, Watch } from '@kubernetes/client-node';

/** One event of a watch stream. */
export interface WatchEvent {
  type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
  object: unknown;
}

/** An open watch that can be cancelled. */
export interface WatchHandle {
  /** Stops the stream; `onDone` is not called after this. */
  abort(): void;
}

/** Opens watch streams; the informer's only way to see changes. */
export interface WatchSource {
  /**
   * Streams events of the collection at `path` from `resourceVersion`. `onDone` is called once when the
   * stream ends: with no error when the server closed it, else with the error (its `statusCode` 410 means expired).
   */
  watch(
    path: string,
    query: Record<string, string>,
    onEvent: (event: WatchEvent) => void,
    onDone: (error: unknown) => void,
  ): Promise<WatchHandle>;
}

/** {@link WatchSource} over client-node's `Watch` (JSON lines over a kubeconfig's connection). */
export class KubeConfigWatchSource implements WatchSource {
  private readonly client: Watch;

  constructor(kubeConfig: KubeConfig) {
    this.client = new Watch(kubeConfig);
  }

  async watch(
    path: string,
    query: Record<string, string>,
    onEvent: (event: WatchEvent) => void,
    onDone: (error: unknown) => void,
  ): Promise<WatchHandle> {
    let aborted = false;
    const controller = await this.client.watch(
      path,
      query,
      (type: string, object: unknown) => onEvent({ type: type as WatchEvent['type'], object }),
      (error: unknown) => {
        if (!aborted) onDone(error ?? undefined);
      },
    );
    return {
      abort() {
        aborted = true;
        controller.abort();
      },
    };
  }
}
