import { ApiError } from '../model/api-error.js';

/** One entry of an Accept header. */
export interface MediaRange {
  type: string;
  params: Record<string, string>;
}

/** Splits an Accept (or Content-Type) header into media ranges with lower-cased types. */
export function parseMediaRanges(header: string | undefined): MediaRange[] {
  if (!header) return [];
  return header.split(',').map((part) => {
    const [type = '', ...rest] = part.split(';').map((s) => s.trim());
    const params: Record<string, string> = {};
    for (const p of rest) {
      const eq = p.indexOf('=');
      if (eq > 0)
        params[p.slice(0, eq).trim()] = p
          .slice(eq + 1)
          .trim()
          .replace(/^"|"$/g, '');
    }
    return { type: type.toLowerCase(), params };
  });
}

/** How a resource response is rendered. */
export type Rendering =
  | { kind: 'object' }
  | { kind: 'table'; version: 'v1' | 'v1beta1' }
  | { kind: 'metadata'; version: 'v1' | 'v1beta1' };

const jsonTypes = new Set(['application/json', 'application/*', '*/*', 'application/yaml']);

/** Picks the rendering for a resource response from the Accept header (406 when only protobuf is acceptable). */
export function negotiateRendering(accept: string | undefined): Rendering {
  const ranges = parseMediaRanges(accept);
  if (ranges.length === 0) return { kind: 'object' };
  for (const range of ranges) {
    if (!jsonTypes.has(range.type)) continue;
    const as = range.params.as;
    const group = range.params.g;
    const version = range.params.v === 'v1beta1' ? 'v1beta1' : 'v1';
    if (as === undefined) return { kind: 'object' };
    if (group !== 'meta.k8s.io') continue;
    if (as === 'Table') return { kind: 'table', version };
    if (as === 'PartialObjectMetadata' || as === 'PartialObjectMetadataList')
      return { kind: 'metadata', version };
  }
  throw new ApiError(
    'NotAcceptable',
    `only the following media types are accepted: application/json, application/yaml, application/json;as=Table;v=v1;g=meta.k8s.io`,
  );
}

/** Which discovery document format the client asked for. */
export type DiscoveryFormat = { kind: 'legacy' } | { kind: 'aggregated'; version: 'v2' | 'v2beta1' };

/** Aggregated discovery (apidiscovery.k8s.io) when the client lists it first among what it accepts. */
export function negotiateDiscovery(accept: string | undefined): DiscoveryFormat {
  for (const range of parseMediaRanges(accept)) {
    if (range.params.g === 'apidiscovery.k8s.io' && range.params.as === 'APIGroupDiscoveryList') {
      if (range.params.v === 'v2' || range.params.v === 'v2beta1')
        return { kind: 'aggregated', version: range.params.v };
      continue;
    }
    if (jsonTypes.has(range.type) && !range.params.as) return { kind: 'legacy' };
  }
  return { kind: 'legacy' };
}
