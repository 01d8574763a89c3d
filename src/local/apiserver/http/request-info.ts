/** The HTTP verbs Kubernetes maps to API verbs. */
export type ApiVerb =
  | 'get'
  | 'list'
  | 'watch'
  | 'create'
  | 'update'
  | 'patch'
  | 'delete'
  | 'deletecollection';

/** A request for a resource, decoded from its URL like the real server's RequestInfo. */
export interface ResourceRequest {
  group: string;
  version: string;
  /** Empty for cluster-wide requests. */
  namespace: string;
  resource: string;
  name: string;
  subresource: string;
  verb: ApiVerb;
}

/**
 * Decodes `/api/v1/...` and `/apis/<group>/<version>/...` paths (including the legacy `/watch/` prefix).
 * Returns undefined for anything that is not a resource path (discovery, health, …).
 */
export function parseResourcePath(
  method: string,
  pathname: string,
  watchParam: boolean,
): ResourceRequest | undefined {
  const segments = pathname.split('/').filter(Boolean).map(decodeURIComponent);
  let group: string;
  let version: string;
  let rest: string[];
  if (segments[0] === 'api' && segments.length >= 3) {
    group = '';
    version = segments[1] ?? '';
    rest = segments.slice(2);
  } else if (segments[0] === 'apis' && segments.length >= 4) {
    group = segments[1] ?? '';
    version = segments[2] ?? '';
    rest = segments.slice(3);
  } else {
    return undefined;
  }
  let legacyWatch = false;
  if (rest[0] === 'watch') {
    legacyWatch = true;
    rest = rest.slice(1);
  }
  let namespace = '';
  let resource = rest[0] ?? '';
  let name = rest[1] ?? '';
  let subresource = rest.slice(2).join('/');
  const namespaceObject =
    rest.length <= 2 || (rest.length === 3 && (rest[2] === 'status' || rest[2] === 'finalize'));
  if (rest[0] === 'namespaces' && !namespaceObject) {
    // `/namespaces/<ns>/<resource>[/<name>[/<subresource>]]`
    namespace = rest[1] ?? '';
    resource = rest[2] ?? '';
    name = rest[3] ?? '';
    subresource = rest.slice(4).join('/');
  }
  const verb = verbFor(method, name !== '', watchParam || legacyWatch);
  if (!verb) return undefined;
  return { group, version, namespace, resource, name, subresource, verb };
}

function verbFor(method: string, named: boolean, watch: boolean): ApiVerb | undefined {
  switch (method) {
    case 'GET':
    case 'HEAD':
      if (watch) return 'watch';
      return named ? 'get' : 'list';
    case 'POST':
      return 'create';
    case 'PUT':
      return 'update';
    case 'PATCH':
      return 'patch';
    case 'DELETE':
      return named ? 'delete' : 'deletecollection';
    default:
      return undefined;
  }
}
