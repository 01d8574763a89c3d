import type { KubeObject } from '../model/object.js';
import { buildTable } from '../printing/index.js';
import { apiVersionOf, type ResourceType } from '../resources/resource-type.js';
import type { Rendering } from './negotiation.js';
import type { ResourceQuery } from './query.js';

/** Renders one object per the negotiated representation. */
export function renderObject(
  type: ResourceType,
  object: KubeObject,
  rendering: Rendering,
  query: ResourceQuery,
  now: Date,
): unknown {
  switch (rendering.kind) {
    case 'object':
      return object;
    case 'metadata':
      return partialMetadata(object, rendering.version);
    case 'table':
      return tableOf(type, [object], query, now, { resourceVersion: object.metadata.resourceVersion });
  }
}

/** A page of a list rendered per the negotiated representation. */
export interface ListRenderInput {
  items: KubeObject[];
  resourceVersion: string;
  continueToken?: string;
  remainingItemCount?: number;
}

/** Renders a list: `<Kind>List`, a Table, or a PartialObjectMetadataList. */
export function renderList(
  type: ResourceType,
  page: ListRenderInput,
  rendering: Rendering,
  query: ResourceQuery,
  now: Date,
): unknown {
  const metadata: Record<string, unknown> = { resourceVersion: page.resourceVersion };
  if (page.continueToken) metadata.continue = page.continueToken;
  if (page.remainingItemCount !== undefined) metadata.remainingItemCount = page.remainingItemCount;
  switch (rendering.kind) {
    case 'object':
      return { kind: type.listKind, apiVersion: apiVersionOf(type), metadata, items: page.items };
    case 'metadata':
      return {
        kind: 'PartialObjectMetadataList',
        apiVersion: `meta.k8s.io/${rendering.version}`,
        metadata,
        items: page.items.map((o) => partialMetadata(o, rendering.version)),
      };
    case 'table':
      return tableOf(type, page.items, query, now, {
        resourceVersion: page.resourceVersion,
        continueToken: page.continueToken,
        remainingItemCount: page.remainingItemCount,
      });
  }
}

function partialMetadata(object: KubeObject, version: string): unknown {
  return { kind: 'PartialObjectMetadata', apiVersion: `meta.k8s.io/${version}`, metadata: object.metadata };
}

/** A Table of objects; `noHeaders` leaves out column definitions (watch events after the first). */
export function tableOf(
  type: ResourceType,
  objects: KubeObject[],
  query: ResourceQuery,
  now: Date,
  meta: {
    resourceVersion?: string | undefined;
    continueToken?: string | undefined;
    remainingItemCount?: number | undefined;
    noHeaders?: boolean;
  },
): unknown {
  return buildTable({
    printer: type.printer,
    objects,
    now,
    includeObject: query.includeObject,
    ...(meta.resourceVersion ? { resourceVersion: meta.resourceVersion } : {}),
    ...(meta.continueToken ? { continueToken: meta.continueToken } : {}),
    ...(meta.remainingItemCount !== undefined ? { remainingItemCount: meta.remainingItemCount } : {}),
    ...(meta.noHeaders ? { noHeaders: true } : {}),
  });
}
