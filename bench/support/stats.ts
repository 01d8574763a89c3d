/** The nearest-rank percentile `p` (0–100) of some values; NaN when there are none. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] ?? Number.NaN;
}

/** A number with a fixed count of decimals, right-aligned in `width` columns. */
export function cell(value: number, decimals: number, width: number): string {
  const text = Number.isFinite(value) ? value.toFixed(decimals) : '-';
  return text.padStart(width);
}
