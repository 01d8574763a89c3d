import type { IntOrString } from '../../kube/api/core-v1.js';

/** The value is neither an integer nor a percentage like `25%`. */
export class InvalidIntOrPercentError extends Error {
  readonly code = 'InvalidIntOrPercent';
  constructor(value: unknown) {
    super(`invalid value for IntOrString: ${JSON.stringify(value)}`);
    this.name = 'InvalidIntOrPercentError';
  }
}

/**
 * apimachinery's `GetScaledValueFromIntOrPercent`: an integer as is, a percentage of `total` rounded up
 * (`roundUp`, as for maxSurge) or down (maxUnavailable). Undefined counts as 0.
 */
export function scaledValue(value: IntOrString | undefined, total: number, roundUp: boolean): number {
  if (value === undefined) return 0;
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) throw new InvalidIntOrPercentError(value);
    return value;
  }
  const match = /^(-?\d+)%$/.exec(value);
  if (!match) {
    // Kubernetes accepts a plain number in a string only where it parses as an int: keep that.
    if (/^-?\d+$/.test(value)) return Number(value);
    throw new InvalidIntOrPercentError(value);
  }
  const scaled = (Number(match[1]) * total) / 100;
  return roundUp ? Math.ceil(scaled) : Math.floor(scaled);
}
