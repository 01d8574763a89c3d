import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { InformerCache } from '../../kube/informer-cache.js';
import type { Logger } from '../../platform/logger.js';
import { podTargetsFile, type ScrapablePod } from './pod-targets.js';

const PodType = { apiVersion: 'v1', kind: 'Pod' } as const;

/**
 * Keeps a file_sd targets file in step with the pods in an informer cache: rewritten (atomically, by
 * rename, as Prometheus asks) whenever a pod change alters the targets, at most once per event-loop turn.
 */
export class PodTargetWriter {
  private scheduled = false;
  private stopped = false;
  private last: string | undefined;

  constructor(
    private readonly cache: InformerCache,
    private readonly file: string,
    private readonly logger: Logger,
  ) {}

  /** Starts following pods; resolves after the first file is written. */
  async start(): Promise<void> {
    mkdirSync(dirname(this.file), { recursive: true });
    try {
      this.last = readFileSync(this.file, 'utf8');
    } catch {
      this.last = undefined;
    }
    const changed = () => this.schedule();
    this.cache.track(PodType, { onAdd: changed, onUpdate: changed, onDelete: changed });
    await this.cache.synced();
    this.write();
  }

  /** Stops writing (the cache keeps running; its owner stops it). */
  stop(): void {
    this.stopped = true;
  }

  private schedule(): void {
    if (this.scheduled || this.stopped) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      if (!this.stopped) this.write();
    });
  }

  private write(): void {
    const text = podTargetsFile(this.cache.list<ScrapablePod>(PodType));
    if (text === this.last) return;
    try {
      const temporary = `${this.file}.tmp`;
      writeFileSync(temporary, text);
      renameSync(temporary, this.file);
      this.last = text;
    } catch (error) {
      this.logger.warn('cannot write the pod scrape targets', { file: this.file, error: String(error) });
    }
  }
}
