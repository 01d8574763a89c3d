import { type RandomDelay, RandomErrorStatuses } from './podinfo-config.js';

/** Podinfo's `--random-delay` / `--random-error` decisions, from an injected source of randomness. */
export class Faults {
  constructor(
    private readonly options: {
      randomDelay?: RandomDelay;
      randomErrorRate?: number;
      /** Uniform in [0, 1), like `Math.random`. */
      random: () => number;
    },
  ) {}

  /** Milliseconds to wait before serving an application request (0 without `--random-delay`). */
  delayMs(): number {
    const delay = this.options.randomDelay;
    if (!delay) return 0;
    const units = delay.min + Math.floor(this.options.random() * (delay.max - delay.min));
    return delay.unit === 's' ? units * 1000 : units;
  }

  /** The error status to answer instead of serving, or undefined to serve normally. */
  errorStatus(): number | undefined {
    const rate = this.options.randomErrorRate;
    if (rate === undefined || this.options.random() >= rate) return undefined;
    const index = Math.floor(this.options.random() * RandomErrorStatuses.length);
    return RandomErrorStatuses[index] ?? RandomErrorStatuses[0];
  }
}

/**
 * Whether faults apply to `path`. Probes and metrics are spared (as podinfo spares them from its
 * fault-injection mode) so a faulty replica stays Ready and scrapeable while it fails its clients.
 */
export function faultsApply(path: string): boolean {
  return !(path === '/healthz' || path.startsWith('/readyz') || path === '/metrics');
}
