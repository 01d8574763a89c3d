import {
  type FieldValidation,
  FieldValidation as FieldValidationValues,
  PropagationPolicy as Policies,
  type PropagationPolicy,
} from '../lifecycle/write-options.js';
import { badRequest } from '../model/api-error.js';

/** Query parameters of a resource request, parsed and checked once. */
export interface ResourceQuery {
  labelSelector?: string;
  fieldSelector?: string;
  resourceVersion?: string;
  timeoutSeconds?: number;
  limit?: number;
  continueToken?: string;
  allowWatchBookmarks: boolean;
  dryRun: boolean;
  fieldManager?: string;
  fieldValidation?: FieldValidation;
  propagationPolicy?: PropagationPolicy;
  includeObject: 'None' | 'Metadata' | 'Object';
  force: boolean;
  watch: boolean;
}

function integer(params: URLSearchParams, name: string): number | undefined {
  const raw = params.get(name);
  if (raw === null || raw === '') return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0)
    throw badRequest(`invalid value for ${name}: "${raw}": must be a non-negative integer`);
  return value;
}

function bool(params: URLSearchParams, name: string): boolean {
  const raw = params.get(name);
  return raw === 'true' || raw === '1';
}

function oneOf<T extends string>(
  params: URLSearchParams,
  name: string,
  allowed: readonly T[],
): T | undefined {
  const raw = params.get(name);
  if (raw === null || raw === '') return undefined;
  if ((allowed as readonly string[]).includes(raw)) return raw as T;
  throw badRequest(
    `invalid value for ${name}: "${raw}": supported values: ${allowed.map((a) => `"${a}"`).join(', ')}`,
  );
}

/** Parses the query string of a resource request. */
export function parseResourceQuery(params: URLSearchParams): ResourceQuery {
  const dryRun = params.getAll('dryRun');
  for (const value of dryRun) {
    if (value !== 'All') throw badRequest(`invalid dry run option: "${value}": supported values: "All"`);
  }
  const query: ResourceQuery = {
    allowWatchBookmarks: bool(params, 'allowWatchBookmarks'),
    dryRun: dryRun.length > 0,
    includeObject: oneOf(params, 'includeObject', ['None', 'Metadata', 'Object'] as const) ?? 'Metadata',
    force: bool(params, 'force'),
    watch: bool(params, 'watch'),
  };
  const labelSelector = params.get('labelSelector');
  if (labelSelector) query.labelSelector = labelSelector;
  const fieldSelector = params.get('fieldSelector');
  if (fieldSelector) query.fieldSelector = fieldSelector;
  const rv = params.get('resourceVersion');
  if (rv !== null) query.resourceVersion = rv;
  const timeout = integer(params, 'timeoutSeconds');
  if (timeout !== undefined) query.timeoutSeconds = timeout;
  const limit = integer(params, 'limit');
  if (limit !== undefined) query.limit = limit;
  const cont = params.get('continue');
  if (cont) query.continueToken = cont;
  const manager = params.get('fieldManager');
  if (manager) query.fieldManager = manager;
  const validation = oneOf(params, 'fieldValidation', Object.values(FieldValidationValues));
  if (validation) query.fieldValidation = validation;
  const policy = oneOf(params, 'propagationPolicy', Object.values(Policies));
  if (policy) query.propagationPolicy = policy;
  return query;
}
