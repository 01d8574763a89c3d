import { isNotFound, KubeApiError } from './kube-errors.js';
import type { TypeRef } from './kube-object.js';
import type { RestTransport } from './rest-client.js';

/** Where objects of a kind are served. */
export interface ResourceMapping {
  /** `/api/v1` or `/apis/<group>/<version>` */
  basePath: string;
  plural: string;
  namespaced: boolean;
}

interface ApiResourceList {
  resources?: { name: string; kind: string; namespaced: boolean }[];
}

/** Maps kinds to resource paths through discovery, cached per group/version and refreshed on a miss. */
export class RestMapper {
  private readonly cache = new Map<string, Promise<ApiResourceList | undefined>>();

  constructor(private readonly transport: RestTransport) {}

  /** The mapping for a kind; throws a 404 {@link KubeApiError} when the server does not serve it. */
  async mapping(type: TypeRef): Promise<ResourceMapping> {
    const basePath = type.apiVersion.includes('/') ? `/apis/${type.apiVersion}` : `/api/${type.apiVersion}`;
    let found = await this.find(basePath, type.kind, false);
    // A CRD installed after the first lookup: ask again once.
    found ??= await this.find(basePath, type.kind, true);
    if (!found) {
      throw new KubeApiError(
        404,
        'NotFound',
        `the server doesn't have a resource type for kind "${type.kind}" in "${type.apiVersion}"`,
      );
    }
    return { basePath, plural: found.name, namespaced: found.namespaced };
  }

  private async find(
    basePath: string,
    kind: string,
    refresh: boolean,
  ): Promise<{ name: string; namespaced: boolean } | undefined> {
    let list = refresh ? undefined : this.cache.get(basePath);
    if (!list) {
      list = this.transport
        .request<ApiResourceList>({ method: 'GET', path: basePath })
        .catch((error: unknown) => {
          if (isNotFound(error)) return undefined;
          this.cache.delete(basePath);
          throw error;
        });
      this.cache.set(basePath, list);
    }
    const resources = (await list)?.resources ?? [];
    return resources.find((r) => r.kind === kind && !r.name.includes('/'));
  }
}
