import type { FieldViolation } from '../../validation/field-violation.js';
import { lazyValidator } from '../../validation/schema-validator.js';
import { type AlertProvider, AlertProviderSchema } from './alert-provider.js';
import { type Canary, CanarySchema } from './canary.js';
import { type MetricTemplate, MetricTemplateSchema } from './metric-template.js';

// Compiled on first use, once per process: the validators are pure functions of the schemas.
const validateCanary = lazyValidator<Canary>(CanarySchema);
const validateMetricTemplate = lazyValidator<MetricTemplate>(MetricTemplateSchema);
const validateAlertProvider = lazyValidator<AlertProvider>(AlertProviderSchema);

/**
 * Checks an untrusted value (a watch event, a file) against the Canary schema: the typed Canary, or every
 * invalid field with a message naming it and what would be valid. The value is not copied or defaulted.
 */
export function parseCanary(
  value: unknown,
): { ok: true; canary: Canary } | { ok: false; errors: FieldViolation[] } {
  const result = validateCanary(value);
  return result.ok ? { ok: true, canary: result.value } : result;
}

/** Checks an untrusted value against the MetricTemplate schema, like {@link parseCanary}. */
export function parseMetricTemplate(
  value: unknown,
): { ok: true; metricTemplate: MetricTemplate } | { ok: false; errors: FieldViolation[] } {
  const result = validateMetricTemplate(value);
  return result.ok ? { ok: true, metricTemplate: result.value } : result;
}

/** Checks an untrusted value against the AlertProvider schema, like {@link parseCanary}. */
export function parseAlertProvider(
  value: unknown,
): { ok: true; alertProvider: AlertProvider } | { ok: false; errors: FieldViolation[] } {
  const result = validateAlertProvider(value);
  return result.ok ? { ok: true, alertProvider: result.value } : result;
}
