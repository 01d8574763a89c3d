import { type FieldError, FieldErrorType, formatFieldError } from '../model/field-error.js';
import { isJsonObject } from '../model/object.js';

/** Status codes a fault can answer with. */
export const FaultCodes = [409, 429, 500, 503] as const;
export type FaultCode = (typeof FaultCodes)[number];

/** What to inject, switchable at run time (PUT /weir/faults). */
export interface FaultConfig {
  /** Added before every matching request is served. */
  latencyMs: number;
  /** Share of matching requests (0–1) answered with one of `errorCodes` instead of being served. */
  errorRate: number;
  errorCodes: FaultCode[];
  /** Only requests with these verbs (empty: all). */
  verbs: string[];
  /** Only requests for these resources, by plural (empty: all). */
  resources: string[];
  /** Only requests of these users, e.g. `system:serviceaccount:ops:weir` (empty: all; needs RBAC on to tell users apart). */
  users: string[];
}

/** The verdict for one request. */
export interface FaultDecision {
  delayMs: number;
  failWith: FaultCode | undefined;
}

const none: FaultConfig = {
  latencyMs: 0,
  errorRate: 0,
  errorCodes: [500],
  verbs: [],
  resources: [],
  users: [],
};

/** Decides, per request, whether to delay or fail it; watch-stream cuts are separate (they act on open streams). */
export class FaultInjector {
  private config: FaultConfig = { ...none };

  constructor(private readonly random: () => number = Math.random) {}

  /** The active configuration. */
  get current(): FaultConfig {
    return { ...this.config };
  }

  /** Replaces the configuration after validating it; returns the field errors instead when invalid. */
  set(input: unknown): FieldError[] {
    const parsed = parseFaultConfig(input);
    if (Array.isArray(parsed)) return parsed;
    this.config = parsed;
    return [];
  }

  /** Back to no faults. */
  clear(): void {
    this.config = { ...none };
  }

  /** The verdict for a request with this verb and resource, made by this user. */
  decide(verb: string, resource: string, user = ''): FaultDecision {
    const c = this.config;
    const matches =
      (c.verbs.length === 0 || c.verbs.includes(verb)) &&
      (c.resources.length === 0 || c.resources.includes(resource)) &&
      (c.users.length === 0 || c.users.includes(user));
    if (!matches) return { delayMs: 0, failWith: undefined };
    const fail = c.errorRate > 0 && this.random() < c.errorRate;
    const code = fail ? c.errorCodes[Math.floor(this.random() * c.errorCodes.length)] : undefined;
    return { delayMs: c.latencyMs, failWith: code };
  }
}

/** Validates a fault configuration body; every problem is named by field. */
export function parseFaultConfig(input: unknown): FaultConfig | FieldError[] {
  if (!isJsonObject(input))
    return [{ type: FieldErrorType.Invalid, field: '', badValue: input, detail: 'must be a JSON object' }];
  const errors: FieldError[] = [];
  const known = new Set(['latencyMs', 'errorRate', 'errorCodes', 'verbs', 'resources', 'users']);
  for (const key of Object.keys(input)) {
    if (!known.has(key))
      errors.push({
        type: FieldErrorType.NotSupported,
        field: key,
        badValue: key,
        detail: `supported fields: ${[...known].join(', ')}`,
      });
  }
  const config: FaultConfig = { ...none };
  if (input.latencyMs !== undefined) {
    if (typeof input.latencyMs !== 'number' || input.latencyMs < 0 || input.latencyMs > 60_000) {
      errors.push({
        type: FieldErrorType.Invalid,
        field: 'latencyMs',
        badValue: input.latencyMs,
        detail: 'must be a number of milliseconds between 0 and 60000',
      });
    } else config.latencyMs = input.latencyMs;
  }
  if (input.errorRate !== undefined) {
    if (typeof input.errorRate !== 'number' || input.errorRate < 0 || input.errorRate > 1) {
      errors.push({
        type: FieldErrorType.Invalid,
        field: 'errorRate',
        badValue: input.errorRate,
        detail: 'must be a number between 0 and 1',
      });
    } else config.errorRate = input.errorRate;
  }
  if (input.errorCodes !== undefined) {
    const codes = Array.isArray(input.errorCodes) ? input.errorCodes : [input.errorCodes];
    const bad = codes.filter((c) => !FaultCodes.includes(c as FaultCode));
    if (bad.length > 0 || codes.length === 0) {
      errors.push({
        type: FieldErrorType.NotSupported,
        field: 'errorCodes',
        badValue: input.errorCodes,
        detail: `supported values: ${FaultCodes.join(', ')}`,
      });
    } else config.errorCodes = codes as FaultCode[];
  }
  for (const key of ['verbs', 'resources', 'users'] as const) {
    const value = input[key];
    if (value === undefined) continue;
    if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
      errors.push({
        type: FieldErrorType.Invalid,
        field: key,
        badValue: value,
        detail: 'must be a list of strings',
      });
    } else config[key] = value as string[];
  }
  return errors.length > 0 ? errors : config;
}

/** One line per problem, for error bodies. */
export function describeFaultErrors(errors: FieldError[]): string {
  return errors.map(formatFieldError).join('; ');
}
