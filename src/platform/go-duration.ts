const unitMs: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  μs: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

const token = /^(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/;

/** Parses a Go duration (`10s`, `1m30s`, `500ms`, `1.5h`) into milliseconds; undefined when invalid. */
export function parseGoDuration(text: string): number | undefined {
  let rest = text.trim();
  if (rest === '0') return 0;
  let sign = 1;
  if (rest.startsWith('-') || rest.startsWith('+')) {
    if (rest.startsWith('-')) sign = -1;
    rest = rest.slice(1);
  }
  if (rest === '') return undefined;
  let total = 0;
  while (rest.length > 0) {
    const match = token.exec(rest);
    if (!match) return undefined;
    total += Number(match[1]) * (unitMs[match[2] ?? ''] ?? Number.NaN);
    rest = rest.slice(match[0].length);
  }
  return Number.isFinite(total) ? sign * total : undefined;
}

function trimFraction(value: number, digits: number): string {
  return value.toFixed(digits).replace(/\.?0+$/, '');
}

/**
 * Formats milliseconds like Go's `time.Duration.String()`: `500ms`, `1.5s`, `1m30s`, `2h0m0s`, `0s`.
 * Used where Flagger's messages print durations (`request duration 1.5s > 500ms`).
 */
export function formatGoDuration(ms: number): string {
  if (ms === 0) return '0s';
  const sign = ms < 0 ? '-' : '';
  const abs = Math.abs(ms);
  if (abs < 1) {
    const us = abs * 1000;
    if (us < 1) return `${sign}${trimFraction(us * 1000, 0)}ns`;
    return `${sign}${trimFraction(us, 3)}µs`;
  }
  if (abs < 1000) return `${sign}${trimFraction(abs, 6)}ms`;
  const totalSeconds = abs / 1000;
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds - hours * 3600) / 60);
  const seconds = totalSeconds - hours * 3600 - minutes * 60;
  const secondsText = `${trimFraction(seconds, 9)}s`;
  if (hours > 0) return `${sign}${hours}h${minutes}m${secondsText}`;
  if (minutes > 0) return `${sign}${minutes}m${secondsText}`;
  return `${sign}${secondsText}`;
}
