/** Keys of this family (Flux's kustomize/helm controllers) are never copied to objects Weir owns. */
const toolkitMarker = 'toolkit.fluxcd.io';

/** The pod-template annotation whose change forces a rolling update of the primary. */
export const flaggerIdAnnotation = 'flagger-id';

type StringMap = Record<string, string> | undefined;

/** `map` without keys containing `toolkit.fluxcd.io` (so Flux does not garbage-collect or revert the copy). */
export function withoutToolkitKeys(map: StringMap): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(map ?? {})) if (!key.includes(toolkitMarker)) out[key] = value;
  return out;
}

/**
 * The entries of `map` whose key starts with one of `prefixes` (`*` = every key; an empty prefix matches
 * nothing, as in Flagger since fluxcd/flagger#1403), toolkit keys excluded: the `-include-label-prefix` rule.
 */
export function includeByPrefix(map: StringMap, prefixes: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(withoutToolkitKeys(map))) {
    if (prefixes.some((prefix) => prefix === '*' || (prefix !== '' && key.startsWith(prefix))))
      out[key] = value;
  }
  return out;
}

/** `labels` (toolkit keys dropped) with the selector label set to the primary's value, e.g. `app: podinfo-primary`. */
export function primaryLabels(
  labels: StringMap,
  label: string,
  primaryValue: string,
): Record<string, string> {
  return { ...withoutToolkitKeys(labels), [label]: primaryValue };
}

/** Pod-template annotations of the primary: the target's (toolkit keys dropped) plus `flagger-id`. */
export function primaryTemplateAnnotations(annotations: StringMap, id: string): Record<string, string> {
  return { ...withoutToolkitKeys(annotations), [flaggerIdAnnotation]: id };
}
