import { badRequest } from '../model/api-error.js';
import { isJsonObject } from '../model/object.js';
import {
  aggregateMessage,
  type LabelOperator,
  type LabelRequirement,
  makeRequirement,
  requirementErrors,
  requirementMatches,
  requirementToString,
} from './label-requirement.js';

/** A parsed label selector: all requirements must hold. */
export interface LabelSelector {
  /** Requirements sorted by key; none means "everything". */
  readonly requirements: readonly LabelRequirement[];
  /** True for the selector of a nil `metav1.LabelSelector`, which matches nothing. */
  readonly matchesNothing: boolean;
}

/** `metav1.LabelSelector` as it appears in objects. */
export interface LabelSelectorSpec {
  /** Exact `key: value` matches. */
  matchLabels?: unknown;
  /** `{key, operator: In|NotIn|Exists|DoesNotExist, values}` requirements. */
  matchExpressions?: unknown;
}

/** The selector that matches every label set. */
export const everything: LabelSelector = Object.freeze({
  requirements: Object.freeze([]),
  matchesNothing: false,
});

/** The selector that matches no label set. */
export const nothing: LabelSelector = Object.freeze({
  requirements: Object.freeze([]),
  matchesNothing: true,
});

/** Builds a selector from requirements, sorted by key as apimachinery does (stable for equal keys). */
export function selectorOf(requirements: readonly LabelRequirement[]): LabelSelector {
  return {
    requirements: [...requirements].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)),
    matchesNothing: false,
  };
}

/** Whether `labels` satisfy every requirement of `selector` (an empty selector matches everything). */
export function matchesLabels(
  selector: LabelSelector,
  labels: Readonly<Record<string, string>> | undefined,
): boolean {
  if (selector.matchesNothing) return false;
  const set = labels ?? {};
  return selector.requirements.every((r) => requirementMatches(r, set));
}

/** True when the selector does not restrict anything. */
export function isEverything(selector: LabelSelector): boolean {
  return !selector.matchesNothing && selector.requirements.length === 0;
}

/** The canonical string form (`app=web,tier in (a,b)`), as `Selector.String()` prints it. */
export function labelSelectorToString(selector: LabelSelector): string {
  return selector.requirements.map(requirementToString).join(',');
}

/** The selector matching exactly the given labels (`SelectorFromSet`). */
export function selectorFromSet(labels: Readonly<Record<string, string>>): LabelSelector {
  return selectorOf(Object.entries(labels).map(([k, v]) => makeRequirement(k, '=', [v])));
}

const specOperators: Record<string, LabelOperator> = {
  In: 'in',
  NotIn: 'notin',
  Exists: 'exists',
  DoesNotExist: '!',
};

function checked(key: string, operator: LabelOperator, values: string[]): LabelRequirement {
  const message = aggregateMessage(requirementErrors(key, operator, values));
  if (message) throw badRequest(message);
  return makeRequirement(key, operator, values);
}

/**
 * `metav1.LabelSelectorAsSelector`: a nil spec matches nothing, an empty one everything; otherwise matchLabels
 * become `=` requirements and matchExpressions `in`/`notin`/`exists`/`!`. Invalid keys, values or operators
 * throw a 400 worded like apimachinery (validate with `validateLabelSelectorSpec` first for 422 field errors).
 */
export function labelSelectorFromSpec(spec: LabelSelectorSpec | null | undefined): LabelSelector {
  if (spec === null || spec === undefined) return nothing;
  const requirements: LabelRequirement[] = [];
  if (isJsonObject(spec.matchLabels)) {
    for (const [key, value] of Object.entries(spec.matchLabels))
      requirements.push(checked(key, '=', [String(value ?? '')]));
  }
  if (Array.isArray(spec.matchExpressions)) {
    for (const expression of spec.matchExpressions) {
      const expr = isJsonObject(expression) ? expression : {};
      const operator = specOperators[String(expr.operator)];
      if (!operator)
        throw badRequest(
          `${JSON.stringify(String(expr.operator ?? ''))} is not a valid label selector operator`,
        );
      const values = Array.isArray(expr.values) ? expr.values.map((v) => String(v)) : [];
      requirements.push(checked(String(expr.key ?? ''), operator, values));
    }
  }
  return requirements.length === 0 ? everything : selectorOf(requirements);
}
