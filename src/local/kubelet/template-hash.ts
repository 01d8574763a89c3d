import type { PodTemplateSpec } from '../../kube/api/core-v1.js';

/** The label that ties a ReplicaSet and its pods to one pod template of a Deployment. */
export const PodTemplateHashLabel = 'pod-template-hash';
/** The label that ties a DaemonSet's pods to one template revision. */
export const ControllerRevisionHashLabel = 'controller-revision-hash';

// apimachinery's rand.SafeEncodeString alphabet: no vowels (no words) and no look-alikes.
const alphanums = 'bcdfghjklmnpqrstvwxz2456789';

/** JSON with object keys sorted, so equal values always print the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function fnv32a(text: string): number {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(text, 'utf8')) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/** `rand.SafeEncodeString`: each character mapped into the safe alphabet by its code. */
function safeEncode(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) out += alphanums[text.charCodeAt(i) % alphanums.length];
  return out;
}

/**
 * The `pod-template-hash` of a template, shaped like Kubernetes' (`7b8d9c5f4`): FNV-32a of the template
 * (plus the collision count, when there is one), its decimal digits safe-encoded. Kubernetes hashes Go's
 * printed struct, which cannot be reproduced; equal templates still give equal hashes.
 */
export function templateHash(template: PodTemplateSpec, collisionCount?: number): string {
  const text = canonicalJson(withoutHashLabels(template)) + (collisionCount ? `#${collisionCount}` : '');
  return safeEncode(String(fnv32a(text)));
}

/** The template without the hash labels controllers add, for comparing a ReplicaSet with its Deployment. */
export function withoutHashLabels(template: PodTemplateSpec): PodTemplateSpec {
  const labels = template.metadata?.labels;
  if (!labels || (!(PodTemplateHashLabel in labels) && !(ControllerRevisionHashLabel in labels)))
    return template;
  const { [PodTemplateHashLabel]: _hash, [ControllerRevisionHashLabel]: _revision, ...rest } = labels;
  return { ...template, metadata: { ...template.metadata, labels: rest } };
}

/** Kubernetes' `EqualIgnoreHash`: the templates are the same apart from the hash label. */
export function sameTemplate(a: PodTemplateSpec, b: PodTemplateSpec): boolean {
  return canonicalJson(withoutHashLabels(a)) === canonicalJson(withoutHashLabels(b));
}
