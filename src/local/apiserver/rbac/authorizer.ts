import type { UserInfo } from '../auth/user-info.js';
import type { PolicyRule } from './policy.js';
import type { RequestAttributes } from './request-attributes.js';

/** An authorizer's answer; `no-opinion` means "not allowed by me" (Kubernetes has no RBAC deny). */
export const Decision = { allow: 'allow', deny: 'deny', noOpinion: 'no-opinion' } as const;
export type Decision = (typeof Decision)[keyof typeof Decision];

/** A decision and the reason shown in 403 messages and access reviews. */
export interface AuthorizationResult {
  decision: Decision;
  /** `RBAC: allowed by …` when allowed; role lookup errors (`RBAC: clusterrole… not found`) when not. */
  reason: string;
}

/** The rules that apply to a user in a namespace (SelfSubjectRulesReview). */
export interface UserRules {
  rules: PolicyRule[];
  /** Problems met while collecting them (missing roles): the list may be incomplete. */
  errors: string[];
}

/** Decides whether a request is allowed. */
export interface Authorizer {
  /** The decision for one request. */
  authorize(attributes: RequestAttributes): AuthorizationResult;
  /** Every rule granted to `user` cluster-wide and in `namespace`. */
  rulesFor(user: UserInfo, namespace: string): UserRules;
}

/** Kubernetes' error aggregate text: one message as is, several as `[a, b]`, duplicates once. */
export function aggregateErrors(errors: readonly string[]): string {
  const unique = [...new Set(errors)];
  return unique.length === 1 ? (unique[0] ?? '') : `[${unique.join(', ')}]`;
}

/**
 * The API server's chain: members of a privileged group (`system:masters`) are allowed everything, then
 * the next authorizer (RBAC) decides.
 */
export class PrivilegedGroupAuthorizer implements Authorizer {
  constructor(
    private readonly groups: readonly string[],
    private readonly next: Authorizer,
  ) {}

  authorize(attributes: RequestAttributes): AuthorizationResult {
    if (attributes.user.groups.some((g) => this.groups.includes(g))) return { decision: 'allow', reason: '' };
    return this.next.authorize(attributes);
  }

  rulesFor(user: UserInfo, namespace: string): UserRules {
    const inner = this.next.rulesFor(user, namespace);
    if (!user.groups.some((g) => this.groups.includes(g))) return inner;
    const everything: PolicyRule[] = [
      { verbs: ['*'], apiGroups: ['*'], resources: ['*'], resourceNames: [], nonResourceURLs: [] },
      { verbs: ['*'], apiGroups: [], resources: [], resourceNames: [], nonResourceURLs: ['*'] },
    ];
    return { rules: [...everything, ...inner.rules], errors: inner.errors };
  }
}
