import type { IncomingMessage } from 'node:http';
import type { ResourceRequest } from '../http/request-info.js';
import { ApiError } from '../model/api-error.js';
import type { AuthorizationResult, Authorizer, UserRules } from '../rbac/authorizer.js';
import { forbidden } from '../rbac/forbidden.js';
import {
  nonResourceAttributes,
  type RequestAttributes,
  resourceAttributes,
} from '../rbac/request-attributes.js';
import { impersonate, wantsImpersonation } from './impersonation.js';
import type { ServiceAccountTokens } from './service-account-tokens.js';
import { adminUser, anonymousUser, type UserInfo } from './user-info.js';

/** One authorization decision, as the audit hook sees it. */
export interface AccessRecord {
  attributes: RequestAttributes;
  allowed: boolean;
  /** The authorizer's reason (`RBAC: allowed by …`, or why roles could not be read). */
  reason: string;
}

/** What access control is built from. */
export interface AccessControlOptions {
  /** Authenticate and authorize every request (RBAC on); otherwise everyone acts as the administrator. */
  enforce: boolean;
  /** The kubeconfig's bearer token: a `system:masters` user. */
  adminToken: string;
  tokens: ServiceAccountTokens;
  authorizer: Authorizer;
  /** Told every authorization decision of a request (audit, tests). */
  onDecision?: (record: AccessRecord) => void;
}

function unauthorized(): ApiError {
  return new ApiError('Unauthorized', 'Unauthorized');
}

/** `Authorization: Bearer <token>`; undefined without one. */
function bearerToken(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization;
  const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return match?.[1];
}

/**
 * Authentication (the administrator's token, service account tokens, else anonymous; a token that proves
 * nothing is a 401), impersonation and authorization of each request, as the real server's filters do.
 */
export class AccessControl {
  constructor(private readonly options: AccessControlOptions) {}

  /** Whether requests are checked at all. */
  get enforcing(): boolean {
    return this.options.enforce;
  }

  /** The user a request acts as (after impersonation); throws 401 for a bad token, 403 for refused impersonation. */
  authenticate(req: IncomingMessage): UserInfo {
    if (!this.options.enforce) return adminUser();
    const token = bearerToken(req);
    let requester = anonymousUser();
    if (token !== undefined) {
      const found = token === this.options.adminToken ? adminUser() : this.options.tokens.authenticate(token);
      if (!found) throw unauthorized();
      requester = found;
    }
    if (!wantsImpersonation(req.headers)) return requester;
    return impersonate(requester, req.headersDistinct, (attributes) => {
      const result = this.decide(attributes);
      return { allowed: result.decision === 'allow', reason: result.reason };
    });
  }

  /** Throws the real server's 403 unless the request is allowed. */
  authorize(attributes: RequestAttributes): void {
    const result = this.decide(attributes);
    if (result.decision !== 'allow') throw forbidden(attributes, result.reason);
  }

  /** The decision for a request (everything is allowed when not enforcing); told to `onDecision`. */
  decide(attributes: RequestAttributes): AuthorizationResult {
    const result = this.review(attributes);
    if (this.options.enforce)
      this.options.onDecision?.({ attributes, allowed: result.decision === 'allow', reason: result.reason });
    return result;
  }

  /** The decision an access review reports, without recording it as a request's. */
  review(attributes: RequestAttributes): AuthorizationResult {
    if (!this.options.enforce) return { decision: 'allow', reason: '' };
    return this.options.authorizer.authorize(attributes);
  }

  /** The rules granted to `user` in `namespace` (everything when not enforcing). */
  rulesFor(user: UserInfo, namespace: string): UserRules {
    if (!this.options.enforce) {
      const all = { verbs: ['*'], resourceNames: [] };
      return {
        rules: [
          { ...all, apiGroups: ['*'], resources: ['*'], nonResourceURLs: [] },
          { ...all, apiGroups: [], resources: [], nonResourceURLs: ['*'] },
        ],
        errors: [],
      };
    }
    return this.options.authorizer.rulesFor(user, namespace);
  }
}

/** The attributes of an HTTP request: a resource request (as decoded from its path) or a non-resource path. */
export function attributesOf(
  user: UserInfo,
  method: string,
  pathname: string,
  resource: ResourceRequest | undefined,
  params: URLSearchParams,
): RequestAttributes {
  if (!resource) return nonResourceAttributes(user, method.toLowerCase(), pathname);
  let { name, namespace } = resource;
  // A namespace addressed by name is inside itself (RoleBindings there may grant access to it).
  if (resource.resource === 'namespaces' && name && !namespace) namespace = name;
  if (!name && (resource.verb === 'list' || resource.verb === 'watch'))
    name = nameFromFieldSelector(params.get('fieldSelector'));
  return resourceAttributes(user, {
    verb: resource.verb,
    namespace,
    apiGroup: resource.group,
    apiVersion: resource.version,
    resource: resource.resource,
    subresource: resource.subresource,
    name,
  });
}

/** `metadata.name=<n>` (or `==`) in a field selector makes a list or watch one of a named object. */
function nameFromFieldSelector(selector: string | null): string {
  for (const term of (selector ?? '').split(',')) {
    const match = /^\s*metadata\.name\s*==?\s*([^\s=!]+)\s*$/.exec(term);
    if (match?.[1]) return match[1];
  }
  return '';
}
