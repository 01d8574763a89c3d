import { cpus, loadavg, totalmem } from 'node:os';

/** One line describing the machine and the runtime. */
export function machineLine(): string {
  const list = cpus();
  const model = list[0]?.model.trim() ?? 'unknown cpu';
  const memory = (totalmem() / 2 ** 30).toFixed(0);
  return `machine: ${list.length} cpus (${model}), ${memory} GiB, ${process.platform} ${process.arch}, Node ${process.version}`;
}

/** The load average now, with a warning when other work competes for the cores. */
export function loadLine(when: string): string {
  const [one, five] = loadavg();
  const busy =
    (one ?? 0) > 0.5
      ? '  (other processes compete for the cores: throughput and delays suffer; CPU time per operation varies less)'
      : '';
  return `load average ${when}: ${(one ?? 0).toFixed(2)} (1 min), ${(five ?? 0).toFixed(2)} (5 min)${busy}`;
}

/**
 * A figure against its aim as a factor, `1.40x`, with ` MISSED` below 1; rounded down, so a figure just
 * short of its aim never prints as 1.00x. An aim of 0 (nothing at all) is met only by 0.
 */
export function ratio(value: number, aim: number, lowerIsBetter: boolean): string {
  if (!Number.isFinite(value)) return '-';
  if (aim === 0) return value === 0 ? 'met' : 'MISSED';
  const x = Math.floor((lowerIsBetter ? aim / value : value / aim) * 100) / 100;
  if (!Number.isFinite(x)) return 'met';
  return `${x.toFixed(2)}x${x >= 1 ? '' : ' MISSED'}`;
}
