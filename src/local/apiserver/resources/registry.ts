import { apiVersionOf, type ResourceType } from './resource-type.js';

/** Listens for changes of the set of served resources (discovery caches, OpenAPI). */
export type RegistryListener = () => void;

/**
 * Every served group/version/resource: the built-ins plus what CRDs define. Lookups are by
 * URL coordinates (group, version, plural) or by kind.
 */
export class ResourceRegistry {
  private readonly byPath = new Map<string, ResourceType>();
  private readonly owners = new Map<string, ResourceType[]>();
  private readonly listeners = new Set<RegistryListener>();
  private generation = 0;

  /** Bumped on every change; caches compare it. */
  get version(): number {
    return this.generation;
  }

  /** Registers the types of one owner (`builtin`, or a CRD's name), replacing what that owner had. */
  setOwned(owner: string, types: readonly ResourceType[]): void {
    for (const old of this.owners.get(owner) ?? [])
      this.byPath.delete(pathKey(old.group, old.version, old.plural));
    if (types.length === 0) this.owners.delete(owner);
    else this.owners.set(owner, [...types]);
    for (const type of types) this.byPath.set(pathKey(type.group, type.version, type.plural), type);
    this.generation++;
    for (const listener of this.listeners) listener();
  }

  /** The type served at `/apis/<group>/<version>/<plural>`, if any. */
  lookup(group: string, version: string, plural: string): ResourceType | undefined {
    return this.byPath.get(pathKey(group, version, plural));
  }

  /** The type for an apiVersion + kind pair, if served. */
  lookupKind(apiVersion: string, kind: string): ResourceType | undefined {
    for (const type of this.byPath.values()) {
      if (type.kind === kind && apiVersionOf(type) === apiVersion) return type;
    }
    return undefined;
  }

  /** A type that serves the objects kept under `storageKey` (the first registered), if any. */
  byStorageKey(storageKey: string): ResourceType | undefined {
    for (const type of this.byPath.values()) if (type.storageKey === storageKey) return type;
    return undefined;
  }

  /** Every served type, grouped in a stable order (group, then version as registered). */
  all(): ResourceType[] {
    return [...this.byPath.values()];
  }

  /** The versions served for a group, preferred first. */
  versionsOf(group: string): string[] {
    const versions: string[] = [];
    for (const type of this.byPath.values()) {
      if (type.group === group && !versions.includes(type.version)) versions.push(type.version);
    }
    return versions.sort(compareKubeVersions);
  }

  /** Groups served, `''` (core) first. */
  groups(): string[] {
    const groups: string[] = [];
    for (const type of this.byPath.values()) if (!groups.includes(type.group)) groups.push(type.group);
    return groups;
  }

  /** Calls `listener` after every change. */
  onChange(listener: RegistryListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

function pathKey(group: string, version: string, plural: string): string {
  return `${group}/${version}/${plural}`;
}

const versionPattern = /^v(\d+)(?:(alpha|beta)(\d+))?$/;

/** Orders versions the way Kubernetes does: GA before beta before alpha, higher numbers first. */
export function compareKubeVersions(a: string, b: string): number {
  const ma = versionPattern.exec(a);
  const mb = versionPattern.exec(b);
  if (!ma || !mb) {
    if (ma) return -1;
    if (mb) return 1;
    return a.localeCompare(b);
  }
  const rank = (m: RegExpExecArray) => (m[2] === undefined ? 2 : m[2] === 'beta' ? 1 : 0);
  if (rank(ma) !== rank(mb)) return rank(mb) - rank(ma);
  if (ma[1] !== mb[1]) return Number(mb[1]) - Number(ma[1]);
  return Number(mb[3] ?? 0) - Number(ma[3] ?? 0);
}
