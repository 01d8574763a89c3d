import type { PolicyRule } from './policy.js';
import type { RequestAttributes } from './request-attributes.js';

const all = '*';

/** Whether the rule names the verb (or `*`). */
export function verbMatches(rule: PolicyRule, verb: string): boolean {
  return rule.verbs.some((v) => v === all || v === verb);
}

/** Whether the rule names the API group (or `*`). */
export function apiGroupMatches(rule: PolicyRule, group: string): boolean {
  return rule.apiGroups.some((g) => g === all || g === group);
}

/**
 * Whether the rule names the resource: `*`, the exact `resource` or `resource/subresource`, or
 * `*\/subresource` for a subresource of any resource (a bare `resource` does not cover its subresources).
 */
export function resourceMatches(rule: PolicyRule, combined: string, subresource: string): boolean {
  return rule.resources.some(
    (r) => r === all || r === combined || (subresource !== '' && r === `*/${subresource}`),
  );
}

/** Whether the rule allows the name (a rule without resourceNames allows any, including none). */
export function resourceNameMatches(rule: PolicyRule, name: string): boolean {
  return rule.resourceNames.length === 0 || rule.resourceNames.includes(name);
}

/** Whether the rule names the path: `*`, exactly, or by a prefix ending in `*`. */
export function nonResourceUrlMatches(rule: PolicyRule, path: string): boolean {
  return rule.nonResourceURLs.some(
    (u) => u === all || u === path || (u.endsWith('*') && path.startsWith(u.slice(0, -1))),
  );
}

/** Whether one rule allows the request (Kubernetes' `RuleAllows`). */
export function ruleAllows(attributes: RequestAttributes, rule: PolicyRule): boolean {
  if (!verbMatches(rule, attributes.verb)) return false;
  if (!attributes.resourceRequest) return nonResourceUrlMatches(rule, attributes.path);
  const combined = attributes.subresource
    ? `${attributes.resource}/${attributes.subresource}`
    : attributes.resource;
  return (
    apiGroupMatches(rule, attributes.apiGroup) &&
    resourceMatches(rule, combined, attributes.subresource) &&
    resourceNameMatches(rule, attributes.name)
  );
}
