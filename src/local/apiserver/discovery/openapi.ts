import { createHash } from 'node:crypto';
import type { ResourceRegistry } from '../resources/registry.js';
import type { ResourceType } from '../resources/resource-type.js';

/** The OpenAPI v3 documents served under /openapi/v3, rebuilt when the registry changes. */
export interface OpenApiV3 {
  /** `/openapi/v3`: the index of group/version documents with content hashes. */
  index: unknown;
  /** `api/v1`, `apis/apps/v1`, … → document JSON and its hash. */
  documents: Map<string, { json: string; hash: string }>;
}

function reverseDomain(group: string): string {
  return group ? group.split('.').reverse().join('.') : 'io.k8s.api.core';
}

function schemaName(type: ResourceType): string {
  return `${reverseDomain(type.group)}.${type.version}.${type.kind}`;
}

const fieldValidationParam = {
  name: 'fieldValidation',
  in: 'query',
  description: 'how the server treats unknown and duplicate fields: Ignore, Warn or Strict',
  schema: { type: 'string', uniqueItems: true },
};

function paths(type: ResourceType, prefix: string): Record<string, unknown> {
  const gvk = { group: type.group, version: type.version, kind: type.kind };
  const collection = type.namespaced
    ? `${prefix}/namespaces/{namespace}/${type.plural}`
    : `${prefix}/${type.plural}`;
  const item = `${collection}/{name}`;
  const op = (action: string, extra: Record<string, unknown> = {}) => ({
    operationId: `${action}${type.kind}`,
    'x-kubernetes-action': action,
    'x-kubernetes-group-version-kind': gvk,
    responses: { '200': { description: 'OK' } },
    ...extra,
  });
  return {
    [collection]: {
      get: op('list'),
      post: op('post', { parameters: [fieldValidationParam] }),
    },
    [item]: {
      get: op('get'),
      put: op('put', { parameters: [fieldValidationParam] }),
      patch: op('patch', { parameters: [fieldValidationParam] }),
      delete: op('delete'),
    },
  };
}

/**
 * Builds minimal OpenAPI v3 documents: every resource's paths (with the `fieldValidation` parameter, which
 * tells kubectl to validate on the server) and, for custom resources, the CRD's schema for `kubectl explain`.
 */
export function buildOpenApiV3(
  registry: ResourceRegistry,
  schemas: (type: ResourceType) => unknown | undefined,
): OpenApiV3 {
  const byGroupVersion = new Map<string, ResourceType[]>();
  for (const type of registry.all()) {
    const key = type.group ? `apis/${type.group}/${type.version}` : `api/${type.version}`;
    const list = byGroupVersion.get(key) ?? [];
    list.push(type);
    byGroupVersion.set(key, list);
  }
  const documents = new Map<string, { json: string; hash: string }>();
  const indexPaths: Record<string, { serverRelativeURL: string }> = {};
  for (const [key, types] of [...byGroupVersion].sort(([a], [b]) => a.localeCompare(b))) {
    const docPaths: Record<string, unknown> = {};
    const componentSchemas: Record<string, unknown> = {};
    for (const type of types) {
      Object.assign(docPaths, paths(type, `/${key}`));
      const schema = schemas(type);
      if (schema) {
        componentSchemas[schemaName(type)] = {
          ...(schema as object),
          'x-kubernetes-group-version-kind': [{ group: type.group, version: type.version, kind: type.kind }],
        };
      }
    }
    const doc = {
      openapi: '3.0.0',
      info: { title: 'Kubernetes', version: 'v1.31.0' },
      paths: docPaths,
      components: { schemas: componentSchemas },
    };
    const json = JSON.stringify(doc);
    const hash = createHash('sha512').update(json).digest('hex').toUpperCase().slice(0, 128);
    documents.set(key, { json, hash });
    indexPaths[key] = { serverRelativeURL: `/openapi/v3/${key}?hash=${hash}` };
  }
  return { index: { paths: indexPaths }, documents };
}
