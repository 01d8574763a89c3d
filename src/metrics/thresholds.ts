import type { CanaryMetric } from '../apis/index.js';
import { formatGoDuration } from '../platform/go-duration.js';
import { goFixed, goFloat } from './template/go-format.js';

/** How a metric's value is read and worded: success rate (%), request duration (ms) or a custom value. */
export const ValueKinds = ['success-rate', 'duration', 'custom'] as const;
export type ValueKind = (typeof ValueKinds)[number];

/** Accepted range of a value; an absent side is open. */
export interface Bounds {
  min?: number;
  max?: number;
}

/**
 * The bounds a metric is checked against. `thresholdRange` wins; otherwise the deprecated `threshold`
 * (default 0, as in Flagger) is a minimum for the success rate and a maximum for everything else — so a
 * custom metric without any threshold fails on any positive value (§9.3 #14). Request-duration bounds are
 * milliseconds, truncated to whole ms as Go's `time.Duration(x) * time.Millisecond` does.
 */
export function boundsOf(metric: CanaryMetric, kind: ValueKind): Bounds {
  const ms = (v: number | undefined) => (v === undefined || kind !== 'duration' ? v : Math.trunc(v));
  const bounds: Bounds = {};
  if (metric.thresholdRange) {
    const min = ms(metric.thresholdRange.min);
    const max = ms(metric.thresholdRange.max);
    if (min !== undefined) bounds.min = min;
    if (max !== undefined) bounds.max = max;
    return bounds;
  }
  const threshold = ms(metric.threshold ?? 0)!;
  if (kind === 'success-rate') bounds.min = threshold;
  else bounds.max = threshold;
  return bounds;
}

/** Which bound a value breaks, the minimum checked first (Flagger's order); undefined when within. */
export function breach(value: number, bounds: Bounds): 'min' | 'max' | undefined {
  if (bounds.min !== undefined && value < bounds.min) return 'min';
  if (bounds.max !== undefined && value > bounds.max) return 'max';
  return undefined;
}

function formatValue(kind: ValueKind, value: number): string {
  switch (kind) {
    case 'success-rate':
      return `${goFixed(value, 2)}%`;
    case 'duration':
      return Number.isFinite(value) ? formatGoDuration(value) : goFloat(value);
    case 'custom':
      return goFixed(value, 2);
  }
}

function formatBound(kind: ValueKind, bound: number): string {
  switch (kind) {
    case 'success-rate':
      return `${goFloat(bound)}%`;
    case 'duration':
      return formatGoDuration(bound);
    case 'custom':
      return goFloat(bound);
  }
}

function label(kind: ValueKind, name: string): string {
  return kind === 'success-rate' ? 'success rate' : kind === 'duration' ? 'request duration' : name;
}

/**
 * Flagger's halt message for a value out of bounds: `Halt podinfo.test advancement success rate 69.17% < 99%`,
 * `… request duration 1.5s > 500ms`, `… latency 600.00 > 500`.
 */
export function haltMessage(options: {
  canary: { name: string; namespace: string };
  kind: ValueKind;
  metric: string;
  value: number;
  side: 'min' | 'max';
  bound: number;
}): string {
  const { canary, kind, value, side, bound } = options;
  const op = side === 'min' ? '<' : '>';
  return `Halt ${canary.name}.${canary.namespace} advancement ${label(kind, options.metric)} ${formatValue(kind, value)} ${op} ${formatBound(kind, bound)}`;
}

/** Why a value passed, for the status: `success rate 99.50% within bounds (min 99%)`. */
export function passMessage(kind: ValueKind, metric: string, value: number, bounds: Bounds): string {
  const parts = [
    bounds.min !== undefined ? `min ${formatBound(kind, bounds.min)}` : undefined,
    bounds.max !== undefined ? `max ${formatBound(kind, bounds.max)}` : undefined,
  ].filter((p) => p !== undefined);
  const range = parts.length > 0 ? parts.join(', ') : 'no threshold';
  return `${label(kind, metric)} ${formatValue(kind, value)} within bounds (${range})`;
}
