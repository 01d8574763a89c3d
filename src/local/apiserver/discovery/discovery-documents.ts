import type { ResourceRegistry } from '../resources/registry.js';
import type { ResourceType } from '../resources/resource-type.js';

const subresourceVerbs = ['get', 'patch', 'update'] as const;
const tokenRequestKind = { group: 'authentication.k8s.io', version: 'v1', kind: 'TokenRequest' } as const;

/** `/api`: the legacy core versions document. */
export function apiVersions(serverAddress: string): unknown {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }],
  };
}

function groupVersions(
  registry: ResourceRegistry,
  group: string,
): { groupVersion: string; version: string }[] {
  return registry.versionsOf(group).map((version) => ({ groupVersion: `${group}/${version}`, version }));
}

/** `/apis/<group>`: one group with its versions, preferred first. */
export function apiGroup(registry: ResourceRegistry, group: string): unknown | undefined {
  const versions = groupVersions(registry, group);
  if (versions.length === 0) return undefined;
  return { kind: 'APIGroup', apiVersion: 'v1', name: group, versions, preferredVersion: versions[0] };
}

/** `/apis`: every named group (the legacy, non-aggregated form). */
export function apiGroupList(registry: ResourceRegistry): unknown {
  const groups = registry
    .groups()
    .filter((g) => g !== '')
    .map((name) => {
      const versions = groupVersions(registry, name);
      return { name, versions, preferredVersion: versions[0] };
    });
  return { kind: 'APIGroupList', apiVersion: 'v1', groups };
}

function typesAt(registry: ResourceRegistry, group: string, version: string): ResourceType[] {
  return registry
    .all()
    .filter((t) => t.group === group && t.version === version)
    .sort((a, b) => a.plural.localeCompare(b.plural));
}

/** `/api/v1` and `/apis/<group>/<version>`: the resources of one group/version, subresources included. */
export function apiResourceList(
  registry: ResourceRegistry,
  group: string,
  version: string,
): unknown | undefined {
  const types = typesAt(registry, group, version);
  if (types.length === 0) return undefined;
  const resources: unknown[] = [];
  for (const type of types) {
    const entry: Record<string, unknown> = {
      name: type.plural,
      singularName: type.singular,
      namespaced: type.namespaced,
      kind: type.kind,
      verbs: [...type.verbs],
    };
    if (type.shortNames.length > 0) entry.shortNames = [...type.shortNames];
    if (type.categories.length > 0) entry.categories = [...type.categories];
    resources.push(entry);
    if (type.subresources.scale) {
      resources.push({
        name: `${type.plural}/scale`,
        singularName: '',
        namespaced: type.namespaced,
        group: 'autoscaling',
        version: 'v1',
        kind: 'Scale',
        verbs: [...subresourceVerbs],
      });
    }
    if (type.subresources.status) {
      resources.push({
        name: `${type.plural}/status`,
        singularName: '',
        namespaced: type.namespaced,
        kind: type.kind,
        verbs: [...subresourceVerbs],
      });
    }
    if (type.subresources.token) {
      resources.push({
        name: `${type.plural}/token`,
        singularName: '',
        namespaced: type.namespaced,
        ...tokenRequestKind,
        verbs: ['create'],
      });
    }
  }
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: group ? `${group}/${version}` : version,
    resources,
  };
}

function discoveryResource(type: ResourceType): unknown {
  const entry: Record<string, unknown> = {
    resource: type.plural,
    responseKind: { group: type.group, version: type.version, kind: type.kind },
    scope: type.namespaced ? 'Namespaced' : 'Cluster',
    singularResource: type.singular,
    verbs: [...type.verbs],
  };
  if (type.shortNames.length > 0) entry.shortNames = [...type.shortNames];
  if (type.categories.length > 0) entry.categories = [...type.categories];
  const subresources: unknown[] = [];
  if (type.subresources.scale) {
    subresources.push({
      subresource: 'scale',
      responseKind: { group: 'autoscaling', version: 'v1', kind: 'Scale' },
      verbs: [...subresourceVerbs],
    });
  }
  if (type.subresources.status) {
    subresources.push({
      subresource: 'status',
      responseKind: { group: type.group, version: type.version, kind: type.kind },
      verbs: [...subresourceVerbs],
    });
  }
  if (type.subresources.token) {
    const { group, version, kind } = tokenRequestKind;
    subresources.push({ subresource: 'token', responseKind: { group, version, kind }, verbs: ['create'] });
  }
  if (subresources.length > 0) entry.subresources = subresources;
  return entry;
}

/** Aggregated discovery (`apidiscovery.k8s.io/v2` or `v2beta1`): `/api` holds the core group, `/apis` the rest. */
export function aggregatedDiscovery(
  registry: ResourceRegistry,
  core: boolean,
  version: 'v2' | 'v2beta1',
): unknown {
  const groups = registry.groups().filter((g) => (core ? g === '' : g !== ''));
  const items = groups.map((group) => ({
    metadata: core ? { creationTimestamp: null } : { name: group, creationTimestamp: null },
    versions: registry.versionsOf(group).map((v) => ({
      version: v,
      resources: typesAt(registry, group, v).map(discoveryResource),
      freshness: 'Current',
    })),
  }));
  return { kind: 'APIGroupDiscoveryList', apiVersion: `apidiscovery.k8s.io/${version}`, metadata: {}, items };
}
