import type { KubeObject } from '../model/object.js';
import type { ResourceType } from '../resources/resource-type.js';
import {
  assertFieldsSupported,
  matchesFields,
  matchesLabels,
  parseFieldSelector,
  parseLabelSelector,
} from '../selectors/index.js';
import type { ResourceQuery } from './query.js';

/** A predicate over stored objects for a request's label and field selectors (plus a name for watches on one object). */
export function selectionFilter(
  type: ResourceType,
  query: ResourceQuery,
  name?: string,
): ((object: KubeObject) => boolean) | undefined {
  const labels = query.labelSelector ? parseLabelSelector(query.labelSelector) : undefined;
  const fields = query.fieldSelector ? parseFieldSelector(query.fieldSelector) : undefined;
  if (fields) assertFieldsSupported(fields, Object.keys(type.fields({ metadata: {} })));
  if (!labels && !fields && !name) return undefined;
  return (object) => {
    if (name !== undefined && object.metadata.name !== name) return false;
    if (labels && !matchesLabels(labels, object.metadata.labels ?? {})) return false;
    if (fields && !matchesFields(fields, type.fields(type.codec.toServed(object)))) return false;
    return true;
  };
}
