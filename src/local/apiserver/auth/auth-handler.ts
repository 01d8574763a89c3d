import type { IncomingMessage, ServerResponse } from 'node:http';
import { contentTypeOf, parseBody, readBody } from '../http/body.js';
import type { ResourceRequest } from '../http/request-info.js';
import { sendJson } from '../http/respond.js';
import { methodNotAllowed } from '../model/api-error.js';
import { AccessReviewKinds, accessReview, rulesReview, selfSubjectReview } from '../rbac/access-reviews.js';
import type { ResourceRegistry } from '../resources/registry.js';
import type { ObjectStore } from '../store/object-store.js';
import type { AccessControl } from './access-control.js';
import type { ServiceAccountTokens } from './service-account-tokens.js';
import { tokenRequest } from './token-request.js';
import type { UserInfo } from './user-info.js';

/** What the authentication and authorization resources are served from. */
export interface AuthResourceDeps {
  store: ObjectStore;
  registry: ResourceRegistry;
  access: AccessControl;
  tokens: ServiceAccountTokens;
}

function isAccessReview(resource: string): resource is keyof typeof AccessReviewKinds {
  return Object.hasOwn(AccessReviewKinds, resource);
}

async function body(req: IncomingMessage): Promise<unknown> {
  return parseBody(contentTypeOf(req), await readBody(req));
}

/**
 * Serves what is not stored: TokenRequests (`serviceaccounts/<name>/token`), access reviews
 * (`authorization.k8s.io`) and SelfSubjectReviews; answers false for every other request.
 */
export async function handleAuthResource(
  deps: AuthResourceDeps,
  req: IncomingMessage,
  res: ServerResponse,
  request: ResourceRequest,
  requester: UserInfo,
): Promise<boolean> {
  const { group, version, resource, namespace, name, subresource, verb } = request;
  const type = deps.registry.lookup(group, version, resource);
  if (!type || type.namespaced !== (namespace !== '')) return false;
  if (group === '' && resource === 'serviceaccounts' && subresource === 'token' && name) {
    if (verb !== 'create')
      throw methodNotAllowed('the server does not allow this method on the requested resource');
    sendJson(res, 201, tokenRequest(deps, { namespace, name }, await body(req)));
    return true;
  }
  const review =
    (group === 'authorization.k8s.io' &&
      (isAccessReview(resource) || resource === 'selfsubjectrulesreviews')) ||
    (group === 'authentication.k8s.io' && resource === 'selfsubjectreviews');
  if (!review) return false;
  if (verb !== 'create' || name || subresource)
    throw methodNotAllowed('the server does not allow this method on the requested resource');
  const given = await body(req);
  if (isAccessReview(resource)) {
    sendJson(res, 201, accessReview(resource, given, { access: deps.access, requester, namespace }));
  } else if (resource === 'selfsubjectrulesreviews') {
    sendJson(res, 201, rulesReview(given, { access: deps.access, requester }));
  } else {
    sendJson(res, 201, selfSubjectReview(requester));
  }
  return true;
}
